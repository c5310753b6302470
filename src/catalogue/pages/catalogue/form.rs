//! The search box, the filters with their counts, and the type-ahead.

use super::{use_catalogue_query, Search};
use crate::catalogue::labels::{filter_label, filter_value_label, oblast_name};
use crate::catalogue::model::CommunitySummary;
#[cfg(feature = "hydrate")]
use crate::catalogue::model::SearchAnswer;
use crate::catalogue::query::{CatalogueQuery, CatalogueResult, Facet, Sort};
use crate::i18n::*;
use crate::lang::labels::{format_int, localized, pick};
use crate::lang::use_href;
use crate::ui::status::Loading;
use leptos::prelude::*;

/// The search box and the filters: a plain GET form, enhanced in the browser so that typing
/// and choosing update the results without a reload.
#[component]
pub(super) fn SearchForm(
    query: Memo<CatalogueQuery>,
    data: Resource<Result<CatalogueResult, crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let search = expect_context::<Search>();
    let text = RwSignal::new(query.get_untracked().q);
    // Back and forward change the URL: the box follows.
    Effect::new(move |_| {
        let q = query.read().q.clone();
        if q != text.get_untracked() {
            text.set(q);
        }
    });
    // Debounced: the results follow the typing a quarter of a second after the last key.
    let pending = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        let ticket = pending.get_value() + 1;
        pending.set_value(ticket);
        set_timeout(
            move || {
                if pending.get_value() == ticket {
                    let mut q = query.get_untracked();
                    q.q = value;
                    q.page = 1;
                    search.go(&q, true);
                }
            },
            std::time::Duration::from_millis(250),
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut q = query.get_untracked();
        q.q = text.get_untracked();
        q.page = 1;
        search.go(&q, false);
    };
    let on_sort = move |ev: leptos::ev::Event| {
        let mut q = query.get_untracked();
        q.sort = event_target_value(&ev);
        q.page = 1;
        search.go(&q, false);
    };
    let on_near = move |ev: leptos::ev::Event| {
        let mut q = query.get_untracked();
        q.near = event_target_value(&ev).trim().to_string();
        q.page = 1;
        search.go(&q, false);
    };
    view! {
        <form
            method="get"
            action=use_href(crate::links::CATALOGUE)
            role="search"
            on:submit=on_submit
            class="space-y-4 rounded-lg border border-stone-200 bg-white p-4"
            data-testid="search-form"
        >
            <div>
                <label for="q" class="block font-medium">
                    {t!(i18n, search_label)}
                </label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=move || text.get()
                    value=query.get_untracked().q
                    on:input=on_input
                    placeholder=move || t_string!(i18n, search_placeholder).to_string()
                    class="mt-1 w-full rounded border border-stone-500 px-3 py-2"
                />
                <p class="mt-1 text-xs text-stone-600">{t!(i18n, search_hint)}</p>
            </div>
            <Suggestions text />
            {move || {
                (query.read().view == "map")
                    .then(|| view! { <input type="hidden" name="view" value="map" /> })
            }}
            // On a phone the filters and the order fold behind one button (a checkbox, so it
            // works without JavaScript), and the first result is on the first screen.
            <input
                type="checkbox"
                id="filters-toggle"
                class="peer sr-only md:hidden"
                aria-controls="filters-body"
            />
            <label
                for="filters-toggle"
                class="button-secondary inline-block cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-blue-700 md:hidden"
            >
                {t!(i18n, filters_show)}
            </label>
            <div id="filters-body" class="hidden space-y-4 peer-checked:block md:block">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(result) => {
                                view! {
                                    <Filters query=query.get_untracked() facets=result.facets />
                                }
                                    .into_any()
                            }
                            Err(_) => ().into_any(),
                        }
                    })}
                </Transition>
                <div>
                    <label for="sort" class="block text-sm font-medium text-stone-800">
                        {t!(i18n, sort_label)}
                    </label>
                    <select
                        id="sort"
                        name="sort"
                        on:change=on_sort
                        class="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-1.5"
                    >
                        {Sort::ALL
                            .into_iter()
                            .map(|s| {
                                let label = move || match s {
                                    Sort::Relevance => t_string!(i18n, sort_relevance).to_string(),
                                    Sort::Name => t_string!(i18n, sort_name).to_string(),
                                    Sort::Population => t_string!(i18n, sort_population).to_string(),
                                    Sort::Updated => t_string!(i18n, sort_updated).to_string(),
                                    Sort::Near => t_string!(i18n, sort_near).to_string(),
                                };
                                view! {
                                    <option
                                        value=s.key()
                                        selected=move || query.read().effective_sort() == s
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for="near" class="block text-sm font-medium text-stone-800">
                        {t!(i18n, near_label)}
                    </label>
                    <input
                        id="near"
                        name="near"
                        type="text"
                        autocomplete="address-level2"
                        maxlength=crate::catalogue::query::MAX_FIELD_CHARS
                        value=query.get_untracked().near
                        prop:value=move || query.read().near.clone()
                        on:change=on_near
                        aria-describedby="near-hint"
                        class="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-1.5"
                    />
                    <p id="near-hint" class="mt-1 text-xs text-stone-600">
                        {t!(i18n, near_hint)}
                    </p>
                </div>
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class="button-primary">
                    {t!(i18n, search_submit)}
                </button>
                <a href=use_href(crate::links::CATALOGUE) class="text-sm text-blue-800 underline">
                    {t!(i18n, filters_clear)}
                </a>
            </div>
        </form>
    }
}

/// One select per filter, each option with the number of results it would give.
#[component]
fn Filters(query: CatalogueQuery, facets: Vec<Facet>) -> impl IntoView {
    let i18n = use_i18n();
    let current = use_catalogue_query();
    let search = expect_context::<Search>();
    facets
        .into_iter()
        .filter(|f| !(f.name == "raion" && f.values.is_empty()))
        .map(|facet| {
            let name = facet.name.clone();
            let id = format!("filter-{name}");
            let chosen = query.filter(&name).to_string();
            let label_name = name.clone();
            let change_name = name.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let mut q = current.get_untracked();
                q.set(&change_name, event_target_value(&ev));
                if change_name == "oblast" {
                    q.raion.clear();
                }
                q.page = 1;
                search.go(&q, false);
            };
            let mut values = facet.values;
            // Oblasts by the names readers know, in their alphabet's order.
            if name == "oblast" {
                let l = i18n.get_locale_untracked();
                values.sort_by_cached_key(|v| {
                    crate::lang::names::sort_key(l, &oblast_name(l, &v.label_uk, &v.label_latin))
                });
            }
            let options = values
                .into_iter()
                .map(|v| {
                    let selected = v.value == chosen;
                    // A choice that would give nothing is shown, not offered.
                    let empty = v.count == 0 && !selected;
                    let (filter, value) = (name.clone(), v.value.clone());
                    let label = move || {
                        let l = i18n.get_locale();
                        let text = if v.label_uk.is_empty() {
                            filter_value_label(l, &filter, &value)
                        } else if filter == "oblast" {
                            oblast_name(l, &v.label_uk, &v.label_latin)
                        } else {
                            pick(l, &v.label_uk, &v.label_latin)
                        };
                        format!("{text} ({})", format_int(l, v.count as i64))
                    };
                    view! {
                        <option value=v.value.clone() selected=selected disabled=empty>
                            {label}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div>
                    <label for=id.clone() class="block text-sm font-medium text-stone-800">
                        {move || filter_label(i18n.get_locale(), &label_name)}
                    </label>
                    <select
                        id=id
                        name=name.clone()
                        on:change=on_change
                        class="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-1.5"
                    >
                        <option value="" selected=chosen.is_empty()>
                            {t!(i18n, filter_any)}
                        </option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view()
}

/// Type-ahead: names matching what is being typed, from the JSON search endpoint. Each new
/// keystroke aborts the request still in flight, so a slow answer never overwrites a newer one.
#[component]
fn Suggestions(text: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let items: RwSignal<Vec<CommunitySummary>> = RwSignal::new(Vec::new());
    #[cfg(feature = "hydrate")]
    {
        let in_flight: StoredValue<Option<web_sys::AbortController>, LocalStorage> =
            StoredValue::new_local(None);
        Effect::new(move |_| {
            let q = text.get();
            if let Some(previous) = in_flight.get_value() {
                previous.abort();
            }
            if q.trim().chars().count() < 2 {
                items.set(Vec::new());
                return;
            }
            let Ok(controller) = web_sys::AbortController::new() else {
                return;
            };
            let signal = controller.signal();
            in_flight.set_value(Some(controller));
            leptos::task::spawn_local(async move {
                let url = format!(
                    "{}?limit=6&q={}",
                    crate::links::api::SEARCH,
                    crate::links::encode(&q)
                );
                let Ok(res) = gloo_net::http::Request::get(&url)
                    .abort_signal(Some(&signal))
                    .send()
                    .await
                else {
                    return;
                };
                if let Ok(found) = res.json::<SearchAnswer>().await {
                    items.set(found.items);
                }
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
    view! {
        <Show when=move || !items.read().is_empty()>
            <nav
                aria-label=move || t_string!(i18n, suggestions_label).to_string()
                data-testid="suggestions"
            >
                <ul class="space-y-1 text-sm">
                    <For each=move || items.get() key=|c| c.slug.clone() let:c>
                        <li>
                            <SuggestionLink c />
                        </li>
                    </For>
                </ul>
            </nav>
        </Show>
    }
}

#[component]
fn SuggestionLink(c: CommunitySummary) -> impl IntoView {
    let href = use_href(crate::links::community(&c.slug));
    let c = StoredValue::new(c);
    let name = localized(c, CommunitySummary::display_name);
    let region = localized(c, CommunitySummary::region);
    view! {
        <a href=href class="text-blue-800 underline">
            {name}
        </a>
        <span class="text-stone-600">" · "{region}</span>
    }
}
