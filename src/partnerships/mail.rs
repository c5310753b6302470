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

/// To a community's editors: a municipality asks their community for a partnership.
pub fn editors_asked(lang: &str, community: &str, municipality: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_editors_asked_subject, community, municipality).to_string(),
        body: td_string!(l, mail_editors_asked_body, community, municipality, link).to_string(),
    }
}

/// To a community's editors: coordinators introduce a request to their community.
pub fn introduced(lang: &str, community: &str, municipality: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_introduced_subject, community, municipality).to_string(),
        body: td_string!(l, mail_introduced_body, community, municipality, link).to_string(),
    }
}

/// To the other side of a move: the pair of `municipality` and `community` is now at `to`.
pub fn stage_changed(
    lang: &str,
    municipality: &str,
    community: &str,
    to: crate::partnerships::stage::Stage,
    link: &str,
) -> Mail {
    let l = locale(lang);
    let stage = super::pages::stage_label(l, to);
    Mail {
        subject: td_string!(l, mail_stage_subject, municipality, community, stage).to_string(),
        body: td_string!(l, mail_stage_body, municipality, community, stage, link).to_string(),
    }
}

/// To the requester: someone answered in the conversation (the text stays on the page).
pub fn reply(lang: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_reply_subject).to_string(),
        body: td_string!(l, mail_reply_body, link).to_string(),
    }
}

/// To a coordinator: the pairs gone quiet, one line each (`lines`), once a week.
pub fn digest(lang: &str, count: usize, lines: &str, link: &str) -> Mail {
    let l = locale(lang);
    let count = count.to_string();
    Mail {
        subject: td_string!(l, mail_digest_subject, n = count.as_str()).to_string(),
        body: td_string!(l, mail_digest_body, n = count.as_str(), lines, link).to_string(),
    }
}

/// To a community's editors: a partnership has had no joint action for a year.
pub fn dormant(lang: &str, partner: &str, link: &str) -> Mail {
    let l = locale(lang);
    Mail {
        subject: td_string!(l, mail_dormant_subject, partner).to_string(),
        body: td_string!(l, mail_dormant_body, partner, link).to_string(),
    }
}
