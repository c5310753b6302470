//! Who is signed in, as the interface sees it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A signed-in person; may edit the communities they were made editors of.
    Member,
    /// Approves editors, verifies profiles, brokers partnerships.
    Coordinator,
    /// Everything a coordinator may, and appoints coordinators.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "member" => Some(Role::Member),
            "coordinator" => Some(Role::Coordinator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Coordinators and admins must use a second factor.
    pub fn needs_second_factor(self) -> bool {
        !matches!(self, Role::Member)
    }
}

/// The signed-in user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub email_verified: bool,
    pub totp_enabled: bool,
}

impl CurrentUser {
    /// A coordinator or admin whose second factor is set up (without it they act as members).
    pub fn is_coordinator(&self) -> bool {
        self.role.needs_second_factor() && self.totp_enabled
    }
}

/// A new second factor being set up: the secret to type in, and its `otpauth://` QR code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    pub qr_svg: String,
}

/// A request to become an editor, as a coordinator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ClaimView {
    pub id: String,
    pub community_slug: String,
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
pub struct MyCommunity {
    pub slug: String,
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

/// A card as its editor gets it: the published fields and version, and their own draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editable {
    pub slug: String,
    pub name_uk: String,
    pub name_latin: String,
    /// The published version (0 = never written).
    pub version: i64,
    pub published: crate::model::profile_form::Fields,
    pub draft: Option<Draft>,
    /// Pictures are published as they are uploaded, apart from the form.
    pub logo: Option<crate::model::profile::Image>,
    pub photos: Vec<crate::model::profile::Image>,
}

/// Unpublished edits kept on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub fields: crate::model::profile_form::Fields,
    /// The version the edits started from; older than the published one means a conflict.
    pub base_version: i64,
    pub updated_at: i64,
}

/// One published version in a card's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionEntry {
    pub version: i64,
    pub author: String,
    pub created_at: i64,
    pub restored_from: Option<i64>,
    /// Fields that changed from the version before.
    pub changed: Vec<String>,
}

/// One field's value before and after a revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One line of the audit log, as an administrator reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    /// Unix seconds.
    pub at: i64,
    /// The acting account's address (none for a visitor or a removed account).
    pub actor: Option<String>,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

/// A page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLogPage {
    pub entries: Vec<AuditEntry>,
    /// Entries matching the filters, on every page.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Every action the log holds, for the filter.
    pub actions: Vec<String>,
}
