//! The accounts' SQL: users, their passwords, addresses and second factors, and the
//! one-time links (`tokens`). Each change takes the proof that allows it: a signed-in
//! session ([`SignedIn`]) or a redeemed mailed link ([`Redeemed`]). Creating an account
//! needs none (anyone may sign up; the service rate-limits it).

pub mod tokens;

use super::passwords::Verified;
use super::totp::Matched;
use crate::identity::{CurrentUser, Role, UserId};
use crate::platform::db::{flag, Db};
use crate::platform::guards::{AnySession, SignedIn};
use crate::platform::now;
use crate::platform::secrets::random_id;
use sqlx::Row;
use tokens::{Purpose, Redeemed};

pub struct UserRow {
    pub user: CurrentUser,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub lang: String,
    /// The current set of recovery codes, and whether the account page still shows it.
    pub recovery_set: i64,
    pub recovery_shown: bool,
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<UserRow, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(UserRow {
        user: CurrentUser {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role: Role::from_key(&role).unwrap_or(Role::Member),
            email_verified: flag(row, "email_verified")?,
            totp_enabled: flag(row, "totp_enabled")?,
        },
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        lang: row.try_get("lang")?,
        recovery_set: row.try_get("recovery_set")?,
        recovery_shown: flag(row, "recovery_shown")?,
    })
}

const COLUMNS: &str = "id, email, name, role, email_verified, totp_enabled, password_hash, \
     totp_secret, lang, recovery_set, recovery_shown";

pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub async fn by_id(db: &Db, id: &UserId) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// Inserts a user; `None` when the address is taken.
pub async fn create(
    db: &Db,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
    lang: &str,
    verified: bool,
) -> Result<Option<UserId>, sqlx::Error> {
    let id = UserId::new(random_id());
    let inserted = sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, role, email_verified, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&id)
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .bind(role.key())
    .bind(i64::from(verified))
    .bind(lang)
    .bind(now())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok((inserted == 1).then_some(id))
}

/// The address of the account a verification link was sent for is confirmed.
pub async fn confirm_email(db: &Db, link: &Redeemed) -> Result<(), sqlx::Error> {
    debug_assert_eq!(link.purpose(), Purpose::Verify);
    sqlx::query("UPDATE users SET email_verified = 1 WHERE id = $1")
        .bind(link.user())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A new password from a reset link; following the link proves the address too. An account
/// whose address was never confirmed before is someone's claim on an address they may not
/// own: the owner now taking it over keeps no role and no second factor from that time.
pub async fn reset_password(db: &Db, link: &Redeemed, hash: &str) -> Result<(), sqlx::Error> {
    debug_assert_eq!(link.purpose(), Purpose::Reset);
    sqlx::query(
        "UPDATE users SET password_hash = $1, \
         role = CASE WHEN email_verified = 1 THEN role ELSE $2 END, \
         totp_enabled = CASE WHEN email_verified = 1 THEN totp_enabled ELSE 0 END, \
         totp_secret = CASE WHEN email_verified = 1 THEN totp_secret ELSE NULL END, \
         email_verified = 1 WHERE id = $3",
    )
    .bind(hash)
    .bind(Role::Member.key())
    .bind(link.user())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// How many administrators there are (the last one may not delete their account).
pub async fn admin_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = $1")
        .bind(Role::Admin.key())
        .fetch_one(&db.pool)
        .await
}

/// Deletes the signed-in account and what is only about it: sessions, links, sign-in
/// places, editor rights, claims and drafts go with the row (foreign keys cascade);
/// invitations to or from it and mail to its address are deleted here. Published versions
/// keep the account's id, which no longer names anyone; the audit log keeps it too.
pub async fn delete_account(db: &Db, who: &SignedIn) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM invitations WHERE email = $1 OR (invited_by = $2 AND used = 0)")
        .bind(&who.user().email)
        .bind(who.id())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM outbox WHERE to_addr = $1")
        .bind(&who.user().email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(who.id())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A new password for the signed-in account (the service re-authenticated it first).
pub async fn change_password(db: &Db, who: &SignedIn, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(who.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Moves the account to the address its link was sent to; `false` if another account took
/// that address meanwhile.
pub async fn move_email(db: &Db, link: &Redeemed) -> Result<bool, sqlx::Error> {
    debug_assert_eq!(link.purpose(), Purpose::Email);
    let moved = sqlx::query(
        "UPDATE users SET email = $1, email_verified = 1 WHERE id = $2 \
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = $3)",
    )
    .bind(link.data())
    .bind(link.user())
    .bind(link.data())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

/// Moves the account back to the address a "this was not me" link was sent to, if the move
/// was confirmed already (and nobody took that address meanwhile).
pub async fn move_back(db: &Db, link: &Redeemed) -> Result<(), sqlx::Error> {
    debug_assert_eq!(link.purpose(), Purpose::Cancel);
    sqlx::query(
        "UPDATE users SET email = $1, email_verified = 1 WHERE id = $2 AND email <> $3 \
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = $4)",
    )
    .bind(link.data())
    .bind(link.user())
    .bind(link.data())
    .bind(link.data())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A second-factor code's time step is used: `false` when this or a later step was used
/// already (a code seen again within its window, replayed).
pub async fn use_totp_step(db: &Db, code: &Matched) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
         AND (totp_last_step IS NULL OR totp_last_step < $3)",
    )
    .bind(code.step() as i64)
    .bind(code.user())
    .bind(code.step() as i64)
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(used == 1)
}

/// Whether the account signed in from any of `places` before (see `known_places`).
pub async fn is_known_place(
    db: &Db,
    user: &UserId,
    places: &[String],
) -> Result<bool, sqlx::Error> {
    for place in places {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM known_places WHERE user_id = $1 AND place = $2",
        )
        .bind(user)
        .bind(place)
        .fetch_one(&db.pool)
        .await?;
        if n > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Remembers where the right password was given from.
pub async fn remember_places(
    db: &Db,
    who: &Verified,
    places: &[String],
) -> Result<(), sqlx::Error> {
    for place in places {
        sqlx::query(
            "INSERT INTO known_places (user_id, place, last_seen) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, place) DO UPDATE SET last_seen = excluded.last_seen",
        )
        .bind(who.user())
        .bind(place)
        .bind(now())
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// Stores a new second-factor secret, not yet in force.
pub async fn begin_totp(db: &Db, who: &SignedIn, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled = 0")
        .bind(secret)
        .bind(who.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Puts the stored secret in force.
pub async fn enable_totp(db: &Db, who: &SignedIn) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET totp_enabled = 1 WHERE id = $1")
        .bind(who.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Turns the second factor off and forgets its secret and its recovery codes.
pub async fn disable_totp(db: &Db, who: &SignedIn) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE users SET totp_enabled = 0, totp_secret = NULL, recovery_shown = 0 WHERE id = $1",
    )
    .bind(who.id())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(who.id())
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Makes `hashes` the account's recovery codes (set number `set`), the old ones void;
/// `show` keeps them on the account page until their holder says they are written down.
pub async fn replace_recovery_codes(
    db: &Db,
    who: &SignedIn,
    set: i64,
    hashes: &[String],
    show: bool,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(who.id())
        .execute(&mut *tx)
        .await?;
    for hash in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(who.id())
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE users SET recovery_set = $1, recovery_shown = $2 WHERE id = $3")
        .bind(set)
        .bind(i64::from(show))
        .bind(who.id())
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Uses up one recovery code: `false` when the account has no such code (never had, or it
/// was used: the delete is the check, so two sign-ins racing with one code cannot both win).
pub async fn use_recovery_code(
    db: &Db,
    session: &AnySession,
    hash: &str,
) -> Result<bool, sqlx::Error> {
    let used = sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2")
        .bind(&session.user().id)
        .bind(hash)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(used == 1)
}

/// How many unused recovery codes the account holds.
pub async fn recovery_codes_left(db: &Db, who: &SignedIn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1")
        .bind(who.id())
        .fetch_one(&db.pool)
        .await
}

/// The account page stops showing the current set.
pub async fn recovery_codes_seen(db: &Db, who: &SignedIn) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET recovery_shown = 0 WHERE id = $1")
        .bind(who.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}
