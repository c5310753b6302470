//! What the admin domain's server functions do.

use super::fns::PER_PAGE;
use super::model::{AuditLogPage, RoleHolder};
use super::store;
use crate::accounts::model::normalize_email;
use crate::error::{AppError, Problem};
use crate::identity::Role;
use crate::links::{self, Notice};
use crate::platform::audit::AuditAction;
use crate::platform::input::text_field;
use crate::platform::Ctx;

pub async fn audit_log(
    ctx: &Ctx,
    page: i64,
    action: &str,
    actor: &str,
) -> Result<AuditLogPage, AppError> {
    let admin = ctx.admin().await?;
    let action = text_field("action", action, false, 64, false)?;
    let actor = text_field("actor", actor, false, 254, false)?.to_lowercase();
    let total = store::count(ctx.db(), &admin, &action, &actor).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let entries = store::page(ctx.db(), &admin, &action, &actor, page, PER_PAGE).await?;
    Ok(AuditLogPage {
        entries,
        total,
        page,
        pages,
        actions: AuditAction::ALL
            .iter()
            .map(|a| a.key().to_string())
            .collect(),
    })
}

pub async fn set_role(ctx: &Ctx, email: &str, role: &str) -> Result<(), AppError> {
    let admin = ctx.admin().await?;
    let email = normalize_email(email)?;
    let role = Role::from_key(role).ok_or_else(|| AppError::invalid("role", Problem::Required))?;
    match store::set_role(ctx.db(), &admin, &email, role).await? {
        store::RoleChange::Changed => {}
        store::RoleChange::NoAccount => return Err(AppError::invalid("email", Problem::NoAccount)),
        store::RoleChange::Unconfirmed => {
            return Err(AppError::invalid("email", Problem::Unverified))
        }
    }
    ctx.audit(
        Some(admin.id()),
        AuditAction::RoleChanged,
        &email,
        role.key(),
    )
    .await;
    ctx.redirect(&Notice::RoleChanged.on(links::COORDINATOR));
    Ok(())
}

/// Who holds which role (administrators only).
pub async fn role_holders(ctx: &Ctx) -> Result<Vec<RoleHolder>, AppError> {
    let admin = ctx.admin().await?;
    Ok(store::role_holders(ctx.db(), &admin).await?)
}
