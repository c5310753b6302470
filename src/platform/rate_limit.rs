//! Fixed-window counters in the database, shared by every instance. A refused request is told
//! how many seconds to wait (HTTP 429 with `Retry-After`).

use super::db::{Backend, Db};
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
/// Re-authentications (the password asked again before a sensitive change) per account.
pub const REAUTH_PER_ACCOUNT: Limit = Limit {
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

/// Forgets the counter (after a success, its failures no longer count).
pub async fn clear(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A back-off: `free` attempts, then each further one only after a wait that doubles from
/// `base` seconds up to `max`; a quiet `forget` seconds since the last attempt starts afresh.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub free: i64,
    pub base: i64,
    pub max: i64,
    pub forget: i64,
}

impl Backoff {
    /// The wait after `attempts` attempts that did not succeed.
    pub fn delay(self, attempts: i64) -> i64 {
        if attempts < self.free {
            return 0;
        }
        let doublings = (attempts - self.free).min(20) as u32;
        (self.base.saturating_mul(1i64 << doublings)).min(self.max)
    }
}

/// Second-factor codes per account (whatever session they come from): 5 free, then a wait
/// from 30 s doubling to 6 hours — about one guess an hour at worst against a million codes.
pub const TOTP_PER_ACCOUNT: Backoff = Backoff {
    free: 5,
    base: 30,
    max: 6 * 3600,
    forget: 24 * 3600,
};

/// Passwords per account and client network: 5 free, then from 30 s doubling to an hour.
pub const SIGNIN_PER_PLACE: Backoff = Backoff {
    free: 5,
    base: 30,
    max: 3600,
    forget: 24 * 3600,
};

/// Passwords per account from devices and networks it never signed in from: 20 free
/// (guessing spread over many networks), then from a minute doubling to an hour. Sign-ins
/// from a known device or network do not count here, so an attacker cannot lock the owner out.
pub const SIGNIN_FROM_ELSEWHERE: Backoff = Backoff {
    free: 20,
    base: 60,
    max: 3600,
    forget: 24 * 3600,
};

/// Counts an attempt on `key` before it is judged — in one write transaction, so attempts
/// sent in parallel are all counted — and refuses it while the back-off of the earlier
/// unsuccessful ones runs. A success calls [`clear`].
pub async fn attempt(db: &Db, key: &str, b: Backoff) -> Result<(), AppError> {
    let t = now();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 0) \
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    // PostgreSQL locks the row; SQLite's write transaction already holds the database.
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(&format!(
        "SELECT window_start, hits FROM rate_limits WHERE key = $1{lock}"
    ))
    .bind(key)
    .fetch_one(&mut *tx)
    .await?;
    let (last, mut attempts): (i64, i64) = (row.try_get("window_start")?, row.try_get("hits")?);
    if t - last > b.forget {
        attempts = 0;
    }
    let wait = last + b.delay(attempts) - t;
    if attempts >= b.free && wait > 0 {
        tx.commit().await?;
        return Err(AppError::RateLimited {
            retry_after: wait as u64,
        });
    }
    sqlx::query("UPDATE rate_limits SET window_start = $1, hits = $2 WHERE key = $3")
        .bind(t)
        .bind(attempts + 1)
        .bind(key)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Partnership requests from one network address (an office shares one: generous).
pub const REQUESTS_PER_ADDRESS: Limit = Limit {
    max: 10,
    window: 3600,
};

/// Partnership requests (and links mailed again) to one e-mail address.
pub const REQUESTS_PER_EMAIL: Limit = Limit {
    max: 5,
    window: 86_400,
};

/// Messages written into one request's conversation.
pub const MESSAGES_PER_REQUEST: Limit = Limit {
    max: 30,
    window: 3600,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_its_ceiling() {
        let b = TOTP_PER_ACCOUNT;
        assert_eq!(b.delay(4), 0);
        assert_eq!(b.delay(5), 30);
        assert_eq!(b.delay(6), 60);
        assert_eq!(b.delay(12), 3840);
        assert_eq!(b.delay(40), 6 * 3600);
    }
}
