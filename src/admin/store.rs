//! The admin domain's SQL: pages of the audit log, and roles. Each takes the [`Admin`] proof.

use super::model::AuditEntry;
use crate::identity::Role;
use crate::platform::db::Db;
use crate::platform::guards::Admin;

const FILTER: &str = "FROM audit_log a LEFT JOIN users u ON u.id = a.actor \
     WHERE ($1 = '' OR a.action = $1) \
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
    sqlx::query_scalar(&format!("SELECT COUNT(*) {FILTER}"))
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
        "SELECT a.at, u.email AS actor, a.action, a.target, a.detail, a.ip {FILTER} \
         ORDER BY a.at DESC, a.id LIMIT {per_page} OFFSET {}",
        (page - 1) * per_page
    ))
    .bind(action)
    .bind(actor)
    .bind(pattern(actor))
    .fetch_all(&db.pool)
    .await
}

/// Gives `role` to the account with this address (never to the admin themselves);
/// `false` when there is no such account.
pub async fn set_role(db: &Db, by: &Admin, email: &str, role: Role) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE users SET role = $1 WHERE email = $2 AND id <> $3")
        .bind(role.key())
        .bind(email)
        .bind(by.id())
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(changed == 1)
}
