//! A refused form comes back as it was sent. Forms outside islands are plain HTML forms
//! (with JavaScript too): the browser posts them to a server function, which on failure
//! redirects back to the form's page with the error in the address (`__err`). Before that
//! redirect leaves, [`keep`] stores what was typed (never passwords, codes or tokens) for
//! [`KEEP_SECS`] under the hash of a random token and adds the token to the address
//! (`__echo`); when that page is rendered, [`restore`] hands the values to the form's fields
//! (`ui::forms::echoed`), which fill themselves in. The values live in the database, not
//! in the address: an address is logged and kept in the browser's history, and it is short.

use super::secrets::{hash_token, random_token};
use super::AppState;
use crate::error::{AppError, FormEcho};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The address parameter that names a kept form.
pub const PARAM: &str = "__echo";
/// How long a refused form's values are kept: long enough to read the errors and correct.
pub const KEEP_SECS: i64 = 30 * 60;
/// The most pairs kept of one form (the card's editor has a few hundred fields).
const MAX_PAIRS: usize = 1000;

/// Fields whose values are never kept: secrets the reader types again.
fn secret(name: &str) -> bool {
    name.starts_with("__")
        || name.contains("password")
        || matches!(name, "current" | "code" | "token" | "recovery")
}

/// After a form post to a server function: if it was refused for its fields and is sent
/// back to its page, keep what was typed and name it in the address.
pub async fn keep(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_form = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // The body was read whole (and bounded) by `limits::read_body` already.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return next.run(Request::from_parts(parts, Body::empty())).await;
    };
    let mut res = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    if !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        return res;
    };
    if !refused(&location) {
        return res;
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .filter(|(name, _)| !secret(name))
        .take(MAX_PAIRS)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if pairs.is_empty() {
        return res;
    }
    let token = random_token();
    let kept = store(&state, &page_path(&location), &token, &pairs).await;
    if kept.is_ok() {
        let sep = if location.contains('?') { '&' } else { '?' };
        if let Ok(v) = HeaderValue::from_str(&format!("{location}{sep}{PARAM}={token}")) {
            res.headers_mut().insert(header::LOCATION, v);
        }
    }
    res
}

/// Whether a redirect's address carries a server function's refusal (of fields, or of the
/// whole form: wrong password, too many attempts — the e-mail typed stays either way).
fn refused(location: &str) -> bool {
    use base64::Engine as _;
    let Some((_, query)) = location.split_once('?') else {
        return false;
    };
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "__err")
        .and_then(|(_, v)| {
            base64::engine::general_purpose::URL_SAFE
                .decode(v.as_bytes())
                .ok()
        })
        .is_some_and(|json| serde_json::from_slice::<AppError>(&json).is_ok())
}

/// The path of an address, absolute or not: what a kept form is bound to.
fn page_path(location: &str) -> String {
    let rest = match location.find("://") {
        Some(i) => {
            let after = &location[i + 3..];
            after.find('/').map(|j| &after[j..]).unwrap_or("/")
        }
        None => location,
    };
    rest.split(['?', '#']).next().unwrap_or("/").to_string()
}

async fn store(
    state: &AppState,
    path: &str,
    token: &str,
    pairs: &[(String, String)],
) -> Result<(), sqlx::Error> {
    let fields = serde_json::to_string(pairs).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "INSERT INTO form_echoes (token_hash, path, fields, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(token))
    // The page's path as a hash: a path can hold a private link (`/requests/{token}`).
    .bind(hash_token(path))
    .bind(fields)
    .bind(super::now() + KEEP_SECS)
    .execute(&state.db.pool)
    .await
    .map(|_| ())
    .inspect_err(|e| tracing::warn!(error = %e, "refused form not kept"))
}

/// Before a page renders: the form values its address names, for this page, if still kept.
pub async fn restore(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let token = (req.method() == Method::GET)
        .then(|| req.uri().query())
        .flatten()
        .and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == PARAM)
                .map(|(_, v)| v.into_owned())
        });
    if let Some(token) = token {
        let path = req.uri().path().to_string();
        if let Some(echo) = load(&state, &path, &token).await {
            req.extensions_mut().insert(echo);
        }
    }
    next.run(req).await
}

async fn load(state: &AppState, path: &str, token: &str) -> Option<FormEcho> {
    let fields: Option<String> = sqlx::query_scalar(
        "SELECT fields FROM form_echoes WHERE token_hash = $1 AND path = $2 AND expires_at > $3",
    )
    .bind(hash_token(token))
    .bind(hash_token(path))
    .bind(super::now())
    .fetch_optional(&state.db.pool)
    .await
    .ok()
    .flatten();
    let pairs: Vec<(String, String)> = serde_json::from_str(&fields?).ok()?;
    Some(FormEcho(Arc::new(pairs)))
}

/// Whether an address names a refused form's outcome (such pages are never served from, or
/// stored in, the page cache).
pub fn is_outcome_query(query: &str) -> bool {
    query.split('&').any(|p| {
        let key = p.split('=').next().unwrap_or("");
        key == PARAM || key == "__err"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_never_kept() {
        for name in [
            "password",
            "new_password",
            "current",
            "code",
            "token",
            "__path",
        ] {
            assert!(secret(name), "{name}");
        }
        for name in ["name", "email", "message", "role"] {
            assert!(!secret(name), "{name}");
        }
    }

    #[test]
    fn paths_of_addresses() {
        assert_eq!(
            page_path("http://h:3000/en/account/signup?a=1"),
            "/en/account/signup"
        );
        assert_eq!(page_path("/c/x/claim#top"), "/c/x/claim");
        assert_eq!(page_path("https://h"), "/");
    }
}
