//! The mail of partnership requests, in the recipient's language (plain text only). Mail
//! about a conversation names the request and links to it, never repeating its text (it
//! may hold personal data).

use crate::i18n::*;
use crate::platform::mail::{locale, Mail};

/// To the requester: the request is filed, with its private link.
pub fn request_received(lang: &str, community: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_request_received_subject, community).to_string(),
        body: td_string!(l, mail_request_received_body, community, link).to_string(),
    }
}

/// To the requester who asked again: the link to the request they already have.
pub fn request_again(lang: &str, community: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_request_again_subject, community).to_string(),
        body: td_string!(l, mail_request_again_body, community, link).to_string(),
    }
}

/// To coordinators: a municipality asks for a partnership with a community.
pub fn request_waiting(lang: &str, community: &str, municipality: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_request_waiting_subject, community, municipality).to_string(),
        body: td_string!(l, mail_request_waiting_body, community, municipality, link).to_string(),
    }
}

/// To coordinators: the requester wrote into the conversation.
pub fn new_message(lang: &str, municipality: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_request_message_subject, municipality).to_string(),
        body: td_string!(l, mail_request_message_body, municipality, link).to_string(),
    }
}

/// To coordinators: the requester took the request back.
pub fn withdrawn(lang: &str, municipality: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_request_withdrawn_subject, municipality).to_string(),
        body: td_string!(l, mail_request_withdrawn_body, municipality, link).to_string(),
    }
}
