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
    pub user_name: String,
    pub user_email: String,
    pub position: String,
    pub evidence: String,
    pub message: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A community the signed-in user edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyCommunity {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
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
