//! `/shortlist`: the communities a reader kept, side by side (one column each, the rows
//! what a town deciding whom to write compares), with a way to take one off, to write to
//! one, and to ask the coordinators for a partner with all of them attached. Plain forms:
//! it works without JavaScript.

use crate::catalogue::fns::{get_shortlist, ChangeShortlist};
use crate::catalogue::model::CommunitySummary;
use crate::catalogue::shortlist::{Compared, MAX};
use crate::i18n::*;
use crate::lang::labels::format_int;
use crate::lang::names::{country_name, language_name};
use crate::lang::use_href;
use crate::links;
use crate::profiles::labels::{situation_label, theme_label};
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ShortlistPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let back = q
        .read_untracked()
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'));
    let full = q.read_untracked().get("full").unwrap_or_default();
    let data = Resource::new(move || full.clone(), get_shortlist);
    let title = td_string!(l, shortlist_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=td_string!(l, shortlist_description).to_string() />
        <div class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{td_string!(l, shortlist_lead, max = MAX)}</p>
            <p class="flex flex-wrap gap-4">
                {back
                    .map(|b| {
                        view! {
                            <a href=b class="text-blue-800 underline" data-testid="shortlist-back">
                                {t!(i18n, shortlist_back)}
                            </a>
                        }
                    })} <a href=use_href(links::CATALOGUE) class="text-blue-800 underline">
                    {t!(i18n, shortlist_browse)}
                </a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => {
                            view! { <Comparison items=list.items waiting=list.waiting /> }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The table (or the empty list's invitation), the notice of a full list, and the requests.
#[component]
fn Comparison(items: Vec<Compared>, waiting: Option<CommunitySummary>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let full_notice = waiting.map(|c| {
        view! {
            <p
                role="alert"
                class="rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
                data-testid="shortlist-full"
            >
                {td_string!(l, shortlist_full, max = MAX, name = c.display_name(l))}
            </p>
        }
    });
    if items.is_empty() {
        return view! {
            {full_notice}
            <p class="rounded border border-stone-300 bg-white p-4" data-testid="shortlist-empty">
                {t!(i18n, shortlist_empty)}
            </p>
        }
        .into_any();
    }
    let attach = items
        .iter()
        .map(|c| c.summary.slug.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let ask_all = use_href(links::with_param(links::FIND_PARTNER, "attach", &attach));
    let s = |c: &Compared| c.summary.clone();
    let heads = items
        .iter()
        .map(|c| {
            let href = use_href(links::community(&c.summary.slug));
            view! {
                <th scope="col" class="min-w-[11rem] p-3 text-left align-top">
                    <a href=href class="text-lg text-blue-800 underline">
                        {c.summary.display_name(l)}
                    </a>
                </th>
            }
        })
        .collect_view();
    let row = |label: &'static str, cell: &dyn Fn(&Compared) -> String| {
        let cells = items
            .iter()
            .map(|c| view! { <td class="min-w-[11rem] p-3 align-top">{cell(c)}</td> })
            .collect_view();
        view! {
            <tr class="border-t border-stone-200">
                <th
                    scope="row"
                    class="sticky left-0 w-32 min-w-[8rem] bg-stone-50 p-3 text-left align-top text-sm [overflow-wrap:normal]"
                >
                    {label}
                </th>
                {cells}
            </tr>
        }
    };
    let themes = |ts: &[crate::profiles::model::Theme]| {
        if ts.is_empty() {
            td_string!(l, option_unknown).to_string()
        } else {
            ts.iter()
                .map(|t| theme_label(l, *t))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let rows = view! {
        {row(
            td_string!(l, shortlist_row_where),
            &|c| {
                let c = s(c);
                let mut parts = vec![c.region(l)];
                parts.extend(c.raion(l));
                parts.join(" · ")
            },
        )}
        {row(
            td_string!(l, shortlist_row_size),
            &|c| {
                let c = s(c);
                match c.population.filter(|_| !c.population_is_centre) {
                    Some(p) => {
                        format!(
                            "{} · {}",
                            c.kind_label(l),
                            td_string!(l, population_n, count = format_int(l, p)),
                        )
                    }
                    None => c.kind_label(l),
                }
            },
        )}
        {row(
            td_string!(l, field_situation),
            &|c| match c.summary.situation {
                Some(sit) => situation_label(l, sit),
                None => td_string!(l, option_unknown).to_string(),
            },
        )}
        {row(
            td_string!(l, shortlist_row_card),
            &|c| {
                let trust = if c.summary.verified {
                    td_string!(l, trust_verified)
                } else if c.summary.claimed {
                    td_string!(l, trust_claimed)
                } else {
                    td_string!(l, shortlist_official_only)
                };
                format!(
                    "{trust} · {}",
                    td_string!(l, edit_completeness_value, percent = c.completeness),
                )
            },
        )}
        {row(td_string!(l, offers_short), &|c| themes(&c.summary.offers))}
        {row(
            td_string!(l, shortlist_row_needs),
            &|c| {
                let needs = themes(&c.summary.needs);
                if c.urgent {
                    format!("{needs} · {}", td_string!(l, shortlist_urgent))
                } else {
                    needs
                }
            },
        )}
        {row(
            td_string!(l, shortlist_row_seeking),
            &|c| {
                if !c.summary.seeking {
                    td_string!(l, option_unknown).to_string()
                } else if c.seeks.is_empty() {
                    td_string!(l, option_yes).to_string()
                } else {
                    let countries = c
                        .seeks
                        .iter()
                        .map(|cc| country_name(l, cc))
                        .collect::<Vec<_>>()
                        .join(", ");
                    td_string!(l, shortlist_seeking_in, countries = countries).to_string()
                }
            },
        )}
        {row(td_string!(l, filter_partners), &|c| format_int(l, c.summary.partners as i64))}
        {row(
            td_string!(l, shortlist_row_languages),
            &|c| {
                if c.languages.is_empty() {
                    td_string!(l, option_unknown).to_string()
                } else {
                    c.languages.iter().map(|x| language_name(l, x)).collect::<Vec<_>>().join(", ")
                }
            },
        )}
    };
    let actions = items
        .iter()
        .map(|c| {
            let slug = c.summary.slug.clone();
            let name = c.summary.display_name(l);
            view! {
                <td class="space-y-2 p-3 align-top">
                    <a
                        href=use_href(links::partner_request(&slug))
                        class="button-primary block text-center"
                    >
                        {t!(i18n, request_partnership)}
                    </a>
                    <RemoveForm slug=slug.to_string() name />
                </td>
            }
        })
        .collect_view();
    view! {
        {full_notice}
        // Positioned, so that anything absolutely placed inside scrolls with it instead of
        // widening the page.
        <div
            class="relative overflow-x-auto rounded border border-stone-300 bg-white"
            data-testid="shortlist"
        >
            <table class="w-full border-collapse text-sm">
                <caption class="sr-only">{t!(i18n, shortlist_caption)}</caption>
                <thead>
                    <tr>
                        <td class="sticky left-0 w-32 min-w-[8rem] bg-stone-50"></td>
                        {heads}
                    </tr>
                </thead>
                <tbody>
                    {rows} <tr class="border-t border-stone-200">
                        <th
                            scope="row"
                            class="sticky left-0 w-32 min-w-[8rem] bg-stone-50 p-3 text-left align-top text-sm [overflow-wrap:normal]"
                        >
                            {t!(i18n, shortlist_row_actions)}
                        </th>
                        {actions}
                    </tr>
                </tbody>
            </table>
        </div>
        <section class="space-y-3 rounded border border-blue-200 bg-blue-50 p-4">
            <p>{t!(i18n, shortlist_ask_lead)}</p>
            <p>
                <a href=ask_all class="button-primary" data-testid="shortlist-ask-all">
                    {t!(i18n, shortlist_ask_all)}
                </a>
            </p>
        </section>
    }
    .into_any()
}

/// Takes one community off the shortlist.
#[component]
fn RemoveForm(slug: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let back = current_back();
    view! {
        <form method="post" action=ChangeShortlist::PATH>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="remove" value="1" />
            {back.map(|b| view! { <input type="hidden" name="back" value=b /> })}
            // Named with the community (the visible word first, as WCAG's label in name asks).
            <button
                type="submit"
                class="button-secondary w-full"
                aria-label=move || {
                    format!("{}: {name}", td_string!(i18n.get_locale(), shortlist_remove))
                }
            >
                {t!(i18n, shortlist_remove)}
            </button>
        </form>
    }
}

/// The shortlist page's own way back, carried through a removal.
fn current_back() -> Option<String> {
    use_query_map().read_untracked().get("back")
}

/// "Add to shortlist" for one community: a plain form, so it works without JavaScript; the
/// comparison opens after it, with a way back to `back` (the page it was on).
#[component]
pub fn AddToShortlist(
    community: CommunitySummary,
    back: String,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = StoredValue::new(community.clone());
    let class = if compact {
        "text-sm text-blue-800 underline"
    } else {
        "button-secondary"
    };
    view! {
        <form method="post" action=ChangeShortlist::PATH class="print:hidden">
            <input type="hidden" name="slug" value=community.slug.to_string() />
            <input type="hidden" name="back" value=back />
            <button
                type="submit"
                class=class
                aria-label=move || {
                    let l = i18n.get_locale();
                    format!(
                        "{}: {}",
                        td_string!(l, shortlist_add),
                        name.with_value(|c| c.display_name(l)),
                    )
                }
            >
                {t!(i18n, shortlist_add)}
            </button>
        </form>
    }
}
