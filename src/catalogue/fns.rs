//! The catalogue's server functions: counts, pages of communities with facets, their map,
//! one community, and how communities were placed. All public, read-only.

use super::model::{CommunityDetail, Stats};
use super::query::{CatalogueQuery, CatalogueResult, MapView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::AppState;

#[server(prefix = "/api", endpoint = "stats", output = crate::codec::Answer)]
pub async fn get_stats() -> Result<Stats, AppError> {
    Ok(super::store::stats(&AppState::current()?.db).await?)
}

/// A few communities with urgent needs, for the home page.
#[server(prefix = "/api", endpoint = "urgent", output = crate::codec::Answer)]
pub async fn get_urgent() -> Result<Vec<super::model::CommunitySummary>, AppError> {
    Ok(super::snapshot(&AppState::current()?)
        .await?
        .urgent(HOME_URGENT))
}

/// How many communities with urgent needs the home page shows.
pub const HOME_URGENT: usize = 6;

/// One page of the catalogue for a search with filters, with facet counts. Called only by the
/// catalogue's island, like `catalogue_map`: their arguments travel as JSON, which keeps the
/// form-encoding code out of the catalogue's WebAssembly.
#[server(prefix = "/api", endpoint = "catalogue", input = crate::codec::Answer, output = crate::codec::Answer)]
pub async fn search_catalogue(query: CatalogueQuery) -> Result<CatalogueResult, AppError> {
    let query = query.checked()?;
    let state = AppState::current()?;
    // "Near my town": the reader's municipality from the directory orders the results.
    let near = if query.near.trim().is_empty() {
        None
    } else {
        crate::municipalities::directory(&state)
            .await?
            .resolve(&query.near)
    };
    Ok(super::snapshot(&state).await?.query_near(&query, near))
}

#[server(prefix = "/api", endpoint = "community", output = crate::codec::Answer)]
pub async fn get_community(slug: String) -> Result<CommunityDetail, AppError> {
    let slug = crate::identity::Slug::parse(&slug).ok_or(AppError::NotFound)?;
    super::store::community(&AppState::current()?, &slug).await
}

/// The results of a search on a map, clustered at the query's zoom level.
#[server(prefix = "/api", endpoint = "catalogue_map", input = crate::codec::Answer, output = crate::codec::Answer)]
pub async fn catalogue_map(query: CatalogueQuery) -> Result<MapView, AppError> {
    let query = query.checked()?;
    Ok(super::snapshot(&AppState::current()?).await?.map(&query))
}

/// How many communities were placed on the map by each method (see the seed generator).
#[server(prefix = "/api", endpoint = "placement", output = crate::codec::Answer)]
pub async fn get_placement() -> Result<Vec<(String, i64)>, AppError> {
    Ok(super::store::placement(&AppState::current()?.db).await?)
}

/// The reader's shortlist (from their browser's cookie), to compare side by side; `full`
/// names a community a full list did not take.
#[server(prefix = "/api", endpoint = "shortlist", output = crate::codec::Answer)]
pub async fn get_shortlist(
    #[server(default)] full: String,
) -> Result<super::shortlist::Shortlist, AppError> {
    super::shortlist::current(&crate::platform::context::Ctx::current()?, &full).await
}

/// Adds a community to the reader's shortlist (or takes it off with `remove`), then shows
/// the comparison; `back` is the page to return to.
#[server(prefix = "/api", endpoint = "change_shortlist", output = crate::codec::Answer)]
pub async fn change_shortlist(
    slug: String,
    #[server(default)] remove: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let ctx = crate::platform::context::Ctx::current()?;
    super::shortlist::change(&ctx, &slug, !remove.is_empty(), &back).await
}
