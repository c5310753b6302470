//! One-time links sent by mail. Only the hash is stored; each works once, until it expires.
//! Redeeming one yields a [`Redeemed`] proof, which the store functions it unlocks require.

use crate::identity::UserId;
use crate::platform::db::Db;
use crate::platform::now;
use crate::platform::secrets::{hash_token, random_token};
use sqlx::Row;

keyed! {
    /// What a link is for.
    pub enum Purpose {
        /// Confirms the address given at sign-up (valid 3 days).
        Verify = "verify",
        /// Sets a new password (valid 1 hour).
        Reset = "reset",
        /// Confirms a new address for an account (valid 1 day); data holds the address.
        Email = "email",
    }
}

impl Purpose {
    fn lifetime(self) -> i64 {
        match self {
            Purpose::Verify => 3 * 24 * 3600,
            Purpose::Reset => 3600,
            Purpose::Email => 24 * 3600,
        }
    }
}

/// A link that was valid and is now used: whose account it was for, and its data.
#[derive(Debug)]
pub struct Redeemed {
    purpose: Purpose,
    user: UserId,
    data: String,
}

impl Redeemed {
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    pub fn user(&self) -> &UserId {
        &self.user
    }

    /// For an address change: the new address.
    pub fn data(&self) -> &str {
        &self.data
    }
}

/// A new link token for `user_id`; earlier unused ones of the same purpose stop working.
pub async fn issue(
    db: &Db,
    purpose: Purpose,
    user_id: &UserId,
    data: &str,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE tokens SET used = 1 WHERE user_id = $1 AND purpose = $2 AND used = 0")
        .bind(user_id)
        .bind(purpose.key())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO tokens (token_hash, purpose, user_id, data, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(purpose.key())
    .bind(user_id)
    .bind(data)
    .bind(now() + purpose.lifetime())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Uses a token: the proof if it was valid, and it never works again.
pub async fn redeem(
    db: &Db,
    purpose: Purpose,
    token: &str,
) -> Result<Option<Redeemed>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE tokens SET used = 1 \
         WHERE token_hash = $1 AND purpose = $2 AND used = 0 AND expires_at > $3 \
         RETURNING user_id, data",
    )
    .bind(hash_token(token.trim()))
    .bind(purpose.key())
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Redeemed {
            purpose,
            user: r.try_get("user_id")?,
            data: r.try_get("data")?,
        })
    })
    .transpose()
}
