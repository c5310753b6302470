//! The registry's open data: partnerships as JSON (a page at a time, or all of them) and
//! CSV, keyed on KATOTTG codes, GeoNames ids and country codes, and its part of the OpenAPI
//! document. No personal data in any of it.

use super::model::{PartnershipRecord, RegistryFilter};
use super::store::registry;
use crate::error::AppError;
use crate::platform::json::{check_params, JsonAnswer as Answer};
use crate::platform::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;

/// Partnerships a page of the list holds.
pub const PER_PAGE: i64 = 50;
/// The most a download (CSV, JSON) holds.
pub const EXPORT_MAX: i64 = 100_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/partnerships", get(list))
        .route("/api/v1/partnerships.csv", get(csv_export))
        .route("/api/v1/partnerships.json", get(json_export))
        .route("/api/v1/partnerships/{id}", get(one))
        .route("/api/v1/stats.json", get(stats_json))
        .route("/api/v1/stats/{chart}", get(stats_csv))
}

/// Every statistic of `/stats` as one JSON object.
async fn stats_json(State(state): State<AppState>) -> Answer {
    let s = super::stats::compute(&state, crate::platform::now()).await?;
    Ok(Json(s).into_response())
}

/// The CSV columns of a chart's data.
pub const STATS_CSV_COLUMNS: [&str; 5] = ["key", "name_uk", "name_latin", "value", "of"];

/// One chart's data as CSV (`/api/v1/stats/countries.csv`).
async fn stats_csv(State(state): State<AppState>, Path(chart): Path<String>) -> Answer {
    let key = chart.strip_suffix(".csv").ok_or(AppError::NotFound)?;
    if !super::model::STATS_CHARTS.contains(&key) {
        return Err(AppError::NotFound.into());
    }
    let s = super::stats::compute(&state, crate::platform::now()).await?;
    let bars = s.chart(key).ok_or(AppError::NotFound)?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(STATS_CSV_COLUMNS)
        .map_err(AppError::internal)?;
    for b in bars {
        let row = [
            b.key.clone(),
            b.uk.clone(),
            b.latin.clone(),
            b.value.to_string(),
            b.of.map(|o| o.to_string()).unwrap_or_default(),
        ];
        out.write_record(row.iter().map(|f| crate::catalogue::open_data::defused(f)))
            .map_err(AppError::internal)?;
    }
    let out = out.into_inner().map_err(AppError::internal)?;
    let disposition = format!("attachment; filename=\"stats-{key}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        out,
    )
        .into_response())
}

/// The filter of a query (the page is the listing's own parameter).
fn filter(params: &HashMap<String, String>) -> RegistryFilter {
    RegistryFilter {
        page: String::new(),
        ..RegistryFilter::from_params(|k| params.get(k).cloned())
    }
}

#[derive(serde::Serialize)]
struct Listing {
    total: i64,
    page: i64,
    per_page: i64,
    items: Vec<PartnershipRecord>,
}

async fn list(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    check_params(&params, &[], &[("page", 1, 10_000)])?;
    let page: i64 = params.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let (items, total) =
        registry::partnerships(&state.db, &filter(&params), (page - 1) * PER_PAGE, PER_PAGE)
            .await
            .map_err(AppError::from)?;
    Ok(Json(Listing {
        total,
        page,
        per_page: PER_PAGE,
        items,
    })
    .into_response())
}

async fn json_export(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let (items, _) = registry::partnerships(&state.db, &filter(&params), 0, EXPORT_MAX)
        .await
        .map_err(AppError::from)?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"partnerships.json\"",
        )],
        Json(items),
    )
        .into_response())
}

/// CSV columns of the export, in order.
pub const CSV_COLUMNS: [&str; 17] = [
    "id",
    "katottg",
    "community_slug",
    "community_uk",
    "community_latin",
    "oblast",
    "country",
    "geonameid",
    "municipality",
    "kind",
    "themes",
    "since",
    "state",
    "origin",
    "source",
    "community_part",
    "partner_part",
];

async fn csv_export(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Answer {
    let (items, _) = registry::partnerships(&state.db, &filter(&params), 0, EXPORT_MAX)
        .await
        .map_err(AppError::from)?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(CSV_COLUMNS).map_err(AppError::internal)?;
    for p in items {
        let since = p.since_text();
        let row = [
            p.id,
            p.community_code.to_string(),
            p.community_slug.to_string(),
            p.community_uk,
            p.community_latin,
            p.oblast,
            p.country,
            p.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            p.municipality,
            p.kind,
            p.themes.join(";"),
            since,
            p.state,
            p.origin,
            p.source,
            p.community_part,
            p.partner_part,
        ];
        out.write_record(row.iter().map(|f| crate::catalogue::open_data::defused(f)))
            .map_err(AppError::internal)?;
    }
    let out = out.into_inner().map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"partnerships.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    if id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(AppError::NotFound.into());
    }
    let p = registry::partnership(&state.db, &id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    Ok(Json(p).into_response())
}

/// The registry's paths and schemas in the OpenAPI document.
pub fn openapi() -> serde_json::Value {
    use serde_json::json;
    let mut filters: Vec<serde_json::Value> = ["country", "oblast", "kind", "state", "origin", "theme"]
        .into_iter()
        .map(|name| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}}))
        .collect();
    filters.push(json!({"name": "year", "in": "query", "required": false, "description": "The start year", "schema": {"type": "string"}}));
    filters.push(json!({"name": "sort", "in": "query", "required": false, "schema": {"type": "string", "enum": super::model::REGISTRY_SORTS}}));
    let mut paged = filters.clone();
    paged.push(json!({"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 10000}}));
    let error = json!({"description": "A number is out of its range", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    json!({
        "paths": {
            "/api/v1/partnerships": {"get": {
                "summary": "Partnerships of the registry, newest first, 50 a page",
                "parameters": paged,
                "responses": {"400": error, "200": {"description": "A page of partnerships",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PartnershipListing"}}}}}
            }},
            "/api/v1/partnerships.json": {"get": {
                "summary": "Every partnership matching the filters, as one JSON array",
                "parameters": filters,
                "responses": {"200": {"description": "The partnerships",
                    "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Partnership"}}}}}}
            }},
            "/api/v1/partnerships.csv": {"get": {
                "summary": "Every partnership matching the filters, as CSV",
                "parameters": filters,
                "responses": {"200": {"description": "CSV with a header row: id, katottg, community_slug, community_uk, community_latin, oblast, country, geonameid, municipality, kind, themes, since (a date, a year or empty), state, origin, source, community_part, partner_part",
                    "content": {"text/csv": {"schema": {"type": "string"}}}}}
            }},
            "/api/v1/stats.json": {"get": {
                "summary": "The statistics of /stats: partnerships by country, oblast, month; the pipeline's funnel and medians; partnered communities by population band; active and dormant",
                "responses": {"200": {"description": "The statistics",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}}
            }},
            "/api/v1/stats/{chart}": {"get": {
                "summary": "One chart's data as CSV (key, name_uk, name_latin, value, of)",
                "parameters": [{"name": "chart", "in": "path", "required": true, "schema": {"type": "string", "enum": super::model::STATS_CHARTS.iter().map(|c| format!("{c}.csv")).collect::<Vec<_>>()}}],
                "responses": {
                    "200": {"description": "CSV with a header row", "content": {"text/csv": {"schema": {"type": "string"}}}},
                    "404": {"description": "No such chart", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
            }},
            "/api/v1/partnerships/{id}": {"get": {
                "summary": "One partnership",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The partnership", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Partnership"}}}},
                    "404": {"description": "No such partnership", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
            }}
        },
        "schemas": {
            "Partnership": {"type": "object",
                "required": ["id", "community_code", "community_slug", "community_uk", "community_latin", "oblast", "country", "municipality", "kind", "themes", "since", "since_precision", "state", "origin", "source", "community_part", "partner_part", "last_activity"],
                "properties": {
                    "id": {"type": "string"},
                    "community_code": {"type": "string", "description": "KATOTTG code of the Ukrainian community"},
                    "community_slug": {"type": "string"}, "community_uk": {"type": "string"}, "community_latin": {"type": "string"},
                    "oblast": {"type": "string"},
                    "country": {"type": "string", "description": "ISO 3166-1 alpha-2 of the European side"},
                    "municipality_slug": {"type": "string", "nullable": true},
                    "municipality": {"type": "string"},
                    "geonameid": {"type": "integer", "nullable": true, "description": "GeoNames id of the European side, when it is in the directory"},
                    "kind": {"type": "string", "enum": super::model::PARTNERSHIP_KINDS},
                    "themes": {"type": "array", "items": {"type": "string"}},
                    "since": {"type": "integer", "nullable": true, "description": "Unix seconds: the signing, or the first of January of the start year; null when unknown"},
                    "since_precision": {"type": "string", "enum": ["day", "year", "unknown"]},
                    "community_part": {"type": "string", "description": "A part of the Ukrainian side the record names (a city district, a village)"},
                    "partner_part": {"type": "string", "description": "A part of the European side the record names (a district)"},
                    "last_activity": {"type": "integer", "description": "Unix seconds: the last joint action, or when the record was made"},
                    "state": {"type": "string", "enum": ["active", "dormant", "ended"]},
                    "origin": {"type": "string", "enum": ["pipeline", "imported", "manual"]},
                    "source": {"type": "string"}
                }},
            "Bar": {"type": "object", "required": ["key", "uk", "latin", "value"], "properties": {
                "key": {"type": "string"}, "uk": {"type": "string"}, "latin": {"type": "string"},
                "value": {"type": "integer"}, "of": {"type": "integer", "nullable": true}}},
            "Stats": {"type": "object",
                "required": ["countries", "oblasts", "months", "funnel", "bands", "states"],
                "properties": {
                    "countries": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}},
                    "oblasts": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}},
                    "months": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}},
                    "funnel": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}},
                    "median_days_to_introduction": {"type": "number", "nullable": true},
                    "median_days_to_agreement": {"type": "number", "nullable": true},
                    "bands": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}},
                    "states": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}}
                }},
            "PartnershipListing": {"type": "object", "required": ["total", "page", "per_page", "items"], "properties": {
                "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Partnership"}}}}
        }
    })
}
