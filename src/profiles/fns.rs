//! The editing server functions: thin shells over `service`.

use super::form::Fields;
use super::model::{CardHistory, Editable, FieldChange};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// The card's published fields and version, and the caller's draft.
#[server(prefix = "/api", endpoint = "editable", output = crate::codec::Answer)]
pub async fn get_editable(slug: String) -> Result<Editable, AppError> {
    service::editable(&Ctx::current()?, &slug).await
}

/// Keeps unpublished edits on the server (called as the editor types, and by "Save draft").
#[server(prefix = "/api", endpoint = "save_draft", output = crate::codec::Answer)]
pub async fn save_draft(
    slug: String,
    base_version: i64,
    #[server(default)] fields: Fields,
    #[server(default)] redirect: String,
) -> Result<(), AppError> {
    service::save_draft(
        &Ctx::current()?,
        &slug,
        base_version,
        &fields,
        !redirect.is_empty(),
    )
    .await
}

/// Throws the draft away (the published card stays as it is).
#[server(prefix = "/api", endpoint = "discard_draft", output = crate::codec::Answer)]
pub async fn discard_draft(slug: String) -> Result<(), AppError> {
    service::discard_draft(&Ctx::current()?, &slug).await
}

/// Publishes the edited card (merging with what others published meanwhile).
#[server(prefix = "/api", endpoint = "publish_profile", output = crate::codec::Answer)]
pub async fn publish_profile(
    slug: String,
    base_version: i64,
    #[server(default)] fields: Fields,
) -> Result<(), AppError> {
    service::publish(&Ctx::current()?, &slug, base_version, &fields).await
}

/// The card's published versions, newest first, with who made them and which fields changed.
#[server(prefix = "/api", endpoint = "history", output = crate::codec::Answer)]
pub async fn history(slug: String) -> Result<CardHistory, AppError> {
    service::history(&Ctx::current()?, &slug).await
}

/// What one version changed, field by field.
#[server(prefix = "/api", endpoint = "revision_changes", output = crate::codec::Answer)]
pub async fn revision_changes(slug: String, version: i64) -> Result<Vec<FieldChange>, AppError> {
    service::revision_changes(&Ctx::current()?, &slug, version).await
}

/// What restoring an old version would change on the card as it is now.
#[server(prefix = "/api", endpoint = "restore_preview", output = crate::codec::Answer)]
pub async fn restore_preview(slug: String, version: i64) -> Result<Vec<FieldChange>, AppError> {
    service::restore_preview(&Ctx::current()?, &slug, version).await
}

/// Publishes an old version again, as a new version (history is never rewritten).
#[server(prefix = "/api", endpoint = "restore_revision", output = crate::codec::Answer)]
pub async fn restore_revision(
    slug: String,
    version: i64,
    base_version: i64,
) -> Result<(), AppError> {
    service::restore(&Ctx::current()?, &slug, version, base_version).await
}

/// Takes a picture (logo or photo, by its address) off the card: a new published version.
#[server(prefix = "/api", endpoint = "remove_image", output = crate::codec::Answer)]
pub async fn remove_image(slug: String, url: String) -> Result<(), AppError> {
    service::remove_image(&Ctx::current()?, &slug, &url).await
}
