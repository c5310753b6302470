//! The claims domain's server functions: thin shells over `service`.

use super::model::{Access, CardQueue, ClaimView, MyClaim, MyCommunity};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// What the reader may do on this community's page.
#[server(prefix = "/api", endpoint = "my_access", output = crate::codec::Answer)]
pub async fn my_access(slug: String) -> Result<Access, AppError> {
    service::my_access(&Ctx::current()?, &slug).await
}

/// Asks to become an editor of a community (confirmed address required).
#[server(prefix = "/api", endpoint = "claim_community", output = crate::codec::Answer)]
pub async fn claim_community(
    slug: String,
    position: String,
    evidence: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    service::claim_community(&Ctx::current()?, &slug, &position, &evidence, &message).await
}

/// The queue beyond claims (coordinators only): edited cards to verify, and cards not
/// updated for a year.
#[server(prefix = "/api", endpoint = "card_queue", output = crate::codec::Answer)]
pub async fn get_card_queue() -> Result<CardQueue, AppError> {
    service::card_queue(&Ctx::current()?).await
}

/// Requests waiting for a decision (coordinators only), oldest first.
#[server(prefix = "/api", endpoint = "pending_claims", output = crate::codec::Answer)]
pub async fn pending_claims() -> Result<Vec<ClaimView>, AppError> {
    service::pending_claims(&Ctx::current()?).await
}

/// Approves (`decision` = `approve`) or rejects (`reject`, with a reason) a request; the
/// person is told by mail.
#[server(prefix = "/api", endpoint = "decide_claim", output = crate::codec::Answer)]
pub async fn decide_claim(
    id: String,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    service::decide_claim(&Ctx::current()?, &id, &decision, &reason).await
}

/// The signed-in user's requests to edit that wait for a coordinator.
#[server(prefix = "/api", endpoint = "my_claims", output = crate::codec::Answer)]
pub async fn my_claims() -> Result<Vec<MyClaim>, AppError> {
    service::my_claims(&Ctx::current()?).await
}

/// The communities the signed-in user edits.
#[server(prefix = "/api", endpoint = "my_communities", output = crate::codec::Answer)]
pub async fn my_communities() -> Result<Vec<MyCommunity>, AppError> {
    service::my_communities(&Ctx::current()?).await
}

/// An editor invites a colleague by address to edit the same community.
#[server(prefix = "/api", endpoint = "invite_editor", output = crate::codec::Answer)]
pub async fn invite_editor(slug: String, email: String) -> Result<(), AppError> {
    service::invite_editor(&Ctx::current()?, &slug, &email).await
}

/// Takes an editor off a community (`user` is their id; one's own id leaves it).
#[server(prefix = "/api", endpoint = "remove_editor", output = crate::codec::Answer)]
pub async fn remove_editor(slug: String, user: String) -> Result<(), AppError> {
    service::remove_editor(&Ctx::current()?, &slug, &user).await
}

/// Withdraws an invitation that was not accepted yet.
#[server(prefix = "/api", endpoint = "withdraw_invitation", output = crate::codec::Answer)]
pub async fn withdraw_invitation(slug: String, id: String) -> Result<(), AppError> {
    service::withdraw_invitation(&Ctx::current()?, &slug, &id).await
}

/// Accepts an invitation with the signed-in account the invitation was sent to.
#[server(prefix = "/api", endpoint = "accept_invitation", output = crate::codec::Answer)]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    service::accept_invitation(&Ctx::current()?, &token).await
}

/// Marks a card verified (or not) by a coordinator, with the date it was checked.
#[server(prefix = "/api", endpoint = "set_verified", output = crate::codec::Answer)]
pub async fn set_verified(
    slug: String,
    verified: String,
    #[server(default)] date: String,
) -> Result<(), AppError> {
    service::set_verified(&Ctx::current()?, &slug, &verified, &date).await
}
