//! The directory's server function: one municipality.

use super::model::Municipality;
use crate::error::AppError;
use leptos::prelude::*;

/// One European municipality of the directory.
#[server(prefix = "/api", endpoint = "municipality", output = crate::codec::Answer)]
pub async fn get_municipality(country: String, slug: String) -> Result<Municipality, AppError> {
    let state = crate::platform::AppState::current()?;
    super::directory(&state)
        .await?
        .find(&country, &slug)
        .cloned()
        .ok_or(AppError::NotFound)
}
