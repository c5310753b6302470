//! The JSON endpoints' shared parts: errors as `{"error": …}` with the outcome's status and
//! never internal details, and the query parameters every type-ahead reads.

use crate::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::HashMap;

/// An error as JSON: handlers return [`JsonAnswer`] and use `?` on anything that yields an
/// [`AppError`].
pub struct JsonError(pub AppError);

impl From<AppError> for JsonError {
    fn from(e: AppError) -> Self {
        JsonError(e)
    }
}

pub type JsonAnswer = Result<Response, JsonError>;

impl IntoResponse for JsonError {
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
pub fn query_text(params: &HashMap<String, String>) -> String {
    params
        .get("q")
        .map(|q| q.chars().take(200).collect())
        .unwrap_or_default()
}

/// The `limit` parameter of a type-ahead: 10 unless asked, at most 50.
pub fn limit(params: &HashMap<String, String>) -> usize {
    params
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10)
        .clamp(1, 50)
}
