//! The binary's commands: `serve` (default), `seed-gen`, `migrate`.

use super::config::Settings;
use super::db::Db;
use super::seed::{self, SeedOutcome};
use super::{http, AppState};
use leptos::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

const USAGE: &str = "usage:
  cities4cities [serve]                     start the web server (migrates and seeds first)
  cities4cities migrate                     migrate and seed the database, then exit
  cities4cities seed-gen [--source DIR] [--out DIR]
                                            rebuild data/seed from the official source files";

pub async fn run(args: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("migrate") => {
            let settings = Settings::load()?;
            prepare_database(&settings).await?;
            Ok(())
        }
        Some("seed-gen") => {
            let mut source = PathBuf::from("../shared/data");
            let mut out = PathBuf::from("data/seed");
            let mut it = args[1..].iter();
            while let Some(flag) = it.next() {
                let value = it.next().ok_or(USAGE)?;
                match flag.as_str() {
                    "--source" => source = value.into(),
                    "--out" => out = value.into(),
                    _ => return Err(USAGE.into()),
                }
            }
            let report = seed::generate::generate(&source, &out)?;
            let total: usize = report.values().sum();
            println!("{total} communities placed on the map:");
            for (method, n) in &report {
                println!("  {method:<14} {n:>5}");
            }
            println!("seed files written to {}", out.display());
            Ok(())
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other}\n{USAGE}").into()),
    }
}

pub async fn prepare_database(settings: &Settings) -> Result<Db, Box<dyn std::error::Error>> {
    let db = Db::connect(&settings.database.url, settings.database.max_connections).await?;
    db.migrate().await?;
    let started = std::time::Instant::now();
    match seed::seed(&db, &seed::EMBEDDED).await? {
        SeedOutcome::Unchanged => tracing::info!("seed data already loaded"),
        SeedOutcome::Loaded {
            communities,
            settlements,
            municipalities,
        } => tracing::info!(
            communities,
            settlements,
            municipalities,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "seed data loaded"
        ),
    }
    Ok(db)
}

/// The built CSS, JS and WASM are served under `/pkg/<build id>/`, the id being a hash of
/// their contents: browsers may cache them for a year and still never run a stale bundle.
pub fn build_id(site_root: &str) -> String {
    use sha2::{Digest, Sha256};
    let dir = std::path::Path::new(site_root).join("pkg");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut h = Sha256::new();
    for f in &files {
        if matches!(
            f.extension().and_then(|e| e.to_str()),
            Some("css" | "js" | "wasm")
        ) {
            h.update(
                f.file_name()
                    .map(|n| n.as_encoded_bytes())
                    .unwrap_or_default(),
            );
            h.update(std::fs::read(f).unwrap_or_default());
        }
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("cities4cities"))
        .site_root(settings.server.site_root.as_str())
        .site_pkg_dir(format!("pkg/{}", build_id(&settings.server.site_root)))
        .site_addr(settings.server.site_addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .build()
}

/// Builds the whole application for a database that is ready: used by `serve` and by tests.
pub fn app_state(settings: Settings, db: Db) -> AppState {
    AppState {
        leptos_options: leptos_options(&settings),
        db,
        settings: Arc::new(settings),
    }
}

async fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::load()?;
    let db = prepare_database(&settings).await?;
    let addr = settings.server.site_addr;
    let state = app_state(settings, db);
    let app = http::router(state);
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
