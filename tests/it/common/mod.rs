//! Test databases and requests. Each scenario gets its own copy of a template database
//! that was migrated and seeded once per test run: a copied file on SQLite, a database made
//! `TEMPLATE` the seeded one on PostgreSQL (when a server answers at 127.0.0.1:5432; CI
//! requires it). Copies are dropped when their scenario ends, leftovers of crashed runs at
//! the start of the next.

#![allow(dead_code)]

pub mod accounts;
pub mod api;

/// One test per scenario and database: `scenarios!(a, b)` makes `a::sqlite`, `a::postgres`,
/// `b::sqlite`, … each running `async fn a(t: &TestDb)` on a fresh copy of the seeded
/// template, so a failure names its scenario and hides no other.
#[macro_export]
macro_rules! scenarios {
    ($($scenario:ident),+ $(,)?) => {
        $(
            mod $scenario {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let t = $crate::common::TestDb::sqlite().await;
                    super::$scenario(&t).await;
                    t.drop().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(t) = $crate::common::TestDb::postgres().await {
                        super::$scenario(&t).await;
                        t.drop().await;
                    }
                }
            }
        )+
    };
}

use axum::body::Body;
use axum::http::{Request, Response};
use cities4cities::platform::config::Settings;
use cities4cities::platform::db::{Backend, Db};
use cities4cities::platform::{seed, AppState};
use http_body_util::BodyExt;
use std::path::PathBuf;
use tokio::sync::OnceCell;
use tower::ServiceExt;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { name: String },
}

fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{prefix}_{}_{n}", std::process::id())
}

pub const PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The seeded SQLite file every SQLite scenario copies (made once per run).
async fn sqlite_template() -> &'static PathBuf {
    static TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let dir = std::env::temp_dir().join(unique("c4c_template"));
            let path = dir.join("template.db");
            let db = Db::connect(&format!("sqlite://{}", path.display()), 1)
                .await
                .expect("open sqlite template");
            db.migrate().await.expect("migrate");
            seed::seed(&db, &seed::EMBEDDED).await.expect("seed");
            // Closing the only connection checkpoints the WAL into the file.
            db.pool.close().await;
            path
        })
        .await
}

/// Whether the process of a leftover database's name (`…_<pid>_…`) is gone.
fn orphaned(name: &str) -> bool {
    name.split('_')
        .nth(2)
        .and_then(|pid| pid.parse::<u32>().ok())
        .is_some_and(|pid| {
            pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        })
}

/// The seeded PostgreSQL database every PostgreSQL scenario copies (made once per run);
/// `None` when no server answers.
async fn postgres_template() -> Option<&'static String> {
    static TEMPLATE: OnceCell<Option<String>> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            use sqlx::Executor;
            sqlx::any::install_default_drivers();
            let admin = match sqlx::AnyPool::connect(PG_ADMIN_URL).await {
                Ok(p) => p,
                Err(e) => {
                    if std::env::var("C4C_REQUIRE_POSTGRES").is_ok() {
                        panic!("PostgreSQL required but not reachable: {e}");
                    }
                    eprintln!("PostgreSQL not reachable ({e}); skipping the PostgreSQL runs");
                    return None;
                }
            };
            // Databases of earlier runs that ended without cleaning up.
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT datname FROM pg_database WHERE datname LIKE 'c4c_test_%' OR datname LIKE 'c4c_template_%'",
            )
            .fetch_all(&admin)
            .await
            .unwrap_or_default();
            for n in names.iter().filter(|n| orphaned(n)) {
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)").as_str())
                    .await
                    .ok();
            }
            let name = unique("c4c_template");
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create template database");
            admin.close().await;
            let db = Db::connect(&format!("postgres://postgres@127.0.0.1:5432/{name}"), 1)
                .await
                .expect("connect to template");
            db.migrate().await.expect("migrate");
            seed::seed(&db, &seed::EMBEDDED).await.expect("seed");
            db.pool.close().await;
            Some(name)
        })
        .await
        .as_ref()
}

impl TestDb {
    /// A copy of the seeded SQLite template.
    pub async fn sqlite() -> TestDb {
        let template = sqlite_template().await;
        let dir = std::env::temp_dir().join(unique("c4c_test"));
        std::fs::create_dir_all(&dir).expect("test folder");
        let path = dir.join("test.db");
        std::fs::copy(template, &path).expect("copy the template");
        let url = format!("sqlite://{}", path.display());
        let db = Db::connect(&url, 4).await.expect("open sqlite");
        TestDb {
            db,
            url,
            cleanup: Cleanup::File(dir),
        }
    }

    /// A copy of the seeded PostgreSQL template; `None` when no server answers (a developer
    /// laptop); CI has one.
    pub async fn postgres() -> Option<TestDb> {
        use sqlx::Executor;
        let template = postgres_template().await?;
        let admin = sqlx::AnyPool::connect(PG_ADMIN_URL)
            .await
            .expect("admin connection");
        let name = unique("c4c_test");
        // A copy needs the template without connections; another copy being made at the
        // same moment (or an autovacuum worker) can hold one briefly.
        let mut tries = 0;
        loop {
            match admin
                .execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str())
                .await
            {
                Ok(_) => break,
                Err(e) if tries < 50 && e.to_string().contains("being accessed by other users") => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("copy the template database: {e}"),
            }
        }
        admin.close().await;
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        let db = Db::connect(&url, 4)
            .await
            .expect("connect to test database");
        Some(TestDb {
            db,
            url,
            cleanup: Cleanup::Postgres { name },
        })
    }

    /// An empty database of the same backend (for tests of migrating and seeding).
    pub async fn empty(backend: Backend) -> Option<TestDb> {
        use sqlx::Executor;
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique("c4c_test"));
                let url = format!("sqlite://{}/test.db", dir.display());
                let db = Db::connect(&url, 4).await.expect("open sqlite");
                Some(TestDb {
                    db,
                    url,
                    cleanup: Cleanup::File(dir),
                })
            }
            Backend::Postgres => {
                postgres_template().await?;
                let admin = sqlx::AnyPool::connect(PG_ADMIN_URL).await.ok()?;
                let name = unique("c4c_test");
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create database");
                admin.close().await;
                let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
                let db = Db::connect(&url, 4).await.expect("connect");
                Some(TestDb {
                    db,
                    url,
                    cleanup: Cleanup::Postgres { name },
                })
            }
        }
    }

    /// A fresh application instance over this database (several may share one database).
    pub fn state(&self) -> AppState {
        let mut settings = Settings::default();
        settings.database.url = self.url.clone();
        settings.server.public_url = "https://c4c.example".into();
        settings.server.site_root = std::env::temp_dir()
            .join("c4c-no-site")
            .display()
            .to_string();
        cities4cities::startup::app_state(settings, self.db.clone())
    }

    pub fn router(&self) -> axum::Router {
        cities4cities::startup::router(self.state())
    }

    /// The demonstration cards, as the browser tests and some scenarios want them.
    pub async fn with_demo(&self) -> &Self {
        cities4cities::profiles::demo::load_demo(&self.db)
            .await
            .expect("demo cards");
        self
    }

    pub async fn drop(self) {
        self.db.pool.close().await;
        match self.cleanup {
            Cleanup::File(dir) => {
                std::fs::remove_dir_all(dir).ok();
            }
            Cleanup::Postgres { name } => {
                use sqlx::Executor;
                let admin = sqlx::AnyPool::connect(PG_ADMIN_URL)
                    .await
                    .expect("admin connection");
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await
                    .expect("drop");
            }
        }
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

pub async fn send(router: &axum::Router, req: Request<Body>) -> Reply {
    let res: Response<Body> = router.clone().oneshot(req).await.expect("router answers");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(router: &axum::Router, uri: &str) -> Reply {
    send(
        router,
        Request::get(uri)
            .header("accept-language", "uk")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// A number the database answers (a count, say).
pub async fn scalar(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&t.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// A plain HTML form sent from `page` to the server function at `path`, as a browser
/// without JavaScript sends it.
pub async fn post_form(
    app: &axum::Router,
    path: &str,
    page: &str,
    pairs: &[(&str, &str)],
) -> Reply {
    send(
        app,
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", format!("https://c4c.example{page}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(accounts::form(pairs)))
            .unwrap(),
    )
    .await
}

/// Where an answer sends the browser, as a path with its query.
pub fn location(r: &Reply) -> String {
    let loc = r
        .headers
        .get("location")
        .unwrap_or_else(|| panic!("no redirect ({}): {}", r.status, r.body))
        .to_str()
        .unwrap();
    loc.strip_prefix("https://c4c.example")
        .unwrap_or(loc)
        .to_string()
}

/// (status, content type, body bytes) of a GET.
pub async fn send_bytes(router: &axum::Router, uri: &str) -> (u16, String, Vec<u8>) {
    let res: Response<Body> = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .expect("router answers");
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (status, ct, bytes.to_vec())
}
