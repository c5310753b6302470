//! The confirmation a page shows after a form succeeded: `?done=<key>` in the address (see
//! [`crate::links::Notice`]) becomes a sentence in the reader's language.

use crate::i18n::*;
use crate::links::Notice;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sentence of a notice, in `l`.
pub fn notice_text(l: Locale, notice: Notice) -> String {
    match notice {
        Notice::SignedUp => td_string!(l, notice_signed_up),
        Notice::EmailVerified => td_string!(l, notice_verified),
        Notice::VerificationSent => td_string!(l, notice_verification_sent),
        Notice::PasswordChanged => td_string!(l, notice_password_changed),
        Notice::EmailSent => td_string!(l, notice_email_sent),
        Notice::EmailChanged => td_string!(l, notice_email_changed),
        Notice::TotpOn => td_string!(l, notice_totp_on),
        Notice::TotpOff => td_string!(l, notice_totp_off),
        Notice::NeedsSecondFactor => td_string!(l, notice_needs_2fa),
        Notice::Invited => td_string!(l, notice_invited),
        Notice::Joined => td_string!(l, notice_joined),
        Notice::SignedOutEverywhere => td_string!(l, notice_signed_out_everywhere),
        Notice::SessionEnded => td_string!(l, notice_session_ended),
        Notice::ResetSent => td_string!(l, notice_reset_sent),
        Notice::ChangeCancelled => td_string!(l, notice_change_cancelled),
        Notice::ClaimSent => td_string!(l, notice_claim_sent),
        Notice::CardVerified => td_string!(l, notice_verified_card),
        Notice::Published => td_string!(l, notice_published),
        Notice::Merged => td_string!(l, notice_merged),
        Notice::Decided => td_string!(l, notice_decided),
        Notice::RoleChanged => td_string!(l, notice_role),
        Notice::DraftSaved => td_string!(l, notice_draft_saved),
        Notice::Restored => td_string!(l, notice_restored),
        Notice::Uploaded => td_string!(l, notice_uploaded),
        Notice::PictureRemoved => td_string!(l, notice_removed),
        Notice::AccountDeleted => td_string!(l, notice_account_deleted),
        Notice::EditorRemoved => td_string!(l, notice_editor_removed),
        Notice::InvitationWithdrawn => td_string!(l, notice_invitation_withdrawn),
        Notice::ClaimPending => td_string!(l, notice_claim_pending),
        Notice::RequestSent => td_string!(l, notice_request_sent),
        Notice::RequestExists => td_string!(l, notice_request_exists),
        Notice::MessageSent => td_string!(l, notice_message_sent),
        Notice::Withdrawn => td_string!(l, notice_withdrawn),
        Notice::RequestForgotten => td_string!(l, notice_request_forgotten),
        Notice::PairMoved => td_string!(l, notice_pair_moved),
        Notice::IntroducedTo => td_string!(l, notice_introduced),
        Notice::Assigned => td_string!(l, notice_assigned),
        Notice::RequestClosed => td_string!(l, notice_request_closed),
        Notice::ReachedOutside => td_string!(l, notice_reached_outside),
        Notice::BulkDone => td_string!(l, notice_bulk_done),
        Notice::ActivityAdded => td_string!(l, notice_activity_added),
        Notice::Imported => td_string!(l, notice_imported),
    }
    .to_string()
}

/// The notice the page's address carries, if it is one of `accepted` (a page shows only its
/// own: a crafted `?done=` elsewhere shows nothing).
pub fn use_url_notice(accepted: &'static [Notice]) -> Memo<Option<Notice>> {
    let q = use_query_map();
    Memo::new(move |_| {
        q.read()
            .get(Notice::PARAM)
            .and_then(|k| Notice::from_key(&k))
            .filter(|n| accepted.contains(n))
    })
}

/// The notice of the page's address, as a status message.
#[component]
pub fn UrlNotice(accepted: &'static [Notice]) -> impl IntoView {
    let i18n = use_i18n();
    let notice = use_url_notice(accepted);
    view! {
        <NoticeBox text=Signal::derive(move || {
            notice.get().map(|n| notice_text(i18n.get_locale(), n))
        }) />
    }
}

/// A confirmation shown after something succeeded.
#[component]
pub fn NoticeBox(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    move || {
        text.get().map(|t| {
            view! {
                <p
                    role="status"
                    data-testid="notice"
                    class="rounded border border-green-300 bg-green-50 p-3 text-green-900"
                >
                    {t}
                </p>
            }
        })
    }
}
