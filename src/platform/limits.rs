//! Bounds on the work one request can cause, before anything else runs: an address longer
//! than [`MAX_URI_BYTES`] is answered 414, and beyond `MAX_IN_FLIGHT` requests at once the
//! next is answered 503 with `Retry-After` at once (load shedding: a clear refusal instead of
//! a queue in which every request times out). The answers are short sentences in the
//! reader's language.

use crate::i18n::*;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The longest address (path and query) served; browsers and proxies use 8 KiB at most, and
/// no page of ours needs more than a few hundred bytes.
pub const MAX_URI_BYTES: usize = 4096;
/// What a shed request is told to wait, in seconds.
pub const RETRY_AFTER_SECS: u32 = 5;

/// The reader's language for a refusal: the address's, else the browser's.
pub fn reader_locale(req: &Request) -> Locale {
    match crate::lang::split(req.uri().path()).0 {
        Locale::uk => crate::lang::negotiate::preferred_locale(req.headers()),
        l => l,
    }
}

/// A short plain-text answer (never echoing the request).
pub fn refusal(status: StatusCode, text: String) -> Response {
    let mut res = (status, text).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

/// The middleware; `in_flight` holds one permit per request that may run at once.
pub async fn bounded(in_flight: Arc<Semaphore>, req: Request, next: Next) -> Response {
    let uri_len = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().len())
        .unwrap_or(0);
    if uri_len > MAX_URI_BYTES {
        let l = reader_locale(&req);
        return refusal(
            StatusCode::URI_TOO_LONG,
            td_string!(l, err_uri_too_long).to_string(),
        );
    }
    let Ok(_permit) = in_flight.try_acquire_owned() else {
        let l = reader_locale(&req);
        tracing::warn!(uri = %req.uri().path(), "overloaded: request shed");
        let mut res = refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            td_string!(l, err_busy).to_string(),
        );
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        return res;
    };
    next.run(req).await
}

/// Reads the whole body first, up to `limit` bytes: a longer one (declared or not) is
/// answered 413 with a sentence before any handler runs, a body that breaks off 400. Every
/// route but uploads (which stream with their own limit) reads small bodies whole anyway.
pub async fn read_body(limit: usize, req: Request<Body>, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let l = reader_locale(&req);
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(l);
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) if is_length_limit(&e) => too_large(l),
        Err(_) => refusal(
            StatusCode::BAD_REQUEST,
            td_string!(l, error_generic).to_string(),
        ),
    }
}

fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// The uploads' body limit (tower-http's, which streams) answers a bare 413: it becomes the
/// same sentence.
pub async fn body_too_large(req: Request<Body>, next: Next) -> Response {
    let l = reader_locale(&req);
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large(l);
    }
    res
}

/// 413, with the sentence saying what to do.
fn too_large(l: Locale) -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        td_string!(l, err_body_too_large).to_string(),
    )
}
