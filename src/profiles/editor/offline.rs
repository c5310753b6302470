//! Edits that survive a lost connection: kept in the browser at once, saved as a server-side
//! draft a moment after each change, and put back after a reload when they never arrived.

#[cfg(feature = "hydrate")]
use crate::profiles::fns::save_draft;
use crate::profiles::form::Fields;
use leptos::prelude::*;

/// Puts back edits kept in this browser for this version of the card, if they differ from
/// what the server has (its draft or the published card); older ones are dropped.
#[cfg(feature = "hydrate")]
pub(super) fn restore_local(
    slug: &str,
    version: i64,
    values: RwSignal<Fields>,
    restored: RwSignal<bool>,
    autosave: RwSignal<Option<bool>>,
) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
    let Ok(Some(storage)) = leptos::prelude::window().local_storage() else {
        return;
    };
    let key = format!("c4c-draft-{slug}");
    let Ok(Some(json)) = storage.get_item(&key) else {
        return;
    };
    let Ok((base, fields)) = serde_json::from_str::<(i64, Fields)>(&json) else {
        let _ = storage.remove_item(&key);
        return;
    };
    if base != version {
        let _ = storage.remove_item(&key);
        return;
    }
    let current = values.get_untracked();
    if fields == current {
        return;
    }
    let doc = leptos::prelude::document();
    let keys: std::collections::BTreeSet<String> =
        current.keys().chain(fields.keys()).cloned().collect();
    for k in keys {
        if !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let v = fields.get(&k).cloned().unwrap_or_default();
        let Ok(Some(el)) = doc.query_selector(&format!("[name=\"fields[{k}]\"]")) else {
            continue;
        };
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            if input.type_() == "checkbox" {
                input.set_checked(v == "yes");
            } else {
                input.set_value(&v);
            }
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(&v);
        } else if let Some(sel) = el.dyn_ref::<HtmlSelectElement>() {
            sel.set_value(&v);
        }
    }
    values.set(fields);
    restored.set(true);
    schedule_autosave(slug.to_string(), version, values, autosave);
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The server-side draft save waiting for its moment, if any.
    static PENDING: std::cell::Cell<Option<leptos::prelude::TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// Drops the draft save that waits for its moment: called when the form is submitted, so a
/// save timed before a publication cannot arrive after it and bring back a draft of the
/// version just replaced (seen as a phantom conflict on the next visit to the editor).
pub(super) fn cancel_autosave() {
    #[cfg(feature = "hydrate")]
    if let Some(h) = PENDING.with(|p| p.take()) {
        h.clear();
    }
}

/// Saves the draft a moment after the last change (in the browser, and on the server).
pub(super) fn schedule_autosave(
    slug: String,
    version: i64,
    values: RwSignal<Fields>,
    status: RwSignal<Option<bool>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        let fields = values.get_untracked();
        // Kept in the browser at once: a lost connection loses nothing.
        if let Ok(Some(storage)) = leptos::prelude::window().local_storage() {
            if let Ok(json) = serde_json::to_string(&(version, &fields)) {
                let _ = storage.set_item(&format!("c4c-draft-{slug}"), &json);
            }
        }
        if let Some(h) = PENDING.with(|p| p.take()) {
            h.clear();
        }
        let handle = leptos::prelude::set_timeout_with_handle(
            move || {
                let fields = values.get_untracked();
                leptos::task::spawn_local(async move {
                    PENDING.with(|p| p.set(None));
                    let ok = save_draft(slug, version, fields, String::new())
                        .await
                        .is_ok();
                    status.set(Some(ok));
                });
            },
            Duration::from_millis(800),
        );
        if let Ok(h) = handle {
            PENDING.with(|p| p.set(Some(h)));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (slug, version, values, status);
}
