//! Loading, error and HTTP status helpers for pages.
//!
//! Where data is asked for: a page's component (a route's view, an island, or a part of the
//! shell rendered once) makes its `Resource`s at its top. A component rendered inside a
//! `Suspense` (after an `.await` in a `Suspend`) asks its server function directly in its
//! own `Suspend` instead: while rendering on the server, a `Suspense` walks its children
//! more than once and drops the views of the extra walks, and a resource made in a dropped
//! view keeps running after the request has ended, without the request's context
//! ("request parts missing") and on disposed signals (panics in worker threads). A future
//! awaited in a `Suspend` is dropped with its view. `tests/it/architecture.rs` keeps this.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Marks the server-rendered response as not to be stored by any cache (pages with personal
/// data or one-time links).
pub fn no_store() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="text-stone-600" role="status">
            {t!(i18n, loading)}
        </p>
    }
}

/// What a reader sees when a request failed: a plain message and, for server faults, an id to quote.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    if matches!(error, AppError::Internal { .. }) {
        set_status(500);
    }
    let reference = match error {
        AppError::Internal { request_id } => Some(request_id),
        _ => None,
    };
    view! {
        <div role="alert" class="rounded border border-red-300 bg-red-50 p-4 text-red-900">
            <p>{t!(i18n, error_generic)}</p>
            {reference
                .map(|id| view! { <p class="mt-1 text-sm">{t!(i18n, error_reference, id)}</p> })}
        </div>
    }
}
