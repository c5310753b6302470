//! The public catalogue: counts, pages of communities, one community.

use crate::error::AppError;
use crate::model::catalogue::{CatalogueQuery, CatalogueResult, MapView};
use crate::model::{CommunityDetail, Municipality, Stats};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "stats")]
pub async fn get_stats() -> Result<Stats, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::stats(&state.db).await?)
}

/// One page of the catalogue for a search with filters, with facet counts.
#[server(prefix = "/api", endpoint = "catalogue")]
pub async fn search_catalogue(query: CatalogueQuery) -> Result<CatalogueResult, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(state.catalogue().await?.query(&query))
}

#[server(prefix = "/api", endpoint = "community")]
pub async fn get_community(slug: String) -> Result<CommunityDetail, AppError> {
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let state = crate::server::state::app_state()?;
    let catalogue = state.catalogue().await?;
    let entry = catalogue.entry(&slug).ok_or(AppError::NotFound)?;
    let mut detail = queries::detail(&state.db, &entry.code)
        .await?
        .ok_or(AppError::NotFound)?;
    detail.summary = entry.summary.clone();
    let stored = crate::server::profiles::load(&state.db, &entry.code)
        .await
        .map_err(AppError::internal)?;
    detail.profile = stored.profile;
    detail.trust = stored.trust;
    Ok(detail)
}

/// The results of a search on a map, clustered at the query's zoom level.
#[server(prefix = "/api", endpoint = "catalogue_map")]
pub async fn catalogue_map(query: CatalogueQuery) -> Result<MapView, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(state.catalogue().await?.map(&query))
}

/// One European municipality of the directory.
#[server(prefix = "/api", endpoint = "municipality")]
pub async fn get_municipality(country: String, slug: String) -> Result<Municipality, AppError> {
    let state = crate::server::state::app_state()?;
    let places = state.places().await?;
    places
        .items
        .iter()
        .find(|m| m.country.eq_ignore_ascii_case(&country) && m.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)
}

/// How many communities were placed on the map by each method (see the seed generator).
#[server(prefix = "/api", endpoint = "placement")]
pub async fn get_placement() -> Result<Vec<(String, i64)>, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::placement(&state.db).await?)
}

#[cfg(feature = "ssr")]
pub use queries::count_communities;

#[cfg(feature = "ssr")]
pub mod queries {
    use crate::model::{CommunityDetail, CommunitySummary, Stats};
    use crate::server::db::Db;
    use sqlx::any::AnyRow;
    use sqlx::{FromRow, Row};

    impl FromRow<'_, AnyRow> for CommunityDetail {
        fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
            Ok(CommunityDetail {
                // The caller fills the summary from the catalogue.
                summary: CommunitySummary {
                    slug: row.try_get("slug")?,
                    name_uk: row.try_get("name_uk")?,
                    name_latin: row.try_get("name_latin")?,
                    kind: row.try_get("kind")?,
                    region_kind: String::new(),
                    region_uk: String::new(),
                    region_latin: String::new(),
                    raion_uk: None,
                    raion_latin: None,
                    occupied: false,
                    population: None,
                    population_is_centre: false,
                    situation: None,
                    offers: Vec::new(),
                    needs: Vec::new(),
                    partners: 0,
                    seeking: false,
                    claimed: false,
                    verified: false,
                    demo: false,
                    updated_at: None,
                    lat: row.try_get("lat")?,
                    lon: row.try_get("lon")?,
                    via: None,
                },
                code: row.try_get("code")?,
                centre_uk: row.try_get("centre_uk")?,
                centre_latin: row.try_get("centre_latin")?,
                position_method: row.try_get("position_method")?,
                centre_population: row.try_get("centre_population")?,
                settlements: Vec::new(),
                aliases: row
                    .try_get::<String, _>("aliases")?
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                profile: Default::default(),
                trust: Default::default(),
            })
        }
    }

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

    /// Official data of one community; the summary is left for the caller to fill.
    pub async fn detail(db: &Db, code: &str) -> Result<Option<CommunityDetail>, sqlx::Error> {
        let found: Option<CommunityDetail> = sqlx::query_as(
            "SELECT c.slug, c.name_uk, c.name_latin, c.kind, c.code, c.aliases, \
                    s.name_uk AS centre_uk, s.name_latin AS centre_latin, \
                    c.lat, c.lon, c.position_method, c.centre_population \
             FROM communities c LEFT JOIN settlements s ON s.code = c.centre_code \
             WHERE c.code = $1",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
        let Some(mut detail) = found else {
            return Ok(None);
        };
        detail.settlements = sqlx::query_as(
            "SELECT code, category, name_uk, name_latin FROM settlements WHERE community_code = $1 ORDER BY ord",
        )
        .bind(&detail.code)
        .fetch_all(&db.pool)
        .await?;
        Ok(Some(detail))
    }
}
