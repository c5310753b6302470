//! The catalogue: every community from the official data, searched in memory in both
//! scripts with filters, facets, sorting and a map; each community's page; the open data
//! (JSON, CSV, OpenAPI, sitemap) and the link-preview image. It builds on `profiles`: the
//! cards' facets and words are part of what it searches, and a community's page shows its card.

pub mod fns;
pub mod labels;
pub mod model;
pub mod pages;
pub mod query;
pub mod shortlist;

#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod preview;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;

/// The catalogue as the database has it now (the in-memory index, rebuilt when stale).
#[cfg(feature = "ssr")]
pub async fn snapshot(
    state: &crate::platform::AppState,
) -> Result<std::sync::Arc<search::Snapshot>, crate::error::AppError> {
    state
        .service::<search::Catalogue>()?
        .current(&state.db)
        .await
        .map_err(crate::error::AppError::internal)
}
