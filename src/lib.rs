#![recursion_limit = "256"]
//! Cities4Cities: one crate built twice — the `ssr` server and the `hydrate` browser bundle.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod model;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only the islands (the parts of pages marked `#[island]`) run in the browser.
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious readers) know the page is now interactive.
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__c4cHydrated".into(), &true.into());
}
