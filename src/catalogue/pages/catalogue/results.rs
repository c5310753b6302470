//! The result list: cards, an empty result's suggestions, and the page links.

use crate::catalogue::labels::filter_label;
use crate::catalogue::model::CommunitySummary;
use crate::catalogue::pages::shortlist::AddToShortlist;
use crate::catalogue::query::{CatalogueQuery, CatalogueResult, FILTERS};
use crate::i18n::*;
use crate::lang::labels::{format_int, localized, pick};
use crate::lang::{localize, use_href};
use crate::profiles::labels::{situation_label, theme_label};
use leptos::prelude::*;

#[component]
pub(super) fn Results(result: CatalogueResult, query: CatalogueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let (current, pages, total) = (result.page, result.pages(), result.total);
    let near = near_line(&query, result.near.clone());
    if result.items.is_empty() {
        return view! { <NoResults query /> }.into_any();
    }
    // "Add to shortlist" brings the reader back to this very page of results.
    let back = localize(i18n.get_locale_untracked(), &query.href());
    let cards = result
        .items
        .into_iter()
        .map(|c| view! { <ResultCard c back=back.clone() /> })
        .collect_view();
    view! {
        <p class="mb-3 text-stone-700" data-testid="catalogue-count">
            {move || {
                let l = i18n.get_locale();
                let count = format_int(l, total as i64);
                match crate::lang::plural::category(l, total as i64) {
                    crate::lang::plural::Plural::One => {
                        td_string!(l, catalogue_count_one, count).to_string()
                    }
                    _ => td_string!(l, catalogue_count, count).to_string(),
                }
            }}
        </p>
        {near}
        <ol class="space-y-3" data-testid="results">
            {cards}
        </ol>
        <Pagination query current pages />
    }
    .into_any()
}

/// Which town the results are ordered from, or that the town typed is not known.
fn near_line(
    query: &CatalogueQuery,
    near: Option<crate::municipalities::model::Municipality>,
) -> Option<impl IntoView> {
    let i18n = use_i18n();
    let typed = query.near.trim().to_string();
    if typed.is_empty() {
        return None;
    }
    let ordered = query.effective_sort() == crate::catalogue::query::Sort::Near;
    Some(match near {
        Some(m) => view! {
            <p class="mb-3 text-stone-800" data-testid="near-town">
                {move || {
                    let l = i18n.get_locale();
                    let country = crate::lang::names::country_name(l, &m.country);
                    if ordered {
                        td_string!(l, near_sorted, town = m.name.clone(), country = country)
                            .to_string()
                    } else {
                        td_string!(l, near_distances, town = m.name.clone(), country = country)
                            .to_string()
                    }
                }}
            </p>
        }
        .into_any(),
        None => view! {
            <p
                role="status"
                class="mb-3 rounded border border-amber-400 bg-amber-50 p-2 text-amber-950"
                data-testid="near-town"
            >
                {move || {
                    td_string!(i18n.get_locale(), near_unknown, town = typed.clone()).to_string()
                }}
            </p>
        }
        .into_any(),
    })
}

/// One community in a list: name, place, marks, population, what it offers, and a button
/// that adds it to the reader's shortlist (coming back to `back`).
#[component]
pub fn ResultCard(c: CommunitySummary, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let add = view! { <AddToShortlist community=c.clone() back compact=true /> };
    let href = use_href(crate::links::community(&c.slug));
    let (occupied, verified, demo) = (c.occupied, c.verified, c.demo);
    let situation = c.situation.filter(|_| !occupied);
    let offers = c.offers.clone();
    let population = c.population.filter(|_| !c.population_is_centre);
    let distance = c.distance_km;
    let via = c.via.clone();
    let c = StoredValue::new(c);
    let text = |f| localized(c, f);
    let name = text(CommunitySummary::display_name);
    let place = text(|c, l| {
        let mut parts = vec![c.region(l)];
        parts.extend(c.raion(l));
        parts.push(c.kind_label(l));
        parts.join(" · ")
    });
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-4">
            <h3 class="text-lg font-semibold">
                <a href=href class="text-blue-800 underline-offset-2 hover:underline">
                    {name}
                </a>
            </h3>
            <p class="text-sm text-stone-700">{place}</p>
            <p class="mt-1 flex flex-wrap gap-2 text-xs">
                {occupied
                    .then(|| {
                        view! {
                            <span class="badge bg-stone-200 text-stone-900">
                                {t!(i18n, occupied)}
                            </span>
                        }
                    })}
                {situation
                    .map(|s| {
                        view! {
                            <span class="badge bg-amber-100 text-amber-950">
                                {move || situation_label(i18n.get_locale(), s)}
                            </span>
                        }
                    })}
                {verified
                    .then(|| {
                        view! {
                            <span class="badge bg-green-100 text-green-900">
                                {t!(i18n, trust_verified)}
                            </span>
                        }
                    })}
                {demo
                    .then(|| {
                        view! {
                            <span class="badge bg-purple-100 text-purple-900">
                                {t!(i18n, demo_badge)}
                            </span>
                        }
                    })}
                {distance
                    .map(|km| {
                        view! {
                            <span class="badge bg-blue-100 text-blue-950" data-testid="distance">
                                {move || {
                                    let l = i18n.get_locale();
                                    td_string!(l, distance_km, km = format_int(l, km as i64))
                                        .to_string()
                                }}
                            </span>
                        }
                    })}
                {population
                    .map(|p| {
                        view! {
                            <span class="badge bg-stone-100 text-stone-800">
                                {move || {
                                    t_string!(
                                        i18n, population_n, count = format_int(i18n.get_locale(), p)
                                    )
                                        .to_string()
                                }}
                            </span>
                        }
                    })}
            </p>
            {(!offers.is_empty())
                .then(|| {
                    view! {
                        <p class="mt-2 text-sm">
                            <span class="font-medium">{t!(i18n, offers_short)}": "</span>
                            {move || {
                                offers
                                    .iter()
                                    .map(|t| theme_label(i18n.get_locale(), *t))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            }}
                        </p>
                    }
                })}
            {via
                .map(|v| {
                    let kind = v.kind.clone();
                    let name = move || pick(i18n.get_locale(), &v.name_uk, &v.name_latin);
                    view! {
                        <p class="mt-1 text-sm text-stone-700" data-testid="via">
                            {move || match kind.as_str() {
                                "settlement" => {
                                    t_string!(i18n, via_settlement, name = name()).to_string()
                                }
                                "other_name" => {
                                    t_string!(i18n, via_other_name, name = name()).to_string()
                                }
                                "place" => t_string!(i18n, via_place).to_string(),
                                _ => t_string!(i18n, via_text).to_string(),
                            }}
                        </p>
                    }
                })}
            <div class="mt-2 flex justify-end">{add}</div>
        </li>
    }
}

/// Nothing found: say so, and offer the changes most likely to help.
#[component]
fn NoResults(query: CatalogueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let removals = FILTERS
        .iter()
        .filter(|f| !query.filter(f).is_empty())
        .map(|f| {
            let mut q = query.clone();
            q.set(f, String::new());
            q.page = 1;
            let href = use_href(q.href());
            let f = f.to_string();
            view! {
                <li>
                    <a href=href class="text-blue-800 underline">
                        {move || {
                            t_string!(
                                i18n, remove_filter, name = filter_label(i18n.get_locale(), &f)
                            )
                                .to_string()
                        }}
                    </a>
                </li>
            }
        })
        .collect_view();
    let without_text = (!query.q.is_empty() && query.has_filters()).then(|| {
        let mut q = query.clone();
        q.q.clear();
        q.page = 1;
        use_href(q.href())
    });
    view! {
        <div class="rounded-lg border border-stone-300 bg-white p-4" data-testid="no-results">
            <p class="font-semibold">{t!(i18n, no_results)}</p>
            <ul class="mt-2 list-disc space-y-1 pl-5">
                {(!query.q.is_empty()).then(|| view! { <li>{t!(i18n, no_results_spelling)}</li> })}
                {without_text
                    .map(|href| {
                        view! {
                            <li>
                                <a href=href class="text-blue-800 underline">
                                    {t!(i18n, no_results_without_text)}
                                </a>
                            </li>
                        }
                    })} {removals} <li>
                    <a href=use_href(crate::links::CATALOGUE) class="text-blue-800 underline">
                        {t!(i18n, filters_clear)}
                    </a>
                </li>
            </ul>
        </div>
    }
}

/// Page links: first, last, and a window around the current page.
pub fn page_window(current: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for p in 1..=pages {
        if p == 1 || p == pages || p.abs_diff(current) <= 2 {
            if p - last > 1 {
                out.push(None);
            }
            out.push(Some(p));
            last = p;
        }
    }
    out
}

#[component]
fn Pagination(query: CatalogueQuery, current: usize, pages: usize) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |p: usize| localize(i18n.get_locale_untracked(), &query.with_page(p).href());
    let items = page_window(current, pages)
        .into_iter()
        .map(|p| match p {
            None => view! {
                <li aria-hidden="true" class="px-2">
                    "…"
                </li>
            }
            .into_any(),
            Some(p) if p == current => view! {
                <li>
                    <a
                        href=link(p)
                        aria-current="page"
                        class="page-link page-current"
                        aria-label=move || t_string!(i18n, page_n, page = p).to_string()
                    >
                        {p}
                    </a>
                </li>
            }
            .into_any(),
            Some(p) => view! {
                <li>
                    <a
                        href=link(p)
                        class="page-link"
                        aria-label=move || t_string!(i18n, page_n, page = p).to_string()
                    >
                        {p}
                    </a>
                </li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav aria-label=move || t_string!(i18n, pagination_label).to_string() class="mt-6">
            <ul class="flex flex-wrap items-center gap-1">
                {(current > 1)
                    .then(|| {
                        view! {
                            <li>
                                <a href=link(current - 1) rel="prev" class="page-link">
                                    {t!(i18n, page_previous)}
                                </a>
                            </li>
                        }
                    })} {items}
                {(current < pages)
                    .then(|| {
                        view! {
                            <li>
                                <a href=link(current + 1) rel="next" class="page-link">
                                    {t!(i18n, page_next)}
                                </a>
                            </li>
                        }
                    })}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(10, 36),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(36)
            ]
        );
        assert_eq!(page_window(1, 1), vec![Some(1)]);
    }
}
