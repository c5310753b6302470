//! One pool for both backends (sqlx's `Any` driver) and one set of portable SQL.
//! SQLite: a file created on first start, WAL, foreign keys, busy timeout.
//! PostgreSQL: when `DATABASE_URL` starts with `postgres://`.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// The newest public-content version this process has seen (shared by its clones).
    pub freshness: std::sync::Arc<super::page_cache::Freshness>,
}

/// Portable SQL serves both backends. A migration that must differ would move the two
/// sets into `migrations/sqlite` and `migrations/postgres` (versions and checksums unchanged).
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported DATABASE_URL (use sqlite://… or postgres://…): {0}")]
    Url(String),
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// `sqlite://path` → path; the file and its folder are created when missing.
fn sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" {
        if let Some(parent) = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else {
        format!("mode=rwc&{query}")
    };
    Ok(format!("sqlite://{path}?{}", query.trim_end_matches('&')))
}

impl Db {
    /// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): two writers then queue on the busy timeout, where with a plain `BEGIN`
    /// both would read first and the second to write would fail at once (`SQLITE_BUSY`).
    /// PostgreSQL's `BEGIN` already queues writers on row locks.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            _ => self.pool.begin().await,
        }
    }

    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url.starts_with("sqlite:") {
            (Backend::Sqlite, sqlite_url(url)?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(DbError::Url(url.to_string()));
        };
        if backend == Backend::Postgres {
            ensure_postgres_database(&url).await?;
        }
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                             PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db {
            pool,
            backend,
            freshness: Default::default(),
        })
    }

    /// Applies this backend's migrations (PostgreSQL takes a lock, so several instances may start at once).
    pub async fn migrate(&self) -> Result<(), DbError> {
        MIGRATIONS.run(&self.pool).await?;
        Ok(())
    }
}

/// Creates the PostgreSQL database named in the URL when it does not exist yet, so
/// `DATABASE_URL=postgres://…/newdb make run` needs no manual step. Another instance
/// creating it at the same moment is not an error.
async fn ensure_postgres_database(url: &str) -> Result<(), DbError> {
    use sqlx::migrate::MigrateDatabase;
    if !sqlx::Any::database_exists(url).await? {
        if let Err(e) = sqlx::Any::create_database(url).await {
            if !sqlx::Any::database_exists(url).await? {
                return Err(e.into());
            }
        }
    }
    Ok(())
}

/// A 0/1 column as a boolean (the Any driver cannot decode SQLite's BOOLEAN).
pub fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// `($1, $2, $3), ($4, $5, $6)` for a multi-row insert. SQLite gets anonymous `?` instead:
/// it resolves `$N` by scanning the parameter names, quadratic in a statement with thousands.
pub fn placeholders(backend: Backend, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            match backend {
                Backend::Sqlite => s.push('?'),
                Backend::Postgres => {
                    s.push('$');
                    s.push_str(&(r * cols + c + 1).to_string());
                }
            }
        }
        s.push(')');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(
            placeholders(Backend::Postgres, 2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(placeholders(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join(format!("c4c-url-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.is_dir());
        assert_eq!(
            sqlite_url("sqlite::memory:?mode=memory").unwrap(),
            "sqlite://:memory:?mode=memory"
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
