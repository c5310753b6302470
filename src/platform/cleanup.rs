//! The periodic clean-up: what has outlived its use is deleted, so neither secrets nor
//! personal data are kept longer than needed and no table grows without bound. Every
//! instance runs it (the deletions are idempotent); an hour apart, and once at start.

use super::config::Settings;
use super::db::Db;
use std::sync::Arc;
use std::time::Duration;

/// How often the clean-up runs.
pub const EVERY: Duration = Duration::from_secs(3600);
/// Rate-limit rows are kept this long after their last hit (longer than any window or
/// back-off memory: see `rate_limit`).
pub const RATE_LIMIT_KEEP_SECS: i64 = 2 * 24 * 3600;
/// The networks and devices an account signed in from are forgotten after this long unused.
pub const KNOWN_PLACE_KEEP_SECS: i64 = 180 * 24 * 3600;

/// What one run deleted, by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub tokens: u64,
    pub invitations: u64,
    pub rate_limits: u64,
    pub known_places: u64,
    pub mail: u64,
    pub form_echoes: u64,
}

/// One run, as of `t` (Unix seconds).
pub async fn sweep(db: &Db, settings: &Settings, t: i64) -> Result<Swept, sqlx::Error> {
    let run = |sql: &'static str, before: i64| {
        let pool = db.pool.clone();
        async move {
            Ok::<u64, sqlx::Error>(
                sqlx::query(sql)
                    .bind(before)
                    .execute(&pool)
                    .await?
                    .rows_affected(),
            )
        }
    };
    let mail_before = t - settings.mail.retention_days.max(1) * 24 * 3600;
    Ok(Swept {
        sessions: super::sessions::delete_expired(db, &settings.sessions).await?,
        tokens: run("DELETE FROM tokens WHERE expires_at < $1", t).await?,
        invitations: run("DELETE FROM invitations WHERE expires_at < $1", t).await?,
        rate_limits: run(
            "DELETE FROM rate_limits WHERE window_start < $1",
            t - RATE_LIMIT_KEEP_SECS,
        )
        .await?,
        known_places: run(
            "DELETE FROM known_places WHERE last_seen < $1",
            t - KNOWN_PLACE_KEEP_SECS,
        )
        .await?,
        // Mail after the retention period, sent or not (undelivered for that long, its links
        // have expired: no link lives longer than 7 days).
        mail: run("DELETE FROM outbox WHERE created_at < $1", mail_before).await?,
        form_echoes: run("DELETE FROM form_echoes WHERE expires_at < $1", t).await?,
    })
}

/// Runs the clean-up for the life of the server.
pub fn spawn(db: Db, settings: Arc<Settings>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match sweep(&db, &settings, super::now()).await {
                Ok(s) => tracing::info!(?s, "clean-up done"),
                Err(e) => tracing::error!(error = %e, "clean-up failed"),
            }
        }
    });
}
