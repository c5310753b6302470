//! The audit log: sign-ins, role changes, approvals, publications, restores.

use super::{now, random_id};
use crate::server::db::Db;

/// Records an event. Failing to record is logged, never shown to the user.
pub async fn record(
    db: &Db,
    actor: Option<&str>,
    action: &str,
    target: &str,
    detail: &str,
    ip: &str,
) {
    let result = sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random_id())
    .bind(now())
    .bind(actor)
    .bind(action)
    .bind(target)
    .bind(detail)
    .bind(ip)
    .execute(&db.pool)
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, action, "audit log write failed");
    }
}
