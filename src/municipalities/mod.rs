//! The directory of European municipalities (GeoNames, about 86,000 places outside
//! Ukraine): a type-ahead by any of their names, and a page for each. The directory only
//! changes with the seed data, so each instance indexes it once, on first use.

pub mod fns;
pub mod model;
pub mod page;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod places;
#[cfg(feature = "ssr")]
pub mod store;

/// The directory, indexed on first use (the domain's service in the application state).
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct Directory(tokio::sync::OnceCell<places::Places>);

#[cfg(feature = "ssr")]
impl Directory {
    pub async fn get(
        &self,
        db: &crate::platform::db::Db,
    ) -> Result<&places::Places, crate::error::AppError> {
        self.0
            .get_or_try_init(|| places::load(db))
            .await
            .map_err(crate::error::AppError::internal)
    }
}

/// The directory of the application state.
#[cfg(feature = "ssr")]
pub async fn directory(
    state: &crate::platform::AppState,
) -> Result<&places::Places, crate::error::AppError> {
    state.service::<Directory>()?.get(&state.db).await
}
