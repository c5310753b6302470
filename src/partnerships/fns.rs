//! The partnerships domain's server functions: thin shells over `service`.

// A form's fields are a server function's arguments (the request form has fourteen).
#![allow(clippy::too_many_arguments)]

use super::model::{
    AskForm, CaseView, CommunityRequests, Counters, Desk, DeskFilter, ImportView,
    PartnershipRecord, PartnershipView, QuietPartnerships, RegistryFilter, RegistryPage,
    RequestStatus, Stats,
};
use crate::catalogue::query::CatalogueQuery;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// What the request form of a community (`slug`; empty for "find us a partner") shows:
/// the municipality chosen (`place`, as `PL/krakow`), or the directory's candidates for
/// `town` in `country`; a general request also the communities `attach` names.
#[server(prefix = "/api", endpoint = "get_ask_form", output = crate::codec::Answer)]
pub async fn get_ask_form(
    #[server(default)] slug: String,
    #[server(default)] town: String,
    #[server(default)] country: String,
    #[server(default)] place: String,
    #[server(default)] attach: String,
) -> Result<AskForm, AppError> {
    service::ask_form(&Ctx::current()?, &slug, &town, &country, &place, &attach).await
}

/// Asks for a partnership with a named community, or (`slug` empty) for coordinators to
/// find one with these preferences; no account needed. The requester is mailed a private
/// link to follow it.
#[server(prefix = "/api", endpoint = "ask_partner", output = crate::codec::Answer)]
pub async fn ask_partner(
    #[server(default)] slug: String,
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
    #[server(default)] region: String,
    #[server(default)] size: String,
    #[server(default)] kind: String,
    #[server(default)] offer: String,
    #[server(default)] formality: String,
    #[server(default)] travel: String,
    #[server(default)] liked: Vec<String>,
) -> Result<(), AppError> {
    let input = service::AskInput {
        slug,
        preferences: super::model::Preferences {
            region,
            size,
            kind,
            offer,
            formality,
            travel,
            liked: liked
                .iter()
                .filter_map(|s| crate::identity::Slug::parse(s))
                .collect(),
        },
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

/// The coordinators' desk: every pair and waiting general request, filtered.
#[server(prefix = "/api", endpoint = "get_desk", output = crate::codec::Answer)]
pub async fn get_desk(#[server(default)] filter: DeskFilter) -> Result<Desk, AppError> {
    super::pipeline::desk(&Ctx::current()?, &filter).await
}

/// A request as its case page shows it (coordinators, and editors of its communities),
/// with the shortlist search `shortlist` (once `searched`, else from the preferences).
#[server(prefix = "/api", endpoint = "get_case", output = crate::codec::Answer)]
pub async fn get_case(
    request: String,
    #[server(default)] shortlist: CatalogueQuery,
    #[server(default)] searched: bool,
) -> Result<CaseView, AppError> {
    super::pipeline::case(&Ctx::current()?, &request, shortlist, searched).await
}

/// The requests and introductions of a community, for its editors.
#[server(prefix = "/api", endpoint = "get_community_requests", output = crate::codec::Answer)]
pub async fn get_community_requests(slug: String) -> Result<CommunityRequests, AppError> {
    super::pipeline::community_requests(&Ctx::current()?, &slug).await
}

/// Moves a pair to the stage `to` (a coordinator, or an editor of its community); `from`
/// says which page to go back to (`community` or the case page).
#[server(prefix = "/api", endpoint = "move_pair", output = crate::codec::Answer)]
pub async fn move_pair(
    pair: String,
    #[server(default)] to: String,
    #[server(default)] note: String,
    #[server(default)] kind: String,
    #[server(default)] from: String,
) -> Result<(), AppError> {
    super::pipeline::move_pair(&Ctx::current()?, &pair, &to, &note, &kind, &from).await
}

/// Coordinators introduce a request to the communities ticked.
#[server(prefix = "/api", endpoint = "introduce", output = crate::codec::Answer)]
pub async fn introduce(
    request: String,
    #[server(default)] communities: Vec<String>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::pipeline::introduce(&Ctx::current()?, &request, &communities, &note).await
}

/// Coordinators record that they reached a pair's community outside the platform.
#[server(prefix = "/api", endpoint = "reached_outside", output = crate::codec::Answer)]
pub async fn reached_outside(pair: String) -> Result<(), AppError> {
    super::pipeline::reached_outside(&Ctx::current()?, &pair).await
}

/// Coordinators assign a request to one of them (`user` empty: nobody).
#[server(prefix = "/api", endpoint = "assign_request", output = crate::codec::Answer)]
pub async fn assign_request(
    request: String,
    #[server(default)] user: String,
) -> Result<(), AppError> {
    super::pipeline::assign(&Ctx::current()?, &request, &user).await
}

/// A coordinator or an editor writes into a request's conversation; `internal=yes` keeps
/// a coordinators' note instead.
#[server(prefix = "/api", endpoint = "post_to_request", output = crate::codec::Answer)]
pub async fn post_to_request(
    request: String,
    #[server(default)] body: String,
    #[server(default)] internal: String,
    #[server(default)] from: String,
) -> Result<(), AppError> {
    super::pipeline::post(&Ctx::current()?, &request, &body, internal == "yes", &from).await
}

/// Coordinators close a request no partner was found for.
#[server(prefix = "/api", endpoint = "close_request", output = crate::codec::Answer)]
pub async fn close_request(
    request: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::pipeline::close(&Ctx::current()?, &request, &note).await
}

/// A bulk action of the desk on the pairs ticked (`assign:<id>` or `move:<stage>`).
#[server(prefix = "/api", endpoint = "desk_bulk", output = crate::codec::Answer)]
pub async fn desk_bulk(
    #[server(default)] pairs: Vec<String>,
    #[server(default)] action: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    super::pipeline::bulk(&Ctx::current()?, &pairs, &action, &note).await
}

/// A page of the open registry of partnerships, with its map and the filters' choices.
#[server(prefix = "/api", endpoint = "get_registry", output = crate::codec::Answer)]
pub async fn get_registry(#[server(default)] f: RegistryFilter) -> Result<RegistryPage, AppError> {
    super::registry::page(&Ctx::current()?, f).await
}

/// The newest partnerships for the home page, with the server's time (for "dormant?"): one
/// query, without the registry page's map, counts and filter choices.
#[server(prefix = "/api", endpoint = "get_recent_partnerships", output = crate::codec::Answer)]
pub async fn get_recent_partnerships() -> Result<(Vec<PartnershipRecord>, i64), AppError> {
    super::registry::recent(&Ctx::current()?).await
}

/// A partnership with its activity log.
#[server(prefix = "/api", endpoint = "get_partnership", output = crate::codec::Answer)]
pub async fn get_partnership(id: String) -> Result<PartnershipView, AppError> {
    super::registry::view(&Ctx::current()?, &id).await
}

/// Active partnerships without a joint action for a year, for the coordinators' queue
/// (coordinators only).
#[server(prefix = "/api", endpoint = "quiet_partnerships", output = crate::codec::Answer)]
pub async fn get_quiet_partnerships() -> Result<QuietPartnerships, AppError> {
    super::registry::quiet(&Ctx::current()?).await
}

/// The partnerships of a community (`community`: its slug) or of a European municipality
/// (`country` and `municipality`: its directory slug).
#[server(prefix = "/api", endpoint = "get_side_partnerships", output = crate::codec::Answer)]
pub async fn get_side_partnerships(
    #[server(default)] community: String,
    #[server(default)] country: String,
    #[server(default)] municipality: String,
) -> Result<Vec<PartnershipRecord>, AppError> {
    super::registry::of_side(&Ctx::current()?, &community, &country, &municipality).await
}

/// Adds a joint action to a partnership's activity log (its community's editors and
/// coordinators).
#[server(prefix = "/api", endpoint = "add_activity", output = crate::codec::Answer)]
pub async fn add_activity(
    partnership: String,
    #[server(default)] on: String,
    #[server(default)] kind: String,
    #[server(default)] text: String,
    #[server(default)] amount: String,
) -> Result<(), AppError> {
    super::registry::add_activity(&Ctx::current()?, &partnership, &on, &kind, &text, &amount).await
}

/// An uploaded list's dry run, for the coordinator who uploaded it.
#[server(prefix = "/api", endpoint = "get_import", output = crate::codec::Answer)]
pub async fn get_import(id: String) -> Result<ImportView, AppError> {
    super::registry::import_view(&Ctx::current()?, &id).await
}

/// Confirms an uploaded list with the choices made for its ambiguous rows
/// (`row:community:CODE`, `row:municipality:ID` or `row:municipality:written`).
#[server(prefix = "/api", endpoint = "confirm_import", output = crate::codec::Answer)]
pub async fn confirm_import(
    id: String,
    #[server(default)] choices: Vec<String>,
) -> Result<(), AppError> {
    super::registry::confirm(&Ctx::current()?, &id, &choices).await
}

/// The registry's and the pipeline's statistics.
#[server(prefix = "/api", endpoint = "get_stats", output = crate::codec::Answer)]
pub async fn get_stats() -> Result<Stats, AppError> {
    let ctx = Ctx::current()?;
    super::stats::compute(&ctx.state, crate::platform::now()).await
}

/// The home page's counters.
#[server(prefix = "/api", endpoint = "get_counters", output = crate::codec::Answer)]
pub async fn get_counters() -> Result<Counters, AppError> {
    super::stats::counters(&Ctx::current()?.state).await
}
