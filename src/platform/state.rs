//! The one state every route and server function shares, provided through context.
//!
//! Besides the infrastructure, it holds each domain's long-lived service (the catalogue's
//! search index, the directory of municipalities), registered by `startup` under its type:
//! the platform stores them without knowing them.

use super::config::Settings;
use super::db::Db;
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    /// Rendered pages for anonymous readers (see `page_cache`).
    pub pages: Arc<super::page_cache::PageCache>,
    /// Wakes the background mail sender.
    pub mailer: Arc<super::mail::sender::Mailer>,
    /// Where uploaded pictures are kept (see `storage`).
    pub storage: Arc<dyn super::storage::Storage>,
    services: Arc<Services>,
}

/// Domain services by type.
#[derive(Default)]
pub struct Services(HashMap<TypeId, Arc<dyn Any + Send + Sync>>);

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Services({} registered)", self.0.len())
    }
}

impl Services {
    /// Registers a domain's service (one per type).
    pub fn with<T: Any + Send + Sync>(mut self, service: T) -> Self {
        self.0.insert(TypeId::of::<T>(), Arc::new(service));
        self
    }
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        settings: Settings,
        storage: Arc<dyn super::storage::Storage>,
        services: Services,
    ) -> Self {
        AppState {
            leptos_options,
            db,
            settings: Arc::new(settings),
            pages: Arc::default(),
            mailer: Arc::default(),
            storage,
            services: Arc::new(services),
        }
    }

    /// The domain service of type `T` (registered by `startup`).
    pub fn service<T: Any + Send + Sync>(&self) -> Result<&T, AppError> {
        self.services
            .0
            .get(&TypeId::of::<T>())
            .and_then(|s| s.downcast_ref::<T>())
            .ok_or_else(|| {
                AppError::internal(format!("service {} missing", std::any::type_name::<T>()))
            })
    }

    /// The state inside a server function or a server-rendered component.
    pub fn current() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
