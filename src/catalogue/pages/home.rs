use crate::catalogue::fns::get_stats;
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
    view! {
        <Title text="" />
        <Meta name="description" content=move || t_string!(i18n, home_lead).to_string() />
        <section class="space-y-4 py-6">
            <h1 class="text-3xl font-bold text-blue-950 sm:text-4xl">{t!(i18n, home_title)}</h1>
            <p class="max-w-3xl text-lg text-stone-700">{t!(i18n, home_lead)}</p>
            <p>
                <A href=use_href(crate::links::CATALOGUE) attr:class="button-primary">
                    {t!(i18n, home_browse)}
                </A>
            </p>
            <p class="max-w-3xl">
                {t!(i18n, home_find_partner_lead)} " "
                <A href=use_href(crate::links::FIND_PARTNER) attr:class="button-secondary">
                    {t!(i18n, find_partner_title)}
                </A>
            </p>
        </section>
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
