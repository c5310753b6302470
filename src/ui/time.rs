//! Instants as readers expect them: in words of their language, in Kyiv time on the server
//! (the platform's home zone, and right for readers without scripts), and in the reader's
//! own zone once `public/forms.js` runs (it rewrites each `<time data-local>` with the
//! browser's `Intl.DateTimeFormat`). Only for pages rendered on the server, not islands.

use crate::i18n::*;
use crate::lang::labels::{iso_utc, kyiv_date, kyiv_minute};
use leptos::prelude::*;

/// A date and time ("2. Dezember 2026 um 06:12 (Kyjiwer Zeit)").
#[component]
pub fn LocalTime(secs: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <time datetime=iso_utc(secs) data-local="minute">
            {move || kyiv_minute(i18n.get_locale(), secs)}
        </time>
    }
}

/// A day ("2. Dezember 2026").
#[component]
pub fn LocalDate(secs: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <time datetime=iso_utc(secs) data-local="date">
            {move || kyiv_date(i18n.get_locale(), secs)}
        </time>
    }
}
