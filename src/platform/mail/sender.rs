//! The background sender: takes due messages from the outbox (one instance at a time per
//! message), delivers them, and retries failures with growing delays.

use crate::platform::config::Settings;
use crate::platform::db::Db;
use crate::platform::now;
use sqlx::Row;
use std::sync::Arc;
use std::time::Duration;

/// How long an instance holds a message it is sending before another may try.
const CLAIM_SECS: i64 = 120;
/// Delay before retry n (capped): 30 s, 1 min, 2 min … 1 h.
fn backoff(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 7)).min(3600)
}

#[derive(Debug, Default)]
pub struct Mailer {
    wake: tokio::sync::Notify,
}

impl Mailer {
    /// A message was queued: send now rather than at the next tick.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

struct Message {
    id: String,
    to: String,
    subject: String,
    body: String,
    attempts: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("bad address {0}: {1}")]
    Address(String, String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("writing {0}: {1}")]
    File(String, std::io::Error),
}

/// Sends every message that is due now; returns how many were delivered.
pub async fn deliver_due(db: &Db, settings: &Settings) -> Result<usize, sqlx::Error> {
    let t = now();
    let rows = sqlx::query(
        "SELECT id, to_addr, subject, body, attempts FROM outbox \
         WHERE sent_at IS NULL AND next_attempt <= $1 AND claimed_until < $1 \
         ORDER BY created_at LIMIT 20",
    )
    .bind(t)
    .fetch_all(&db.pool)
    .await?;
    let mut sent = 0;
    for row in rows {
        let m = Message {
            id: row.try_get("id")?,
            to: row.try_get("to_addr")?,
            subject: row.try_get("subject")?,
            body: row.try_get("body")?,
            attempts: row.try_get("attempts")?,
        };
        // Claim it: if another instance got there first, leave it.
        let claimed = sqlx::query(
            "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL AND claimed_until < $3",
        )
        .bind(t + CLAIM_SECS)
        .bind(&m.id)
        .bind(t)
        .execute(&db.pool)
        .await?
        .rows_affected();
        if claimed != 1 {
            continue;
        }
        match deliver(settings, &m).await {
            Ok(()) => {
                // The body may carry a one-time link: once delivered, it is not kept.
                sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = 0, last_error = '', body = '' WHERE id = $2")
                    .bind(now())
                    .bind(&m.id)
                    .execute(&db.pool)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = %m.id, attempt = m.attempts + 1, error = %e, "mail not delivered; will retry");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt = $1, claimed_until = 0, last_error = $2 WHERE id = $3",
                )
                .bind(now() + backoff(m.attempts))
                .bind(e.to_string().chars().take(500).collect::<String>())
                .bind(&m.id)
                .execute(&db.pool)
                .await?;
            }
        }
    }
    Ok(sent)
}

fn build(settings: &Settings, m: &Message) -> Result<lettre::Message, SendError> {
    use lettre::message::header::ContentType;
    let from = settings
        .mail
        .from
        .parse()
        .map_err(|e: lettre::address::AddressError| {
            SendError::Address(settings.mail.from.clone(), e.to_string())
        })?;
    let to = m.to.parse().map_err(|e: lettre::address::AddressError| {
        SendError::Address(m.to.clone(), e.to_string())
    })?;
    lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| SendError::Build(e.to_string()))
}

async fn deliver(settings: &Settings, m: &Message) -> Result<(), SendError> {
    let message = build(settings, m)?;
    if settings.mail.smtp_url.is_empty() {
        let dir = settings.storage.data_dir.join("outbox");
        let path = dir.join(format!("{}.eml", m.id));
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| SendError::File(dir.display().to_string(), e))?;
        tokio::fs::write(&path, message.formatted())
            .await
            .map_err(|e| SendError::File(path.display().to_string(), e))?;
        tracing::info!(to = %m.to, file = %path.display(), "no SMTP_URL: mail written to a file");
        return Ok(());
    }
    use lettre::AsyncTransport;
    let (host, port, credentials) = smtp_target(&settings.mail.smtp_url)?;
    let mut builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .timeout(Some(Duration::from_secs(20)));
    if let Some((user, password)) = credentials {
        builder = builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
            user, password,
        ));
    }
    let transport = builder.build();
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| SendError::Smtp(e.to_string()))
}

/// A user name and password for the SMTP server.
pub type Credentials = (String, String);

/// `smtp://[user:password@]host[:port]` → host, port (default 25), credentials. The SMTP
/// connection is plain: point it at a relay on the same host or private network (the relay
/// does TLS to the outside world).
pub fn smtp_target(url: &str) -> Result<(String, u16, Option<Credentials>), SendError> {
    let bad = || {
        SendError::Smtp(format!(
            "SMTP_URL must look like smtp://[user:password@]host[:port], not {url}"
        ))
    };
    let rest = url.strip_prefix("smtp://").ok_or_else(bad)?;
    let rest = rest.trim_end_matches('/');
    let (credentials, hostport) = match rest.rsplit_once('@') {
        Some((cred, hp)) => {
            let (u, p) = cred.split_once(':').ok_or_else(bad)?;
            (Some((decode(u), decode(p))), hp)
        }
        None => (None, rest),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().map_err(|_| bad())?),
        None => (hostport, 25),
    };
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_string(), port, credentials))
}

/// Percent-decoding for the user and password of an SMTP URL.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs for the life of the server: sends when woken and every few seconds for retries.
pub fn spawn(db: Db, settings: Arc<Settings>, mailer: Arc<Mailer>) {
    if settings.mail.smtp_url.is_empty() {
        tracing::info!(
            dir = %settings.storage.data_dir.join("outbox").display(),
            "no SMTP_URL configured: outgoing mail is written as .eml files"
        );
    }
    tokio::spawn(async move {
        loop {
            if let Err(e) = deliver_due(&db, &settings).await {
                tracing::error!(error = %e, "mail outbox unavailable");
            }
            let _ = tokio::time::timeout(Duration::from_secs(5), mailer.wake.notified()).await;
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn smtp_urls() {
        assert_eq!(
            super::smtp_target("smtp://127.0.0.1:2525").unwrap(),
            ("127.0.0.1".into(), 2525, None)
        );
        assert_eq!(
            super::smtp_target("smtp://relay").unwrap(),
            ("relay".into(), 25, None)
        );
        assert_eq!(
            super::smtp_target("smtp://me%40x.org:p%3Ass@relay:587").unwrap(),
            (
                "relay".into(),
                587,
                Some(("me@x.org".into(), "p:ss".into()))
            )
        );
        assert!(super::smtp_target("http://relay").is_err());
        assert!(super::smtp_target("smtp://relay:port").is_err());
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(super::backoff(0), 30);
        assert_eq!(super::backoff(1), 60);
        assert_eq!(super::backoff(10), 3600);
    }
}
