//! The composition root of the server: the application state with each domain's service,
//! the axum router with every domain's routes, the pages and the server functions, and the
//! middleware stack every request passes through. Nothing imports this module but `main`
//! (through `cli`) and the tests.

use crate::app::{shell, App};
use crate::platform::config::Settings;
use crate::platform::db::Db;
use crate::platform::state::Services;
use crate::platform::{headers, language, limits, middleware, page_cache, AppState};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The whole application for a database that is ready: used by `serve` and by tests.
pub fn app_state(settings: Settings, db: Db) -> AppState {
    let storage = Arc::new(crate::platform::storage::LocalFolder {
        dir: settings.storage.upload_dir.clone(),
    });
    let services = Services::default()
        .with(crate::catalogue::search::Catalogue::default())
        .with(crate::municipalities::Directory::default());
    AppState::new(
        crate::platform::config::leptos_options(&settings),
        db,
        settings,
        storage,
        services,
    )
}

/// The pages' routes, generated once per process. Generating them renders the app with
/// resource loading switched off through a process-wide flag of leptos_server
/// (`SuppressResourceLoad`): a page rendered by another instance at that moment would wait
/// for its data until the request timed out (seen in the tests, which build many instances
/// side by side; a server builds its router once, before it serves).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The routes that are neither pages, server functions nor in the OpenAPI document (each
/// domain's own axum routes); the test `architecture::every_route_is_in_the_table` checks
/// that every route call of the code is here.
pub const OTHER_ROUTES: [(&str, &str); 10] = [
    ("GET", "/healthz"),
    ("GET", crate::links::api::OPENAPI),
    ("POST", crate::links::LANGUAGE_SWITCH),
    ("POST", "/api/upload/{slug}"),
    ("GET", "/media/{key}"),
    ("POST", crate::links::IMPORT),
    ("GET", "/c/{slug}/card.png"),
    ("GET", "/c/{slug}/qr.svg"),
    ("GET", "/sitemap.xml"),
    ("GET", "/robots.txt"),
];

/// Every route the server answers, as `make audit` attacks them: the pages (from the
/// router's own list), the server functions (from leptos' registry), the open data (from
/// the OpenAPI document) and [`OTHER_ROUTES`]. Printed by `cities4cities routes`.
pub fn route_table() -> serde_json::Value {
    use serde_json::json;
    let pages: Vec<String> = route_list().iter().map(|r| r.path().to_string()).collect();
    let mut server_fns: Vec<serde_json::Value> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| json!({"method": method.as_str(), "path": path}))
        .collect();
    server_fns.sort_by_key(|v| v["path"].as_str().unwrap_or_default().to_string());
    let doc = openapi_document();
    let api: Vec<&String> = doc["paths"]
        .as_object()
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    let other: Vec<serde_json::Value> = OTHER_ROUTES
        .iter()
        .map(|(method, path)| json!({"method": method, "path": path}))
        .collect();
    json!({"pages": pages, "server_fns": server_fns, "api": api, "other": other})
}

/// Every route of the site and the middleware around them.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
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
    let max_body = settings.server.max_body_bytes;
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route(crate::links::LANGUAGE_SWITCH, post(language::set_language))
        .route(crate::links::api::OPENAPI, get(openapi))
        .merge(crate::catalogue::open_data::routes())
        .merge(crate::catalogue::preview::routes())
        .merge(crate::municipalities::api::routes())
        .merge(crate::partnerships::open_data::routes())
        .merge(crate::partnerships::upload::routes())
        // Pages, and every server function at its own path (leptos registers them).
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(shell_options.clone())
        })
        .layer(axum::middleware::from_fn(middleware::server_fn_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::platform::echo::keep,
        ))
        .layer(axum::middleware::from_fn(middleware::fresh_referer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::platform::echo::restore,
        ))
        .nest_service("/pkg/{build}", pkg)
        .fallback_service(public)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.server.request_timeout_secs),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::page_policies,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::layer,
        ))
        .layer(axum::middleware::from_fn(language::url_locale))
        .layer(axum::middleware::from_fn(move |req, next| {
            limits::read_body(max_body, req, next)
        }));
    let request_id = HeaderName::from_static(middleware::REQUEST_ID_HEADER);
    // Pictures: their own, larger limit and longer deadline (the transfer is inside it).
    let uploads =
        crate::profiles::pictures::upload::routes().layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.server.upload_timeout_secs),
        ));
    let in_flight = Arc::new(tokio::sync::Semaphore::new(
        settings.server.max_in_flight.max(1),
    ));
    app.merge(uploads)
        .layer(axum::middleware::from_fn(limits::body_too_large))
        .layer(axum::middleware::from_fn(move |req, next| {
            limits::bounded(in_flight.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::same_origin_only,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(axum::middleware::from_fn(middleware::request_id))
        .layer(TraceLayer::new_for_http().make_span_with(middleware::request_span))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

async fn render_not_found(State(state): State<AppState>, req: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    let mut res = handler(req).await.into_response();
    // Not the day-long caching of the files beside it.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
    communities: i64,
}

async fn healthz(State(state): State<AppState>) -> Response {
    match crate::catalogue::store::count_communities(&state.db).await {
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

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        openapi_document().to_string(),
    )
        .into_response()
}

/// The OpenAPI 3 description of the open data: each domain's paths and schemas, joined.
pub fn openapi_document() -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let (mut paths, mut schemas) = (Map::new(), Map::new());
    schemas.insert(
        "Error".into(),
        json!({"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}),
    );
    for part in [
        crate::catalogue::open_data::openapi(),
        crate::municipalities::api::openapi(),
        crate::partnerships::open_data::openapi(),
    ] {
        if let Some(Value::Object(p)) = part.get("paths") {
            paths.extend(p.clone());
        }
        if let Some(Value::Object(s)) = part.get("schemas") {
            schemas.extend(s.clone());
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Cities4Cities open data",
            "version": "1.0.0",
            "description": "Ukrainian territorial communities (KATOTTG) and their business cards. Places and coordinates © GeoNames, CC BY 4.0.",
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
        },
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

/// Serves the application until SIGTERM or Ctrl-C (in-flight requests finish).
pub async fn serve(settings: Settings, db: Db) -> Result<(), Box<dyn std::error::Error>> {
    let addr = settings.server.site_addr;
    let state = app_state(settings, db);
    crate::platform::mail::sender::spawn(
        state.db.clone(),
        state.settings.clone(),
        state.mailer.clone(),
    );
    crate::platform::cleanup::spawn(state.db.clone(), state.settings.clone());
    crate::partnerships::service::spawn_retention(state.db.clone(), state.settings.clone());
    crate::partnerships::pipeline::spawn_digest(state.clone());
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{addr}");
    // Without TCP_NODELAY, delayed ACKs add tens of milliseconds to every keep-alive response.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
