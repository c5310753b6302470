use crate::api::communities::list_communities;
use crate::components::names::{format_int, localized};
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::*;
use crate::model::{CataloguePage, CommunitySummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
    };
    let data = Resource::new(page, list_communities);
    view! {
        <Title text=move || t_string!(i18n, catalogue_title).to_string() />
        <h1 class="mb-2 text-3xl font-bold text-blue-950">{t!(i18n, catalogue_title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <CatalogueTable page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CatalogueTable(page: CataloguePage) -> impl IntoView {
    let i18n = use_i18n();
    let (current, pages, total) = (page.page, page.pages(), page.total);
    let rows = page
        .items
        .into_iter()
        .map(|c| {
            let href = format!("/c/{}", c.slug);
            let occupied = c.occupied;
            let c = StoredValue::new(c);
            let text = |f| localized(c, f);
            let name = text(CommunitySummary::display_name);
            let region = text(CommunitySummary::region);
            let raion = text(|c, l| c.raion(l).unwrap_or_default());
            let kind = text(CommunitySummary::kind_label);
            view! {
                <tr class="border-t border-stone-200">
                    <th scope="row" class="px-3 py-2 text-left font-normal">
                        <A href=href attr:class="font-medium text-blue-800 underline-offset-2 hover:underline">{name}</A>
                        {occupied.then(|| view! {
                            <span class="ml-2 rounded bg-stone-200 px-2 py-0.5 text-xs text-stone-800">{t!(i18n, occupied)}</span>
                        })}
                    </th>
                    <td class="px-3 py-2">{region}</td>
                    <td class="px-3 py-2">{raion}</td>
                    <td class="px-3 py-2">{kind}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="mb-4 text-stone-700" data-testid="catalogue-count">
            {move || t_string!(i18n, catalogue_count, count = format_int(i18n.get_locale(), total)).to_string()}
        </p>
        <div class="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table class="w-full text-sm">
                <caption class="sr-only">
                    {move || t_string!(i18n, catalogue_table_caption, page = current, pages = pages).to_string()}
                </caption>
                <thead class="bg-stone-100 text-left">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_name)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_oblast)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_raion)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_type)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination current pages />
    }
}

/// Page links: first, last, and a window around the current page.
pub fn page_window(current: i64, pages: i64) -> Vec<Option<i64>> {
    let mut out = Vec::new();
    let mut last = 0;
    for p in 1..=pages {
        if p == 1 || p == pages || (p - current).abs() <= 2 {
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
fn Pagination(current: i64, pages: i64) -> impl IntoView {
    let i18n = use_i18n();
    let link = |p: i64| format!("/communities?page={p}");
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
