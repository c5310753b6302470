//! Users in the database.

use super::now;
use crate::model::account::{CurrentUser, Role};
use crate::server::db::{flag, Db};
use sqlx::Row;

pub struct UserRow {
    pub user: CurrentUser,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub lang: String,
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<UserRow, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(UserRow {
        user: CurrentUser {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role: Role::parse(&role).unwrap_or(Role::Member),
            email_verified: flag(row, "email_verified")?,
            totp_enabled: flag(row, "totp_enabled")?,
        },
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        lang: row.try_get("lang")?,
    })
}

const COLUMNS: &str =
    "id, email, name, role, email_verified, totp_enabled, password_hash, totp_secret, lang";

pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<UserRow>, sqlx::Error> {
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
) -> Result<Option<String>, sqlx::Error> {
    let id = super::random_id();
    let inserted = sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, role, email_verified, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&id)
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .bind(role.as_str())
    .bind(i64::from(verified))
    .bind(lang)
    .bind(now())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok((inserted == 1).then_some(id))
}
