//! One-time links sent by mail. Only the hash is stored; each works once, until it expires.
//! Redeeming one yields a [`Redeemed`] proof, which the store functions it unlocks require.

use crate::identity::UserId;
use crate::platform::db::Db;
use crate::platform::guards::SignedIn;
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
        /// Sent to the old address when a move is asked for: cancels it (valid 7 days); data
        /// holds the old address.
        Cancel = "cancel",
    }
}

impl Purpose {
    fn lifetime(self) -> i64 {
        match self {
            Purpose::Verify => 3 * 24 * 3600,
            Purpose::Reset => 3600,
            Purpose::Email => 24 * 3600,
            Purpose::Cancel => 7 * 24 * 3600,
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
    // One live link per purpose, but every "this was not me" link stays good: each notice
    // must be able to cancel the move it tells of.
    if purpose != Purpose::Cancel {
        sqlx::query("UPDATE tokens SET used = 1 WHERE user_id = $1 AND purpose = $2 AND used = 0")
            .bind(user_id)
            .bind(purpose.key())
            .execute(&mut *tx)
            .await?;
    }
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

/// Why the pending links of an account end: its owner changed something while signed in,
/// or followed a mailed link.
pub enum Because<'a> {
    SignedIn(&'a SignedIn),
    Link(&'a Redeemed),
}

impl Because<'_> {
    fn user(&self) -> &UserId {
        match self {
            Because::SignedIn(s) => s.id(),
            Because::Link(l) => l.user(),
        }
    }
}

/// Ends every pending link of the account (after a change of password, address or second
/// factor, or signing out everywhere) but the "this was not me" links, which must still
/// undo a change of address after it.
pub async fn end_pending(db: &Db, because: Because<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET used = 1 WHERE user_id = $1 AND used = 0 AND purpose <> $2")
        .bind(because.user())
        .bind(Purpose::Cancel.key())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every link of the account, the "this was not me" ones too.
pub async fn end_all(db: &Db, link: &Redeemed) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET used = 1 WHERE user_id = $1 AND used = 0")
        .bind(link.user())
        .execute(&db.pool)
        .await?;
    Ok(())
}
