//! Open data: the catalogue as JSON and CSV (`/api/v1/…`, its part of the OpenAPI document),
//! the communities' type-ahead, `sitemap.xml` and `robots.txt`.

use super::model::{CommunitySummary, SearchAnswer};
use super::query::{CatalogueQuery, FILTERS, MAX_PAGE};
use crate::error::AppError;
use crate::identity::Slug;
use crate::links;
use crate::platform::json::{check_params, limit, query_text, JsonAnswer as Answer};
use crate::platform::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(links::api::COMMUNITIES, get(communities))
        .route(links::api::COMMUNITIES_CSV, get(communities_csv))
        .route("/api/v1/communities/{slug}", get(community))
        .route(links::api::SEARCH, get(search))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
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
    check_params(&params, &[], &[("page", 1, MAX_PAGE as i64)])?;
    let r = super::snapshot(&state)
        .await?
        .query(&catalogue_query(&params));
    Ok(Json(Listing {
        total: r.total,
        page: r.page,
        per_page: r.per_page,
        items: r.items,
    })
    .into_response())
}

async fn community(State(state): State<AppState>, Path(slug): Path<String>) -> Answer {
    let slug = Slug::parse(slug.trim_end_matches(".json")).ok_or(AppError::NotFound)?;
    let detail = super::store::community(&state, &slug).await?;
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

/// A CSV cell: a leading `= + - @` is defused (prefixed with `'`) so spreadsheets do not
/// run it as a formula; quoting is the `csv` crate's.
pub fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

async fn communities_csv(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    check_params(&params, &[], &[("page", 1, MAX_PAGE as i64)])?;
    let q = catalogue_query(&params);
    let snapshot = super::snapshot(&state).await?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(CSV_COLUMNS).map_err(AppError::internal)?;
    for c in snapshot.all(&q) {
        let code = snapshot
            .entry(c.slug.as_str())
            .map(|e| e.code.to_string())
            .unwrap_or_default();
        let themes = |t: &[crate::profiles::model::Theme]| {
            t.iter().map(|t| t.key()).collect::<Vec<_>>().join(";")
        };
        let row = [
            code,
            c.slug.to_string(),
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
        out.write_record(row.iter().map(|f| defused(f)))
            .map_err(AppError::internal)?;
    }
    let out = out.into_inner().map_err(AppError::internal)?;
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

async fn search(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    check_params(&params, &["q"], &[("limit", 1, 50)])?;
    let q = query_text(&params);
    let items = super::snapshot(&state).await?.top(&q, limit(&params));
    Ok(Json(SearchAnswer { query: q, items }).into_response())
}

/// The catalogue's part of the OpenAPI document: its paths and schemas (`startup` joins the
/// domains' parts; tests check answers against the whole).
pub fn openapi() -> serde_json::Value {
    use serde_json::json;
    let filter_params: Vec<serde_json::Value> = std::iter::once("q")
        .chain(FILTERS)
        .chain(["sort", "page"])
        .map(|name| {
            json!({
                "name": name, "in": "query", "required": false,
                "schema": if name == "page" { json!({"type": "integer", "minimum": 1, "maximum": 10000}) } else { json!({"type": "string"}) },
            })
        })
        .collect();
    let themes: Vec<&str> = crate::profiles::model::Theme::ALL
        .iter()
        .map(|t| t.key())
        .collect();
    json!({
        "paths": {
            "/api/v1/communities": {"get": {
                "summary": "Communities matching a search and filters, one page at a time",
                "parameters": filter_params,
                "responses": {"400": {"description": "A required parameter is missing or a number is out of its range", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "200": {"description": "A page of communities",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listing"}}}}}
            }},
            "/api/v1/communities.csv": {"get": {
                "summary": "Every community matching a search and filters, as CSV",
                "parameters": filter_params,
                "responses": {"400": {"description": "A required parameter is missing or a number is out of its range", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "200": {"description": "CSV with a header row: katottg, slug, name_uk, name_latin, kind, oblast_uk, oblast_latin, raion_uk, raion_latin, occupied, situation, population, offers, needs, verified, lat, lon",
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
                "responses": {"400": {"description": "A required parameter is missing or a number is out of its range", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "200": {"description": "Matches, best first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchAnswer"}}}}}
            }}
        },
        "schemas": {
            "Via": {"type": "object", "nullable": true, "required": ["kind", "name_uk", "name_latin"], "properties": {
                "kind": {"type": "string", "enum": ["settlement", "other_name", "place", "text"]},
                "name_uk": {"type": "string"}, "name_latin": {"type": "string"}}},
            "Community": {"type": "object",
                "required": ["code", "slug", "name_uk", "name_latin", "kind", "region_kind", "region_uk", "region_latin", "occupied", "offers", "needs", "claimed", "verified", "lat", "lon"],
                "properties": {
                    "code": {"type": "string", "description": "KATOTTG code of the community"},
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
                    "updated_at": {"type": "integer", "nullable": true, "description": "when the card last changed, Unix seconds"},
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
                    "profile": {"type": "object", "description": "The business card (see the project's profiles::model::Profile)"},
                    "trust": {"type": "object", "required": ["claimed", "verified", "demo"], "properties": {
                        "claimed": {"type": "boolean"}, "verified": {"type": "boolean"}, "demo": {"type": "boolean"},
                        "last_verified": {"type": "integer", "nullable": true, "description": "the day coordinators last checked the card, Unix seconds of its midnight UTC"},
                        "updated_at": {"type": "integer", "nullable": true, "description": "Unix seconds"}}}
                }}]}
        }
    })
}

async fn sitemap(State(state): State<AppState>) -> Answer {
    let snapshot = super::snapshot(&state).await?;
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
    let url = |out: &mut String, path: &str, lastmod: Option<i64>| {
        use crate::lang::localize;
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
            out.push_str(&format!(
                "<lastmod>{}</lastmod>",
                crate::lang::labels::utc_date(u)
            ));
        }
        out.push_str("</url>\n");
    };
    for path in [
        links::HOME,
        links::CATALOGUE,
        links::REGISTRY,
        links::STATS,
        links::ABOUT,
        links::IMPRINT,
        links::PRIVACY,
        links::ACCESSIBILITY,
    ] {
        url(&mut out, path, None);
    }
    for e in &snapshot.entries {
        url(
            &mut out,
            &links::community(&e.summary.slug),
            e.summary.updated_at,
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
    use super::defused;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defused("plain"), "plain");
        assert_eq!(defused("=cmd()"), "'=cmd()");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("-12.5"), "-12.5");
    }
}
