//! `/partnerships`: the open registry, a list and a map (lines between the two sides) with
//! filters, sorting and pages all in the URL (a plain GET form: it works without
//! JavaScript); `/p/{id}`: one partnership with its activity log; and the lists of
//! partnerships on a community's card and on a European municipality's page.

use super::parts::kind_label;
use crate::i18n::*;
use crate::identity::Slug;
use crate::lang::labels::pick;
use crate::lang::names::country_name;
use crate::lang::{localize, use_href};
use crate::links::{self, Notice};
use crate::partnerships::fns::{
    get_partnership, get_quiet_partnerships, get_registry, get_side_partnerships, AddActivity,
};
use crate::partnerships::model::{
    MapLine, PartnershipRecord, PartnershipView, RegistryFilter, RegistryPage, ACTIVITY_KINDS,
    PARTNERSHIP_KINDS, REGISTRY_SORTS,
};
use crate::ui::forms::{last_error, tr, Field, FormError, LastError, Select, TextArea};
use crate::ui::not_found::NotFound;
use crate::ui::notice::UrlNotice;
use crate::ui::status::{ErrorNotice, Loading};
use crate::ui::time::LocalDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The label of a joint action's kind.
pub fn activity_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "aid_delivery" => td_string!(l, activity_aid_delivery),
        "visit" => td_string!(l, activity_visit),
        "joint_project" => td_string!(l, activity_joint_project),
        "grant_application" => td_string!(l, activity_grant_application),
        "exchange" => td_string!(l, activity_exchange),
        _ => td_string!(l, activity_event),
    }
}

fn state_label(l: Locale, state: &str) -> &'static str {
    match state {
        "dormant" => td_string!(l, registry_state_dormant),
        "ended" => td_string!(l, registry_state_ended),
        _ => td_string!(l, registry_state_active),
    }
}

fn origin_label(l: Locale, origin: &str) -> &'static str {
    match origin {
        "pipeline" => td_string!(l, registry_origin_pipeline),
        "imported" => td_string!(l, registry_origin_imported),
        _ => td_string!(l, registry_origin_manual),
    }
}

fn sort_label(l: Locale, sort: &str) -> &'static str {
    match sort {
        "oldest" => td_string!(l, registry_sort_oldest),
        "community" => td_string!(l, registry_sort_community),
        "country" => td_string!(l, registry_sort_country),
        _ => td_string!(l, registry_sort_newest),
    }
}

fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// "Kyiv (Solomianskyi)": a side with the part the record names.
fn side(name: &str, part: &str) -> String {
    if part.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({part})")
    }
}

#[component]
pub fn RegistryPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = use_query_map();
    let filter = Memo::new(move |_| {
        let q = q.read();
        RegistryFilter::from_params(|k| q.get(k))
    });
    let data = Resource::new(move || filter.get(), get_registry);
    let l = i18n.get_locale_untracked();
    let title = td_string!(l, registry_title).to_string();
    let description = td_string!(l, registry_lead).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p class="max-w-3xl">{description}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Registry d f=filter.get_untracked() /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Registry(d: RegistryPage, f: RegistryFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = f.query(1);
    let csv = with_query(links::api::PARTNERSHIPS_CSV, &q);
    let json = with_query(links::api::PARTNERSHIPS_JSON, &q);
    let now = d.now;
    let prev = (d.page > 1).then(|| with_query(links::REGISTRY, &f.query(d.page - 1)));
    let next = (d.page < d.pages).then(|| with_query(links::REGISTRY, &f.query(d.page + 1)));
    let lines = d.lines.clone();
    view! {
        <Filters d=d.clone() f=f.clone() />
        <div class="flex flex-wrap items-center gap-4">
            <p role="status" data-testid="registry-count" class="font-semibold">
                {td_string!(l, registry_count, n = d.total.to_string()).to_string()}
            </p>
            <a href=csv class="text-blue-800 underline" download="">
                {t!(i18n, registry_download_csv)}
            </a>
            <a href=json class="text-blue-800 underline" download="">
                {t!(i18n, registry_download_json)}
            </a>
        </div>
        {(!lines.is_empty()).then(|| view! { <LinesMap lines /> })}
        {if d.items.is_empty() {
            view! { <p data-testid="registry-none">{t!(i18n, registry_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="grid grid-cols-1 gap-3 lg:grid-cols-2" data-testid="registry-list">
                    {d.items.into_iter().map(|p| view! { <RegistryItem p now /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(d.pages > 1)
            .then(|| {
                view! {
                    <nav aria-label=tr!(i18n, registry_pages) class="flex items-center gap-4">
                        {prev
                            .map(|h| {
                                view! {
                                    <A
                                        href=use_href(h)
                                        attr:rel="prev"
                                        attr:class="button-secondary"
                                    >
                                        {t!(i18n, page_previous)}
                                    </A>
                                }
                            })}
                        <span>
                            {td_string!(
                                l, registry_page_of, page = d.page.to_string(), pages = d.pages.to_string()
                            )
                                .to_string()}
                        </span>
                        {next
                            .map(|h| {
                                view! {
                                    <A
                                        href=use_href(h)
                                        attr:rel="next"
                                        attr:class="button-secondary"
                                    >
                                        {t!(i18n, page_next)}
                                    </A>
                                }
                            })}
                    </nav>
                }
            })}
    }
}

/// One partnership in a list; `nested` when the list sits under a section's heading (the
/// home page's): its title is then a third-level heading.
/// The Ukrainian side as a reader of `l` knows it: the familiar form of a well-known place
/// ("Lwów" in Polish for Lvivska), else the name in the reader's script.
fn community_name(l: Locale, p: &PartnershipRecord) -> String {
    crate::catalogue::labels::familiar_name(l, p.community_slug.as_str(), None, None)
        .unwrap_or_else(|| pick(l, &p.community_uk, &p.community_latin))
}

#[component]
pub(crate) fn RegistryItem(
    p: PartnershipRecord,
    now: i64,
    #[prop(optional)] nested: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let community = side(&community_name(l, &p), &p.community_part);
    let partner = format!(
        "{}, {}",
        side(&p.municipality, &p.partner_part),
        country_name(l, &p.country)
    );
    let dormant = p.dormant(now);
    let since = p.since_text();
    view! {
        <li class="rounded-lg border border-stone-300 bg-white p-4" data-testid="registry-item">
            {
                let title = view! {
                    <A
                        href=use_href(links::partnership(&p.id))
                        attr:class="text-blue-800 underline"
                    >
                        {format!("{community} — {partner}")}
                    </A>
                };
                if nested {
                    view! { <h3 class="text-lg font-semibold">{title}</h3> }.into_any()
                } else {
                    view! { <h2 class="text-lg font-semibold">{title}</h2> }.into_any()
                }
            }
            <p class="text-sm text-stone-700">
                {kind_label(l, &p.kind)} {(!since.is_empty()).then(|| format!(" · {}", since))}
                {format!(" · {}", origin_label(l, &p.origin))}
            </p>
            <p class="mt-1 flex flex-wrap gap-2 text-sm">
                <span class="badge">{state_label(l, &p.state)}</span>
                {dormant
                    .then(|| {
                        view! {
                            <span class="badge-warn" data-testid="dormant">
                                {t!(i18n, registry_dormant)}
                            </span>
                        }
                    })}
            </p>
        </li>
    }
}

/// The filter form (GET): every choice in the URL.
#[component]
fn Filters(d: RegistryPage, f: RegistryFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let no_error: LastError = Signal::stored(None);
    let any = || (String::new(), tr!(i18n, filter_all).get_untracked());
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
    let kinds: Vec<(String, String)> = std::iter::once(any())
        .chain(
            PARTNERSHIP_KINDS
                .iter()
                .map(|k| (k.to_string(), kind_label(l, k).to_string())),
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
    let states: Vec<(String, String)> = std::iter::once(any())
        .chain(
            ["active", "dormant", "ended"]
                .into_iter()
                .map(|s| (s.to_string(), state_label(l, s).to_string())),
        )
        .collect();
    let years: Vec<(String, String)> = std::iter::once(any())
        .chain(d.years.iter().map(|y| (y.to_string(), y.to_string())))
        .collect();
    let sorts: Vec<(String, String)> = REGISTRY_SORTS
        .iter()
        .map(|s| {
            (
                if *s == "newest" {
                    String::new()
                } else {
                    s.to_string()
                },
                sort_label(l, s).to_string(),
            )
        })
        .collect();
    let action = localize(l, links::REGISTRY);
    view! {
        <form
            method="get"
            action=action
            class="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
            role="search"
            aria-label=tr!(i18n, registry_filters)
        >
            <Select
                label=tr!(i18n, desk_country)
                name="country"
                id="registry-country"
                options=countries
                selected=f.country.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, filter_oblast)
                name="oblast"
                id="registry-oblast"
                options=oblasts
                selected=f.oblast.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, registry_kind)
                name="kind"
                id="registry-kind"
                options=kinds
                selected=f.kind.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, desk_theme)
                name="theme"
                id="registry-theme"
                options=themes
                selected=f.theme.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, registry_state)
                name="state"
                id="registry-state"
                options=states
                selected=f.state.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, registry_year)
                name="year"
                id="registry-year"
                options=years
                selected=f.year.clone()
                error=no_error
            />
            <Select
                label=tr!(i18n, sort_label)
                name="sort"
                id="registry-sort"
                options=sorts
                selected=f.sort.clone()
                error=no_error
            />
            <div class="flex items-center gap-2 self-end">
                <input
                    type="checkbox"
                    id="registry-origin"
                    name="origin"
                    value="pipeline"
                    checked=f.origin == "pipeline"
                    class="h-5 w-5"
                />
                <label for="registry-origin">{t!(i18n, registry_through_platform)}</label>
            </div>
            <div class="self-end">
                <button type="submit" class="button-primary">
                    {t!(i18n, desk_filter)}
                </button>
            </div>
        </form>
    }
}

/// The area `public/map/europe.svg` covers (south, north, west, east), kept in step with
/// `scripts/map-region.mjs`.
pub const EUROPE_REGION: (f64, f64, f64, f64) = (34.0, 71.5, -25.0, 50.0);

/// The map: each partnership a line from the community to its partner, drawn on the
/// positions' own extent (server-rendered SVG; the list below says the same in words).
#[component]
fn LinesMap(lines: Vec<MapLine>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (w, h) = (800.0_f64, 520.0_f64);
    let pts = lines.iter().flat_map(|m| [m.from, m.to]);
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (44.0_f64, 52.5_f64, 22.0_f64, 40.5_f64);
    for (lat, lon) in pts {
        lat0 = lat0.min(lat);
        lat1 = lat1.max(lat);
        lon0 = lon0.min(lon);
        lon1 = lon1.max(lon);
    }
    let (lat0, lat1, lon0, lon1) = (lat0 - 1.0, lat1 + 1.0, lon0 - 1.0, lon1 + 1.0);
    // Equirectangular, longitudes shrunk by cos 48.5° as on every map here, fitted to the box;
    // Europe's drawing (`public/map/europe.svg`) lies under the lines, placed the same way.
    let k = 48.5f64.to_radians().cos();
    let scale = (w / ((lon1 - lon0) * k)).min(h / (lat1 - lat0));
    let x = move |lon: f64| (lon - lon0) * k * scale;
    let y = move |lat: f64| (lat1 - lat) * scale;
    let width = (lon1 - lon0) * k * scale;
    let height = (lat1 - lat0) * scale;
    let summary = td_string!(l, registry_map_summary, n = lines.len().to_string()).to_string();
    view! {
        <figure class="rounded-lg bg-white p-2">
            <svg
                viewBox=format!("0 0 {:.0} {:.0}", width, height)
                class="h-auto w-full"
                role="img"
                aria-labelledby="registry-map-title"
                data-testid="registry-map"
            >
                <title id="registry-map-title">{summary.clone()}</title>
                <rect width=format!("{width:.0}") height=format!("{height:.0}") fill="#e0f2fe" />
                {
                    let (s, n, w, e) = EUROPE_REGION;
                    view! {
                        <image
                            href="/map/europe.svg"
                            x=format!("{:.1}", x(w))
                            y=format!("{:.1}", y(n))
                            width=format!("{:.1}", (e - w) * k * scale)
                            height=format!("{:.1}", (n - s) * scale)
                            preserveAspectRatio="none"
                            data-testid="registry-geo"
                        />
                    }
                }
                {lines
                    .iter()
                    .map(|m| {
                        view! {
                            <line
                                x1=format!("{:.1}", x(m.from.1))
                                y1=format!("{:.1}", y(m.from.0))
                                x2=format!("{:.1}", x(m.to.1))
                                y2=format!("{:.1}", y(m.to.0))
                                stroke="#0b4f9c"
                                stroke-opacity="0.45"
                                stroke-width="1.2"
                            >
                                <title>{m.label.clone()}</title>
                            </line>
                            <circle
                                cx=format!("{:.1}", x(m.to.1))
                                cy=format!("{:.1}", y(m.to.0))
                                r="3"
                                fill="#b45309"
                            />
                            <circle
                                cx=format!("{:.1}", x(m.from.1))
                                cy=format!("{:.1}", y(m.from.0))
                                r="3"
                                fill="#0b4f9c"
                            />
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption class="mt-1 text-sm text-stone-700">{summary}</figcaption>
        </figure>
    }
}

#[component]
pub fn PartnershipPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), get_partnership);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Partnership v /> }.into_any(),
                    Err(crate::error::AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Partnership(v: PartnershipView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let p = v.record.clone();
    let community = side(&community_name(l, &p), &p.community_part);
    let partner = side(&p.municipality, &p.partner_part);
    let country = country_name(l, &p.country);
    let title = format!("{community} — {partner}");
    let since = p.since_text();
    let description = td_string!(
        l,
        partnership_preview,
        community = community.as_str(),
        partner = partner.as_str(),
        country = country.as_str(),
        kind = kind_label(l, &p.kind)
    )
    .to_string();
    let partner_link = p
        .municipality_slug
        .as_ref()
        .map(|s| links::municipality(&p.country.to_lowercase(), s));
    let themes = p
        .themes
        .iter()
        .filter_map(|t| crate::profiles::model::Theme::from_key(t))
        .map(|t| crate::profiles::labels::theme_label(l, t))
        .collect::<Vec<_>>()
        .join(", ");
    let activities = v.activities.clone();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:type" content="article" />
        <article class="max-w-4xl space-y-6">
            <p>
                <A href=use_href(links::REGISTRY) attr:class="text-blue-800 underline">
                    {t!(i18n, partnership_back)}
                </A>
            </p>
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <UrlNotice accepted=&[Notice::ActivityAdded] />
            {v
                .dormant
                .then(|| {
                    view! {
                        <p class="badge-warn inline-block" data-testid="dormant">
                            {t!(i18n, partnership_dormant_note)}
                        </p>
                    }
                })}
            <dl class="divide-y divide-stone-200 rounded-lg bg-white px-4">
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, partnership_ukrainian_side)}</dt>
                    <dd class="sm:col-span-2">
                        <A
                            href=use_href(links::community(&p.community_slug))
                            attr:class="text-blue-800 underline"
                        >
                            {community.clone()}
                        </A>
                        {format!(" · KATOTTG {}", p.community_code.as_str())}
                    </dd>
                </div>
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, partnership_european_side)}</dt>
                    <dd class="sm:col-span-2">
                        {match partner_link {
                            Some(h) => {
                                view! {
                                    <A href=use_href(h) attr:class="text-blue-800 underline">
                                        {partner.clone()}
                                    </A>
                                }
                                    .into_any()
                            }
                            None => view! { <span>{partner.clone()}</span> }.into_any(),
                        }} {format!(", {country}")}
                        {p.geonameid.map(|g| format!(" · GeoNames {g}"))}
                    </dd>
                </div>
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, registry_kind)}</dt>
                    <dd class="sm:col-span-2">{kind_label(l, &p.kind)}</dd>
                </div>
                {(!themes.is_empty())
                    .then(|| {
                        view! {
                            <div class="py-2 sm:grid sm:grid-cols-3">
                                <dt class="font-medium">{t!(i18n, desk_theme)}</dt>
                                <dd class="sm:col-span-2">{themes.clone()}</dd>
                            </div>
                        }
                    })}
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, partnership_since)}</dt>
                    <dd class="sm:col-span-2">
                        {if since.is_empty() {
                            tr!(i18n, partnership_since_unknown).get_untracked()
                        } else {
                            since.clone()
                        }}
                    </dd>
                </div>
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, registry_state)}</dt>
                    <dd class="sm:col-span-2">{state_label(l, &p.state)}</dd>
                </div>
                <div class="py-2 sm:grid sm:grid-cols-3">
                    <dt class="font-medium">{t!(i18n, partnership_origin)}</dt>
                    <dd class="sm:col-span-2">{origin_label(l, &p.origin)}</dd>
                </div>
                {(!p.source.is_empty())
                    .then(|| {
                        view! {
                            <div class="py-2 sm:grid sm:grid-cols-3">
                                <dt class="font-medium">{t!(i18n, partnership_source)}</dt>
                                <dd class="sm:col-span-2 break-words">
                                    {if p.source.starts_with("https://")
                                        || p.source.starts_with("http://")
                                    {
                                        view! {
                                            <a
                                                href=p.source.clone()
                                                rel="nofollow noopener"
                                                class="text-blue-800 underline"
                                            >
                                                {p.source.clone()}
                                            </a>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span>{p.source.clone()}</span> }.into_any()
                                    }}
                                </dd>
                            </div>
                        }
                    })}
            </dl>
            <section aria-labelledby="activity-heading" class="space-y-3">
                <h2 id="activity-heading" class="text-2xl font-semibold">
                    {t!(i18n, partnership_activity)}
                </h2>
                {if activities.is_empty() {
                    view! { <p data-testid="no-activity">{t!(i18n, partnership_no_activity)}</p> }
                        .into_any()
                } else {
                    view! {
                        <ol class="space-y-2" data-testid="activities">
                            {activities
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <li class="rounded-lg bg-white p-3" data-testid="activity">
                                            <p class="text-sm text-stone-700">
                                                <LocalDate secs=a.on />
                                                {format!(" · {}", activity_label(l, &a.kind))}
                                                {a
                                                    .amount_eur
                                                    .map(|e| {
                                                        format!(" · {} €", crate::lang::labels::format_int(l, e))
                                                    })}
                                            </p>
                                            <p class="whitespace-pre-line">{a.text.clone()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
                {v.may_add.then(|| view! { <ActivityForm id=p.id.clone() /> })}
            </section>
        </article>
    }
}

#[component]
fn ActivityForm(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<AddActivity>::new();
    let error = last_error(action);
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(
            ACTIVITY_KINDS
                .iter()
                .map(|k| (k.to_string(), activity_label(l, k).to_string())),
        )
        .collect();
    view! {
        <ActionForm
            action
            attr:class="space-y-3 rounded-lg border border-stone-300 bg-white p-4"
            attr:novalidate=""
            attr:data-testid="activity-form"
        >
            <h3 class="text-lg font-semibold">{t!(i18n, activity_add)}</h3>
            <FormError error />
            <input type="hidden" name="partnership" value=id />
            <Field
                label=tr!(i18n, activity_on)
                name="on"
                id="activity-on"
                kind="date"
                maxlength=10
                error
            />
            <Select
                label=tr!(i18n, activity_kind)
                name="kind"
                id="activity-kind"
                options=kinds
                error
            />
            <TextArea
                label=tr!(i18n, activity_text)
                name="text"
                id="activity-text"
                maxlength=600
                rows=3
                error
            />
            <Field
                label=tr!(i18n, activity_amount)
                name="amount"
                id="activity-amount"
                kind="text"
                required=false
                maxlength=16
                hint=tr!(i18n, activity_amount_hint)
                error
            />
            <button type="submit" class="button-primary">
                {t!(i18n, activity_submit)}
            </button>
        </ActionForm>
    }
}

/// The partnerships listed on a side's page.
#[component]
fn SideList(items: Vec<PartnershipRecord>, ukrainian: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <section
            aria-labelledby="partnerships-heading"
            class="space-y-2"
            data-testid="side-partnerships"
        >
            <h2 id="partnerships-heading" class="text-2xl font-semibold">
                {if ukrainian {
                    t!(i18n, side_partnerships_heading).into_any()
                } else {
                    t!(i18n, side_partners_heading).into_any()
                }}
            </h2>
            <ul class="space-y-1">
                {items
                    .into_iter()
                    .map(|p| {
                        let text = if ukrainian {
                            format!(
                                "{}, {}",
                                side(&p.municipality, &p.partner_part),
                                country_name(l, &p.country),
                            )
                        } else {
                            side(&community_name(l, &p), &p.community_part)
                        };
                        let since = p.since_text();
                        view! {
                            <li>
                                <A
                                    href=use_href(links::partnership(&p.id))
                                    attr:class="text-blue-800 underline"
                                >
                                    {text}
                                </A>
                                {format!(" · {}", kind_label(l, &p.kind))}
                                {(!since.is_empty()).then(|| format!(" · {since}"))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// A community's partnerships, on its card. Rendered inside the card's `Suspense`: the
/// server function is asked in its own `Suspend`, not through a resource (see `ui::status`).
#[component]
pub fn CommunityPartnerships(slug: Slug) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.to_string();
                Suspend::new(async move {
                    get_side_partnerships(slug, String::new(), String::new())
                        .await
                        .ok()
                        .map(|items| view! { <SideList items ukrainian=true /> })
                })
            }}
        </Suspense>
    }
}

/// A European municipality's Ukrainian partners, on its page (inside its `Suspense`, as
/// above).
#[component]
pub fn MunicipalityPartners(country: String, slug: String) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (country, slug) = (country.clone(), slug.clone());
                Suspend::new(async move {
                    get_side_partnerships(String::new(), country, slug)
                        .await
                        .ok()
                        .map(|items| view! { <SideList items ukrainian=false /> })
                })
            }}
        </Suspense>
    }
}

/// The coordinators' queue: active partnerships without a joint action for a year, the
/// longest quiet first (on the coordinators' desk).
#[component]
pub fn QuietPartnershipsQueue() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="quiet-heading" class="space-y-2" data-testid="queue-quiet">
            <h3 id="quiet-heading" class="text-lg font-semibold">
                {t!(i18n, queue_quiet_heading)}
            </h3>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let l = i18n.get_locale_untracked();
                    match get_quiet_partnerships().await {
                        Ok(q) if q.total == 0 => view! { <p>{t!(i18n, queue_none)}</p> }.into_any(),
                        Ok(q) => {
                            let total = q.total;
                            view! {
                                <p>{t!(i18n, queue_count, count = total)}</p>
                                <ul class="space-y-1">
                                    {q
                                        .shown
                                        .into_iter()
                                        .map(|p| {
                                            let text = format!(
                                                "{} – {}, {}",
                                                side(&community_name(l, &p), &p.community_part),
                                                side(&p.municipality, &p.partner_part),
                                                country_name(l, &p.country),
                                            );
                                            view! {
                                                <li>
                                                    <A
                                                        href=use_href(links::partnership(&p.id))
                                                        attr:class="text-blue-800 underline"
                                                    >
                                                        {text}
                                                    </A>
                                                    " · "
                                                    {t!(i18n, queue_last_activity)}
                                                    " "
                                                    <crate::ui::time::LocalDate secs=p.last_activity />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    /// Europe's drawing covers the region `EUROPE_REGION` says, in the maps' projection.
    #[test]
    fn europe_drawing_matches_its_region() {
        let svg = include_str!("../../../public/map/europe.svg");
        let view_box = svg.split("viewBox=\"").nth(1).unwrap();
        let numbers: Vec<f64> = view_box[..view_box.find('"').unwrap()]
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let (s, n, w, e) = super::EUROPE_REGION;
        let k = 48.5f64.to_radians().cos();
        assert!((numbers[2] / numbers[3] - (e - w) * k / (n - s)).abs() < 0.005);
        assert!(svg.contains("preserveAspectRatio=\"none\""));
    }
}
