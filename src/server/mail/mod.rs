//! Mail: written to the `outbox` table in the request that causes it, delivered by a background
//! sender with retries (nothing is lost while the mail server is down). With no `SMTP_URL`,
//! messages are written as `.eml` files under `<data_dir>/outbox/`.

pub mod messages;
pub mod sender;

use crate::server::accounts::{now, random_id};
use crate::server::db::Db;

/// An absolute link to `path` in the language `lang`, for a message.
pub fn link(settings: &crate::server::config::Settings, lang: &str, path: &str) -> String {
    let locale = lang.parse().unwrap_or(crate::i18n::Locale::uk);
    format!(
        "{}{}",
        settings.server.public_url.trim_end_matches('/'),
        crate::components::lang::localize(locale, path)
    )
}

/// Queues a message; the sender picks it up at once (see [`sender::Mailer::wake`]).
pub async fn enqueue(db: &Db, to: &str, subject: &str, body: &str) -> Result<String, sqlx::Error> {
    let id = random_id();
    let t = now();
    sqlx::query(
        "INSERT INTO outbox (id, to_addr, subject, body, created_at, next_attempt) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(t)
    .bind(t)
    .execute(&db.pool)
    .await?;
    Ok(id)
}
