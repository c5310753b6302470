#![recursion_limit = "256"]
//! Cities4Cities: one crate built twice — the `ssr` server and the `hydrate` browser bundle.
//!
//! The folders are domains (`catalogue`, `profiles`, `accounts`, `claims`, `admin`,
//! `municipalities`, `partnerships`), each with its shared types, server functions, store and
//! pages; `platform` is the server's infrastructure, `ui` the shared components, `lang` the
//! languages. `app`, `startup` and `cli` sit on top and are the only modules that know every
//! domain; the README's "Architecture" part has the dependency rule.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[macro_use]
pub mod keyed;

pub mod codec;
pub mod error;
pub mod identity;
pub mod lang;
pub mod links;

pub mod ui;

#[cfg(feature = "ssr")]
pub mod platform;

pub mod accounts;
pub mod admin;
pub mod catalogue;
pub mod claims;
pub mod municipalities;
pub mod partnerships;
pub mod profiles;

pub mod app;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod startup;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only the islands (the parts of pages marked `#[island]`) run in the browser.
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious readers) know the page is now interactive.
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__c4cHydrated".into(), &true.into());
}
