use crate::catalogue::fns::{get_stats, get_urgent};
use crate::catalogue::pages::catalogue::ResultCard;
use crate::i18n::*;
use crate::lang::labels::format_int;
use crate::lang::use_href;
use crate::ui::status::{ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn Home(
    /// The registry's counters (the partnerships domain's, handed in by `app.rs`).
    partnerships: fn() -> AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| get_stats());
    let urgent = Resource::new(|| (), |_| get_urgent());
    let step = |n: &'static str, title: AnyView, text: AnyView| {
        view! {
            <li class="rounded-lg border border-stone-200 bg-white p-4">
                <p class="text-sm font-semibold text-blue-800" aria-hidden="true">
                    {n}
                </p>
                <h3 class="text-lg font-semibold">{title}</h3>
                <p class="mt-1 text-stone-700">{text}</p>
            </li>
        }
    };
    view! {
        <Title text="" />
        <Meta name="description" content=move || t_string!(i18n, home_lead).to_string() />
        <section class="space-y-4 py-6">
            <h1 class="text-3xl font-bold text-blue-950 sm:text-4xl">{t!(i18n, home_title)}</h1>
            <p class="max-w-3xl text-lg text-stone-700">{t!(i18n, home_lead)}</p>
            <form
                method="get"
                action=use_href(crate::links::CATALOGUE)
                role="search"
                class="flex max-w-2xl flex-col gap-2 sm:flex-row sm:items-end"
                data-testid="home-search"
            >
                <div class="flex-1">
                    <label for="home-q" class="block font-medium">
                        {t!(i18n, search_label)}
                    </label>
                    <input
                        id="home-q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        placeholder=move || t_string!(i18n, search_placeholder).to_string()
                        class="mt-1 w-full rounded border border-stone-500 px-3 py-2"
                    />
                </div>
                <button type="submit" class="button-primary">
                    {t!(i18n, search_submit)}
                </button>
            </form>
            <p class="flex flex-wrap gap-3">
                <A href=use_href(crate::links::CATALOGUE) attr:class="button-secondary">
                    {t!(i18n, home_browse)}
                </A>
                <A href=use_href(crate::links::FIND_PARTNER) attr:class="button-secondary">
                    {t!(i18n, find_partner_title)}
                </A>
            </p>
        </section>
        <section aria-labelledby="steps-heading" class="py-6">
            <h2 id="steps-heading" class="mb-4 text-xl font-semibold">
                {t!(i18n, home_steps_title)}
            </h2>
            <ol class="grid grid-cols-1 gap-4 md:grid-cols-3" data-testid="home-steps">
                {step(
                    "1",
                    t!(i18n, home_step_find).into_any(),
                    t!(i18n, home_step_find_text).into_any(),
                )}
                {step(
                    "2",
                    t!(i18n, home_step_ask).into_any(),
                    t!(i18n, home_step_ask_text).into_any(),
                )}
                {step(
                    "3",
                    t!(i18n, home_step_partner).into_any(),
                    t!(i18n, home_step_partner_text).into_any(),
                )}
            </ol>
        </section>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let home = crate::lang::localize(i18n.get_locale_untracked(), crate::links::HOME);
                urgent
                    .await
                    .ok()
                    .filter(|list| !list.is_empty())
                    .map(|list| {
                        view! {
                            <section aria-labelledby="urgent-heading" class="py-6">
                                <h2 id="urgent-heading" class="mb-1 text-xl font-semibold">
                                    {t!(i18n, home_urgent_title)}
                                </h2>
                                <p class="mb-4 text-stone-700">{t!(i18n, home_urgent_text)}</p>
                                <ul
                                    class="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-3"
                                    data-testid="home-urgent"
                                >
                                    {list
                                        .into_iter()
                                        .map(|c| view! { <ResultCard c back=home.clone() /> })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Suspense>
        <section aria-labelledby="stats-heading" class="py-6">
            <h2 id="stats-heading" class="mb-4 text-xl font-semibold">
                {t!(i18n, home_stats_label)}
            </h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(s) => {
                            let item = move |n: i64, label: AnyView| {
                                view! {
                                    <div class="flex flex-col-reverse rounded-lg border border-stone-200 bg-white p-4">
                                        <dt class="text-stone-700">{label}</dt>
                                        <dd
                                            class="text-3xl font-bold text-blue-900"
                                            data-testid="stat-value"
                                        >
                                            {move || format_int(i18n.get_locale(), n)}
                                        </dd>
                                    </div>
                                }
                            };
                            view! {
                                <dl class="grid grid-cols-2 gap-4 md:grid-cols-4">
                                    {item(s.communities, t!(i18n, stat_communities).into_any())}
                                    {item(s.oblasts, t!(i18n, stat_oblasts).into_any())}
                                    {item(s.settlements, t!(i18n, stat_settlements).into_any())}
                                    {item(
                                        s.municipalities,
                                        t!(i18n, stat_municipalities).into_any(),
                                    )}
                                </dl>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        {partnerships()}
        <section class="rounded-lg bg-blue-50 p-6">
            <h2 class="text-xl font-semibold text-blue-950">{t!(i18n, home_small_title)}</h2>
            <p class="mt-2 max-w-3xl text-stone-800">{t!(i18n, home_small_text)}</p>
        </section>
    }
}
