//! Claiming: a signed-in person asks to edit a community's card, coordinators approve or
//! reject (the person is told by mail), editors invite colleagues, coordinators mark cards
//! verified. Builds on `accounts` (who asks) and `profiles` (the card it marks claimed).

pub mod fns;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
