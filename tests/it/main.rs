//! The integration tests: one binary (each test binary links the whole server, and this
//! machine has two cores), a module per domain, one test per scenario and database, each
//! on its own copy of a seeded template database (see `common`), all through the real router.

mod common;

mod accounts;
mod architecture;
mod catalogue;
mod claims;
mod editing;
mod forms;
mod open_data;
mod partnerships;
mod pipeline;
mod registry;
mod render_load;
mod search;
mod security;
mod seed_files;
mod uploads;
