//! The admin domain's shared types: the audit log as an administrator reads it, and who
//! holds which role.

use serde::{Deserialize, Serialize};

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
    /// When the target is a community: its address and names (both scripts).
    #[serde(default)]
    pub target_slug: Option<String>,
    #[serde(default)]
    pub target_name_uk: Option<String>,
    #[serde(default)]
    pub target_name_latin: Option<String>,
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

/// An account holding a role above member, as administrators see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleHolder {
    pub email: String,
    pub name: String,
    /// `coordinator` or `admin`.
    pub role: String,
    pub second_factor: bool,
    /// When the role was last given (unix seconds; none when the log has no record of it,
    /// e.g. the first administrator made with the command line's `admin create`).
    pub role_since: Option<i64>,
    /// The latest use of any of its sessions (unix seconds).
    pub last_seen: Option<i64>,
}
