//! Sessions in the database: a random 256-bit token in an `HttpOnly`, `SameSite=Lax` cookie
//! (`Secure` and `__Host-` prefixed over HTTPS); only its hash is stored. A session ends
//! after its idle or its absolute lifetime, whichever comes first ([`SessionSettings`]):
//! members' sessions last days, coordinators' and administrators' minutes to hours, and one
//! still owing its second factor a few minutes. Passing the second factor gives a new token;
//! changing a role ends that account's sessions.

use super::config::{SessionSettings, Settings};
use super::db::{flag, Db};
use super::guards::SignedIn;
use super::now;
use super::secrets::{hash_token, hex, random_token};
use crate::identity::{CurrentUser, Role, UserId};
use axum::http::HeaderMap;
use cookie::{Cookie, SameSite};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// `last_seen` is written at most this often per session.
const TOUCH_SECS: i64 = 60;

/// How long a session may stay unused, and how long it may last: by the account's role, and
/// whether it still owes its second factor.
pub fn lifetimes(s: &SessionSettings, role: Role, pending_totp: bool) -> (i64, i64) {
    if pending_totp {
        (s.second_factor_secs, s.second_factor_secs)
    } else if role.needs_second_factor() {
        (s.staff_idle_secs, s.staff_absolute_secs)
    } else {
        (s.idle_secs, s.absolute_secs)
    }
}

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

/// The `Set-Cookie` value that holds a new session of an account with `role`.
pub fn cookie(settings: &Settings, token: &str, role: Role, pending_totp: bool) -> String {
    let (_, absolute) = lifetimes(&settings.sessions, role, pending_totp);
    session_cookie(settings, token.to_string(), absolute)
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
pub async fn find(
    db: &Db,
    token: &str,
    policy: &SessionSettings,
) -> Result<Option<Session>, sqlx::Error> {
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
    let role: String = row.try_get("role")?;
    let role = Role::from_key(&role).unwrap_or(Role::Member);
    let pending_totp = flag(&row, "pending_totp")?;
    let (idle, absolute) = lifetimes(policy, role, pending_totp);
    let t = now();
    if t - seen > idle || t - created > absolute {
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
    Ok(Some(Session {
        token_hash,
        pending_totp,
        user: CurrentUser {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role,
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

/// The second factor was given: the session is replaced by a full one under a new token
/// (whoever saw the old token, which only passed the password, holds nothing). Returns the
/// new token for the cookie.
pub async fn complete_second_factor(
    db: &Db,
    token_hash: &str,
    user_id: &UserId,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let t = now();
    let mut tx = db.begin_write().await?;
    let agent: Option<String> =
        sqlx::query_scalar("SELECT user_agent FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, pending_totp, user_agent) \
         VALUES ($1, $2, $3, $4, 0, $5)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(t)
    .bind(t)
    .bind(agent.unwrap_or_default())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// What an account's owner sees of one of its sessions.
#[derive(Clone, Debug)]
pub struct SessionInfo {
    /// Names the session in the page (derived from the stored hash; never the token).
    pub id: String,
    pub created_at: i64,
    pub last_seen: i64,
    pub user_agent: String,
    pub current: bool,
}

fn public_id(token_hash: &str) -> String {
    hex(&Sha256::digest(format!("session:{token_hash}").as_bytes())[..12])
}

/// The live sessions of the signed-in account (full ones; those still owing the second
/// factor are not the owner's yet), newest first.
pub async fn list(db: &Db, who: &SignedIn) -> Result<Vec<SessionInfo>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT token_hash, created_at, last_seen, user_agent FROM sessions \
         WHERE user_id = $1 AND pending_totp = 0 ORDER BY last_seen DESC LIMIT 100",
    )
    .bind(who.id())
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get("token_hash")?;
            Ok(SessionInfo {
                id: public_id(&hash),
                created_at: r.try_get("created_at")?,
                last_seen: r.try_get("last_seen")?,
                user_agent: r.try_get("user_agent")?,
                current: hash == who.token_hash(),
            })
        })
        .collect()
}

/// Ends one session of the signed-in account by its id; `false` if it has none such.
pub async fn end_one(db: &Db, who: &SignedIn, id: &str) -> Result<bool, sqlx::Error> {
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM sessions WHERE user_id = $1")
            .bind(who.id())
            .fetch_all(&db.pool)
            .await?;
    match hashes.into_iter().find(|h| public_id(h) == id) {
        Some(h) => {
            end(db, &h).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Deletes sessions past any lifetime they could have (the clean-up; `find` also ends an
/// expired one it meets).
pub async fn delete_expired(db: &Db, policy: &SessionSettings) -> Result<u64, sqlx::Error> {
    let t = now();
    let longest_idle = policy.idle_secs.max(policy.staff_idle_secs);
    let longest = policy.absolute_secs.max(policy.staff_absolute_secs);
    Ok(sqlx::query(
        "DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2 \
         OR (pending_totp = 1 AND created_at < $3)",
    )
    .bind(t - longest_idle)
    .bind(t - longest)
    .bind(t - policy.second_factor_secs)
    .execute(&db.pool)
    .await?
    .rows_affected())
}
