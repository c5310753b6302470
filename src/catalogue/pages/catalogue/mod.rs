//! `/communities`: search, filters with counts, sorting and pages. The URL holds the whole
//! state; without JavaScript the form submits with GET and the server renders the same page.

mod form;
mod map;
mod results;

use form::SearchForm;
pub use map::MapSvg;
use map::ResultsMap;
pub use results::ResultCard;
use results::Results;

use crate::catalogue::fns::search_catalogue;
use crate::catalogue::query::{CatalogueQuery, FILTERS};
use crate::i18n::*;
use crate::lang::{localize, use_href};
use crate::ui::layout::use_public_url;
use crate::ui::status::{ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The URL parameters a search consists of.
fn query_keys() -> impl Iterator<Item = &'static str> {
    std::iter::once("q")
        .chain(FILTERS)
        .chain(["sort", "near", "page", "view", "z", "at"])
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
            let url = localize(crate::lang::locale_of(&q.lang), &q.href());
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
    if crate::lang::split(path).1 != crate::links::CATALOGUE {
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
        localize(i18n.get_locale_untracked(), &query.href())
    );
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), catalogue_title).to_string() />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), catalogue_description).to_string()
        />
        <Link rel="canonical" href=canonical />
        <h1 class="mb-4 text-3xl font-bold text-blue-950">{t!(i18n, catalogue_title)}</h1>
        <p class="mb-4">
            {t!(i18n, catalogue_find_partner_lead)} " "
            <A href=use_href(crate::links::FIND_PARTNER) attr:class="text-blue-800 underline">
                {t!(i18n, find_partner_title)}
            </A> " · "
            <A href=use_href(crate::links::SHORTLIST) attr:class="text-blue-800 underline">
                {t!(i18n, shortlist_title)}
            </A>
        </p>
        <CatalogueSearch initial=query />
    }
}

/// The interactive catalogue: the browser runs this part only (an island), so links to other
/// searches, the form and back/forward update the results in place.
#[island]
fn CatalogueSearch(initial: CatalogueQuery) -> impl IntoView {
    let i18n = crate::lang::provide_island_i18n(&initial.lang);
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
            // Moving or zooming the map keeps the page where it is; other searches start at
            // the top, like a new page.
            let in_map = link
                .as_ref()
                .and_then(|a| a.closest("[data-testid=map]").ok().flatten())
                .is_some();
            let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
                return;
            };
            if let Some(q) = query_of_href(&href, &query.get_untracked().lang) {
                ev.prevent_default();
                search.go(&q, false);
                if !in_map {
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }
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
                Some(q) => crate::catalogue::fns::catalogue_map(q).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <div class="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]" on:click=on_click>
            <SearchForm query data />
            <section aria-labelledby="results-heading" aria-live="polite">
                <h2 id="results-heading" class="sr-only">
                    {t!(i18n, results_heading)}
                </h2>
                <ViewSwitch query />
                // Transition keeps the previous results on screen while the next ones load.
                <Show
                    when=move || query.read().view == "map"
                    fallback=move || {
                        view! {
                            <Transition fallback=Loading>
                                {move || Suspend::new(async move {
                                    match data.await {
                                        Ok(result) => {
                                            view! { <Results result query=query.get_untracked() /> }
                                                .into_any()
                                        }
                                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                                    }
                                })}
                            </Transition>
                        }
                    }
                >
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
        localize(i18n.get_locale(), &q.href())
    };
    let is_map = move || query.read().view == "map";
    view! {
        <nav class="mb-3 flex gap-2" aria-label=move || t_string!(i18n, view_label).to_string()>
            <a
                href=move || link("list")
                class="page-link"
                aria-current=move || (!is_map()).then_some("page")
            >
                {t!(i18n, view_list)}
            </a>
            <a
                href=move || link("map")
                class="page-link"
                aria-current=move || is_map().then_some("page")
            >
                {t!(i18n, view_map)}
            </a>
        </nav>
    }
}
