//! Fixed-window counters in the database, shared by every instance. A refused request is told
//! how many seconds to wait (HTTP 429 with `Retry-After`).

use super::db::Db;
use super::now;
use crate::error::AppError;
use sqlx::Row;

/// A limit: at most `max` hits per `window` seconds.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i64,
    pub window: i64,
}

/// Sign-in attempts from one address.
pub const SIGNIN_PER_ADDRESS: Limit = Limit {
    max: 30,
    window: 900,
};
/// Failed sign-ins to one account.
pub const SIGNIN_PER_ACCOUNT: Limit = Limit {
    max: 8,
    window: 900,
};
/// Accounts created from one address.
pub const SIGNUP_PER_ADDRESS: Limit = Limit {
    max: 20,
    window: 3600,
};
/// Mail-sending requests (password resets, new verification links) from one address.
pub const MAIL_PER_ADDRESS: Limit = Limit {
    max: 10,
    window: 3600,
};
/// Mail-sending requests for one account.
pub const MAIL_PER_ACCOUNT: Limit = Limit {
    max: 3,
    window: 3600,
};
/// Second-factor codes per session.
pub const TOTP_PER_SESSION: Limit = Limit {
    max: 10,
    window: 900,
};

/// Pictures uploaded by one account.
pub const UPLOADS_PER_ACCOUNT: Limit = Limit {
    max: 60,
    window: 3600,
};

/// Counts one hit on `key`; refuses it when the window is full.
pub async fn hit(db: &Db, key: &str, limit: Limit) -> Result<(), AppError> {
    let t = now();
    let row = sqlx::query(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
         RETURNING window_start, hits",
    )
    .bind(key)
    .bind(t)
    .bind(t - limit.window)
    .fetch_one(&db.pool)
    .await?;
    let (start, hits): (i64, i64) = (row.try_get("window_start")?, row.try_get("hits")?);
    if hits > limit.max {
        let retry_after = (start + limit.window - t).max(1) as u64;
        return Err(AppError::RateLimited { retry_after });
    }
    Ok(())
}

/// Whether `key` is already over its limit, without counting a hit.
pub async fn check(db: &Db, key: &str, limit: Limit) -> Result<(), AppError> {
    let t = now();
    let row = sqlx::query("SELECT window_start, hits FROM rate_limits WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    if let Some(row) = row {
        let (start, hits): (i64, i64) = (row.try_get("window_start")?, row.try_get("hits")?);
        if start > t - limit.window && hits >= limit.max {
            return Err(AppError::RateLimited {
                retry_after: (start + limit.window - t).max(1) as u64,
            });
        }
    }
    Ok(())
}

/// Forgets the counter (after a successful sign-in, the account's failures no longer count).
pub async fn clear(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}
