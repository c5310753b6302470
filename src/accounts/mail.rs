//! The mail the accounts domain sends, in the recipient's language (plain text only).

use crate::i18n::*;
use crate::platform::mail::{locale, Mail};

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
pub fn email_changing(lang: &str, new_email: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_email_notice_subject).to_string(),
        body: td_string!(l, mail_email_notice_body, email = new_email, link).to_string(),
    }
}
