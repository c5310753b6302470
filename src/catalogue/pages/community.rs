//! `/c/{slug}`: a community's page — its business card, the official data, its place on the
//! map and its settlements — with everything a link preview needs in the first HTML.

use crate::catalogue::fns::get_community;
use crate::catalogue::labels::category_label;
use crate::catalogue::model::CommunityDetail;
use crate::catalogue::pages::catalogue::MapSvg;
use crate::catalogue::pages::shortlist::AddToShortlist;
use crate::error::AppError;
use crate::i18n::*;
use crate::identity::Slug;
use crate::lang::labels::{format_int, localized, pick};
use crate::lang::use_href;
use crate::links;
use crate::profiles::view::{CardLanguages, ProfileSections, ShareBox, TrustLine};
use crate::ui::status::{set_status, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page; `actions` is what a signed-in reader may do here (edit, claim, verify: the
/// claims domain's), `partnerships` the community's partnerships of the registry (the
/// partnerships domain's), both handed in by `app.rs`.
#[component]
pub fn CommunityPage(
    actions: fn(Slug) -> AnyView,
    partnerships: fn(Slug) -> AnyView,
) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, get_community);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! { <CommunityCard c actions partnerships /> }.into_any(),
                    Err(AppError::NotFound) => view! { <CommunityNotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CommunityNotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), not_found_title).to_string() />
        <h1 class="text-3xl font-bold">{t!(i18n, not_found_title)}</h1>
        <p class="mt-4">{t!(i18n, community_not_found)}</p>
        <p class="mt-4">
            <A href=use_href(links::CATALOGUE) attr:class="button-primary">
                {t!(i18n, back_to_catalogue)}
            </A>
        </p>
    }
}

#[component]
fn CommunityCard(
    c: CommunityDetail,
    actions: fn(Slug) -> AnyView,
    partnerships: fn(Slug) -> AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let c = StoredValue::new(c);
    let read = |f| localized(c, f);
    // Head tags get plain strings: leptos_axum reads the title after the page's reactive
    // owner is gone, so it must not reach into this component's stored values. (Switching
    // language changes the URL, which renders this page anew.)
    let locale = i18n.get_locale_untracked();
    let name = c.with_value(|c| c.summary.display_name(locale));
    // A reader abroad knows the centre ("Lwiw (Lemberg)"): it titles the card, with the
    // official form beside it.
    let familiar = c.with_value(|c| {
        crate::catalogue::labels::familiar_name(
            locale,
            c.summary.slug.as_str(),
            c.centre_uk.as_deref(),
            c.centre_latin.as_deref(),
        )
        .filter(|f| *f != name)
    });
    let heading = familiar.clone().unwrap_or_else(|| name.clone());
    let title = match &familiar {
        Some(f) => format!("{f} · {name}"),
        None => name.clone(),
    };
    let other = c.with_value(|c| {
        let other = c.summary.other_script_name(locale);
        match &familiar {
            Some(_) => format!("{name} · {other}"),
            None => other,
        }
    });
    let kind = read(|c, l| c.summary.kind_label(l));
    let region = read(|c, l| c.summary.region(l));
    let raion = read(|c, l| c.summary.raion(l).unwrap_or_default());
    let centre = read(|c, l| {
        pick(
            l,
            c.centre_uk.as_deref().unwrap_or(""),
            c.centre_latin.as_deref().unwrap_or(""),
        )
    });
    // What a link preview shows: the community's own words when it wrote some, else the facts.
    let description = c.with_value(|c| {
        use leptos_i18n::Locale as _;
        let l = locale;
        let mut parts = vec![c.summary.display_name(l), c.summary.region(l)];
        parts.extend(c.summary.raion(l));
        parts.push(format!("KATOTTG {}", c.summary.code));
        let facts = parts.join(" · ");
        match c.profile.about.get(l.as_str()) {
            Some(about) => {
                let text: String = crate::profiles::markdown::plain(about.text)
                    .chars()
                    .take(200)
                    .collect();
                format!("{text} — {facts}")
            }
            None => facts,
        }
    });
    let (code, lat, lon, approximate, occupied, has_raion, population) = c.with_value(|c| {
        (
            c.summary.code.clone(),
            c.summary.lat,
            c.summary.lon,
            c.approximate(),
            c.summary.occupied,
            c.summary.raion_uk.is_some(),
            c.centre_population,
        )
    });
    let has_centre = c.with_value(|c| c.centre_uk.is_some());
    let (key_population, situation) = c.with_value(|c| {
        (
            c.summary
                .population
                .map(|n| (n, c.summary.population_is_centre)),
            c.summary.situation,
        )
    });
    let base = crate::ui::layout::use_public_url();
    let slug = c.with_value(|c| c.summary.slug.clone());
    let canonical = format!(
        "{base}{}",
        crate::lang::localize(i18n.get_locale_untracked(), &links::community(&slug))
    );
    let image = format!("{base}{}", {
        use leptos_i18n::Locale as _;
        links::card_image(&slug, locale.as_str())
    });
    let json_ld = c.with_value(|c| json_ld(c, &canonical));
    let profile = c.with_value(|c| (c.profile.clone(), c.trust.clone()));
    let blank = profile.0.is_blank();
    let settlements = c.with_value(|c| c.settlements.clone());
    let map_link = format!(
        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=11/{lat:.5}/{lon:.5}"
    );
    let fact = |label: AnyView, value: AnyView| {
        view! {
            <div class="border-t border-stone-200 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
                <dt class="font-medium text-stone-700">{label}</dt>
                <dd class="sm:col-span-2">{value}</dd>
            </div>
        }
    };
    view! {
        <PreviewTags name=title description=description.clone() canonical=canonical.clone() image />
        <script type="application/ld+json" inner_html=json_ld></script>
        <article class="space-y-8">
            <header class="space-y-2">
                <p class="print:hidden">
                    <A href=use_href(links::CATALOGUE) attr:class="text-sm text-blue-800 underline">
                        {t!(i18n, back_to_catalogue)}
                    </A>
                </p>
                <h1 class="text-3xl font-bold text-blue-950">{heading}</h1>
                <p class="text-lg text-stone-700" data-testid="other-name">
                    {other}
                </p>
                <KeyFacts
                    kind=Signal::derive(kind)
                    region=Signal::derive(region)
                    population=key_population
                    situation
                />
                {occupied
                    .then(|| {
                        view! {
                            <p
                                role="note"
                                class="rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
                            >
                                <strong>{t!(i18n, occupied)}</strong>
                                ". "
                                {t!(i18n, occupied_notice)}
                            </p>
                        }
                    })}
                {blank
                    .then(|| {
                        view! {
                            <p
                                class="rounded border border-stone-300 bg-white p-3 text-stone-800"
                                data-testid="profile-incomplete"
                            >
                                {t!(i18n, profile_incomplete)}
                            </p>
                        }
                    })}
                <TrustLine trust=profile.1.clone() />
                <CardLanguages profile=profile.0.clone() />
                <div class="flex flex-wrap items-center gap-3 print:hidden">
                    <A href=use_href(links::partner_request(&slug)) attr:class="button-primary">
                        {t!(i18n, request_partnership)}
                    </A>
                    <AddToShortlist
                        community=c.with_value(|c| c.summary.clone())
                        back=use_href(links::community(&slug))()
                    />
                    <A
                        href=use_href(format!("{}?attach={slug}", links::FIND_PARTNER))
                        attr:class="text-blue-800 underline"
                    >
                        {t!(i18n, find_partner_with_this)}
                    </A>
                </div>
                <ShareBox url=canonical.clone() slug=slug.clone() />
                {actions(slug.clone())}
            </header>
            <ProfileSections
                profile=profile.0.clone()
                part=1
                ask=use_href(links::partner_request(&slug))()
            />
            <ProfileSections profile=profile.0.clone() part=2 />
            <div class="print:hidden">{partnerships(slug.clone())}</div>
            <ProfileSections profile=profile.0.clone() part=3 />
            <section aria-labelledby="facts-heading" class="print:hidden">
                <h2 id="facts-heading" class="mb-2 text-xl font-semibold">
                    {t!(i18n, community_facts)}
                </h2>
                <dl class="rounded-lg bg-white px-4">
                    {fact(
                        t!(i18n, fact_code).into_any(),
                        view! { <code>{code.to_string()}</code> }.into_any(),
                    )} {fact(t!(i18n, fact_type).into_any(), kind.into_any())}
                    {fact(t!(i18n, fact_oblast).into_any(), region.into_any())}
                    {has_raion.then(|| fact(t!(i18n, fact_raion).into_any(), raion.into_any()))}
                    {has_centre.then(|| fact(t!(i18n, fact_centre).into_any(), centre.into_any()))}
                    {population
                        .map(|p| fact(
                            t!(i18n, fact_centre_population).into_any(),
                            (move || format!("{} (GeoNames)", format_int(i18n.get_locale(), p)))
                                .into_any(),
                        ))}
                    {fact(
                        t!(i18n, fact_location).into_any(),
                        view! {
                            <a
                                href=map_link
                                class="text-blue-800 underline"
                                rel="noopener"
                                data-testid="coordinates"
                            >
                                {format!("{lat:.4}° N, {lon:.4}° E")}
                            </a>
                            {approximate
                                .then(|| {
                                    view! {
                                        " ("
                                        {t!(i18n, location_approximate)}
                                        ")"
                                    }
                                })}
                        }
                            .into_any(),
                    )}
                </dl>
            </section>
            <LocationMap slug=slug.clone() lat=lat lon=lon />
            <Settlements settlements />
            <PrintedAddress url=canonical slug=slug />
        </article>
    }
}

/// What a reader deciding first wants to know, in one line: the kind of community, how many
/// live there, the oblast, and its situation as the community states it.
#[component]
fn KeyFacts(
    kind: Signal<String>,
    region: Signal<String>,
    population: Option<(i64, bool)>,
    situation: Option<crate::profiles::model::Situation>,
) -> impl IntoView {
    use crate::profiles::model::Situation;
    let i18n = use_i18n();
    view! {
        <p
            class="flex flex-wrap items-center gap-x-3 gap-y-2 text-stone-800"
            data-testid="key-facts"
        >
            <span>{kind}</span>
            {population
                .map(|(n, centre)| {
                    view! {
                        <span data-testid="key-population">
                            {move || {
                                let n = format_int(i18n.get_locale(), n);
                                if centre {
                                    t_string!(i18n, key_population_centre, n).to_string()
                                } else {
                                    t_string!(i18n, key_population, n).to_string()
                                }
                            }}
                        </span>
                    }
                })}
            <span>{region}</span>
            {situation
                .map(|s| {
                    let class = match s {
                        Situation::Occupied | Situation::Frontline => {
                            "badge bg-red-100 text-red-900"
                        }
                        Situation::Border => "badge bg-amber-100 text-amber-900",
                        _ => "badge bg-green-100 text-green-900",
                    };
                    view! {
                        <span class=class data-testid="situation">
                            {move || crate::profiles::labels::situation_label(i18n.get_locale(), s)}
                        </span>
                    }
                })}
        </p>
    }
}

/// The card's address and QR code as the printed card carries them (the page shows them in
/// the share panel).
#[component]
fn PrintedAddress(url: String, slug: Slug) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="hidden items-center gap-4 print:flex" data-testid="printed-address">
            <img
                src=links::qr_code(&slug)
                class="h-24 w-24"
                width="96"
                height="96"
                alt=move || t_string!(i18n, qr_alt).to_string()
            />
            <p class="break-all">{url}</p>
        </div>
    }
}

/// schema.org description of the community for search engines and link previews.
fn json_ld(c: &CommunityDetail, url: &str) -> String {
    let s = &c.summary;
    let names: Vec<String> = std::iter::once(s.name_uk.clone())
        .chain(c.aliases.iter().take(10).cloned())
        .collect();
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "AdministrativeArea",
        "name": s.name_latin,
        "alternateName": names,
        "identifier": {"@type": "PropertyValue", "propertyID": "KATOTTG", "value": c.summary.code},
        "url": url,
        "geo": {"@type": "GeoCoordinates", "latitude": c.summary.lat, "longitude": c.summary.lon},
        "containedInPlace": {"@type": "AdministrativeArea", "name": s.region_latin},
    });
    if let Some(about) = c.profile.about.get("en") {
        doc["description"] = crate::profiles::markdown::plain(about.text).into();
    }
    if let Some(p) = &c.profile.population {
        doc["population"] = p.value.into();
    }
    // Inside <script>, markup characters in user text are written as JSON escapes, so
    // nothing a community typed can end the element or start another.
    doc.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Where the community is: its neighbourhood on the catalogue's map, the community marked.
#[component]
fn LocationMap(slug: Slug, lat: f64, lon: f64) -> impl IntoView {
    use crate::catalogue::query::CatalogueQuery;
    let i18n = use_i18n();
    let query = CatalogueQuery {
        view: "map".into(),
        z: 3,
        at: format!("{lat:.3},{lon:.3}"),
        ..Default::default()
    };
    view! {
        <section aria-labelledby="map-heading" class="print:hidden">
            <h2 id="map-heading" class="mb-2 text-xl font-semibold">
                {t!(i18n, section_map)}
            </h2>
            <Suspense fallback=Loading>
                {move || {
                    let (slug, query) = (slug.clone(), query.clone());
                    Suspend::new(async move {
                        crate::catalogue::fns::catalogue_map(query)
                            .await
                            .ok()
                            .map(|m| {
                                let q = CatalogueQuery {
                                    view: "map".into(),
                                    z: m.z,
                                    at: format!("{lat:.3},{lon:.3}"),
                                    ..Default::default()
                                };
                                view! {
                                    <div class="max-w-2xl">
                                        <MapSvg map=m query=q highlight=slug compact=true />
                                    </div>
                                }
                            })
                    })
                }}
            </Suspense>
        </section>
    }
}

/// What a link preview reads: title, description, Open Graph and Twitter tags, the canonical
/// address (head tags get plain strings: leptos_axum reads them after the page's owner is gone).
#[component]
fn PreviewTags(
    name: String,
    description: String,
    canonical: String,
    image: String,
) -> impl IntoView {
    view! {
        <Title text=name.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=name.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:url" content=canonical.clone() />
        <Meta property="og:image" content=image.clone() />
        <Meta property="og:image:width" content="1200" />
        <Meta property="og:image:height" content="630" />
        <Meta property="og:image:alt" content=name.clone() />
        <Meta name="twitter:card" content="summary_large_image" />
        <Meta name="twitter:title" content=name />
        <Meta name="twitter:description" content=description />
        <Meta name="twitter:image" content=image />
        <Link rel="canonical" href=canonical />
    }
}

/// The community's settlements, as the codifier lists them, in the reader's script: folded
/// behind their count (a large community has over a hundred).
#[component]
fn Settlements(settlements: Vec<crate::catalogue::model::Settlement>) -> impl IntoView {
    let i18n = use_i18n();
    let count = settlements.len();
    view! {
        <section aria-labelledby="settlements-heading" class="print:hidden">
            <details>
                <summary class="cursor-pointer">
                    <h2 id="settlements-heading" class="inline text-xl font-semibold">
                        {move || t_string!(i18n, settlements_title, count = count).to_string()}
                    </h2>
                </summary>
                <ul
                    class="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2 md:grid-cols-3"
                    data-testid="settlements"
                >
                    {settlements
                        .into_iter()
                        .map(|s| {
                            let s2 = s.clone();
                            view! {
                                <li>
                                    {move || pick(i18n.get_locale(), &s2.name_uk, &s2.name_latin)}
                                    <span class="text-sm text-stone-600">
                                        " · "
                                        {move || category_label(i18n.get_locale(), &s.category)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </section>
    }
}
