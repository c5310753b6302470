//! Every address of the site, in one place: pages, files and endpoints, without the language
//! prefix (`lang::localize` adds it for a reader, `lang::use_href` inside a page).
//!
//! The route table in `app.rs` spells the same paths as patterns (`/c/:slug`), which the
//! router's macro needs as literals; everything that builds a link calls a function here.

use crate::identity::Slug;

pub const HOME: &str = "/";
pub const CATALOGUE: &str = "/communities";
pub const ABOUT: &str = "/about";
pub const ACCOUNT: &str = "/account";
pub const SIGN_UP: &str = "/account/signup";
pub const SIGN_IN: &str = "/account/signin";
pub const FORGOT: &str = "/account/forgot";
pub const COORDINATOR: &str = "/coordinator";
pub const AUDIT: &str = "/coordinator/audit";
pub const LANGUAGE_SWITCH: &str = "/lang";

/// A community's business card.
pub fn community(slug: &Slug) -> String {
    format!("/c/{slug}")
}

/// "Request a partnership" with this community.
pub fn partner_request(slug: &Slug) -> String {
    format!("/c/{slug}/partner")
}

/// "Find us a partner": a general request, coordinators to find the community.
pub const FIND_PARTNER: &str = "/partner";
/// The reader's shortlist of communities, side by side (`catalogue::shortlist`).
pub const SHORTLIST: &str = "/shortlist";

/// The open registry of partnerships.
pub const REGISTRY: &str = "/partnerships";

/// Live statistics of the registry and the pipeline.
pub const STATS: &str = "/stats";

/// One partnership of the registry.
pub fn partnership(id: &str) -> String {
    format!("/p/{id}")
}

/// Coordinators import partnerships from a list.
pub const IMPORT: &str = "/coordinator/partnerships/import";

/// One import's dry run, to resolve and confirm.
pub fn import_batch(id: &str) -> String {
    format!("/coordinator/partnerships/import/{id}")
}

/// The coordinators' desk of partnership requests.
pub const DESK: &str = "/coordinator/requests";

/// One request as coordinators work on it.
pub fn desk_case(request: &str) -> String {
    format!("/coordinator/requests/{request}")
}

/// The requests and introductions a community's editors answer.
pub fn community_requests(slug: &Slug) -> String {
    format!("/c/{slug}/requests")
}

/// A partnership request as its requester follows it: the private link mailed to them.
pub fn request_status(token: &str) -> String {
    format!("/requests/{token}")
}

/// What the platform keeps about whom, who sees it, for how long, and how to have it deleted.
pub const PRIVACY: &str = "/privacy";
/// Who runs the site, and whom to ask about what.
pub const IMPRINT: &str = "/imprint";
/// The accessibility statement.
pub const ACCESSIBILITY: &str = "/accessibility";

/// Asking to become an editor of the community's card.
pub fn claim(slug: &Slug) -> String {
    format!("/c/{slug}/claim")
}

/// The card's editor.
pub fn editor(slug: &Slug) -> String {
    format!("/c/{slug}/edit")
}

/// The card's published versions.
pub fn history(slug: &Slug) -> String {
    format!("/c/{slug}/history")
}

/// The card's link-preview image (1200×630 PNG), written in `lang` (e.g. `de`).
pub fn card_image(slug: &Slug, lang: &str) -> String {
    format!("/c/{slug}/card.png?lang={lang}")
}

/// A QR code of the card's address.
pub fn qr_code(slug: &Slug) -> String {
    format!("/c/{slug}/qr.svg")
}

/// Where the editor uploads pictures.
pub fn upload(slug: &Slug) -> String {
    format!("/api/upload/{slug}")
}

/// A stored picture.
pub fn media(key: &str) -> String {
    format!("/media/{key}")
}

/// A European municipality of the directory.
pub fn municipality(country: &str, slug: &str) -> String {
    format!("/m/{country}/{slug}")
}

/// Signing in, then going on to `return_to` (a local path).
pub fn sign_in_then(return_to: &str) -> String {
    format!("{SIGN_IN}?return_to={}", encode(return_to))
}

/// The second step of signing in, then going on to `return_to`.
pub fn second_factor_then(return_to: &str) -> String {
    format!("/account/2fa?return_to={}", encode(return_to))
}

/// Pages that mailed links open (each shows a button; nothing changes on GET).
pub fn verify_email(token: &str) -> String {
    format!("/account/verify?token={token}")
}

pub fn reset_password(token: &str) -> String {
    format!("/account/reset?token={token}")
}

pub fn confirm_email_change(token: &str) -> String {
    format!("/account/email?token={token}")
}

pub fn cancel_email_change(token: &str) -> String {
    format!("/account/cancel?token={token}")
}

pub fn invitation(token: &str) -> String {
    format!("/account/invitation?token={token}")
}

/// One page of the audit log, filtered.
pub fn audit(page: i64, action: &str, actor: &str) -> String {
    format!(
        "{AUDIT}?action={}&actor={}&page={page}",
        encode(action),
        encode(actor)
    )
}

/// The open data endpoints.
pub mod api {
    pub const COMMUNITIES: &str = "/api/v1/communities";
    pub const COMMUNITIES_CSV: &str = "/api/v1/communities.csv";
    pub const SEARCH: &str = "/api/v1/search";
    pub const MUNICIPALITIES_SEARCH: &str = "/api/v1/municipalities/search";
    pub const OPENAPI: &str = "/api/v1/openapi.json";
    pub const PARTNERSHIPS_CSV: &str = "/api/v1/partnerships.csv";
    pub const PARTNERSHIPS_JSON: &str = "/api/v1/partnerships.json";

    pub fn community(slug: &crate::identity::Slug) -> String {
        format!("{COMMUNITIES}/{slug}")
    }
}

/// `path` with `key=value` added to its query (before any `#fragment`).
pub fn with_param(path: &str, key: &str, value: &str) -> String {
    let (base, fragment) = match path.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (path, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut out = format!("{base}{sep}{key}={}", encode(value));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Percent-encoding for a URL query value (RFC 3986 unreserved characters pass). Kept here
/// rather than taken from a crate: it is ten lines, and the browser bundle has a byte budget.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_go_before_the_fragment() {
        assert_eq!(
            with_param("/account#security", "done", "totp_on"),
            "/account?done=totp_on#security"
        );
        assert_eq!(
            with_param("/c/x/edit?a=1", "done", "a b"),
            "/c/x/edit?a=1&done=a%20b"
        );
    }

    #[test]
    fn paths_of_a_community() {
        let s = Slug::parse("hoshchanska").unwrap();
        assert_eq!(editor(&s), "/c/hoshchanska/edit");
        assert_eq!(
            sign_in_then(&editor(&s)),
            "/account/signin?return_to=%2Fc%2Fhoshchanska%2Fedit"
        );
        assert_eq!(encode("Київ"), "%D0%9A%D0%B8%D1%97%D0%B2");
    }
}

keyed! {
    /// What a page confirms after a form succeeded: the server function redirects to the
    /// page with `?done=<key>`, and the page shows the sentence (`ui::notice`).
    pub enum Notice {
        SignedUp = "signed_up",
        EmailVerified = "verified",
        VerificationSent = "verification_sent",
        PasswordChanged = "password",
        EmailSent = "email_sent",
        EmailChanged = "email_changed",
        TotpOn = "totp_on",
        TotpOff = "totp_off",
        NeedsSecondFactor = "needs_2fa",
        Invited = "invited",
        Joined = "joined",
        SignedOutEverywhere = "signed_out_everywhere",
        SessionEnded = "session_ended",
        ResetSent = "reset_sent",
        ChangeCancelled = "change_cancelled",
        ClaimSent = "claim_sent",
        CardVerified = "card_verified",
        Published = "published",
        Merged = "merged",
        Decided = "decided",
        RoleChanged = "role",
        DraftSaved = "draft",
        Restored = "restored",
        Uploaded = "uploaded",
        PictureRemoved = "removed",
        AccountDeleted = "account_deleted",
        EditorRemoved = "editor_removed",
        InvitationWithdrawn = "invitation_withdrawn",
        ClaimPending = "claim_pending",
        RequestSent = "request_sent",
        RequestExists = "request_exists",
        MessageSent = "message_sent",
        Withdrawn = "withdrawn",
        RequestForgotten = "request_forgotten",
        PairMoved = "moved",
        IntroducedTo = "introduced",
        Assigned = "assigned",
        RequestClosed = "request_closed",
        ReachedOutside = "reached_outside",
        BulkDone = "bulk_done",
        ActivityAdded = "activity_added",
        Imported = "imported",
    }
}

impl Notice {
    /// The URL parameter that carries a notice.
    pub const PARAM: &'static str = "done";

    /// `path` with this notice (before any `#fragment`).
    pub fn on(self, path: &str) -> String {
        with_param(path, Self::PARAM, self.key())
    }
}

/// Every URL parameter a page reads (besides `token`, whose pages are never stored): the
/// page cache keeps pages by their path and these, so made-up parameters (`?x=1`, `?x=2`, …)
/// neither make new entries nor push real pages out.
pub const PAGE_PARAMS: &[&str] = &[
    // The catalogue (catalogue::query::CatalogueQuery).
    "q",
    "oblast",
    "raion",
    "kind",
    "pop",
    "offers",
    "needs",
    "situation",
    "seeks",
    "partners",
    "trust",
    "lang_spoken",
    "sort",
    "near",
    "page",
    "lang",
    "view",
    "z",
    "at",
    // Notices, errors and the way back.
    "done",
    "upload_error",
    "return_to",
    // The audit log.
    "action",
    "actor",
    // The registry of partnerships (partnerships::model::RegistryFilter; "oblast", "kind",
    // "sort", "page" and "view" above).
    "country",
    "theme",
    "state",
    "origin",
    "year",
];
