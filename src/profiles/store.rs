//! Storing business cards: the current card with its trust marks, every published version,
//! and the editors' drafts. Every write carries the version it was based on and bumps the
//! content version in the same transaction (the search index and the page cache follow it).
//! A person's edit takes the [`EditorOf`] proof: the community it writes is the proof's.

use super::form::Fields;
use super::model::{Draft, Profile, Trust};
use crate::error::AppError;
use crate::identity::{CommunityCode, UserId};
use crate::platform::audit::{self, AuditAction};
use crate::platform::db::{flag, Db};
use crate::platform::guards::EditorOf;
use crate::platform::now;
use crate::platform::page_cache::bump;
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the profile changed since version {expected}; it is now at version {current}")]
    Conflict { expected: i64, current: i64 },
    #[error("no community with code {0}")]
    UnknownCommunity(String),
    #[error("no community with slug {0}")]
    UnknownSlug(String),
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

fn trust_of(row: &sqlx::any::AnyRow) -> Result<Trust, sqlx::Error> {
    Ok(Trust {
        claimed: flag(row, "claimed")?,
        verified: flag(row, "verified")?,
        last_verified: row.try_get("last_verified")?,
        updated_at: row.try_get("updated_at")?,
        demo: flag(row, "demo")?,
    })
}

pub async fn load(db: &Db, code: &CommunityCode) -> Result<Stored, SaveError> {
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
        trust: trust_of(&row)?,
        version: row.try_get("version")?,
    })
}

/// Every stored card with its community's code (for the search index); a card that cannot
/// be read is given as its error, so one bad document does not hide the others.
pub async fn all(
    db: &Db,
) -> Result<Vec<(CommunityCode, Result<(Profile, Trust), serde_json::Error>)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT community_code, data, claimed, verified, last_verified, updated_at, demo FROM profiles",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let code: CommunityCode = row.try_get("community_code")?;
            let data: String = row.try_get("data")?;
            let trust = trust_of(row)?;
            Ok((code, serde_json::from_str(&data).map(|p| (p, trust))))
        })
        .collect()
}

/// Who made a change, for the revision history.
#[derive(Clone, Copy, Debug, Default)]
pub struct Change<'a> {
    /// The user id (none for the demo loader and other machine writes).
    pub author: Option<&'a UserId>,
    /// The version this change brings back, when it is a restore.
    pub restored_from: Option<i64>,
}

/// Writes a card if it is still at `expected` (0 for a first write) and returns the new
/// version: a machine write (the demo loader), no person's edit.
pub async fn save(
    db: &Db,
    code: &CommunityCode,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
) -> Result<i64, SaveError> {
    publish(db, code, profile, trust, expected, Change::default()).await
}

/// [`save`], recording who changed it: every published version is kept as a revision.
async fn publish(
    db: &Db,
    code: &CommunityCode,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
    change: Change<'_>,
) -> Result<i64, SaveError> {
    let data = serde_json::to_string(profile)?;
    let updated = trust.updated_at.unwrap_or_else(now);
    let mut tx = db.begin_write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT code FROM communities WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(SaveError::UnknownCommunity(code.to_string()));
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
    .bind(trust.last_verified)
    .bind(updated)
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
    .bind(now())
    .bind(change.restored_from)
    .execute(&mut *tx)
    .await?;
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(next)
}

/// A person's edit of a card: from where, and what the audit log says beside the new version.
pub struct Edit<'a> {
    pub ip: &'a str,
    /// The version this edit brings back, when it is a restore.
    pub restored_from: Option<i64>,
    /// Added to the audit line after the version, e.g. ": picture removed".
    pub note: &'a str,
}

impl<'a> Edit<'a> {
    /// An edit from `ip`, neither a restore nor with a note.
    pub fn from(ip: &'a str) -> Self {
        Edit {
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
    by: &EditorOf,
    profile: &Profile,
    trust: &Trust,
    expected: i64,
    edit: Edit<'_>,
) -> Result<i64, AppError> {
    let mut trust = trust.clone();
    trust.updated_at = Some(now());
    trust.claimed = true;
    trust.demo = false;
    // Coordinators checked the card's contacts: a change of them ends the mark (a change of
    // texts keeps it, and the card says the texts changed after the check).
    let mut dropped = false;
    if trust.verified && expected > 0 {
        let before = revision(db, by.community(), expected)
            .await
            .map_err(AppError::internal)?;
        if before.is_some_and(|b| !b.same_contacts(profile)) {
            trust.verified = false;
            dropped = true;
        }
    }
    let change = Change {
        author: Some(by.id()),
        restored_from: edit.restored_from,
    };
    let version = publish(db, by.community(), profile, &trust, expected, change)
        .await
        .map_err(|e| match e {
            SaveError::Conflict { current, .. } => AppError::Conflict { current },
            e => AppError::internal(e),
        })?;
    let (action, detail) = match edit.restored_from {
        Some(old) => (
            AuditAction::Restored,
            format!("version {old} as {version}{}", edit.note),
        ),
        None => (
            AuditAction::Published,
            format!("version {version}{}", edit.note),
        ),
    };
    audit::record(
        db,
        Some(by.id()),
        action,
        by.community().as_str(),
        &detail,
        edit.ip,
    )
    .await;
    if dropped {
        audit::record(
            db,
            Some(by.id()),
            AuditAction::VerifiedMarkDropped,
            by.community().as_str(),
            &format!("contacts changed in version {version}"),
            edit.ip,
        )
        .await;
    }
    Ok(version)
}

/// The editor's unpublished edits of the proof's community, if any.
pub async fn draft(db: &Db, by: &EditorOf) -> Result<Option<Draft>, SaveError> {
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT data, base_version, updated_at FROM drafts WHERE user_id = $1 AND community_code = $2",
    )
    .bind(by.id())
    .bind(by.community())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row
        .map(|(data, base_version, updated_at)| {
            serde_json::from_str(&data).map(|fields| Draft {
                fields,
                base_version,
                updated_at,
            })
        })
        .transpose()?)
}

/// Keeps the editor's unpublished edits (one draft per editor and community).
pub async fn store_draft(
    db: &Db,
    by: &EditorOf,
    base_version: i64,
    fields: &Fields,
) -> Result<(), SaveError> {
    sqlx::query(
        "INSERT INTO drafts (user_id, community_code, data, base_version, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, community_code) DO UPDATE SET data = excluded.data, \
         base_version = excluded.base_version, updated_at = excluded.updated_at",
    )
    .bind(by.id())
    .bind(by.community())
    .bind(serde_json::to_string(fields)?)
    .bind(base_version)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Throws the editor's draft away.
pub async fn drop_draft(db: &Db, by: &EditorOf) -> Result<(), SaveError> {
    sqlx::query("DELETE FROM drafts WHERE user_id = $1 AND community_code = $2")
        .bind(by.id())
        .bind(by.community())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The community's names (Ukrainian, Latin), for the editor's heading.
pub async fn names(db: &Db, code: &CommunityCode) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT name_uk, name_latin FROM communities WHERE code = $1")
        .bind(code)
        .fetch_one(&db.pool)
        .await
}

/// One entry of a card's history.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RevisionRow {
    pub version: i64,
    pub author: Option<UserId>,
    pub created_at: i64,
    pub restored_from: Option<i64>,
    /// The author's display name.
    pub name: Option<String>,
    pub profile: Profile,
}

/// The card's published versions, newest first, with the author's name: one query for the
/// whole history.
pub async fn revisions(db: &Db, code: &CommunityCode) -> Result<Vec<RevisionRow>, SaveError> {
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

/// Who published `version` (their display name, if the account still exists) and when.
pub async fn published_by(
    db: &Db,
    code: &CommunityCode,
    version: i64,
) -> Result<Option<(Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name, r.created_at FROM revisions r LEFT JOIN users u ON u.id = r.author \
         WHERE r.community_code = $1 AND r.version = $2",
    )
    .bind(code)
    .bind(version)
    .fetch_optional(&db.pool)
    .await
}

/// The card as it was at `version`.
pub async fn revision(
    db: &Db,
    code: &CommunityCode,
    version: i64,
) -> Result<Option<Profile>, SaveError> {
    let data: Option<String> =
        sqlx::query_scalar("SELECT data FROM revisions WHERE community_code = $1 AND version = $2")
            .bind(code)
            .bind(version)
            .fetch_optional(&db.pool)
            .await?;
    data.map(|d| serde_json::from_str(&d).map_err(SaveError::from))
        .transpose()
}

/// The code of the community with this slug (the demo file names communities by slug).
pub async fn code_of(db: &Db, slug: &str) -> Result<Option<CommunityCode>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await
}

/// Removes every demonstration card (an operator's command).
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
