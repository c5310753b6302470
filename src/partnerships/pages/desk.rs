//! `/coordinator/requests`: the coordinators' desk. Every pair and every general request
//! not yet introduced, as a table (with bulk actions) or as a board by stage; filters by
//! stage, partner country, oblast, theme, assigned coordinator, age and "quiet", all in
//! the URL (a plain GET form: it works without JavaScript).

use super::status::stage_label;
use crate::i18n::*;
use crate::lang::labels::pick;
use crate::lang::names::country_name;
use crate::lang::{localize, use_href};
use crate::links::{self, Notice};
use crate::partnerships::fns::{get_desk, DeskBulk};
use crate::partnerships::model::{Desk, DeskFilter, DeskRow};
use crate::partnerships::stage::Stage;
use crate::ui::forms::{last_error, tr, FormError, LastError, Select, TextArea};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, ErrorNotice, Loading};
use crate::ui::time::LocalDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DeskPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let q = use_query_map();
    let filter = Memo::new(move |_| {
        let q = q.read();
        let get = |k: &str| {
            q.get(k)
                .unwrap_or_default()
                .chars()
                .take(100)
                .collect::<String>()
        };
        DeskFilter {
            stage: get("stage"),
            country: get("country"),
            oblast: get("oblast"),
            theme: get("theme"),
            coordinator: get("coordinator"),
            older: get("older"),
            quiet: get("quiet"),
            view: get("view"),
        }
    });
    let desk = Resource::new(move || filter.get(), get_desk);
    let title = td_string!(i18n.get_locale_untracked(), desk_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>
                <A href=use_href(links::COORDINATOR) attr:class="text-blue-800 underline">
                    {t!(i18n, desk_back)}
                </A>
            </p>
            <UrlNotice accepted=&[Notice::BulkDone] />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match desk.await {
                        Ok(d) => view! { <DeskView d f=filter.get_untracked() /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The filter's URL parameters, with `view` set to `to`.
fn href_with_view(f: &DeskFilter, to: &str) -> String {
    let pairs = [
        ("stage", &f.stage),
        ("country", &f.country),
        ("oblast", &f.oblast),
        ("theme", &f.theme),
        ("coordinator", &f.coordinator),
        ("older", &f.older),
        ("quiet", &f.quiet),
    ];
    let mut q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", links::encode(v)))
        .collect();
    if !to.is_empty() {
        q.push(format!("view={to}"));
    }
    if q.is_empty() {
        links::DESK.to_string()
    } else {
        format!("{}?{}", links::DESK, q.join("&"))
    }
}

#[component]
fn DeskView(d: Desk, f: DeskFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let board = f.view == "board";
    let other = if board {
        view! {
            <A href=use_href(href_with_view(&f, "")) attr:class="button-secondary">
                {t!(i18n, desk_as_table)}
            </A>
        }
        .into_any()
    } else {
        view! {
            <A href=use_href(href_with_view(&f, "board")) attr:class="button-secondary">
                {t!(i18n, desk_as_board)}
            </A>
        }
        .into_any()
    };
    let count = d.rows.len();
    view! {
        <Filters d=d.clone() f=f.clone() />
        <div class="flex flex-wrap items-center gap-4">
            <p role="status" data-testid="desk-count">
                {td_string!(l, desk_count, n = count.to_string()).to_string()}
            </p>
            {other}
        </div>
        {if d.rows.is_empty() {
            view! { <p>{t!(i18n, desk_none)}</p> }.into_any()
        } else if board {
            view! { <Board rows=d.rows.clone() /> }.into_any()
        } else {
            view! { <Table d /> }.into_any()
        }}
    }
}

/// The filter form (GET): every choice in the URL.
#[component]
fn Filters(d: Desk, f: DeskFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let no_error: LastError = Signal::stored(None);
    let any = || (String::new(), tr!(i18n, filter_all).get_untracked());
    let stages: Vec<(String, String)> = std::iter::once(any())
        .chain(
            Stage::ALL
                .into_iter()
                .map(|s| (s.key().to_string(), stage_label(l, s).to_string())),
        )
        .collect();
    let countries: Vec<(String, String)> = std::iter::once(any())
        .chain(d.countries.iter().map(|c| (c.clone(), country_name(l, c))))
        .collect();
    let oblasts: Vec<(String, String)> = std::iter::once(any())
        .chain(
            d.oblasts
                .iter()
                .map(|(s, uk, latin)| (s.clone(), pick(l, uk, latin))),
        )
        .collect();
    let themes: Vec<(String, String)> = std::iter::once(any())
        .chain(crate::profiles::model::Theme::ALL.into_iter().map(|t| {
            (
                t.key().to_string(),
                crate::profiles::labels::theme_label(l, t),
            )
        }))
        .collect();
    let coordinators: Vec<(String, String)> = [
        any(),
        (
            "none".to_string(),
            tr!(i18n, desk_unassigned).get_untracked(),
        ),
    ]
    .into_iter()
    .chain(d.coordinators.iter().cloned())
    .collect();
    let ages: Vec<(String, String)> = std::iter::once(any())
        .chain(["7", "30", "90"].into_iter().map(|n| {
            (
                n.to_string(),
                td_string!(l, desk_older_than, n = n).to_string(),
            )
        }))
        .collect();
    let action = localize(l, links::DESK);
    view! {
        <form
            method="get"
            action=action
            class="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
            role="search"
            aria-label=tr!(i18n, desk_filters)
        >
            <Select
                label=tr!(i18n, request_stage)
                name="stage"
                id="desk-stage"
                options=stages
                selected=f.stage.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, desk_country)
                name="country"
                id="desk-country"
                options=countries
                selected=f.country.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, filter_oblast)
                name="oblast"
                id="desk-oblast"
                options=oblasts
                selected=f.oblast.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, desk_theme)
                name="theme"
                id="desk-theme"
                options=themes
                selected=f.theme.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, desk_coordinator)
                name="coordinator"
                id="desk-coordinator"
                options=coordinators
                selected=f.coordinator.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, desk_age)
                name="older"
                id="desk-older"
                options=ages
                selected=f.older.clone()
                error=no_error
            />
            <div class="flex items-center gap-2 self-end">
                <input
                    type="checkbox"
                    id="desk-quiet"
                    name="quiet"
                    value="1"
                    checked=f.quiet == "1"
                    class="h-5 w-5"
                />
                <label for="desk-quiet">
                    {td_string!(
                        l, desk_quiet_only, n = crate::partnerships::model::QUIET_DAYS.to_string()
                    )
                        .to_string()}
                </label>
            </div>
            {(f.view == "board")
                .then(|| view! { <input type="hidden" name="view" value="board" /> })}
            <div class="self-end">
                <button type="submit" class="button-primary">
                    {t!(i18n, desk_filter)}
                </button>
            </div>
        </form>
    }
}

/// One row's municipality, linking to the case.
fn case_link(r: &DeskRow, l: Locale) -> impl IntoView {
    let country = country_name(l, &r.country);
    let href = use_href(links::desk_case(&r.request));
    let name = r.municipality.clone();
    view! {
        <A href=href attr:class="font-semibold text-blue-800 underline">
            {name}
        </A>
        {format!(" ({country})")}
    }
}

/// The community of a row (or "to be found" for a general request not yet introduced).
fn community_cell(r: &DeskRow, l: Locale) -> String {
    match &r.community {
        Some((_, uk, latin)) => format!(
            "{} · {}",
            pick(l, uk, latin),
            pick(l, &r.oblast_uk, &r.oblast_latin)
        ),
        None => td_string!(l, desk_to_find).to_string(),
    }
}

/// The table, with a box per pair for the bulk actions under it.
#[component]
fn Table(d: Desk) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<DeskBulk>::new();
    let error = last_error(action);
    let mut actions: Vec<(String, String)> = vec![(String::new(), "—".to_string())];
    actions.extend(
        Stage::ALL
            .into_iter()
            .filter(|s| *s != Stage::Withdrawn && *s != Stage::New)
            .map(|s| {
                (
                    format!("move:{}", s.key()),
                    td_string!(l, desk_bulk_move, stage = stage_label(l, s)).to_string(),
                )
            }),
    );
    actions.extend(d.coordinators.iter().map(|(id, name)| {
        (
            format!("assign:{id}"),
            td_string!(l, desk_bulk_assign, name = name.as_str()).to_string(),
        )
    }));
    actions.push((
        "assign:".to_string(),
        tr!(i18n, desk_bulk_unassign).get_untracked(),
    ));
    view! {
        <ActionForm action attr:class="space-y-4" attr:novalidate="">
            <FormError error />
            <div class="overflow-x-auto rounded-lg bg-white">
                <table class="min-w-full text-left text-sm" data-testid="desk-table">
                    <caption class="sr-only">{t!(i18n, desk_title)}</caption>
                    <thead class="bg-stone-100">
                        <tr>
                            <th scope="col" class="p-2">
                                <span class="sr-only">{t!(i18n, desk_select)}</span>
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, request_from)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, desk_community)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, request_stage)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, desk_coordinator)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, request_asked_on)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, desk_last_activity)}
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {d
                            .rows
                            .iter()
                            .map(|r| {
                                let tick = r
                                    .pair
                                    .clone()
                                    .map(|p| {
                                        let id = format!("pick-{p}");
                                        let label = format!(
                                            "{} — {}",
                                            r.municipality,
                                            community_cell(r, l),
                                        );
                                        view! {
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                name="pairs[]"
                                                value=p
                                                class="h-5 w-5"
                                            />
                                            <label for=id class="sr-only">
                                                {label}
                                            </label>
                                        }
                                    });
                                view! {
                                    <tr
                                        class="border-t border-stone-200"
                                        data-testid="desk-row"
                                        data-stage=r.stage.key()
                                    >
                                        <td class="p-2">{tick}</td>
                                        <td class="p-2">{case_link(r, l)}</td>
                                        <td class="p-2">{community_cell(r, l)}</td>
                                        <td class="p-2">
                                            {stage_label(l, r.stage)}
                                            {r
                                                .quiet
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <span class="badge-warn">{t!(i18n, desk_quiet)}</span>
                                                    }
                                                })}
                                        </td>
                                        <td class="p-2">
                                            {r.assigned.clone().unwrap_or_else(|| "—".into())}
                                        </td>
                                        <td class="p-2">
                                            <LocalDate secs=r.created_at />
                                        </td>
                                        <td class="p-2">
                                            <LocalDate secs=r.last_activity_at />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <fieldset class="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 sm:grid-cols-2">
                <legend class="px-1 font-semibold">{t!(i18n, desk_bulk)}</legend>
                <Select
                    label=tr!(i18n, desk_bulk_action)
                    name="action"
                    id="desk-bulk-action"
                    options=actions
                    error
                />
                <TextArea
                    label=tr!(i18n, move_note)
                    name="note"
                    id="desk-bulk-note"
                    maxlength=1000
                    rows=2
                    error
                />
                <div>
                    <button type="submit" class="button-primary">
                        {t!(i18n, desk_bulk_apply)}
                    </button>
                </div>
            </fieldset>
        </ActionForm>
    }
}

/// The board: a column per stage (those with pairs), a card per row.
#[component]
fn Board(rows: Vec<DeskRow>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let columns: Vec<(Stage, Vec<DeskRow>)> = Stage::ALL
        .into_iter()
        .map(|s| {
            (
                s,
                rows.iter()
                    .filter(|r| r.stage == s)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    view! {
        <div class="flex gap-4 overflow-x-auto pb-2" data-testid="desk-board">
            {columns
                .into_iter()
                .map(|(s, rows)| {
                    let heading = format!("board-{}", s.key());
                    let labelled = heading.clone();
                    view! {
                        <section
                            aria-labelledby=labelled
                            class="w-64 shrink-0 space-y-2 rounded-lg bg-stone-100 p-2"
                            data-stage=s.key()
                        >
                            <h2 id=heading class="font-semibold">
                                {format!("{} ({})", stage_label(l, s), rows.len())}
                            </h2>
                            <ul class="space-y-2">
                                {rows
                                    .iter()
                                    .map(|r| {
                                        view! {
                                            <li class="rounded bg-white p-2 text-sm shadow-sm">
                                                <p>{case_link(r, l)}</p>
                                                <p>{community_cell(r, l)}</p>
                                                {r
                                                    .quiet
                                                    .then(|| {
                                                        view! {
                                                            <span class="badge-warn">{t!(i18n, desk_quiet)}</span>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
