//! What every request passes through: its id, the same-origin check on state changes, the
//! security headers, the HTTP status of a failed server function, and the check every
//! redirect target passes.

use super::AppState;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The header carrying the request's id (set by tower-http, returned to the client).
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Makes the request's id (from tower-http's `SetRequestIdLayer`) known to code that has no
/// request at hand: `AppError::internal` logs it and shows it to the user.
pub async fn request_id(req: Request, next: Next) -> Response {
    let id = req
        .extensions()
        .get::<tower_http::request_id::RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-")
        .to_string();
    crate::error::REQUEST_ID.scope(id, next.run(req)).await
}

/// The tracing span of a request, named by its id (the id a user is shown with an error).
pub fn request_span(req: &Request) -> tracing::Span {
    let id = req
        .extensions()
        .get::<tower_http::request_id::RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id, method = %req.method(), uri = %req.uri().path())
}

/// CSRF defence: a state-changing request must come from our own pages. Browsers send
/// `Sec-Fetch-Site` (or at least `Origin`) on every cross-site POST; requests without either
/// come from non-browser clients, which cannot carry a visitor's cookies.
pub async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || is_same_origin(req.headers(), &state)
    {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), uri = %req.uri(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

pub fn is_same_origin(headers: &HeaderMap, state: &AppState) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
    origin_host == host || origin == state.settings.server.public_url.trim_end_matches('/')
}

/// A form posted without JavaScript comes back, on an error, to the page it came from (its
/// `Referer`) with the error added to the address (`__path`, `__err`). The error of an
/// earlier attempt, and the notice of an earlier success (`done`), are taken out of that
/// address first: each failed attempt would add another pair, and an old "saved" banner
/// would stand above the new error.
pub async fn fresh_referer(mut req: Request, next: Next) -> Response {
    if req.method() == Method::POST && req.uri().path().starts_with("/api/") {
        let cleaned = req
            .headers()
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(without_old_outcomes);
        if let Some(v) = cleaned.and_then(|c| HeaderValue::from_str(&c).ok()) {
            req.headers_mut().insert(header::REFERER, v);
        }
    }
    next.run(req).await
}

/// `referer` without the outcome parameters of an earlier submission, if it had any.
fn without_old_outcomes(referer: &str) -> Option<String> {
    let (base, query) = referer.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let outcome = |p: &&str| {
        let key = p.split('=').next().unwrap_or("");
        matches!(key, "__path" | "__err" | super::echo::PARAM) || key == crate::links::Notice::PARAM
    };
    if !query.split('&').any(|p| outcome(&p)) {
        return None;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !outcome(p) && !p.is_empty())
        .collect();
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Largest error answer a server function gives (an `AppError` as JSON).
const ERROR_BODY_MAX: usize = 4096;

/// Gives a failed server function's answer the HTTP status of its error (401, 403, 404, 409,
/// 429 with `Retry-After`, …) — for every server function, so none can forget it. leptos
/// answers every error with 500 and the error in the body; a form posted without JavaScript
/// is answered with a redirect back to its page instead, which stays a redirect.
pub async fn server_fn_errors(req: Request, next: Next) -> Response {
    server_fn_status(next.run(req).await).await
}

async fn server_fn_status(res: Response) -> Response {
    let failed = res
        .headers()
        .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER);
    if !failed || res.status().is_redirection() {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_MAX).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response();
    };
    if let Ok(e) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(s) = StatusCode::from_u16(e.status()) {
            parts.status = s;
        }
        if let AppError::RateLimited { retry_after } = e {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `target` if it is safe to send a browser to: a path on this site. Refused: other sites
/// (`//evil.example`, `/\evil.example`, `https://…`), and any control character or
/// whitespace, which browsers strip or which would break the header.
pub fn safe_redirect(target: &str) -> Option<String> {
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    ok.then(|| target.to_string())
}

/// Paths that are pages (not files, API calls or health checks): the ones with a language.
pub fn is_page(path: &str) -> bool {
    const NOT_PAGES: [&str; 6] = ["/api/", "/pkg/", "/media/", "/healthz", "/lang", "/favicon"];
    !NOT_PAGES.iter().any(|p| path.starts_with(p))
        && !path.rsplit('/').next().unwrap_or("").contains('.')
}

#[cfg(test)]
mod tests {
    #[test]
    fn old_outcomes_leave_the_referer() {
        use super::without_old_outcomes as clean;
        assert_eq!(
            clean("https://x/en/account/signin?return_to=%2Faccount&__path=%2Fapi%2Fsign_in&__err=IkJhZCI").as_deref(),
            Some("https://x/en/account/signin?return_to=%2Faccount")
        );
        assert_eq!(
            clean("https://x/en/account?done=password#sessions").as_deref(),
            Some("https://x/en/account#sessions")
        );
        assert_eq!(
            clean("https://x/c/a/claim?__path=%2Fapi%2Fclaim&__err=e&__echo=ab").as_deref(),
            Some("https://x/c/a/claim")
        );
        assert_eq!(clean("https://x/en/communities?q=lviv"), None);
        assert_eq!(clean("https://x/en/account"), None);
    }

    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_redirect("/en/account").as_deref(), Some("/en/account"));
        assert_eq!(
            safe_redirect("/c/x?done=a#b").as_deref(),
            Some("/c/x?done=a#b")
        );
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\tevil",
            "https://evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_redirect(bad), None, "{bad:?}");
        }
    }
}
