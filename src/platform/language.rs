//! The language lives in the URL (the page renders in it: `lang::provide_server_i18n`):
//! this middleware sends a first-time reader of an unprefixed page to their language's address; the
//! `/lang` handler is the language switch (a plain form).

use super::middleware::{is_page, safe_redirect};
use super::AppState;
use crate::i18n::Locale;
use crate::lang::{self, negotiate, LANG_COOKIE};
use axum::extract::{Form, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos_i18n::Locale as _;

#[derive(serde::Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    return_to: String,
}

/// The language switch: remember the choice, go back where the reader was.
pub async fn set_language(
    State(state): State<AppState>,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Ok(locale) = form.lang.parse::<Locale>() else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    // Only local paths: an open redirect would let other sites borrow our address.
    let back = safe_redirect(&form.return_to).unwrap_or_else(|| "/".into());
    let target = safe_redirect(&lang::localize(locale, lang::split(&back).1))
        .unwrap_or_else(|| lang::localize(locale, "/"));
    let cookie = cookie::Cookie::build((LANG_COOKIE, locale.as_str()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .same_site(cookie::SameSite::Lax)
        .secure(state.settings.https())
        .build()
        .to_string();
    let mut res = Redirect::to(&target).into_response();
    *res.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// `/en/…` pages render in English whatever else the request says; an unprefixed page is
/// Ukrainian, except on a first visit from a reader whose browser (or earlier choice)
/// prefers another of our languages: they are sent to that language's URL.
pub async fn url_locale(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let (locale, _) = lang::split(&path);
    if locale != Locale::uk {
        return next.run(req).await;
    }
    if is_page(&path) && matches!(*req.method(), Method::GET | Method::HEAD) {
        let preferred = negotiate::preferred_locale(req.headers());
        if preferred != Locale::uk {
            let target = lang::localize(
                preferred,
                req.uri()
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/"),
            );
            let target = safe_redirect(&target).unwrap_or_else(|| lang::localize(preferred, "/"));
            let mut res = Redirect::to(&target).into_response();
            res.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            );
            return res;
        }
    }
    next.run(req).await
}
