//! `/m/{country}/{slug}`: a European municipality from the GeoNames directory.

use super::fns::get_municipality;
use crate::error::AppError;
use crate::i18n::*;
use crate::lang::labels::{country_name, format_int};
use crate::lang::use_href;
use crate::ui::layout::GeoNamesCredit;
use crate::ui::status::{set_status, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page; `partners` lists the municipality's Ukrainian partners (the partnerships
/// domain's, handed in by `app.rs`: country code and slug).
#[component]
pub fn MunicipalityPage(partners: fn(String, String) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("country").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let data = Resource::new(key, |(country, slug)| get_municipality(country, slug));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(m) => {
                        let map = format!(
                            "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=11/{:.5}/{:.5}",
                            m.lat,
                            m.lon,
                            m.lat,
                            m.lon,
                        );
                        let (name, country, population) = (
                            m.name.clone(),
                            m.country.clone(),
                            m.population,
                        );
                        let title = name.clone();
                        let description = td_string!(
                            i18n.get_locale_untracked(),
                            municipality_description,
                            name = title.as_str()
                        )
                            .to_string();
                        view! {
                            <Title text=title />
                            <Meta name="description" content=description />
                            <article class="space-y-4">
                                <h1 class="text-3xl font-bold text-blue-950">{name}</h1>
                                <dl class="rounded-lg bg-white px-4">
                                    <div class="py-2 sm:grid sm:grid-cols-3">
                                        <dt class="font-medium">
                                            {t!(i18n, municipality_country)}
                                        </dt>
                                        <dd class="sm:col-span-2">
                                            {move || country_name(i18n.get_locale(), &country)}
                                        </dd>
                                    </div>
                                    {(population > 0)
                                        .then(|| {
                                            view! {
                                                <div class="border-t border-stone-200 py-2 sm:grid sm:grid-cols-3">
                                                    <dt class="font-medium">{t!(i18n, fact_population)}</dt>
                                                    <dd class="sm:col-span-2">
                                                        {move || format_int(i18n.get_locale(), population)}
                                                        " (GeoNames)"
                                                    </dd>
                                                </div>
                                            }
                                        })}
                                    <div class="border-t border-stone-200 py-2 sm:grid sm:grid-cols-3">
                                        <dt class="font-medium">{t!(i18n, fact_location)}</dt>
                                        <dd class="sm:col-span-2">
                                            <a class="text-blue-800 underline" href=map>
                                                {format!("{:.4}°, {:.4}°", m.lat, m.lon)}
                                            </a>
                                        </dd>
                                    </div>
                                </dl>
                                {partners(m.country.to_lowercase(), m.slug.clone())}
                                <p>{t!(i18n, municipality_invite)}</p>
                                <p class="flex flex-wrap gap-3">
                                    <A
                                        href=use_href(
                                            format!(
                                                "{}?place={}/{}",
                                                crate::links::FIND_PARTNER,
                                                m.country.to_uppercase(),
                                                m.slug,
                                            ),
                                        )
                                        attr:class="button-primary"
                                        attr:data-testid="ask-partner"
                                    >
                                        {t!(i18n, municipality_ask_partner)}
                                    </A>
                                    <A
                                        href=use_href(
                                            crate::links::with_param(
                                                crate::links::CATALOGUE,
                                                "near",
                                                &format!("{}, {}", m.name, m.country.to_uppercase()),
                                            ),
                                        )
                                        attr:class="button-secondary"
                                        attr:data-testid="nearest"
                                    >
                                        {t!(i18n, municipality_nearest, name = m.name.clone())}
                                    </A>
                                </p>
                                <GeoNamesCredit />
                            </article>
                        }
                            .into_any()
                    }
                    Err(AppError::NotFound) => {
                        set_status(404);
                        view! { <h1 class="text-3xl font-bold">{t!(i18n, not_found_title)}</h1> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
