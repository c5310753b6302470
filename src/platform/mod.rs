//! The server's infrastructure, shared by every domain and knowing none of them: settings,
//! the database, the application state, the request context and its guards, sessions, the
//! audit log, rate limits, mail, file storage, the search engine, the page cache, the
//! security and language middleware, and the seed of official data.

pub mod audit;
pub mod cleanup;
pub mod config;
pub mod context;
pub mod db;
pub mod echo;
pub mod guards;
pub mod headers;
pub mod input;
pub mod jobs;
pub mod json;
pub mod language;
pub mod limits;
pub mod mail;
pub mod middleware;
pub mod page_cache;
pub mod rate_limit;
pub mod search;
pub mod secrets;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod storage;

pub use context::Ctx;
pub use state::AppState;

/// Unix seconds now: the one time representation of the schema.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
