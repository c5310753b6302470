//! The results on a map, drawn on the server as SVG.

use crate::catalogue::query::CatalogueQuery;
use crate::i18n::*;
use crate::lang::labels::{format_int, pick};
use crate::lang::localize;
use crate::ui::status::{ErrorNotice, Loading};
use leptos::prelude::*;

/// The results on a map of Ukraine: markers clustered on a grid; a cluster is a link that zooms
/// in on it, a single community a link to its page. Drawn on the server as SVG, so it works
/// without JavaScript and for every one of the ~1,800 communities.
#[component]
pub(super) fn ResultsMap(
    query: Memo<CatalogueQuery>,
    map: Resource<Result<Option<crate::catalogue::query::MapView>, crate::error::AppError>>,
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

/// A marker of the map: its position, its link (none for the community whose page it is),
/// how many communities it stands for, and its name.
#[derive(Clone)]
struct MapItem {
    style: String,
    href: Option<String>,
    count: usize,
    label: Signal<String>,
}

/// A map of markers; `highlight` marks one community (its own page's map), `compact` leaves out
/// the counts and help around it.
#[component]
pub fn MapSvg(
    map: crate::catalogue::query::MapView,
    query: CatalogueQuery,
    #[prop(optional)] highlight: Option<crate::identity::Slug>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    use crate::catalogue::query::MAX_ZOOM;
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
            localize(i18n.get_locale_untracked(), &q.href())
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
    // Each marker once: where it links, what it is called; drawn on the map and listed
    // beside it (the list reads the same links in order, for screen readers and keyboards).
    let items: Vec<MapItem> = map
        .clusters
        .iter()
        .cloned()
        .map(|c| {
            let style = pos(c.lat, c.lon);
            let label_name = move || pick(i18n.get_locale(), &c.name_uk, &c.name_latin);
            match c.slug.clone() {
                Some(slug) if highlight.as_ref() == Some(&slug) => MapItem {
                    style,
                    href: None,
                    count: 1,
                    label: Signal::derive(label_name),
                },
                Some(slug) => MapItem {
                    style,
                    href: Some(localize(
                        i18n.get_locale_untracked(),
                        &crate::links::community(&slug),
                    )),
                    count: 1,
                    label: Signal::derive(label_name),
                },
                None => {
                    let count = c.count;
                    // At the deepest zoom a crowded cell opens the list instead.
                    let href = if z < MAX_ZOOM {
                        zoom_link(c.lat, c.lon, z + 1)
                    } else {
                        let mut q = query.clone();
                        q.view.clear();
                        localize(i18n.get_locale_untracked(), &q.href())
                    };
                    let label = move || {
                        use crate::lang::plural::{category, Plural};
                        let (l, name) = (i18n.get_locale(), label_name());
                        let n = count as i64;
                        let count = format_int(l, n);
                        match category(l, n) {
                            Plural::One => td_string!(l, map_cluster_one, count, name),
                            Plural::Few => td_string!(l, map_cluster_few, count, name),
                            _ => td_string!(l, map_cluster, count, name),
                        }
                        .to_string()
                    };
                    MapItem {
                        style,
                        href: Some(href),
                        count,
                        label: Signal::derive(label),
                    }
                }
            }
        })
        .collect();
    let markers = items
        .iter()
        .cloned()
        .map(|m| match (m.href, m.count) {
            (None, _) => view! {
                <span class="map-marker map-here" style=m.style>
                    <span class="map-here-label">{m.label}</span>
                </span>
            }
            .into_any(),
            (Some(href), 1) => view! { <a href=href aria-label=m.label class="map-marker map-one" style=m.style></a> }
            .into_any(),
            (Some(href), count) => view! {
                <a href=href aria-label=m.label class="map-marker map-cluster" style=m.style>
                    {count}
                </a>
            }
            .into_any(),
        })
        .collect_view();
    let list = (!compact).then(|| {
        view! {
            <details class="mt-2">
                <summary class="cursor-pointer text-blue-800 underline">
                    {t!(i18n, map_as_list)}
                </summary>
                <ul class="mt-2 columns-1 gap-6 sm:columns-2 lg:columns-3" data-testid="map-list">
                    {items
                        .into_iter()
                        .filter_map(|m| {
                            m.href
                                .map(|href| {
                                    view! {
                                        <li>
                                            <a href=href class="text-blue-800 underline">
                                                {m.label}
                                            </a>
                                        </li>
                                    }
                                })
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    });
    // The geography: one drawing of the whole region, placed and stretched so that its
    // longitudes and latitudes fall where the markers' do.
    let geo_style = {
        use crate::catalogue::query::MAP_REGION;
        let (gs, gn, gw, ge) = MAP_REGION;
        format!(
            "left: {:.3}%; top: {:.3}%; width: {:.3}%; height: {:.3}%;",
            (gw - w) / (e - w) * 100.0,
            (n - gn) / (n - s) * 100.0,
            (ge - gw) / (e - w) * 100.0,
            (gn - gs) / (n - s) * 100.0
        )
    };
    // The oblasts' names, for sighted readers finding their way; the markers carry the
    // communities' names for everyone.
    let region_class = if z == 0 {
        "map-region map-region-overview"
    } else {
        "map-region"
    };
    let regions = map
        .regions
        .iter()
        .cloned()
        .map(|r| {
            let style = pos(r.lat, r.lon);
            view! {
                <span class=region_class style=style aria-hidden="true" data-testid="map-region">
                    {move || {
                        crate::catalogue::labels::oblast_short_name(
                            i18n.get_locale(),
                            &r.region_uk,
                            &r.region_latin,
                        )
                    }}
                </span>
            }
        })
        .collect_view();
    let (total, shown) = (map.total, map.shown);
    let zoom_out = (z > 0).then(|| zoom_link((s + n) / 2.0, (w + e) / 2.0, z - 1));
    // Moving and zooming: links (keyboard, touch, no JavaScript) over the map's corner; with
    // JavaScript the arrow keys, + and − on the focused map, and dragging it with a mouse.
    let controls = (!compact).then(|| {
        let (us, un, uw, ue) = crate::catalogue::query::UKRAINE;
        let (clat, clon) = ((s + n) / 2.0, (w + e) / 2.0);
        let (dlat, dlon) = ((n - s) / 2.0, (e - w) / 2.0);
        const EDGE: f64 = 1e-6;
        let step = |open: bool, lat: f64, lon: f64| (z > 0 && open).then(|| zoom_link(lat, lon, z));
        Controls {
            north: step(n < un - EDGE, clat + dlat, clon),
            south: step(s > us + EDGE, clat - dlat, clon),
            west: step(w > uw + EDGE, clat, clon - dlon),
            east: step(e < ue - EDGE, clat, clon + dlon),
            zoom_in: (z < MAX_ZOOM).then(|| zoom_link(clat, clon, z + 1)),
            zoom_out: zoom_out.clone(),
        }
    });
    let keys = controls.clone();
    // The catalogue's own navigation (none where the map is drawn outside the catalogue).
    let search = use_context::<super::Search>();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(c) = keys.as_ref() else { return };
        let target = match ev.key().as_str() {
            "ArrowUp" => &c.north,
            "ArrowDown" => &c.south,
            "ArrowLeft" => &c.west,
            "ArrowRight" => &c.east,
            "+" | "=" => &c.zoom_in,
            "-" | "_" => &c.zoom_out,
            _ => return,
        };
        ev.prevent_default();
        if let Some(href) = target {
            refocus_later("map");
            go(search, href);
        }
    };
    // A drag with a mouse or a pen moves the view by as much as the pointer moved.
    let drag_from = StoredValue::new(None::<(i32, i32)>);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.pointer_type() != "touch" && ev.button() == 0 {
            drag_from.set_value(Some((ev.client_x(), ev.client_y())));
        }
    };
    let drag_query = query.clone();
    let on_up = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, y0)) = drag_from.get_value() else {
            return;
        };
        drag_from.set_value(None);
        let (dx, dy) = (ev.client_x() - x0, ev.client_y() - y0);
        if compact || z == 0 || dx.abs().max(dy.abs()) < 24 {
            return;
        }
        use leptos::wasm_bindgen::JsCast;
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        else {
            return;
        };
        let (width, height) = (el.client_width().max(1), el.client_height().max(1));
        let lat = (s + n) / 2.0 + f64::from(dy) / f64::from(height) * (n - s);
        let lon = (w + e) / 2.0 - f64::from(dx) / f64::from(width) * (e - w);
        let mut q = drag_query.clone();
        q.at = format!("{lat:.3},{lon:.3}");
        go(search, &localize(i18n.get_locale_untracked(), &q.href()));
    };
    let on_leave = move |_| drag_from.set_value(None);
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    // The map is drawn anew for each view: the keyboard's focus comes back to it (or to the
    // control used), rather than falling to the page.
    let map_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = map_ref.get() {
            refocus(&el);
        }
    });
    view! {
        {(!compact)
            .then(|| {
                view! {
                    <p class="mb-2 text-stone-700" data-testid="map-count">
                        {move || {
                            t_string!(
                                i18n, map_count, shown = format_int(i18n.get_locale(), shown as i64), total = format_int(i18n.get_locale(), total as i64)
                            )
                                .to_string()
                        }}
                    </p>
                }
            })}
        {zoom_out
            .filter(|_| !compact)
            .map(|href| {
                view! {
                    <p class="mb-2">
                        <a href=href class="text-blue-800 underline">
                            {t!(i18n, map_zoom_out)}
                        </a>
                    </p>
                }
            })}
        // On a phone the map keeps a width where markers stay 26 px apart (WCAG 2.2 target
        // size) and scrolls sideways instead of crowding them.
        <div class="overflow-x-auto">
            <div
                class="relative w-full min-w-[26rem] overflow-hidden rounded-lg border border-stone-300 bg-sky-50"
                style=format!("aspect-ratio: {width} / {height:.0};")
                role="group"
                aria-label=move || t_string!(i18n, map_label).to_string()
                aria-describedby=(!compact).then_some("map-help")
                tabindex=move || (scripted.get() && !compact).then_some("0")
                on:keydown=on_key
                on:pointerdown=on_down
                on:pointerup=on_up
                on:pointerleave=on_leave
                node_ref=map_ref
                data-testid="map"
            >
                <img src="/map/region.svg" alt="" class="map-geo" style=geo_style />
                {regions}
                {markers}
                {controls.map(|c| view! { <MapControls c /> })}
            </div>
        </div>
        {(!compact)
            .then(|| {
                view! {
                    <p id="map-help" class="mt-2 text-sm text-stone-700">
                        {t!(i18n, map_help)}
                        " "
                        {t!(i18n, map_keys_help)}
                        " "
                        {t!(i18n, map_boundaries_note)}
                    </p>
                }
            })}
        {list}
    }
}

/// Where the map's controls lead: the view moved by half its size each way (none past the
/// country's edge), and one zoom level in and out.
#[derive(Clone)]
struct Controls {
    north: Option<String>,
    south: Option<String>,
    west: Option<String>,
    east: Option<String>,
    zoom_in: Option<String>,
    zoom_out: Option<String>,
}

/// The controls in the map's corner: a cross of arrows around "+", and "−" below.
#[component]
fn MapControls(c: Controls) -> impl IntoView {
    let i18n = use_i18n();
    let button =
        |href: Option<String>, text: &'static str, label: Signal<String>, cell: &'static str| {
            href.map(|href| {
                view! {
                    <a
                        href=href
                        class=format!("map-control {cell}")
                        aria-label=label
                        data-control=text
                        on:click=move |_| refocus_later(text)
                    >
                        <span aria-hidden="true">{text}</span>
                    </a>
                }
            })
        };
    view! {
        <div
            role="group"
            class="absolute right-2 top-2 grid grid-cols-3 grid-rows-3 gap-1"
            aria-label=move || t_string!(i18n, map_controls).to_string()
            data-testid="map-controls"
        >
            {button(
                c.north,
                "↑",
                crate::ui::forms::tr!(i18n, map_north),
                "col-start-2 row-start-1",
            )}
            {button(
                c.west,
                "←",
                crate::ui::forms::tr!(i18n, map_west),
                "col-start-1 row-start-2",
            )}
            {button(
                c.zoom_in,
                "+",
                crate::ui::forms::tr!(i18n, map_zoom_in),
                "col-start-2 row-start-2",
            )}
            {button(
                c.east,
                "→",
                crate::ui::forms::tr!(i18n, map_east),
                "col-start-3 row-start-2",
            )}
            {button(
                c.south,
                "↓",
                crate::ui::forms::tr!(i18n, map_south),
                "col-start-2 row-start-3",
            )}
            {button(
                c.zoom_out,
                "−",
                crate::ui::forms::tr!(i18n, map_zoom_out),
                "col-start-3 row-start-3",
            )}
        </div>
    }
}

/// Shows the catalogue at `href`: by the island's own navigation, else as a page load.
fn go(search: Option<super::Search>, href: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos_i18n::Locale as _;
        let lang = crate::lang::split(href).0;
        if let (Some(search), Some(q)) = (search, super::query_of_href(href, lang.as_str())) {
            search.go(&q, false);
        } else {
            let _ = window().location().set_href(href);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (search, href);
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// What takes the keyboard's focus once the next view of the map is drawn: "map", or a
    /// control by its symbol.
    static REFOCUS: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Asks for the focus to come back to the map (or one of its controls) after it is redrawn.
fn refocus_later(what: &'static str) {
    #[cfg(feature = "hydrate")]
    REFOCUS.with(|r| r.set(Some(what)));
    #[cfg(not(feature = "hydrate"))]
    let _ = what;
}

/// Gives the focus asked for to the freshly drawn map `el`, if any was asked for.
fn refocus(el: &leptos::web_sys::HtmlDivElement) {
    #[cfg(feature = "hydrate")]
    if let Some(what) = REFOCUS.with(|r| r.take()) {
        let control = (what != "map")
            .then(|| {
                el.query_selector(&format!("[data-control=\"{what}\"]"))
                    .ok()
                    .flatten()
            })
            .flatten();
        use leptos::wasm_bindgen::JsCast;
        match control.and_then(|c| c.dyn_into::<leptos::web_sys::HtmlElement>().ok()) {
            Some(c) => {
                let _ = c.focus();
            }
            None => {
                let _ = el.focus();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = el;
}
