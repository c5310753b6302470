//! The HTTP stack: routes, static files, and the middleware every request passes through.

use super::AppState;
use crate::app::{shell, App};
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
pub const LANG_COOKIE: &str = "i18n_pref_locale";

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

    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang", post(set_language))
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
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_only,
        ))
        .layer(RequestBodyLimitLayer::new(settings.server.max_body_bytes))
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
    let target = if form.return_to.starts_with('/') && !form.return_to.starts_with("//") {
        form.return_to
    } else {
        "/".into()
    };
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
