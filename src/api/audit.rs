//! The audit log, for administrators: who did what, when, from where.

use crate::error::AppError;
use crate::model::account::AuditLogPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{auth, state::app_state};

/// Entries on one page of the log.
pub const PER_PAGE: i64 = 50;

/// One page of the log, newest first; `action` (exact) and `actor` (part of an address)
/// narrow it when not empty. Administrators only.
#[server(prefix = "/api", endpoint = "audit_log", output = crate::api::Answer)]
pub async fn audit_log(
    #[server(default)] page: i64,
    #[server(default)] action: String,
    #[server(default)] actor: String,
) -> Result<AuditLogPage, AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            auth::admin(&state).await?;
            let action = auth::text_field("action", &action, false, 64, false)?;
            let actor = auth::text_field("actor", &actor, false, 254, false)?.to_lowercase();
            // `%` and `_` in the address part are literal characters, not patterns.
            let pattern = format!(
                "%{}%",
                actor
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            const FILTER: &str = "FROM audit_log a LEFT JOIN users u ON u.id = a.actor \
                 WHERE ($1 = '' OR a.action = $1) \
                 AND ($2 = '' OR LOWER(u.email) LIKE $3 ESCAPE '\\')";
            let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FILTER}"))
                .bind(&action)
                .bind(&actor)
                .bind(&pattern)
                .fetch_one(&state.db.pool)
                .await?;
            let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            let entries = sqlx::query_as::<_, crate::model::account::AuditEntry>(&format!(
                "SELECT a.at, u.email AS actor, a.action, a.target, a.detail, a.ip {FILTER} \
                 ORDER BY a.at DESC, a.id LIMIT {PER_PAGE} OFFSET {}",
                (page - 1) * PER_PAGE
            ))
            .bind(&action)
            .bind(&actor)
            .bind(&pattern)
            .fetch_all(&state.db.pool)
            .await?;
            let actions =
                sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
                    .fetch_all(&state.db.pool)
                    .await?;
            Ok(AuditLogPage {
                entries,
                total,
                page,
                pages,
                actions,
            })
        }
        .await,
    )
}
