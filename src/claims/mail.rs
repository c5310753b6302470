//! The mail of claiming and invitations, in the recipient's language (plain text only).

use crate::i18n::*;
use crate::platform::mail::{locale, Mail};

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

/// To an editor another editor took off a community.
pub fn editor_removed(lang: &str, community: &str, by: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_editor_removed_subject, community).to_string(),
        body: td_string!(l, mail_editor_removed_body, community, by).to_string(),
    }
}
