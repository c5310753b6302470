//! `POST /coordinator/partnerships/import` (multipart: `file`): a coordinator's list of
//! partnerships, kept for its dry run; the answer is a redirect to the dry run's page, or
//! back to the import page with `upload_error` (a plain form, no JavaScript needed).

use crate::error::AppError;
use crate::links;
use crate::platform::{AppState, Ctx};
use axum::extract::multipart::MultipartRejection;
use axum::extract::Multipart;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route(links::IMPORT, post(upload))
}

async fn upload(ctx: Ctx, multipart: Result<Multipart, MultipartRejection>) -> Response {
    let result: Result<String, AppError> = async {
        // The guard first: nobody else's file is read.
        ctx.coordinator().await?;
        let mut multipart = multipart.map_err(|_| AppError::NotFound)?;
        let (mut name, mut body) = (String::new(), None);
        while let Ok(Some(field)) = multipart.next_field().await {
            if field.name() == Some("file") {
                name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|_| AppError::NotFound)?;
                body = Some(bytes.to_vec());
            }
        }
        let body = body.filter(|b| !b.is_empty()).ok_or(AppError::NotFound)?;
        let text = String::from_utf8(body).map_err(|_| AppError::NotFound)?;
        super::registry::upload(&ctx, &name, &text).await
    }
    .await;
    let to = match result {
        Ok(id) => links::import_batch(&id),
        Err(AppError::SignInRequired) => links::sign_in_then(links::IMPORT),
        Err(AppError::Forbidden | AppError::SecondFactor) => {
            return StatusCode::FORBIDDEN.into_response()
        }
        Err(_) => links::with_param(links::IMPORT, "upload_error", "csv"),
    };
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&crate::lang::localize(ctx.locale, &to)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}
