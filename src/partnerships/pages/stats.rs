//! `/stats`: live statistics of the registry and the pipeline. Each chart is SVG drawn on
//! the server, with a text alternative, the data table under it and its data as CSV.

use super::status::stage_label;
use crate::i18n::*;
use crate::lang::labels::{format_int, pick};
use crate::lang::names::country_name;
use crate::lang::use_href;
use crate::links;
use crate::partnerships::fns::{get_counters, get_recent_partnerships, get_stats};
use crate::partnerships::model::{Bar, Stats};
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

/// One chart's rows: (label, value, share of `of` in per cent).
#[derive(Clone)]
struct Row {
    label: String,
    value: i64,
    share: Option<f64>,
}

fn rows(bars: &[Bar], label: impl Fn(&Bar) -> String) -> Vec<Row> {
    bars.iter()
        .map(|b| Row {
            label: label(b),
            value: b.value,
            share: b.of.map(|of| {
                if of == 0 {
                    0.0
                } else {
                    b.value as f64 * 100.0 / of as f64
                }
            }),
        })
        .collect()
}

/// A share as the page shows it ("12.5 %").
fn percent(l: Locale, p: f64) -> String {
    let s = format!("{p:.1}");
    let s = if matches!(l, Locale::en) {
        s
    } else {
        s.replace('.', ",")
    };
    format!("{s} %")
}

#[component]
pub fn StatsPage() -> impl IntoView {
    // Counts of the pipeline change with every move: never kept by the page cache.
    no_store();
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| get_stats());
    let l = i18n.get_locale_untracked();
    let title = td_string!(l, stats_title).to_string();
    let lead = td_string!(l, stats_lead).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=lead.clone() />
        <section class="space-y-8">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p class="max-w-3xl">{lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <Charts s /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Charts(s: Stats) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let days = |d: Option<f64>| match d {
        Some(d) => td_string!(l, stats_days, n = format!("{d:.0}")).to_string(),
        None => "—".to_string(),
    };
    let state_label = |k: &str| match k {
        "dormant" => td_string!(l, registry_state_dormant),
        "ended" => td_string!(l, registry_state_ended),
        _ => td_string!(l, registry_state_active),
    };
    view! {
        <dl class="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="medians">
            <div class="rounded-lg bg-white p-4">
                <dt class="font-medium">{t!(i18n, stats_median_introduction)}</dt>
                <dd class="text-2xl font-bold" data-testid="median-introduction">
                    {days(s.median_days_to_introduction)}
                </dd>
            </div>
            <div class="rounded-lg bg-white p-4">
                <dt class="font-medium">{t!(i18n, stats_median_agreement)}</dt>
                <dd class="text-2xl font-bold" data-testid="median-agreement">
                    {days(s.median_days_to_agreement)}
                </dd>
            </div>
        </dl>
        <Chart
            key="bands"
            title=td_string!(l, stats_bands).to_string()
            rows=rows(&s.bands, |b| crate::catalogue::labels::filter_value_label(l, "pop", &b.key))
        />
        <Chart
            key="funnel"
            title=td_string!(l, stats_funnel).to_string()
            rows=rows(
                &s.funnel,
                |b| {
                    crate::partnerships::stage::Stage::ALL
                        .into_iter()
                        .find(|st| st.key() == b.key)
                        .map(|st| stage_label(l, st).to_string())
                        .unwrap_or_default()
                },
            )
        />
        <Chart
            key="countries"
            title=td_string!(l, stats_countries).to_string()
            rows=rows(&s.countries, |b| country_name(l, &b.key))
        />
        <Chart
            key="oblasts"
            title=td_string!(l, stats_oblasts).to_string()
            rows=rows(&s.oblasts, |b| pick(l, &b.uk, &b.latin))
        />
        <Chart
            key="months"
            title=td_string!(l, stats_months).to_string()
            rows=rows(&s.months, |b| b.key.clone())
        />
        <Chart
            key="states"
            title=td_string!(l, stats_states).to_string()
            rows=rows(&s.states, |b| state_label(&b.key).to_string())
        />
    }
}

/// A chart: horizontal bars (the share where the data has one, else the count), its text
/// alternative, the table of its data and a link to its CSV.
#[component]
fn Chart(key: &'static str, title: String, rows: Vec<Row>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let shares = rows.iter().any(|r| r.share.is_some());
    let heading = format!("chart-{key}");
    let measure = |r: &Row| {
        if shares {
            r.share.unwrap_or(0.0)
        } else {
            r.value as f64
        }
    };
    let max = rows.iter().map(measure).fold(0.0_f64, f64::max).max(1.0);
    let shown = |r: &Row| match (shares, r.share) {
        (true, Some(p)) => format!("{} ({})", format_int(l, r.value), percent(l, p)),
        _ => format_int(l, r.value),
    };
    let (label_w, bar_w, row_h) = (220.0_f64, 460.0_f64, 26.0_f64);
    let height = (rows.len().max(1) as f64) * row_h + 8.0;
    let alt = {
        let items: Vec<String> = rows
            .iter()
            .map(|r| format!("{}: {}", r.label, shown(r)))
            .collect();
        if items.is_empty() {
            td_string!(l, stats_no_data).to_string()
        } else {
            format!("{title}. {}", items.join("; "))
        }
    };
    let csv = format!("/api/v1/stats/{key}.csv");
    if rows.is_empty() {
        let labelled = heading.clone();
        return view! {
            <section aria-labelledby=labelled class="space-y-3" data-testid=format!("chart-{key}")>
                <h2 id=heading class="text-2xl font-semibold">
                    {title}
                </h2>
                <p>{td_string!(l, stats_no_data)}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section
            aria-labelledby=heading.clone()
            class="space-y-3"
            data-testid=format!("chart-{key}")
        >
            <h2 id=heading.clone() class="text-2xl font-semibold">
                {title.clone()}
            </h2>
            <figure class="rounded-lg bg-white p-2">
                <svg
                    viewBox=format!("0 0 {} {height:.0}", label_w + bar_w + 120.0)
                    class="h-auto w-full"
                    role="img"
                    aria-label=alt.clone()
                    data-testid="chart-svg"
                >
                    <title>{alt.clone()}</title>
                    {rows
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let y = 4.0 + i as f64 * row_h;
                            let w = (measure(r) / max * bar_w)
                                .max(if r.value > 0 { 1.0 } else { 0.0 });
                            view! {
                                <text
                                    x=format!("{:.0}", label_w - 8.0)
                                    y=format!("{:.1}", y + row_h * 0.65)
                                    text-anchor="end"
                                    font-size="13"
                                    fill="#1c1917"
                                >
                                    {r.label.clone()}
                                </text>
                                <rect
                                    x=format!("{label_w:.0}")
                                    y=format!("{:.1}", y + 3.0)
                                    width=format!("{w:.1}")
                                    height=format!("{:.1}", row_h - 8.0)
                                    fill="#0b4f9c"
                                />
                                <text
                                    x=format!("{:.1}", label_w + w + 6.0)
                                    y=format!("{:.1}", y + row_h * 0.65)
                                    font-size="13"
                                    fill="#1c1917"
                                >
                                    {shown(r)}
                                </text>
                            }
                        })
                        .collect_view()}
                </svg>
            </figure>
            <div class="overflow-x-auto">
                <table
                    class="min-w-full rounded-lg bg-white text-left text-sm"
                    data-testid="chart-table"
                >
                    <caption class="sr-only">{title.clone()}</caption>
                    <thead>
                        <tr class="border-b border-stone-300">
                            <th scope="col" class="p-2">
                                {t!(i18n, stats_item)}
                            </th>
                            <th scope="col" class="p-2 text-right">
                                {t!(i18n, stats_value)}
                            </th>
                            {shares
                                .then(|| {
                                    view! {
                                        <th scope="col" class="p-2 text-right">
                                            {t!(i18n, stats_share)}
                                        </th>
                                    }
                                })}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .iter()
                            .map(|r| {
                                view! {
                                    <tr class="border-b border-stone-200">
                                        <th scope="row" class="p-2 font-normal">
                                            {r.label.clone()}
                                        </th>
                                        <td class="p-2 text-right" data-value=r.value.to_string()>
                                            {format_int(l, r.value)}
                                        </td>
                                        {shares
                                            .then(|| {
                                                view! {
                                                    <td class="p-2 text-right">
                                                        {r.share.map(|p| percent(l, p))}
                                                    </td>
                                                }
                                            })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <p>
                <a href=csv class="text-blue-800 underline" download="">
                    {t!(i18n, stats_csv)}
                </a>
            </p>
        </section>
    }
    .into_any()
}

/// The registry's counters on the home page, with the figure behind "small communities need
/// partners most", and the newest partnerships.
#[component]
pub fn HomeCounters() -> impl IntoView {
    use super::registry::RegistryItem;
    let i18n = use_i18n();
    // Handed to the home page by `app.rs`: asked in its own `Suspend` (see `ui::status`).
    view! {
        <section aria-labelledby="registry-counters" class="space-y-4 py-6">
            <h2 id="registry-counters" class="text-xl font-semibold">
                {t!(i18n, home_registry_heading)}
            </h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let recent = get_recent_partnerships().await.ok();
                    get_counters()
                        .await
                        .ok()
                        .map(|c| {
                            let l = i18n.get_locale_untracked();
                            let item = |n: i64, label: &'static str, id: &'static str| {
                                view! {
                                    <div class="flex flex-col-reverse rounded-lg border border-stone-200 bg-white p-4">
                                        <dt class="text-stone-700">{label}</dt>
                                        <dd class="text-3xl font-bold text-blue-900" data-testid=id>
                                            {format_int(l, n)}
                                        </dd>
                                    </div>
                                }
                            };
                            let figure = td_string!(
                                l, home_small_need_most, small = percent(l, c.small_share), large = percent(l, c.large_share)
                            )
                                .to_string();
                            view! {
                                <dl class="grid grid-cols-1 gap-4 sm:grid-cols-3">
                                    {item(
                                        c.partnerships,
                                        td_string!(l, home_count_partnerships),
                                        "count-partnerships",
                                    )}
                                    {item(
                                        c.communities,
                                        td_string!(l, home_count_partnered),
                                        "count-partnered",
                                    )}
                                    {item(
                                        c.countries,
                                        td_string!(l, home_count_countries),
                                        "count-countries",
                                    )}
                                </dl>
                                <p class="max-w-3xl" data-testid="small-need-most">
                                    {figure}
                                </p>
                                {recent
                                    .filter(|(items, _)| !items.is_empty())
                                    .map(|(items, now)| {
                                        view! {
                                            <h3 class="text-lg font-semibold">
                                                {t!(i18n, home_recent_partnerships)}
                                            </h3>
                                            <ul
                                                class="grid grid-cols-1 gap-3 md:grid-cols-2"
                                                data-testid="home-recent"
                                            >
                                                {items
                                                    .into_iter()
                                                    .map(|p| view! { <RegistryItem p now nested=true /> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                                <p class="flex flex-wrap gap-4">
                                    <A
                                        href=use_href(links::REGISTRY)
                                        attr:class="text-blue-800 underline"
                                    >
                                        {t!(i18n, home_registry_link)}
                                    </A>
                                    <A
                                        href=use_href(links::STATS)
                                        attr:class="text-blue-800 underline"
                                    >
                                        {t!(i18n, home_stats_link)}
                                    </A>
                                </p>
                            }
                        })
                })}
            </Suspense>
        </section>
    }
}
