//! The editor's completeness meter: how much of what a reader deciding whether to write looks
//! for (`Profile::checklist`) the card holds, and what is still missing. It follows the form
//! as the editor types (the live preview's profile) and is server-rendered from the same data.

use crate::i18n::*;
use crate::profiles::model::{Image, Profile};
use leptos::prelude::*;

/// One item of the checklist, as the editor reads it.
fn item_label(l: Locale, key: &str) -> &'static str {
    match key {
        "picture" => td_string!(l, check_picture),
        "about" => td_string!(l, check_about),
        "why" => td_string!(l, check_why),
        "economy" => td_string!(l, check_economy),
        "offers" => td_string!(l, check_offers),
        "needs" => td_string!(l, check_needs),
        "contact" => td_string!(l, check_contact),
        "population" => td_string!(l, check_population),
        "situation" => td_string!(l, check_situation),
        "partners" => td_string!(l, check_partners),
        _ => td_string!(l, check_website),
    }
}

/// The meter. `preview` is the form's profile (none while a field does not parse); `photos`
/// the published photos (pictures are uploaded apart from the form).
#[component]
pub(super) fn Completeness(preview: Memo<Option<Profile>>, photos: Vec<Image>) -> impl IntoView {
    let i18n = use_i18n();
    // Pictures are published apart from the form: the form's profile is judged with them.
    let state = move || {
        preview.with(|p| {
            p.as_ref().map(|p| {
                let mut p = p.clone();
                p.photos = photos.clone();
                let missing: Vec<&'static str> = p
                    .checklist()
                    .into_iter()
                    .filter(|(_, done)| !done)
                    .map(|(key, _)| key)
                    .collect();
                (p.completeness(), missing)
            })
        })
    };
    view! {
        <section
            aria-labelledby="completeness-heading"
            class="space-y-2 rounded border border-stone-300 bg-white p-3"
            data-testid="completeness"
        >
            <h2 id="completeness-heading" class="text-lg font-semibold">
                {t!(i18n, edit_completeness_title)}
            </h2>
            {move || {
                state()
                    .map(|(percent, missing)| {
                        let l = i18n.get_locale();
                        let value = td_string!(l, edit_completeness_value, percent = percent)
                            .to_string();
                        view! {
                            <div class="flex items-center gap-3">
                                <meter
                                    min="0"
                                    max="100"
                                    low="50"
                                    high="80"
                                    optimum="100"
                                    value=percent.to_string()
                                    class="h-3 w-48 max-w-full"
                                    aria-labelledby="completeness-heading completeness-value"
                                ></meter>
                                <span id="completeness-value" data-testid="completeness-value">
                                    {value}
                                </span>
                            </div>
                            {if missing.is_empty() {
                                view! { <p>{td_string!(l, edit_completeness_done)}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{td_string!(l, edit_completeness_missing)}</p>
                                    <ul
                                        class="list-inside list-disc"
                                        data-testid="completeness-missing"
                                    >
                                        {missing
                                            .into_iter()
                                            .map(|key| view! { <li>{item_label(l, key)}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                    })
            }}
        </section>
    }
}
