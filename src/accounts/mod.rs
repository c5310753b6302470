//! Accounts: signing up, confirming the address, signing in with an optional second
//! factor, password reset, changes of address and password, and the account page. Sessions
//! and the guards that read them are the platform's (`platform::sessions`, `::guards`);
//! this domain creates and ends them.

pub mod fns;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod totp;
