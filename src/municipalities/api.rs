//! The directory's open data: a type-ahead over the European municipalities, and its part
//! of the OpenAPI document.

use crate::links;
use crate::platform::json::{check_params, limit, query_text, JsonAnswer};
use crate::platform::AppState;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new().route(links::api::MUNICIPALITIES_SEARCH, get(search))
}

async fn search(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> JsonAnswer {
    check_params(&params, &["q"], &[("limit", 1, 50)])?;
    let q = query_text(&params);
    let country = params.get("country").cloned().unwrap_or_default();
    let items = super::directory(&state)
        .await?
        .search(&q, &country, limit(&params));
    Ok(Json(serde_json::json!({ "query": q, "items": items })).into_response())
}

/// The directory's paths and schemas in the OpenAPI document.
pub fn openapi() -> serde_json::Value {
    serde_json::json!({
        "paths": {
            "/api/v1/municipalities/search": {"get": {
                "summary": "Type-ahead over European municipalities (GeoNames)",
                "parameters": [
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}},
                    {"name": "country", "in": "query", "required": false, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 50}}
                ],
                "responses": {"400": {"description": "A required parameter is missing or a number is out of its range", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "200": {"description": "Matches, best first",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MunicipalityAnswer"}}}}}
            }}
        },
        "schemas": {
            "Municipality": {"type": "object", "required": ["geonameid", "country", "slug", "name", "admin1", "population", "lat", "lon"], "properties": {
                "geonameid": {"type": "integer", "description": "GeoNames' id of the place"},
                "country": {"type": "string"}, "slug": {"type": "string"}, "name": {"type": "string"},
                "admin1": {"type": "string"}, "population": {"type": "integer"},
                "lat": {"type": "number"}, "lon": {"type": "number"},
                "via": {"type": "string", "nullable": true}}},
            "MunicipalityAnswer": {"type": "object", "required": ["query", "items"], "properties": {
                "query": {"type": "string"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}}}}
        }
    })
}
