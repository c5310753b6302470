//! The admin domain's SQL: pages of the audit log, and roles. Each takes the [`Admin`] proof.

use super::model::{AuditEntry, RoleHolder};
use crate::identity::Role;
use crate::platform::db::Db;
use crate::platform::guards::Admin;

const FILTER_FROM: &str = "FROM audit_log a LEFT JOIN users u ON u.id = a.actor";
const FILTER_WHERE: &str = "WHERE ($1 = '' OR a.action = $1) \
     AND ($2 = '' OR LOWER(u.email) LIKE $3 ESCAPE '\\')";

/// `%part%` with `%` and `_` in the part as literal characters, not patterns.
fn pattern(actor: &str) -> String {
    format!(
        "%{}%",
        actor
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// Entries matching the filters.
pub async fn count(db: &Db, _: &Admin, action: &str, actor: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) {FILTER_FROM} {FILTER_WHERE}"))
        .bind(action)
        .bind(actor)
        .bind(pattern(actor))
        .fetch_one(&db.pool)
        .await
}

/// One page of matching entries, newest first.
pub async fn page(
    db: &Db,
    _: &Admin,
    action: &str,
    actor: &str,
    page: i64,
    per_page: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as::<_, AuditEntry>(&format!(
        "SELECT a.at, u.email AS actor, a.action, a.target, a.detail, a.ip, \
         c.slug AS target_slug, c.name_uk AS target_name_uk, c.name_latin AS target_name_latin \
         {FILTER_FROM} LEFT JOIN communities c ON c.code = a.target {FILTER_WHERE} \
         ORDER BY a.at DESC, a.id LIMIT {per_page} OFFSET {}",
        (page - 1) * per_page
    ))
    .bind(action)
    .bind(actor)
    .bind(pattern(actor))
    .fetch_all(&db.pool)
    .await
}

/// What became of a role change.
#[derive(Debug, PartialEq, Eq)]
pub enum RoleChange {
    Changed,
    /// No account has this address (or it is the admin's own).
    NoAccount,
    /// The account's address is not confirmed: whoever registered it first may not own it.
    Unconfirmed,
}

/// Gives `role` to the account with this address, only if that address is confirmed (never
/// to the admin themselves).
pub async fn set_role(
    db: &Db,
    by: &Admin,
    email: &str,
    role: Role,
) -> Result<RoleChange, sqlx::Error> {
    // The account's sessions end with the change: it signs in again under the new role (a
    // new token, and a coordinator's second factor and short session).
    let mut tx = db.begin_write().await?;
    let target: Option<String> = sqlx::query_scalar(
        "SELECT id FROM users WHERE email = $1 AND id <> $2 AND email_verified = 1",
    )
    .bind(email)
    .bind(by.id())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = target {
        let changed = sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND role <> $3")
            .bind(role.key())
            .bind(&id)
            .bind(role.key())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 1 {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        return Ok(RoleChange::Changed);
    }
    drop(tx);
    let exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2")
            .bind(email)
            .bind(by.id())
            .fetch_one(&db.pool)
            .await?;
    Ok(if exists > 0 {
        RoleChange::Unconfirmed
    } else {
        RoleChange::NoAccount
    })
}

/// Most role holders one page lists (bounded work; a platform has a few dozen).
pub const ROLE_HOLDERS_MAX: i64 = 500;

/// Every account holding a role above member: administrators first, then by address.
pub async fn role_holders(db: &Db, _: &Admin) -> Result<Vec<RoleHolder>, sqlx::Error> {
    use sqlx::Row;
    let rows = sqlx::query(&format!(
        "SELECT u.email, u.name, u.role, u.totp_enabled, \
         (SELECT MAX(a.at) FROM audit_log a WHERE a.action = 'role_changed' AND a.target = u.email) AS role_since, \
         (SELECT MAX(s.last_seen) FROM sessions s WHERE s.user_id = u.id) AS last_seen \
         FROM users u WHERE u.role <> 'member' \
         ORDER BY CASE u.role WHEN 'admin' THEN 0 ELSE 1 END, u.email LIMIT {ROLE_HOLDERS_MAX}"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RoleHolder {
                email: r.try_get("email")?,
                name: r.try_get("name")?,
                role: r.try_get("role")?,
                second_factor: crate::platform::db::flag(r, "totp_enabled")?,
                role_since: r.try_get("role_since")?,
                last_seen: r.try_get("last_seen")?,
            })
        })
        .collect()
}
