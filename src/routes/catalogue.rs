//! `/communities`: search, filters with counts, sorting and pages. The URL holds the whole
//! state; without JavaScript the form submits with GET and the server renders the same page.

use crate::api::communities::search_catalogue;
use crate::components::lang::{localize, use_href};
use crate::components::layout::use_public_url;
use crate::components::names::{
    filter_label, filter_value_label, format_int, localized, pick, situation_label, theme_label,
};
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::*;
use crate::model::catalogue::{CatalogueQuery, CatalogueResult, Facet, Sort, FILTERS};
use crate::model::CommunitySummary;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_query_map;

/// The URL parameters a search consists of.
fn query_keys() -> impl Iterator<Item = &'static str> {
    std::iter::once("q")
        .chain(FILTERS)
        .chain(["sort", "page", "view", "z", "at"])
}

/// The search as the request's URL states it (server side; the island then follows it).
fn query_of_request() -> CatalogueQuery {
    let query = use_query_map();
    let map = query.read_untracked();
    let mut q =
        CatalogueQuery::from_pairs(query_keys().filter_map(|k| map.get_str(k).map(|v| (k, v))));
    use leptos_i18n::Locale as _;
    q.lang = use_i18n().get_locale_untracked().as_str().to_string();
    q
}

/// The search the catalogue shows: set from the URL, then by the reader's typing and
/// choosing, and by the browser's back and forward.
#[derive(Clone, Copy)]
struct Search(RwSignal<CatalogueQuery>);

fn use_catalogue_query() -> Memo<CatalogueQuery> {
    let Search(state) = expect_context::<Search>();
    Memo::new(move |_| state.get())
}

impl Search {
    /// Shows `q` and puts it in the address bar (a new history entry unless `replace`).
    fn go(self, q: &CatalogueQuery, replace: bool) {
        #[cfg(feature = "hydrate")]
        {
            let url = localize(
                crate::components::lang::locale_of(&q.lang),
                &format!("/communities{}", q.to_query_string()),
            );
            if let Ok(history) = window().history() {
                let nothing = wasm_bindgen::JsValue::NULL;
                let _ = if replace {
                    history.replace_state_with_url(&nothing, "", Some(&url))
                } else {
                    history.push_state_with_url(&nothing, "", Some(&url))
                };
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = replace;
        self.0.set(q.clone());
    }
}

/// The search a catalogue address (`/communities?…`, any language) states, if it is one.
#[cfg(feature = "hydrate")]
fn query_of_href(href: &str, lang: &str) -> Option<CatalogueQuery> {
    let (path, search) = href.split_once('?').unwrap_or((href, ""));
    if crate::components::lang::split(path).1 != "/communities" {
        return None;
    }
    let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
    let pairs: Vec<(&str, String)> = query_keys()
        .filter_map(|k| params.get(k).map(|v| (k, v)))
        .collect();
    let mut q = CatalogueQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    q.lang = lang.to_string();
    Some(q)
}

#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    let query = query_of_request();
    let canonical = format!(
        "{}{}",
        use_public_url(),
        localize(
            i18n.get_locale_untracked(),
            &format!("/communities{}", query.to_query_string())
        )
    );
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), catalogue_title).to_string() />
        <Link rel="canonical" href=canonical />
        <h1 class="mb-4 text-3xl font-bold text-blue-950">{t!(i18n, catalogue_title)}</h1>
        <CatalogueSearch initial=query />
    }
}

/// The interactive catalogue: the browser runs this part only (an island), so links to other
/// searches, the form and back/forward update the results in place.
#[island]
fn CatalogueSearch(initial: CatalogueQuery) -> impl IntoView {
    let i18n = crate::components::lang::provide_island_i18n(&initial.lang);
    let state = RwSignal::new(initial);
    let search = Search(state);
    provide_context(search);
    let query = use_catalogue_query();
    #[cfg(feature = "hydrate")]
    {
        let lang = query.get_untracked().lang;
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let location = window().location();
            let href = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            if let Some(q) = query_of_href(&href, &lang) {
                state.set(q);
            }
        });
        on_cleanup(move || handle.remove());
    }
    // Links to other searches (filters removed, pages, map zoom, list or map) stay in place.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if ev.default_prevented()
                || ev.button() != 0
                || ev.ctrl_key()
                || ev.meta_key()
                || ev.shift_key()
                || ev.alt_key()
            {
                return;
            }
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
                return;
            };
            if let Some(q) = query_of_href(&href, &query.get_untracked().lang) {
                ev.prevent_default();
                search.go(&q, false);
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let data = Resource::new(move || query.get(), search_catalogue);
    // Created with the list's resource, so the browser finds the server's answer for both.
    let map = Resource::new(
        move || Some(query.get()).filter(|q| q.view == "map"),
        |q| async move {
            match q {
                Some(q) => crate::api::communities::catalogue_map(q).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <div class="grid gap-6 lg:grid-cols-[18rem_1fr]" on:click=on_click>
            <SearchForm query data />
            <section aria-labelledby="results-heading" aria-live="polite">
                <h2 id="results-heading" class="sr-only">{t!(i18n, results_heading)}</h2>
                <ViewSwitch query />
                // Transition keeps the previous results on screen while the next ones load.
                <Show when=move || query.read().view == "map" fallback=move || view! {
                    <Transition fallback=Loading>
                        {move || Suspend::new(async move {
                            match data.await {
                                Ok(result) => view! { <Results result query=query.get_untracked() /> }.into_any(),
                                Err(error) => view! { <ErrorNotice error /> }.into_any(),
                            }
                        })}
                    </Transition>
                }>
                    <ResultsMap query map />
                </Show>
            </section>
        </div>
    }
}

/// List or map of the same results.
#[component]
fn ViewSwitch(query: Memo<CatalogueQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |view: &'static str| {
        let mut q = query.get();
        q.view = if view == "map" {
            "map".into()
        } else {
            String::new()
        };
        q.page = 1;
        localize(
            i18n.get_locale(),
            &format!("/communities{}", q.to_query_string()),
        )
    };
    let is_map = move || query.read().view == "map";
    view! {
        <nav class="mb-3 flex gap-2" aria-label=move || t_string!(i18n, view_label).to_string()>
            <a href=move || link("list") class="page-link" aria-current=move || (!is_map()).then_some("page")>{t!(i18n, view_list)}</a>
            <a href=move || link("map") class="page-link" aria-current=move || is_map().then_some("page")>{t!(i18n, view_map)}</a>
        </nav>
    }
}

/// The results on a map of Ukraine: markers clustered on a grid; a cluster is a link that zooms
/// in on it, a single community a link to its page. Drawn on the server as SVG, so it works
/// without JavaScript and for every one of the ~1,800 communities.
#[component]
fn ResultsMap(
    query: Memo<CatalogueQuery>,
    map: Resource<Result<Option<crate::model::catalogue::MapView>, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match map.await {
                    Ok(Some(map)) => view! { <MapSvg map query=query.get_untracked() /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A map of markers; `highlight` marks one community (its own page's map), `compact` leaves out
/// the counts and help around it.
#[component]
pub fn MapSvg(
    map: crate::model::catalogue::MapView,
    query: CatalogueQuery,
    #[prop(optional)] highlight: Option<String>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    use crate::model::catalogue::MAX_ZOOM;
    let i18n = use_i18n();
    let (s, n, w, e) = map.bounds;
    // Equirectangular, corrected for Ukraine's latitude.
    let width = 1000.0;
    let height = width * (n - s) / ((e - w) * (48.5f64).to_radians().cos());
    let x = move |lon: f64| (lon - w) / (e - w) * width;
    let y = move |lat: f64| (n - lat) / (n - s) * height;
    let z = map.z;
    let zoom_link = {
        let query = query.clone();
        move |lat: f64, lon: f64, z: u8| {
            let mut q = query.clone();
            q.z = z;
            q.at = if z == 0 {
                String::new()
            } else {
                format!("{lat:.3},{lon:.3}")
            };
            localize(
                i18n.get_locale_untracked(),
                &format!("/communities{}", q.to_query_string()),
            )
        }
    };
    // Markers are HTML links laid over the drawing (percent positions), so they are real,
    // focusable links whether the server or the browser renders them.
    let pos = move |lat: f64, lon: f64| {
        format!(
            "left: {:.3}%; top: {:.3}%;",
            x(lon) / width * 100.0,
            y(lat) / height * 100.0
        )
    };
    let markers = map
        .clusters
        .iter()
        .cloned()
        .map(|c| {
            let style = pos(c.lat, c.lon);
            let label_name = move || pick(i18n.get_locale(), &c.name_uk, &c.name_latin);
            match c.slug.clone() {
                Some(slug) if highlight.as_deref() == Some(slug.as_str()) => view! {
                    <span class="map-marker map-here" style=style>
                        <span class="map-here-label">{label_name}</span>
                    </span>
                }
                .into_any(),
                Some(slug) => {
                    let href = localize(i18n.get_locale_untracked(), &format!("/c/{slug}"));
                    view! { <a href=href aria-label=label_name class="map-marker map-one" style=style></a> }
                        .into_any()
                }
                None => {
                    let count = c.count;
                    // At the deepest zoom a crowded cell opens the list instead.
                    let href = if z < MAX_ZOOM {
                        zoom_link(c.lat, c.lon, z + 1)
                    } else {
                        let mut q = query.clone();
                        q.view.clear();
                        localize(i18n.get_locale_untracked(), &format!("/communities{}", q.to_query_string()))
                    };
                    let label = move || {
                        t_string!(i18n, map_cluster, count = count, name = label_name()).to_string()
                    };
                    view! { <a href=href aria-label=label class="map-marker map-cluster" style=style>{count}</a> }
                        .into_any()
                }
            }
        })
        .collect_view();
    let (total, shown) = (map.total, map.shown);
    let zoom_out = (z > 0).then(|| zoom_link((s + n) / 2.0, (w + e) / 2.0, z - 1));
    view! {
        {(!compact).then(|| view! {
            <p class="mb-2 text-stone-700" data-testid="map-count">
                {move || t_string!(i18n, map_count, shown = format_int(i18n.get_locale(), shown as i64), total = format_int(i18n.get_locale(), total as i64)).to_string()}
            </p>
        })}
        {zoom_out.filter(|_| !compact).map(|href| view! { <p class="mb-2"><a href=href class="text-blue-800 underline">{t!(i18n, map_zoom_out)}</a></p> })}
        <div class="relative w-full overflow-hidden rounded-lg border border-stone-300 bg-sky-50"
            style=format!("aspect-ratio: {width} / {height:.0};")
            role="group" aria-label=move || t_string!(i18n, map_label).to_string() data-testid="map">
            {markers}
        </div>
        {(!compact).then(|| view! { <p class="mt-2 text-sm text-stone-700">{t!(i18n, map_help)}</p> })}
    }
}

/// The search box and the filters: a plain GET form, enhanced in the browser so that typing
/// and choosing update the results without a reload.
#[component]
fn SearchForm(
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
    view! {
        <form method="get" action=use_href("/communities") role="search" on:submit=on_submit
            class="space-y-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="search-form">
            <div>
                <label for="q" class="block font-medium">{t!(i18n, search_label)}</label>
                <input id="q" name="q" type="search" autocomplete="off" prop:value=move || text.get()
                    value=query.get_untracked().q
                    on:input=on_input
                    placeholder=move || t_string!(i18n, search_placeholder).to_string()
                    class="mt-1 w-full rounded border border-stone-500 px-3 py-2" />
                <p class="mt-1 text-xs text-stone-600">{t!(i18n, search_hint)}</p>
            </div>
            <Suggestions text />
            {move || (query.read().view == "map").then(|| view! { <input type="hidden" name="view" value="map" /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(result) => view! { <Filters query=query.get_untracked() facets=result.facets /> }.into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Transition>
            <div>
                <label for="sort" class="block text-sm font-medium text-stone-800">{t!(i18n, sort_label)}</label>
                <select id="sort" name="sort" on:change=on_sort
                    class="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-1.5">
                    {Sort::ALL.into_iter().map(|s| {
                        let label = move || match s {
                            Sort::Relevance => t_string!(i18n, sort_relevance).to_string(),
                            Sort::Name => t_string!(i18n, sort_name).to_string(),
                            Sort::Population => t_string!(i18n, sort_population).to_string(),
                            Sort::Updated => t_string!(i18n, sort_updated).to_string(),
                        };
                        view! { <option value=s.key() selected=move || Sort::from_key(&query.read().sort) == s>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class="button-primary">{t!(i18n, search_submit)}</button>
                <a href=use_href("/communities") class="text-sm text-blue-800 underline">{t!(i18n, filters_clear)}</a>
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
            let options = facet
                .values
                .into_iter()
                .map(|v| {
                    let selected = v.value == chosen;
                    let (filter, value) = (name.clone(), v.value.clone());
                    let label = move || {
                        let l = i18n.get_locale();
                        let text = if v.label_uk.is_empty() {
                            filter_value_label(l, &filter, &value)
                        } else {
                            pick(l, &v.label_uk, &v.label_latin)
                        };
                        format!("{text} ({})", format_int(l, v.count as i64))
                    };
                    view! { <option value=v.value.clone() selected=selected>{label}</option> }
                })
                .collect_view();
            view! {
                <div>
                    <label for=id.clone() class="block text-sm font-medium text-stone-800">
                        {move || filter_label(i18n.get_locale(), &label_name)}
                    </label>
                    <select id=id name=name.clone() on:change=on_change
                        class="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-1.5">
                        <option value="" selected=chosen.is_empty()>{t!(i18n, filter_any)}</option>
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
                    "/api/v1/search?limit=6&q={}",
                    crate::model::catalogue::encode_component(&q)
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
            <nav aria-label=move || t_string!(i18n, suggestions_label).to_string() data-testid="suggestions">
                <ul class="space-y-1 text-sm">
                    <For each=move || items.get() key=|c| c.slug.clone() let:c>
                        <li><SuggestionLink c /></li>
                    </For>
                </ul>
            </nav>
        </Show>
    }
}

#[component]
fn SuggestionLink(c: CommunitySummary) -> impl IntoView {
    let href = use_href(format!("/c/{}", c.slug));
    let c = StoredValue::new(c);
    let name = localized(c, CommunitySummary::display_name);
    let region = localized(c, CommunitySummary::region);
    view! {
        <a href=href class="text-blue-800 underline">{name}</a>
        <span class="text-stone-600">" · "{region}</span>
    }
}

/// The answer of `/api/v1/search`.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct SearchAnswer {
    pub query: String,
    pub items: Vec<CommunitySummary>,
}

#[component]
fn Results(result: CatalogueResult, query: CatalogueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let (current, pages, total) = (result.page, result.pages(), result.total);
    if result.items.is_empty() {
        return view! { <NoResults query /> }.into_any();
    }
    let cards = result
        .items
        .into_iter()
        .map(|c| view! { <ResultCard c /> })
        .collect_view();
    view! {
        <p class="mb-3 text-stone-700" data-testid="catalogue-count">
            {move || t_string!(i18n, catalogue_count, count = format_int(i18n.get_locale(), total as i64)).to_string()}
        </p>
        <ol class="space-y-3" data-testid="results">{cards}</ol>
        <Pagination query current pages />
    }
    .into_any()
}

#[component]
fn ResultCard(c: CommunitySummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = use_href(format!("/c/{}", c.slug));
    let (occupied, verified, demo) = (c.occupied, c.verified, c.demo);
    let situation = c.situation.filter(|_| !occupied);
    let offers = c.offers.clone();
    let population = c.population.filter(|_| !c.population_is_centre);
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
                <a href=href class="text-blue-800 underline-offset-2 hover:underline">{name}</a>
            </h3>
            <p class="text-sm text-stone-700">{place}</p>
            <p class="mt-1 flex flex-wrap gap-2 text-xs">
                {occupied.then(|| view! { <span class="badge bg-stone-200 text-stone-900">{t!(i18n, occupied)}</span> })}
                {situation.map(|s| view! { <span class="badge bg-amber-100 text-amber-950">{move || situation_label(i18n.get_locale(), s)}</span> })}
                {verified.then(|| view! { <span class="badge bg-green-100 text-green-900">{t!(i18n, trust_verified)}</span> })}
                {demo.then(|| view! { <span class="badge bg-purple-100 text-purple-900">{t!(i18n, demo_badge)}</span> })}
                {population.map(|p| view! { <span class="badge bg-stone-100 text-stone-800">{move || t_string!(i18n, population_n, count = format_int(i18n.get_locale(), p)).to_string()}</span> })}
            </p>
            {(!offers.is_empty()).then(|| view! {
                <p class="mt-2 text-sm"><span class="font-medium">{t!(i18n, offers_short)}": "</span>
                    {move || offers.iter().map(|t| theme_label(i18n.get_locale(), *t)).collect::<Vec<_>>().join(", ")}
                </p>
            })}
            {via.map(|v| {
                let kind = v.kind.clone();
                let name = move || pick(i18n.get_locale(), &v.name_uk, &v.name_latin);
                view! {
                    <p class="mt-1 text-sm text-stone-700" data-testid="via">
                        {move || match kind.as_str() {
                            "settlement" => t_string!(i18n, via_settlement, name = name()).to_string(),
                            "other_name" => t_string!(i18n, via_other_name, name = name()).to_string(),
                            "place" => t_string!(i18n, via_place).to_string(),
                            _ => t_string!(i18n, via_text).to_string(),
                        }}
                    </p>
                }
            })}
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
            let href = use_href(format!("/communities{}", q.to_query_string()));
            let f = f.to_string();
            view! {
                <li><a href=href class="text-blue-800 underline">
                    {move || t_string!(i18n, remove_filter, name = filter_label(i18n.get_locale(), &f)).to_string()}
                </a></li>
            }
        })
        .collect_view();
    let without_text = (!query.q.is_empty() && query.has_filters()).then(|| {
        let mut q = query.clone();
        q.q.clear();
        q.page = 1;
        use_href(format!("/communities{}", q.to_query_string()))
    });
    view! {
        <div class="rounded-lg border border-stone-300 bg-white p-4" data-testid="no-results">
            <p class="font-semibold">{t!(i18n, no_results)}</p>
            <ul class="mt-2 list-disc space-y-1 pl-5">
                {(!query.q.is_empty()).then(|| view! { <li>{t!(i18n, no_results_spelling)}</li> })}
                {without_text.map(|href| view! { <li><a href=href class="text-blue-800 underline">{t!(i18n, no_results_without_text)}</a></li> })}
                {removals}
                <li><a href=use_href("/communities") class="text-blue-800 underline">{t!(i18n, filters_clear)}</a></li>
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
    let link = move |p: usize| {
        localize(
            i18n.get_locale_untracked(),
            &format!("/communities{}", query.with_page(p).to_query_string()),
        )
    };
    let items = page_window(current, pages)
        .into_iter()
        .map(|p| match p {
            None => view! { <li aria-hidden="true" class="px-2">"…"</li> }.into_any(),
            Some(p) if p == current => view! {
                <li><a href=link(p) aria-current="page" class="page-link page-current"
                    aria-label=move || t_string!(i18n, page_n, page = p).to_string()>{p}</a></li>
            }
            .into_any(),
            Some(p) => view! {
                <li><a href=link(p) class="page-link"
                    aria-label=move || t_string!(i18n, page_n, page = p).to_string()>{p}</a></li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <nav aria-label=move || t_string!(i18n, pagination_label).to_string() class="mt-6">
            <ul class="flex flex-wrap items-center gap-1">
                {(current > 1).then(|| view! {
                    <li><a href=link(current - 1) rel="prev" class="page-link">{t!(i18n, page_previous)}</a></li>
                })}
                {items}
                {(current < pages).then(|| view! {
                    <li><a href=link(current + 1) rel="next" class="page-link">{t!(i18n, page_next)}</a></li>
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
