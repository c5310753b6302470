//! The catalogue held in memory: every community with its card's facets and a word index over
//! names, settlements, places and profile text. One code path serves both databases, so results
//! are identical on SQLite and PostgreSQL.
//!
//! Each instance keeps its own snapshot and compares its version with `catalogue_version` in
//! the database before answering; a profile change bumps that number in its own transaction,
//! so every instance behind a load balancer sees the change on its next search.

mod map;
mod query;
pub mod snapshot;

pub use snapshot::{apply_profile, Catalogue, Entry, Snapshot};
