//! The messages we send, in the recipient's interface language. Plain text only: nothing a
//! user typed can become markup in a mail client.

use crate::i18n::*;

pub struct Mail {
    pub subject: String,
    pub body: String,
}

fn locale(lang: &str) -> Locale {
    lang.parse().unwrap_or(Locale::uk)
}

/// Confirms the address given at sign-up.
pub fn verify(lang: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_verify_subject).to_string(),
        body: td_string!(l, mail_verify_body, link).to_string(),
    }
}

/// A link to set a new password.
pub fn reset(lang: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_reset_subject).to_string(),
        body: td_string!(l, mail_reset_body, link).to_string(),
    }
}

/// Confirms a new address for an account (sent to the new address).
pub fn email_change(lang: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_email_subject).to_string(),
        body: td_string!(l, mail_email_body, link).to_string(),
    }
}

/// Tells the old address that the account's address is changing.
pub fn email_changing(lang: &str, new_email: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_email_notice_subject).to_string(),
        body: td_string!(l, mail_email_notice_body, email = new_email).to_string(),
    }
}

/// To coordinators: a request to edit a community is waiting.
pub fn claim_waiting(lang: &str, community: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_claim_waiting_subject, community).to_string(),
        body: td_string!(l, mail_claim_waiting_body, community, link).to_string(),
    }
}

pub fn claim_approved(lang: &str, community: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_claim_approved_subject, community).to_string(),
        body: td_string!(l, mail_claim_approved_body, community, link).to_string(),
    }
}

pub fn claim_rejected(lang: &str, community: &str, reason: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_claim_rejected_subject, community).to_string(),
        body: td_string!(l, mail_claim_rejected_body, community, reason).to_string(),
    }
}

pub fn invitation(lang: &str, inviter: &str, community: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_invitation_subject, community).to_string(),
        body: td_string!(l, mail_invitation_body, inviter, community, link).to_string(),
    }
}
