//! One-time links sent by mail. Only the hash is stored; each works once, until it expires.

use super::{hash_token, now, random_token};
use crate::server::db::Db;
use sqlx::Row;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the address given at sign-up (valid 3 days).
    Verify,
    /// Sets a new password (valid 1 hour).
    Reset,
    /// Confirms a new address for an account (valid 1 day); data holds the address.
    Email,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::Email => "email",
        }
    }

    fn lifetime(self) -> i64 {
        match self {
            Purpose::Verify => 3 * 24 * 3600,
            Purpose::Reset => 3600,
            Purpose::Email => 24 * 3600,
        }
    }
}

/// A new link token for `user_id`; earlier unused ones of the same purpose stop working.
pub async fn issue(
    db: &Db,
    purpose: Purpose,
    user_id: &str,
    data: &str,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE tokens SET used = 1 WHERE user_id = $1 AND purpose = $2 AND used = 0")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO tokens (token_hash, purpose, user_id, data, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(purpose.as_str())
    .bind(user_id)
    .bind(data)
    .bind(now() + purpose.lifetime())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Uses a token: `(user_id, data)` if it was valid, and it never works again.
pub async fn consume(
    db: &Db,
    purpose: Purpose,
    token: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE tokens SET used = 1 \
         WHERE token_hash = $1 AND purpose = $2 AND used = 0 AND expires_at > $3 \
         RETURNING user_id, data",
    )
    .bind(hash_token(token.trim()))
    .bind(purpose.as_str())
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok((r.try_get("user_id")?, r.try_get("data")?)))
        .transpose()
}

/// Whether a token would be accepted now (for showing the right page before the form is sent).
pub async fn is_valid(db: &Db, purpose: Purpose, token: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tokens WHERE token_hash = $1 AND purpose = $2 AND used = 0 AND expires_at > $3",
    )
    .bind(hash_token(token.trim()))
    .bind(purpose.as_str())
    .bind(now())
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}
