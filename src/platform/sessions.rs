//! Sessions in the database: a random 256-bit token in an `HttpOnly`, `SameSite=Lax` cookie
//! (`Secure` and `__Host-` prefixed over HTTPS); only its hash is stored. A session ends after
//! [`IDLE_SECS`] without use or [`ABSOLUTE_SECS`] after sign-in, whichever comes first.

use super::config::Settings;
use super::db::{flag, Db};
use super::now;
use super::secrets::{hash_token, random_token};
use crate::identity::{CurrentUser, Role, UserId};
use axum::http::HeaderMap;
use cookie::{Cookie, SameSite};
use sqlx::Row;

pub const IDLE_SECS: i64 = 7 * 24 * 3600;
pub const ABSOLUTE_SECS: i64 = 30 * 24 * 3600;
/// `last_seen` is written at most this often per session.
const TOUCH_SECS: i64 = 60;

pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.https() {
        "__Host-c4c_session"
    } else {
        "c4c_session"
    }
}

fn session_cookie(settings: &Settings, value: String, max_age: i64) -> String {
    Cookie::build((cookie_name(settings), value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.https())
        .build()
        .to_string()
}

/// The `Set-Cookie` value that holds a new session.
pub fn cookie(settings: &Settings, token: &str) -> String {
    session_cookie(settings, token.to_string(), ABSOLUTE_SECS)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(settings: &Settings) -> String {
    session_cookie(settings, String::new(), 0)
}

/// The session token the request carries, if any (only one of the shape we issue).
pub fn token_from(headers: &HeaderMap, settings: &Settings) -> Option<String> {
    let name = cookie_name(settings);
    crate::lang::negotiate::cookies(headers)
        .filter(|c| c.name() == name)
        .map(|c| c.value().to_string())
        .find(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A live session: the account, and whether the second factor is still owed.
#[derive(Clone, Debug)]
pub struct Session {
    pub token_hash: String,
    pub user: CurrentUser,
    /// Signed in with the password; the second factor is still owed.
    pub pending_totp: bool,
}

/// Starts a session for `user_id`; returns the token for the cookie.
pub async fn create(
    db: &Db,
    user_id: &UserId,
    pending_totp: bool,
    user_agent: &str,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let t = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, pending_totp, user_agent) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(t)
    .bind(t)
    .bind(i64::from(pending_totp))
    .bind(user_agent.chars().take(200).collect::<String>())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// The live session of a token; an expired one is deleted and yields `None`.
pub async fn find(db: &Db, token: &str) -> Result<Option<Session>, sqlx::Error> {
    let token_hash = hash_token(token);
    let Some(row) = sqlx::query(
        "SELECT s.created_at, s.last_seen, s.pending_totp, u.id, u.email, u.name, u.role, \
                u.email_verified, u.totp_enabled \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(&token_hash)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let (created, seen): (i64, i64) = (row.try_get("created_at")?, row.try_get("last_seen")?);
    let t = now();
    if t - seen > IDLE_SECS || t - created > ABSOLUTE_SECS {
        end(db, &token_hash).await?;
        return Ok(None);
    }
    if t - seen > TOUCH_SECS {
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
            .bind(t)
            .bind(&token_hash)
            .execute(&db.pool)
            .await?;
    }
    let role: String = row.try_get("role")?;
    Ok(Some(Session {
        token_hash,
        pending_totp: flag(&row, "pending_totp")?,
        user: CurrentUser {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role: Role::from_key(&role).unwrap_or(Role::Member),
            email_verified: flag(&row, "email_verified")?,
            totp_enabled: flag(&row, "totp_enabled")?,
        },
    }))
}

/// Ends one session (by the stored hash).
pub async fn end(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a user (sign-out everywhere, password reset); returns how many.
pub async fn end_all(db: &Db, user_id: &UserId) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// Ends every session of a user but `keep` (a password change keeps the device it was made on).
pub async fn end_others(db: &Db, user_id: &UserId, keep: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The second factor was given: the session becomes a full one.
pub async fn complete_second_factor(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET pending_totp = 0 WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}
