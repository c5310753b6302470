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

/// Refuses what the OpenAPI document does not allow: `required` parameters missing, and
/// `integers` (name, minimum, maximum) that are not whole numbers in their range.
pub fn check_params(
    params: &HashMap<String, String>,
    required: &[&str],
    integers: &[(&str, i64, i64)],
) -> Result<(), AppError> {
    use crate::error::Problem;
    for name in required {
        if !params.contains_key(*name) {
            return Err(AppError::invalid(*name, Problem::Required));
        }
    }
    for (name, min, max) in integers {
        if let Some(v) = params.get(*name) {
            match v.trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => {}
                _ => {
                    return Err(AppError::invalid(
                        *name,
                        Problem::Number {
                            min: *min,
                            max: *max,
                        },
                    ))
                }
            }
        }
    }
    Ok(())
}

/// The `q` parameter, cut to what the search engine reads.
pub fn query_text(params: &HashMap<String, String>) -> String {
    params
        .get("q")
        .map(|q| {
            q.chars()
                .take(super::search::index::MAX_QUERY_CHARS)
                .collect()
        })
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
