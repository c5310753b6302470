//! The public catalogue: counts, pages of communities, one community.

use crate::error::AppError;
use crate::model::catalogue::{CatalogueQuery, CatalogueResult, MapView};
use crate::model::{CommunityDetail, Municipality, Stats};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "stats", output = crate::api::Answer)]
pub async fn get_stats() -> Result<Stats, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::stats(&state.db).await?)
}

/// One page of the catalogue for a search with filters, with facet counts. Called only by the
/// catalogue's island, like `catalogue_map`: their arguments travel as JSON, which keeps the
/// form-encoding code out of the catalogue's WebAssembly.
#[server(prefix = "/api", endpoint = "catalogue", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn search_catalogue(query: CatalogueQuery) -> Result<CatalogueResult, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(state.catalogue().await?.query(&query))
}

#[server(prefix = "/api", endpoint = "community", output = crate::api::Answer)]
pub async fn get_community(slug: String) -> Result<CommunityDetail, AppError> {
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let state = crate::server::state::app_state()?;
    queries::community(&state, &slug).await
}

/// The results of a search on a map, clustered at the query's zoom level.
#[server(prefix = "/api", endpoint = "catalogue_map", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn catalogue_map(query: CatalogueQuery) -> Result<MapView, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(state.catalogue().await?.map(&query))
}

/// One European municipality of the directory.
#[server(prefix = "/api", endpoint = "municipality", output = crate::api::Answer)]
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
#[server(prefix = "/api", endpoint = "placement", output = crate::api::Answer)]
pub async fn get_placement() -> Result<Vec<(String, i64)>, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::placement(&state.db).await?)
}

#[cfg(feature = "ssr")]
pub use queries::count_communities;

#[cfg(feature = "ssr")]
pub mod queries {
    use crate::error::AppError;
    use crate::model::{CommunityDetail, Stats};
    use crate::server::db::Db;
    use crate::server::AppState;
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
    pub async fn community(state: &AppState, slug: &str) -> Result<CommunityDetail, AppError> {
        let catalogue = state.catalogue().await?;
        let entry = catalogue.entry(slug).ok_or(AppError::NotFound)?;
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
        let stored = crate::server::profiles::load(&state.db, &entry.code)
            .await
            .map_err(AppError::internal)?;
        Ok(CommunityDetail {
            summary: entry.summary.clone(),
            code: entry.code.clone(),
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
}
