//! Server-only code: settings, database, seeding, HTTP stack and command line.

pub mod accounts;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod mail;
pub mod media;
pub mod open_data;
pub mod page_cache;
pub mod preview;
pub mod profiles;
pub mod search;
pub mod seed;
pub mod state;

pub use state::AppState;

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// A short random id to correlate what a user sees with what the log says.
pub fn request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    format!("{:016x}", h.finish())
}
