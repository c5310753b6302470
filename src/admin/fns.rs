//! The admin domain's server functions: thin shells over `service`.

use super::model::{AuditLogPage, RoleHolder};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// Entries on one page of the log.
pub const PER_PAGE: i64 = 50;

/// One page of the log, newest first; `action` (exact) and `actor` (part of an address)
/// narrow it when not empty. Administrators only.
#[server(prefix = "/api", endpoint = "audit_log", output = crate::codec::Answer)]
pub async fn audit_log(
    #[server(default)] page: i64,
    #[server(default)] action: String,
    #[server(default)] actor: String,
) -> Result<AuditLogPage, AppError> {
    service::audit_log(&Ctx::current()?, page, &action, &actor).await
}

/// An admin gives a role (`member`, `coordinator`, `admin`) to the account with this address.
#[server(prefix = "/api", endpoint = "set_role", output = crate::codec::Answer)]
pub async fn set_role(email: String, role: String) -> Result<(), AppError> {
    service::set_role(&Ctx::current()?, &email, &role).await
}

/// Every account holding a role above member, with its second factor and last activity.
/// Administrators only.
#[server(prefix = "/api", endpoint = "role_holders", output = crate::codec::Answer)]
pub async fn role_holders() -> Result<Vec<RoleHolder>, AppError> {
    service::role_holders(&Ctx::current()?).await
}
