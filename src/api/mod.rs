//! Server functions, grouped by domain. Each checks what it needs itself.

pub mod account;
pub mod claims;
pub mod communities;
pub mod editing;
