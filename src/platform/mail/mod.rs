//! Mail: written to the `outbox` table in the request that causes it, delivered by a background
//! sender with retries (nothing is lost while the mail server is down). With no `SMTP_URL`,
//! messages are written as `.eml` files under `<data_dir>/outbox/`. Each domain writes its
//! own messages (`accounts::mail`, `claims::mail`), in the recipient's language.

pub mod sender;

use super::config::Settings;
use super::db::Db;
use super::now;
use super::secrets::random_id;
use crate::i18n::Locale;

/// A message: plain text only, so nothing a user typed can become markup in a mail client.
pub struct Mail {
    pub subject: String,
    pub body: String,
}

/// The interface language of a language code (`uk` when unknown).
pub fn locale(lang: &str) -> Locale {
    lang.parse().unwrap_or(Locale::uk)
}

/// An absolute link to `path` in the language `lang`, for a message.
pub fn link(settings: &Settings, lang: &str, path: &str) -> String {
    format!(
        "{}{}",
        settings.server.public_url.trim_end_matches('/'),
        crate::lang::localize(locale(lang), path)
    )
}

/// Queues a message; the sender picks it up at once (see [`sender::Mailer::wake`]).
pub async fn enqueue(db: &Db, to: &str, mail: &Mail) -> Result<String, sqlx::Error> {
    let id = random_id();
    let t = now();
    sqlx::query(
        "INSERT INTO outbox (id, to_addr, subject, body, created_at, next_attempt) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(to)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(t)
    .bind(t)
    .execute(&db.pool)
    .await?;
    Ok(id)
}
