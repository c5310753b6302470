//! Open data: the catalogue as JSON and CSV (`/api/v1/…`, described by `/api/v1/openapi.json`),
//! the type-ahead endpoints, link-preview images, QR codes, `sitemap.xml` and `robots.txt`.

use super::AppState;
use crate::error::AppError;
use crate::model::catalogue::{CatalogueQuery, FILTERS};
use crate::model::CommunitySummary;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/communities", get(communities))
        .route("/api/v1/communities.csv", get(communities_csv))
        .route("/api/v1/communities/{slug}", get(community))
        .route("/api/v1/search", get(search))
        .route("/api/v1/municipalities/search", get(municipalities))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/c/{slug}/card.png", get(card_png))
        .route("/c/{slug}/qr.svg", get(qr_svg))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

/// An error as JSON, never with internal details: handlers return `Result<Response, Problem>`
/// and use `?` on anything that yields an [`AppError`].
struct Problem(AppError);

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        Problem(e)
    }
}

type Answer = Result<Response, Problem>;

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match &self.0 {
            AppError::Internal { request_id } => format!("internal error, reference {request_id}"),
            AppError::Transport => "bad request".to_string(),
            other => other.to_string(),
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}

/// The `q` parameter, cut to a sane length.
fn query_text(params: &HashMap<String, String>) -> String {
    params
        .get("q")
        .map(|q| q.chars().take(200).collect())
        .unwrap_or_default()
}

fn catalogue_query(params: &HashMap<String, String>) -> CatalogueQuery {
    let mut q = CatalogueQuery::from_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if q.lang.is_empty() {
        q.lang = "en".into();
    }
    q
}

#[derive(serde::Serialize)]
struct Listing {
    total: usize,
    page: usize,
    per_page: usize,
    items: Vec<CommunitySummary>,
}

async fn communities(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let r = state.catalogue().await?.query(&catalogue_query(&params));
    Ok(Json(Listing {
        total: r.total,
        page: r.page,
        per_page: r.per_page,
        items: r.items,
    })
    .into_response())
}

async fn community(State(state): State<AppState>, Path(slug): Path<String>) -> Answer {
    let slug = slug.trim_end_matches(".json");
    let detail = crate::api::communities::queries::community(&state, slug).await?;
    Ok(Json(detail).into_response())
}

/// CSV columns of the export, in order.
pub const CSV_COLUMNS: [&str; 17] = [
    "katottg",
    "slug",
    "name_uk",
    "name_latin",
    "kind",
    "oblast_uk",
    "oblast_latin",
    "raion_uk",
    "raion_latin",
    "occupied",
    "situation",
    "population",
    "offers",
    "needs",
    "verified",
    "lat",
    "lon",
];

/// A CSV field: quoted when it holds a separator, a quote or a line break; a leading = + - @
/// is defused so spreadsheets do not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

async fn communities_csv(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let q = catalogue_query(&params);
    let snapshot = state.catalogue().await?;
    let mut out = String::new();
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for c in snapshot.all(&q) {
        let code = snapshot
            .entry(&c.slug)
            .map(|e| e.code.clone())
            .unwrap_or_default();
        let themes = |t: &[crate::model::profile::Theme]| {
            t.iter().map(|t| t.key()).collect::<Vec<_>>().join(";")
        };
        let row = [
            code,
            c.slug.clone(),
            c.name_uk.clone(),
            c.name_latin.clone(),
            c.kind.clone(),
            c.region_uk.clone(),
            c.region_latin.clone(),
            c.raion_uk.clone().unwrap_or_default(),
            c.raion_latin.clone().unwrap_or_default(),
            u8::from(c.occupied).to_string(),
            c.situation.map(|s| s.key().to_string()).unwrap_or_default(),
            c.population
                .filter(|_| !c.population_is_centre)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            themes(&c.offers),
            themes(&c.needs),
            u8::from(c.verified).to_string(),
            format!("{:.5}", c.lat),
            format!("{:.5}", c.lon),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"communities.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

fn limit(params: &HashMap<String, String>) -> usize {
    params
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10)
        .clamp(1, 50)
}

async fn search(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let q = query_text(&params);
    let items = state.catalogue().await?.top(&q, limit(&params));
    Ok(Json(crate::routes::catalogue::SearchAnswer { query: q, items }).into_response())
}

async fn municipalities(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let q = query_text(&params);
    let country = params.get("country").cloned().unwrap_or_default();
    let items = state.places().await?.search(&q, &country, limit(&params));
    Ok(Json(serde_json::json!({ "query": q, "items": items })).into_response())
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        openapi_document().to_string(),
    )
        .into_response()
}

/// The OpenAPI 3 description of the open data endpoints (tests check answers against it).
pub fn openapi_document() -> serde_json::Value {
    use serde_json::json;
    let filter_params: Vec<serde_json::Value> = std::iter::once("q")
        .chain(FILTERS)
        .chain(["sort", "page"])
        .map(|name| {
            json!({
                "name": name, "in": "query", "required": false,
                "schema": if name == "page" { json!({"type": "integer", "minimum": 1}) } else { json!({"type": "string"}) },
            })
        })
        .collect();
    let themes: Vec<&str> = crate::model::profile::Theme::ALL
        .iter()
        .map(|t| t.key())
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Cities4Cities open data",
            "version": "1.0.0",
            "description": "Ukrainian territorial communities (KATOTTG) and their business cards. Places and coordinates © GeoNames, CC BY 4.0.",
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
        },
        "paths": {
            "/api/v1/communities": {"get": {
                "summary": "Communities matching a search and filters, one page at a time",
                "parameters": filter_params,
                "responses": {"200": {"description": "A page of communities",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listing"}}}}}
            }},
            "/api/v1/communities.csv": {"get": {
                "summary": "Every community matching a search and filters, as CSV",
                "parameters": filter_params,
                "responses": {"200": {"description": "CSV with a header row: katottg, slug, name_uk, name_latin, kind, oblast_uk, oblast_latin, raion_uk, raion_latin, occupied, situation, population, offers, needs, verified, lat, lon",
                    "content": {"text/csv": {"schema": {"type": "string"}}}}}
            }},
            "/api/v1/communities/{slug}": {"get": {
                "summary": "One community: official data and its business card",
                "parameters": [{"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The community", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CommunityDetail"}}}},
                    "404": {"description": "No such community", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
            }},
            "/api/v1/search": {"get": {
                "summary": "Type-ahead: the best matches for a name in any script or spelling",
                "parameters": [
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 50}}
                ],
                "responses": {"200": {"description": "Matches, best first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchAnswer"}}}}}
            }},
            "/api/v1/municipalities/search": {"get": {
                "summary": "Type-ahead over European municipalities (GeoNames)",
                "parameters": [
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}},
                    {"name": "country", "in": "query", "required": false, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 50}}
                ],
                "responses": {"200": {"description": "Matches, best first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MunicipalityAnswer"}}}}}
            }}
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "Via": {"type": "object", "nullable": true, "required": ["kind", "name_uk", "name_latin"], "properties": {
                "kind": {"type": "string", "enum": ["settlement", "other_name", "place", "text"]},
                "name_uk": {"type": "string"}, "name_latin": {"type": "string"}}},
            "Community": {"type": "object",
                "required": ["slug", "name_uk", "name_latin", "kind", "region_kind", "region_uk", "region_latin", "occupied", "offers", "needs", "claimed", "verified", "lat", "lon"],
                "properties": {
                    "slug": {"type": "string"}, "name_uk": {"type": "string"}, "name_latin": {"type": "string"},
                    "kind": {"type": "string", "enum": ["urban", "settlement", "rural"]},
                    "region_kind": {"type": "string", "enum": ["oblast", "arc", "city"]},
                    "region_uk": {"type": "string"}, "region_latin": {"type": "string"},
                    "raion_uk": {"type": "string", "nullable": true}, "raion_latin": {"type": "string", "nullable": true},
                    "occupied": {"type": "boolean"},
                    "population": {"type": "integer", "nullable": true},
                    "population_is_centre": {"type": "boolean", "description": "true when the population is GeoNames' figure for the centre, not the community's own"},
                    "situation": {"type": "string", "nullable": true, "enum": ["occupied", "frontline", "border", "safe", null]},
                    "offers": {"type": "array", "items": {"type": "string", "enum": themes}},
                    "needs": {"type": "array", "items": {"type": "string", "enum": themes}},
                    "partners": {"type": "integer"}, "seeking": {"type": "boolean"},
                    "claimed": {"type": "boolean"}, "verified": {"type": "boolean"}, "demo": {"type": "boolean"},
                    "updated_at": {"type": "string", "nullable": true},
                    "lat": {"type": "number"}, "lon": {"type": "number"},
                    "via": {"$ref": "#/components/schemas/Via"}
                }},
            "Listing": {"type": "object", "required": ["total", "page", "per_page", "items"], "properties": {
                "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Community"}}}},
            "SearchAnswer": {"type": "object", "required": ["query", "items"], "properties": {
                "query": {"type": "string"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Community"}}}},
            "Settlement": {"type": "object", "required": ["code", "category", "name_uk", "name_latin"], "properties": {
                "code": {"type": "string"}, "category": {"type": "string", "enum": ["M", "T", "X", "C", "B"]},
                "name_uk": {"type": "string"}, "name_latin": {"type": "string"}}},
            "CommunityDetail": {"allOf": [{"$ref": "#/components/schemas/Community"}, {"type": "object",
                "required": ["code", "lat", "lon", "position_method", "settlements", "aliases", "profile", "trust"],
                "properties": {
                    "code": {"type": "string"},
                    "centre_uk": {"type": "string", "nullable": true}, "centre_latin": {"type": "string", "nullable": true},
                    "position_method": {"type": "string", "enum": ["centre-uk", "centre-latin", "settlements", "raion"]},
                    "centre_population": {"type": "integer", "nullable": true},
                    "settlements": {"type": "array", "items": {"$ref": "#/components/schemas/Settlement"}},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "profile": {"type": "object", "description": "The business card (see the project's model::profile)"},
                    "trust": {"type": "object", "required": ["claimed", "verified", "demo"], "properties": {
                        "claimed": {"type": "boolean"}, "verified": {"type": "boolean"}, "demo": {"type": "boolean"},
                        "last_verified": {"type": "string", "nullable": true}, "updated_at": {"type": "string", "nullable": true}}}
                }}]},
            "Municipality": {"type": "object", "required": ["country", "slug", "name", "admin1", "population", "lat", "lon"], "properties": {
                "country": {"type": "string"}, "slug": {"type": "string"}, "name": {"type": "string"},
                "admin1": {"type": "string"}, "population": {"type": "integer"},
                "lat": {"type": "number"}, "lon": {"type": "number"},
                "via": {"type": "string", "nullable": true}}},
            "MunicipalityAnswer": {"type": "object", "required": ["query", "items"], "properties": {
                "query": {"type": "string"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}}}}
        }}
    })
}

async fn card_png(State(state): State<AppState>, Path(slug): Path<String>) -> Answer {
    let snapshot = state.catalogue().await?;
    let entry = snapshot.entry(&slug).ok_or(AppError::NotFound)?;
    let png = super::preview::render(&entry.summary).map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        png,
    )
        .into_response())
}

async fn qr_svg(State(state): State<AppState>, Path(slug): Path<String>) -> Answer {
    state
        .catalogue()
        .await?
        .entry(&slug)
        .ok_or(AppError::NotFound)?;
    let url = format!(
        "{}/c/{slug}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(AppError::internal)?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}

async fn sitemap(State(state): State<AppState>) -> Answer {
    let snapshot = state.catalogue().await?;
    let base = state
        .settings
        .server
        .public_url
        .trim_end_matches('/')
        .to_string();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Each page once, with its versions in the other languages as alternates.
    let url = |out: &mut String, path: &str, lastmod: Option<&str>| {
        use crate::components::lang::localize;
        use leptos_i18n::Locale as _;
        out.push_str(&format!("<url><loc>{base}{path}</loc>"));
        for l in crate::i18n::Locale::get_all() {
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{base}{}\"/>",
                l.as_str(),
                localize(*l, path)
            ));
        }
        if let Some(u) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", &u[..u.len().min(10)]));
        }
        out.push_str("</url>\n");
    };
    for path in ["/", "/communities", "/about"] {
        url(&mut out, path, None);
    }
    for e in &snapshot.entries {
        url(
            &mut out,
            &format!("/c/{}", e.summary.slug),
            e.summary.updated_at.as_deref(),
        );
    }
    out.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        out,
    )
        .into_response())
}

async fn robots(State(state): State<AppState>) -> Response {
    let base = state.settings.server.public_url.trim_end_matches('/');
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("User-agent: *\nAllow: /\nDisallow: /api/\nAllow: /api/v1/\n\nSitemap: {base}/sitemap.xml\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quoting_and_formula_defusing() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field("-12.5"), "-12.5");
    }
}
