//! The claims domain's shared types: requests to edit a community as coordinators see them,
//! the communities a person edits, and what a reader may do on a community's page.

use crate::identity::Slug;
use serde::{Deserialize, Serialize};

keyed! {
    /// Where a request to edit a community stands (the `status` column of `claims`).
    pub enum ClaimStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

/// A request to become an editor, as a coordinator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ClaimView {
    pub id: String,
    pub community_slug: Slug,
    pub community_name: String,
    #[serde(default)]
    pub community_name_latin: String,
    pub user_name: String,
    pub user_email: String,
    pub position: String,
    pub evidence: String,
    pub message: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A community the signed-in user edits, with the people who edit it with them and the
/// invitations not yet accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyCommunity {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub team: Vec<TeamMember>,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub invitations: Vec<PendingInvitation>,
}

/// A request of the signed-in user to edit a community, waiting for a coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyClaim {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// One of a community's editors, as the other editors see them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamMember {
    pub id: String,
    pub name: String,
    pub email: String,
    /// The reader themselves.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub you: bool,
}

/// An invitation to edit a community that was sent and not yet accepted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PendingInvitation {
    /// The invitation's key (a hash of its link's secret, which it does not reveal).
    pub id: String,
    pub email: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// What the signed-in reader may do on a community's page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Access {
    pub signed_in: bool,
    pub can_edit: bool,
    pub coordinator: bool,
    /// Their request to edit this community is waiting for a coordinator.
    pub pending_claim: bool,
}

/// A card in the coordinators' queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueCard {
    pub slug: Slug,
    pub name: String,
    pub name_latin: String,
    /// The last publication (unix seconds).
    pub updated_at: i64,
    /// The day a coordinator last checked it, if ever (unix seconds).
    pub last_verified: Option<i64>,
}

/// The coordinators' queue beyond claims: edited cards no coordinator has checked (or not for
/// a year), and cards their editors have not updated for a year; each list the first
/// [`QUEUE_SHOWN`] with its full count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CardQueue {
    pub to_verify: Vec<QueueCard>,
    pub to_verify_total: i64,
    pub stale: Vec<QueueCard>,
    pub stale_total: i64,
}

/// How many of each list the queue shows.
pub const QUEUE_SHOWN: i64 = 20;

/// After how long a check or a card counts as old (days).
pub const QUEUE_STALE_DAYS: i64 = 365;
