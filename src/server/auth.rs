//! Inside a server function: who is asking, from where, in which language; and the response
//! side effects (cookies, status, `Retry-After`) that go with an outcome.

use super::accounts::sessions::{self, Session};
use super::AppState;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::account::CurrentUser;
use axum::http::{header, request::Parts, HeaderValue};
use leptos::prelude::*;

pub fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts missing"))
}

/// The session the request carries, if it is live.
pub async fn session(state: &AppState) -> Result<Option<Session>, AppError> {
    session_of(state, &parts()?.headers).await
}

/// The live session of a request's headers (for plain axum handlers).
pub async fn session_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<Session>, AppError> {
    let Some(token) = sessions::token_from(headers, &state.settings) else {
        return Ok(None);
    };
    Ok(sessions::find(&state.db, &token).await?)
}

/// The signed-in user of a request's headers (second factor given).
pub async fn user_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<CurrentUser, AppError> {
    match session_of(state, headers).await? {
        Some(s) if !s.pending_totp => Ok(s.user),
        Some(_) => Err(AppError::SecondFactor),
        None => Err(AppError::SignInRequired),
    }
}

/// The signed-in user (with the second factor given, where they have one).
pub async fn user(state: &AppState) -> Result<CurrentUser, AppError> {
    user_of(state, &parts()?.headers).await
}

/// A coordinator or admin with their second factor in force.
pub async fn coordinator(state: &AppState) -> Result<CurrentUser, AppError> {
    let u = user(state).await?;
    if u.is_coordinator() {
        Ok(u)
    } else if u.role.needs_second_factor() {
        Err(AppError::SecondFactor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// An admin with their second factor in force.
pub async fn admin(state: &AppState) -> Result<CurrentUser, AppError> {
    let u = coordinator(state).await?;
    if u.role == crate::model::account::Role::Admin {
        Ok(u)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The community's code for a slug from a URL.
pub async fn community_code(state: &AppState, slug: &str) -> Result<String, AppError> {
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn is_editor(state: &AppState, user_id: &str, code: &str) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM editors WHERE user_id = $1 AND community_code = $2",
    )
    .bind(user_id)
    .bind(code)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(n > 0)
}

/// The signed-in user if they may edit this community's card: one of its editors, or a
/// coordinator. Returns the user and the community's code.
pub async fn editor_of(state: &AppState, slug: &str) -> Result<(CurrentUser, String), AppError> {
    let u = user(state).await?;
    may_edit(state, u, slug).await
}

/// `user` with the community's code, if they may edit it.
pub async fn may_edit(
    state: &AppState,
    u: CurrentUser,
    slug: &str,
) -> Result<(CurrentUser, String), AppError> {
    let code = community_code(state, slug).await?;
    if u.is_coordinator() || is_editor(state, &u.id, &code).await? {
        Ok((u, code))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Text from a form: trimmed, without control characters (line breaks kept where allowed),
/// required or not, at most `max` characters.
pub fn text_field(
    field: &str,
    value: &str,
    required: bool,
    max: usize,
    multiline: bool,
) -> Result<String, AppError> {
    use crate::error::Problem;
    let v: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_control() || (multiline && *c == '\n'))
        .collect();
    if required && v.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    Ok(v)
}

/// Records what this request did in the audit log, with the client's address.
pub async fn audit(
    state: &AppState,
    parts: &Parts,
    actor: Option<&str>,
    action: &str,
    target: &str,
    detail: &str,
) {
    let ip = client_ip(parts, state);
    super::accounts::audit::record(&state.db, actor, action, target, detail, &ip).await
}

/// The client's address: the peer, or the last `X-Forwarded-For` hop behind a trusted proxy.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    client_ip_of(&parts.headers, &parts.extensions, state)
}

/// [`client_ip`] from the request headers and extensions.
pub fn client_ip_of(
    headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
    state: &AppState,
) -> String {
    if state.settings.server.trust_forwarded_for {
        if let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
        {
            return ip.trim().to_string();
        }
    }
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "local".into())
}

/// The language the reader is using: that of the page they are on (the `Referer`), else their
/// preference.
pub fn locale(parts: &Parts) -> Locale {
    locale_of(&parts.headers)
}

/// [`locale`] from the request headers.
pub fn locale_of(headers: &axum::http::HeaderMap) -> Locale {
    let from_page = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .map(|path| crate::components::lang::split(path).0);
    from_page.unwrap_or_else(|| super::http::preferred_locale(headers))
}

pub fn user_agent(parts: &Parts) -> String {
    parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// Whether the request is a plain form post from a page without JavaScript (answered with a
/// redirect back to the form, so its status must stay a redirect).
fn is_form_post(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// Gives a failed call its HTTP status and, for rate limits, `Retry-After`.
pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            if let AppError::RateLimited { retry_after } = e {
                res.insert_header(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            let form = parts().map(|p| is_form_post(&p)).unwrap_or(false);
            if !form {
                if let Ok(s) = axum::http::StatusCode::from_u16(e.status()) {
                    res.set_status(s);
                }
            }
        }
    }
    result
}

/// Sends the browser to `path` in the reader's language (after a successful form).
pub fn redirect_localized(parts: &Parts, path: &str) {
    leptos_axum::redirect(&crate::components::lang::localize(locale(parts), path));
}
