//! Administration: the audit log, and giving roles to accounts. Builds on `accounts`.

pub mod fns;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
