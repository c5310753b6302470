//! The HTTP stack: routes, static files, and the middleware every request passes through.

use super::AppState;
use crate::app::{shell, App};
use crate::components::lang;
use axum::body::Body;
use axum::extract::{Form, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Cookie holding the chosen interface language (the name leptos_i18n reads).
pub use crate::components::lang::LANG_COOKIE;

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let settings = state.settings.clone();
    let site_root = std::path::PathBuf::from(settings.server.site_root.as_str());

    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let shell_options = state.leptos_options.clone();

    // Built assets carry a content hash in their names, so they may be cached for a year.
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let public = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        ))
        .service(
            ServeDir::new(&site_root)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(get(render_not_found).with_state(state.clone())),
        );

    // Every route but uploads: bodies up to `max_body_bytes`.
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang", post(set_language))
        .merge(super::open_data::routes())
        .route(
            "/api/{*fn_name}",
            post({
                let context = context.clone();
                move |req: Request| handle_server_fns_with_context(context.clone(), req)
            }),
        )
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(shell_options.clone())
        })
        .nest_service("/pkg/{build}", pkg)
        .fallback_service(public)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.server.request_timeout_secs),
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::page_cache::layer,
        ))
        .layer(middleware::from_fn(url_locale))
        .layer(RequestBodyLimitLayer::new(settings.server.max_body_bytes));
    // Pictures: their own, larger limit.
    app.merge(super::media::upload::routes())
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_only,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn render_not_found(State(state): State<AppState>, req: Request) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    handler(req).await.into_response()
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
    communities: i64,
}

async fn healthz(State(state): State<AppState>) -> Response {
    match crate::api::communities::count_communities(&state.db).await {
        Ok(communities) => Json(Health {
            status: "ok",
            database: state.db.backend.name(),
            communities,
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    return_to: String,
}

/// The language switch without JavaScript: remember the choice, go back where the reader was.
async fn set_language(State(state): State<AppState>, Form(form): Form<LanguageForm>) -> Response {
    use crate::i18n::Locale;
    use leptos_i18n::Locale as _;
    let Ok(locale) = form.lang.parse::<Locale>() else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    // Only local paths: an open redirect would let other sites borrow our address.
    let back = if form.return_to.starts_with('/') && !form.return_to.starts_with("//") {
        form.return_to.as_str()
    } else {
        "/"
    };
    let target = lang::localize(locale, lang::split(back).1);
    let secure = if state.settings.https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        locale.as_str()
    );
    let mut res = Redirect::to(&target).into_response();
    *res.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// CSRF defence: a state-changing request must come from our own pages. Browsers send
/// `Sec-Fetch-Site` (or at least `Origin`) on every cross-site POST; requests without either
/// come from non-browser clients, which cannot carry a visitor's cookies.
async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
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

async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "referrer-policy",
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    res
}

/// Paths that are pages (not files, API calls or health checks): the ones with a language.
pub(crate) fn is_page(path: &str) -> bool {
    const NOT_PAGES: [&str; 5] = ["/api/", "/pkg/", "/healthz", "/lang", "/favicon"];
    !NOT_PAGES.iter().any(|p| path.starts_with(p))
        && !path.rsplit('/').next().unwrap_or("").contains('.')
}

/// Every `name=value` pair of the request's `Cookie` headers.
pub(crate) fn cookies(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// The reader's language: the remembered choice, else the best of `Accept-Language`.
pub fn preferred_locale(headers: &HeaderMap) -> crate::i18n::Locale {
    use crate::i18n::Locale;
    use leptos_i18n::Locale as _;
    let from_cookie = cookies(headers)
        .filter_map(|c| c.strip_prefix(LANG_COOKIE)?.strip_prefix('='))
        .find_map(|v| v.parse::<Locale>().ok());
    if let Some(l) = from_cookie {
        return l;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut ranked: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .filter(|(q, _)| *q > 0.0)
        .find_map(|(_, tag)| {
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            Locale::get_all()
                .iter()
                .copied()
                .find(|l| l.as_str() == primary)
        })
        .unwrap_or(Locale::uk)
}

/// Makes the server render in `locale` whatever the request's cookie says.
fn render_in(req: &mut Request, locale: crate::i18n::Locale) {
    use leptos_i18n::Locale as _;
    let mut cookies: Vec<String> = cookies(req.headers())
        .filter(|c| !c.starts_with(&format!("{LANG_COOKIE}=")))
        .map(str::to_string)
        .collect();
    cookies.push(format!("{LANG_COOKIE}={}", locale.as_str()));
    if let Ok(v) = HeaderValue::from_str(&cookies.join("; ")) {
        req.headers_mut().insert(header::COOKIE, v);
    }
}

/// The language lives in the URL. `/en/…` pages render in English whatever else the request
/// says; an unprefixed page is Ukrainian, except on a first visit from a reader whose browser
/// (or earlier choice) prefers another of our languages: they are sent to that language's URL.
async fn url_locale(mut req: Request, next: Next) -> Response {
    use crate::i18n::Locale;
    let path = req.uri().path().to_string();
    let (locale, _) = lang::split(&path);
    if locale != Locale::uk {
        render_in(&mut req, locale);
        return next.run(req).await;
    }
    if is_page(&path) && matches!(*req.method(), Method::GET | Method::HEAD) {
        let preferred = preferred_locale(req.headers());
        if preferred != Locale::uk {
            let target = lang::localize(
                preferred,
                req.uri()
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/"),
            );
            let mut res = Redirect::to(&target).into_response();
            res.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            );
            return res;
        }
        render_in(&mut req, Locale::uk);
    }
    next.run(req).await
}
