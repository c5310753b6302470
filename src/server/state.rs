//! The one state every route and server function shares, provided through context.

use super::config::Settings;
use super::db::Db;
use super::search::catalogue::{Catalogue, Snapshot};
use super::search::places::Places;
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub catalogue: Arc<Catalogue>,
    pub places: Arc<tokio::sync::OnceCell<Places>>,
    /// Rendered pages for anonymous readers (see `page_cache`).
    pub pages: Arc<super::page_cache::PageCache>,
    /// Wakes the background mail sender.
    pub mailer: Arc<super::mail::sender::Mailer>,
    /// Where uploaded pictures are kept (see `media::storage`).
    pub storage: Arc<dyn super::media::storage::Storage>,
}

impl AppState {
    /// The catalogue as the database has it now.
    pub async fn catalogue(&self) -> Result<Arc<Snapshot>, AppError> {
        self.catalogue
            .current(&self.db)
            .await
            .map_err(AppError::internal)
    }

    /// The directory of European municipalities, indexed on first use.
    pub async fn places(&self) -> Result<&Places, AppError> {
        self.places
            .get_or_try_init(|| super::search::places::load(&self.db))
            .await
            .map_err(AppError::internal)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function or a server-rendered component.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}
