use crate::catalogue::fns::get_placement;
use crate::i18n::*;
use crate::lang::labels::format_int;
use crate::ui::layout::GeoNamesCredit;
use crate::ui::status::{ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn About() -> impl IntoView {
    let i18n = use_i18n();
    let placement = Resource::new(|| (), |_| get_placement());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), about_title).to_string() />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), home_lead).to_string()
        />
        <article class="max-w-3xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{t!(i18n, about_title)}</h1>
            <p>{t!(i18n, about_text)}</p>
            <section class="space-y-3">
                <h2 class="text-xl font-semibold">{t!(i18n, about_data_title)}</h2>
                <p>{t!(i18n, about_katottg)}</p>
                <p>{t!(i18n, about_geonames)} " " <GeoNamesCredit /></p>
            </section>
            <section class="space-y-3">
                <h2 class="text-xl font-semibold">{t!(i18n, about_placement_title)}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match placement.await {
                            Ok(rows) => {
                                view! {
                                    <ul class="list-disc space-y-1 pl-6" data-testid="placement">
                                        {rows
                                            .into_iter()
                                            .map(|(method, n)| {
                                                let label = move || match method.as_str() {
                                                    "centre-uk" => {
                                                        t_string!(i18n, placement_centre_uk).to_string()
                                                    }
                                                    "centre-latin" => {
                                                        t_string!(i18n, placement_centre_latin).to_string()
                                                    }
                                                    "settlements" => {
                                                        t_string!(i18n, placement_settlements).to_string()
                                                    }
                                                    _ => t_string!(i18n, placement_raion).to_string(),
                                                };
                                                view! {
                                                    <li>
                                                        <strong>{move || format_int(i18n.get_locale(), n)}</strong>
                                                        " — "
                                                        {label}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </article>
    }
}
