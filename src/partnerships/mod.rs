//! Partnerships: a European municipality asks for a partner, the request becomes pairs
//! with Ukrainian communities, and each pair moves through the stages of `stage` (the one
//! place that says who may move it where). The requester needs no account: a private
//! link (`/requests/{token}`) lets them follow the request, write and withdraw.

pub mod fns;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pipeline;
pub mod stage;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod registry;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stats;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod upload;
