//! The catalogue's SQL: counts, placement methods, and the official details of one community.

use super::model::{CommunityDetail, Stats};
use crate::error::AppError;
use crate::identity::{CommunityCode, Slug};
use crate::platform::db::{flag, Db};
use crate::platform::AppState;
use sqlx::Row;

pub async fn count_communities(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(&db.pool)
        .await
}

pub async fn stats(db: &Db) -> Result<Stats, sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM communities) AS communities, \
                (SELECT COUNT(*) FROM regions WHERE kind = 'oblast') AS oblasts, \
                (SELECT COUNT(*) FROM settlements WHERE category <> 'B') AS settlements, \
                (SELECT COUNT(*) FROM municipalities) AS municipalities",
    )
    .fetch_one(&db.pool)
    .await
}

pub async fn placement(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT position_method, COUNT(*) AS n FROM communities \
         GROUP BY position_method ORDER BY COUNT(*) DESC, position_method",
    )
    .fetch_all(&db.pool)
    .await
}

/// One community as its page and the API show it: the catalogue's summary and other
/// names, the official details and settlements, and the card.
pub async fn community(state: &AppState, slug: &Slug) -> Result<CommunityDetail, AppError> {
    let catalogue = super::snapshot(state).await?;
    let entry = catalogue.entry(slug.as_str()).ok_or(AppError::NotFound)?;
    let row = sqlx::query(
        "SELECT s.name_uk AS centre_uk, s.name_latin AS centre_latin, \
                c.position_method, c.centre_population \
         FROM communities c LEFT JOIN settlements s ON s.code = c.centre_code \
         WHERE c.code = $1",
    )
    .bind(&entry.code)
    .fetch_one(&state.db.pool)
    .await?;
    let settlements = sqlx::query_as(
        "SELECT code, category, name_uk, name_latin FROM settlements WHERE community_code = $1 ORDER BY ord",
    )
    .bind(&entry.code)
    .fetch_all(&state.db.pool)
    .await?;
    let stored = crate::profiles::store::load(&state.db, &entry.code)
        .await
        .map_err(AppError::internal)?;
    Ok(CommunityDetail {
        summary: entry.summary.clone(),
        centre_uk: row.try_get("centre_uk")?,
        centre_latin: row.try_get("centre_latin")?,
        position_method: row.try_get("position_method")?,
        centre_population: row.try_get("centre_population")?,
        settlements,
        aliases: entry.aliases.clone(),
        profile: stored.profile,
        trust: stored.trust,
    })
}

/// A community as the search index reads it: official data, its region and raion.
pub struct IndexRow {
    pub code: CommunityCode,
    pub slug: Slug,
    pub kind: String,
    pub name_uk: String,
    pub name_latin: String,
    pub occupied: bool,
    pub lat: f64,
    pub lon: f64,
    pub centre_population: Option<i64>,
    pub aliases: String,
    pub region_kind: String,
    pub region_uk: String,
    pub region_latin: String,
    pub region_slug: String,
    pub raion_code: Option<String>,
    pub raion_uk: Option<String>,
    pub raion_latin: Option<String>,
}

/// Every community for the search index, occupied ones last.
pub async fn index_rows(db: &Db) -> Result<Vec<IndexRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.code, c.slug, c.kind, c.name_uk, c.name_latin, c.occupied, c.lat, c.lon, \
                c.centre_population, c.aliases, r.kind AS region_kind, r.name_uk AS region_uk, \
                r.name_latin AS region_latin, r.slug AS region_slug, c.raion_code, \
                ra.name_uk AS raion_uk, ra.name_latin AS raion_latin \
         FROM communities c JOIN regions r ON r.code = c.region_code \
         LEFT JOIN raions ra ON ra.code = c.raion_code ORDER BY c.occupied, c.code",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(IndexRow {
                code: row.try_get("code")?,
                slug: row.try_get("slug")?,
                kind: row.try_get("kind")?,
                name_uk: row.try_get("name_uk")?,
                name_latin: row.try_get("name_latin")?,
                occupied: flag(row, "occupied")?,
                lat: row.try_get("lat")?,
                lon: row.try_get("lon")?,
                centre_population: row.try_get("centre_population")?,
                aliases: row.try_get("aliases")?,
                region_kind: row.try_get("region_kind")?,
                region_uk: row.try_get("region_uk")?,
                region_latin: row.try_get("region_latin")?,
                region_slug: row.try_get("region_slug")?,
                raion_code: row.try_get("raion_code")?,
                raion_uk: row.try_get("raion_uk")?,
                raion_latin: row.try_get("raion_latin")?,
            })
        })
        .collect()
}

/// (community code, Ukrainian name, Latin name) of every settlement, in the codifier's order.
/// The communities whose centre is a city (category `M` of the codifier).
pub async fn city_centred(db: &Db) -> Result<Vec<CommunityCode>, sqlx::Error> {
    sqlx::query_scalar("SELECT community_code FROM settlements WHERE ord = 0 AND category = 'M'")
        .fetch_all(&db.pool)
        .await
}

pub async fn settlement_names(
    db: &Db,
) -> Result<Vec<(CommunityCode, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT community_code, name_uk, name_latin FROM settlements ORDER BY community_code, ord",
    )
    .fetch_all(&db.pool)
    .await
}
