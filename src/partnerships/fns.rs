//! The partnerships domain's server functions: thin shells over `service`.

// A form's fields are a server function's arguments (the request form has fourteen).
#![allow(clippy::too_many_arguments)]

use super::model::{AskForm, RequestStatus};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// What the request form of a community shows: the municipality chosen (`place`, as
/// `PL/krakow`), or the directory's candidates for `town` in `country`.
#[server(prefix = "/api", endpoint = "get_ask_form", output = crate::codec::Answer)]
pub async fn get_ask_form(
    slug: String,
    #[server(default)] town: String,
    #[server(default)] country: String,
    #[server(default)] place: String,
) -> Result<AskForm, AppError> {
    service::ask_form(&Ctx::current()?, &slug, &town, &country, &place).await
}

/// Asks for a partnership with a named community (no account needed); the requester is
/// mailed a private link to follow it.
#[server(prefix = "/api", endpoint = "ask_partner", output = crate::codec::Answer)]
pub async fn ask_partner(
    slug: String,
    #[server(default)] place: String,
    #[server(default)] town: String,
    #[server(default)] country: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_role: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] languages: String,
    #[server(default)] themes: Vec<String>,
    #[server(default)] message: String,
    #[server(default)] consent: String,
    #[server(default)] website: String,
    #[server(default)] stamp: String,
) -> Result<(), AppError> {
    let input = service::AskInput {
        slug,
        place,
        town,
        country,
        contact_name,
        contact_role,
        email,
        phone,
        languages,
        themes,
        message,
        consent: consent == "yes",
        website,
        stamp,
    };
    service::ask_partner(&Ctx::current()?, &input).await
}

/// The request behind a private link (not found for a wrong or forgotten link).
#[server(prefix = "/api", endpoint = "get_request_status", output = crate::codec::Answer)]
pub async fn get_request_status(token: String) -> Result<RequestStatus, AppError> {
    service::request_status(&Ctx::current()?, &token).await
}

/// The requester writes into the request's conversation.
#[server(prefix = "/api", endpoint = "write_to_request", output = crate::codec::Answer)]
pub async fn write_to_request(
    token: String,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    service::write_message(&Ctx::current()?, &token, &body).await
}

/// The requester takes the request back.
#[server(prefix = "/api", endpoint = "withdraw_request", output = crate::codec::Answer)]
pub async fn withdraw_request(
    token: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    service::withdraw(&Ctx::current()?, &token, &note).await
}

/// The requester has their personal data deleted now (the request is withdrawn).
#[server(prefix = "/api", endpoint = "forget_request", output = crate::codec::Answer)]
pub async fn forget_request(token: String) -> Result<(), AppError> {
    service::forget(&Ctx::current()?, &token).await
}
