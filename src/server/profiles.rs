//! Storing business cards. Every write carries the version it was based on and bumps the
//! catalogue version in the same transaction (see `search::catalogue`).

use super::db::{flag, Db};
use crate::model::profile::{Profile, Trust};
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the profile changed since version {expected}; it is now at version {current}")]
    Conflict { expected: i64, current: i64 },
    #[error("no community with code {0}")]
    UnknownCommunity(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// A stored card: the document, its trust marks and its version (0 when never written).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    pub profile: Profile,
    pub trust: Trust,
    pub version: i64,
}

pub async fn load(db: &Db, code: &str) -> Result<Stored, SaveError> {
    let row = sqlx::query(
        "SELECT data, version, claimed, verified, last_verified, updated_at, demo \
         FROM profiles WHERE community_code = $1",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(Stored::default());
    };
    let data: String = row.try_get("data")?;
    Ok(Stored {
        profile: serde_json::from_str(&data)?,
        trust: Trust {
            claimed: flag(&row, "claimed")?,
            verified: flag(&row, "verified")?,
            last_verified: row.try_get("last_verified")?,
            updated_at: row.try_get("updated_at")?,
            demo: flag(&row, "demo")?,
        },
        version: row.try_get("version")?,
    })
}

pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Who made a change, for the revision history.
#[derive(Clone, Copy, Debug, Default)]
pub struct Change<'a> {
    /// The user id (none for the demo loader and other machine writes).
    pub author: Option<&'a str>,
    /// The version this change brings back, when it is a restore.
    pub restored_from: Option<i64>,
}

/// Writes a card if it is still at `expected` (0 for a first write) and returns the new version.
pub async fn save(
    db: &Db,
    code: &str,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
) -> Result<i64, SaveError> {
    publish(db, code, profile, trust, expected, Change::default()).await
}

/// [`save`], recording who changed it: every published version is kept as a revision.
pub async fn publish(
    db: &Db,
    code: &str,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
    change: Change<'_>,
) -> Result<i64, SaveError> {
    let data = serde_json::to_string(profile)?;
    let updated = trust.updated_at.clone().unwrap_or_else(now);
    let mut tx = db.begin_write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT code FROM communities WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(SaveError::UnknownCommunity(code.into()));
    }
    let current: Option<i64> =
        sqlx::query_scalar("SELECT version FROM profiles WHERE community_code = $1")
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
    let current = current.unwrap_or(0);
    if current != expected {
        return Err(SaveError::Conflict { expected, current });
    }
    let next = current + 1;
    // One statement for a first write and an update; the update applies only while the stored
    // version is still the one read above.
    let changed = sqlx::query(
        "INSERT INTO profiles (community_code, data, version, claimed, verified, last_verified, updated_at, demo) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (community_code) DO UPDATE SET data = excluded.data, version = excluded.version, \
         claimed = excluded.claimed, verified = excluded.verified, last_verified = excluded.last_verified, \
         updated_at = excluded.updated_at, demo = excluded.demo \
         WHERE profiles.version = $9",
    )
    .bind(code)
    .bind(&data)
    .bind(next)
    .bind(i64::from(trust.claimed))
    .bind(i64::from(trust.verified))
    .bind(trust.last_verified.clone())
    .bind(&updated)
    .bind(i64::from(trust.demo))
    .bind(current)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(SaveError::Conflict { expected, current });
    }
    sqlx::query(
        "INSERT INTO revisions (community_code, version, data, author, created_at, restored_from)          VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(code)
    .bind(next)
    .bind(&data)
    .bind(change.author)
    .bind(super::accounts::now())
    .bind(change.restored_from)
    .execute(&mut *tx)
    .await?;
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(next)
}

/// A person's edit of a card: who made it, from where, and what the audit log says beside the
/// new version.
pub struct Edit<'a> {
    pub author: &'a str,
    pub ip: &'a str,
    /// The version this edit brings back, when it is a restore.
    pub restored_from: Option<i64>,
    /// Added to the audit line after the version, e.g. ": picture removed".
    pub note: &'a str,
}

impl<'a> Edit<'a> {
    /// An edit by `author` from `ip`, neither a restore nor with a note.
    pub fn by(author: &'a str, ip: &'a str) -> Self {
        Edit {
            author,
            ip,
            restored_from: None,
            note: "",
        }
    }
}

/// [`publish`] for a person's edit, written to the audit log: the card becomes claimed (and no
/// longer demo content), updated now; a newer version than `expected` is the conflict the
/// editor is shown.
pub async fn publish_edit(
    db: &Db,
    code: &str,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
    edit: Edit<'_>,
) -> Result<i64, crate::error::AppError> {
    let mut trust = trust.clone();
    trust.updated_at = Some(now());
    trust.claimed = true;
    trust.demo = false;
    let change = Change {
        author: Some(edit.author),
        restored_from: edit.restored_from,
    };
    let version = publish(db, code, profile, &trust, expected, change)
        .await
        .map_err(|e| match e {
            SaveError::Conflict { current, .. } => crate::error::AppError::Conflict { current },
            e => crate::error::AppError::internal(e),
        })?;
    let (action, detail) = match edit.restored_from {
        Some(old) => (
            "restored",
            format!("version {old} as {version}{}", edit.note),
        ),
        None => ("published", format!("version {version}{}", edit.note)),
    };
    super::accounts::audit::record(db, Some(edit.author), action, code, &detail, edit.ip).await;
    Ok(version)
}

/// Changes the trust marks (claimed, verified) without touching the card's text or version.
pub async fn set_trust(
    db: &Db,
    code: &str,
    change: impl FnOnce(&mut Trust),
) -> Result<(), SaveError> {
    let stored = load(db, code).await?;
    let mut trust = stored.trust.clone();
    change(&mut trust);
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO profiles (community_code, data, version, claimed, verified, last_verified, updated_at, demo) \
         VALUES ($1, $2, 0, $3, $4, $5, $6, 0) \
         ON CONFLICT (community_code) DO UPDATE SET claimed = excluded.claimed, \
         verified = excluded.verified, last_verified = excluded.last_verified",
    )
    .bind(code)
    .bind(serde_json::to_string(&stored.profile)?)
    .bind(i64::from(trust.claimed))
    .bind(i64::from(trust.verified))
    .bind(trust.last_verified.clone())
    .bind(trust.updated_at.clone().unwrap_or_else(now))
    .execute(&mut *tx)
    .await?;
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(())
}

/// One entry of a card's history.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RevisionRow {
    pub version: i64,
    pub author: Option<String>,
    pub created_at: i64,
    pub restored_from: Option<i64>,
    /// The author's display name.
    pub name: Option<String>,
    pub profile: Profile,
}

/// The card's published versions, newest first, with the author's name: one query for the
/// whole history.
pub async fn revisions(db: &Db, code: &str) -> Result<Vec<RevisionRow>, SaveError> {
    let rows = sqlx::query(
        "SELECT r.version, r.author, r.created_at, r.restored_from, r.data, u.name \
         FROM revisions r LEFT JOIN users u ON u.id = r.author \
         WHERE r.community_code = $1 ORDER BY r.version DESC",
    )
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RevisionRow {
                version: r.try_get("version")?,
                author: r.try_get("author")?,
                created_at: r.try_get("created_at")?,
                restored_from: r.try_get("restored_from")?,
                name: r.try_get("name")?,
                profile: serde_json::from_str(&r.try_get::<String, _>("data")?)?,
            })
        })
        .collect()
}

/// The card as it was at `version`.
pub async fn revision(db: &Db, code: &str, version: i64) -> Result<Option<Profile>, SaveError> {
    let data: Option<String> =
        sqlx::query_scalar("SELECT data FROM revisions WHERE community_code = $1 AND version = $2")
            .bind(code)
            .bind(version)
            .fetch_optional(&db.pool)
            .await?;
    data.map(|d| serde_json::from_str(&d).map_err(SaveError::from))
        .transpose()
}

async fn bump(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE catalogue_version SET n = n + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Demonstration cards for a handful of communities (`data/demo/profiles.json`), keyed by slug.
const DEMO: &str = include_str!("../../data/demo/profiles.json");

#[derive(serde::Deserialize)]
struct DemoCard {
    slug: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    last_verified: Option<String>,
    updated_at: String,
    profile: Profile,
}

/// Loads the demonstration cards, marked as demo, over whatever those communities had —
/// but never over a card a community wrote itself. Returns how many were written.
pub async fn load_demo(db: &Db) -> Result<usize, SaveError> {
    let cards: Vec<DemoCard> = serde_json::from_str(DEMO)?;
    let mut written = 0;
    for card in cards {
        let code: Option<String> =
            sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
                .bind(&card.slug)
                .fetch_optional(&db.pool)
                .await?;
        let code = code.ok_or_else(|| SaveError::UnknownCommunity(card.slug.clone()))?;
        let stored = load(db, &code).await?;
        // A card the community wrote, or one it claimed, is never overwritten by demo content.
        if (stored.version > 0 || stored.trust.claimed) && !stored.trust.demo {
            continue;
        }
        if stored.version > 0 && stored.profile == card.profile {
            continue;
        }
        let trust = Trust {
            claimed: true,
            verified: card.verified,
            last_verified: card.last_verified,
            updated_at: Some(card.updated_at),
            demo: true,
        };
        save(db, &code, &card.profile, &trust, stored.version).await?;
        written += 1;
    }
    Ok(written)
}

/// Removes every demonstration card.
pub async fn remove_demo(db: &Db) -> Result<u64, SaveError> {
    let mut tx = db.begin_write().await?;
    let n = sqlx::query("DELETE FROM profiles WHERE demo = 1")
        .execute(&mut *tx)
        .await?
        .rows_affected();
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(n)
}
