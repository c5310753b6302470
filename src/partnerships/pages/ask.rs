//! `/c/{slug}/partner`: a European municipality asks a community for a partnership;
//! `/partner` ("find us a partner"): it asks the coordinators to find one, with its
//! preferences. Two steps that work without JavaScript: find your municipality in the
//! directory (a search, then a choice; or "not listed"), then the request itself. No
//! account is needed.

use crate::i18n::*;
use crate::lang::labels::{format_int, pick};
use crate::lang::{localize, use_href};
use crate::links::{self, Notice};
use crate::municipalities::model::Municipality;
use crate::partnerships::fns::{get_ask_form, AskPartner};
use crate::partnerships::model::AskForm;
use crate::ui::forms::{
    last_error, tr, Checkboxes, Field, FormError, LastError, Select, TextArea, Tick,
};
use crate::ui::notice::{use_url_notice, UrlNotice};
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The notices this page answers with once a request is sent.
const SENT: &[Notice] = &[Notice::RequestSent, Notice::RequestExists];

/// The page's key: community slug (empty: general), town, country, place, "not listed",
/// and the communities attached (`attach=a,b`).
type Key = (String, String, String, String, bool, String);

/// The page's own address (without its query).
fn page_of(f: &AskForm) -> String {
    match &f.slug {
        Some(slug) => links::partner_request(slug),
        None => links::FIND_PARTNER.to_string(),
    }
}

#[component]
pub fn PartnerRequest() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let q = use_query_map();
    let key = Memo::new(move |_| {
        let q = q.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("town").unwrap_or_default(),
            q.get("country").unwrap_or_default(),
            q.get("place").unwrap_or_default(),
            q.get("unlisted").is_some(),
            q.get("attach").unwrap_or_default(),
        )
    });
    let form = Resource::new(
        move || key.get(),
        |(slug, town, country, place, _, attach)| get_ask_form(slug, town, country, place, attach),
    );
    let sent = use_url_notice(SENT);
    let title = td_string!(i18n.get_locale_untracked(), partner_request_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), ask_lead).to_string()
        />
        <section class="max-w-2xl space-y-6">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(f) if sent.get().is_some() => view! { <Sent f /> }.into_any(),
                        Ok(f) => view! { <Steps f key /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// After sending: what happens next, and the way back.
#[component]
fn Sent(f: AskForm) -> impl IntoView {
    let i18n = use_i18n();
    let name = pick(i18n.get_locale_untracked(), &f.name_uk, &f.name_latin);
    view! {
        <h1 class="text-3xl font-bold text-blue-950">{t!(i18n, partner_request_title)}</h1>
        <UrlNotice accepted=SENT />
        <p>{t!(i18n, ask_next_steps)}</p>
        <p>
            {match &f.slug {
                Some(slug) => {
                    view! {
                        <A href=use_href(links::community(slug)) attr:class="button-secondary">
                            {t!(i18n, ask_back_to, community = name)}
                        </A>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <A href=use_href(links::CATALOGUE) attr:class="button-secondary">
                            {t!(i18n, ask_browse)}
                        </A>
                    }
                        .into_any()
                }
            }}
        </p>
    }
}

#[component]
fn Steps(f: AskForm, key: Memo<Key>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (_, town, country, _, unlisted, attach) = key.get_untracked();
    let name = pick(l, &f.name_uk, &f.name_latin);
    let here = localize(l, &page_of(&f));
    // Carried through step one so the communities attached reach the form.
    let extra = if attach.is_empty() {
        String::new()
    } else {
        format!("&attach={}", links::encode(&attach))
    };
    let ready = f.chosen.is_some() || (unlisted && !town.trim().is_empty());
    let general = f.slug.is_none();
    view! {
        <h1 class="text-3xl font-bold text-blue-950">
            {if general {
                tr!(i18n, find_partner_title).get_untracked()
            } else {
                td_string!(l, ask_title, community = name.clone()).to_string()
            }}
        </h1>
        <p>
            {if general {
                tr!(i18n, find_partner_lead).get_untracked()
            } else {
                tr!(i18n, ask_lead).get_untracked()
            }}
        </p>
        <section aria-labelledby="ask-step-1" class="space-y-3 rounded-lg bg-white p-4">
            <h2 id="ask-step-1" class="text-xl font-semibold">
                {t!(i18n, ask_step_municipality)}
            </h2>
            {match (&f.chosen, ready) {
                (Some(m), _) => {
                    view! {
                        <Chosen
                            m=m.clone()
                            here=format!("{here}?{}", extra.trim_start_matches('&'))
                        />
                    }
                        .into_any()
                }
                (None, true) => {
                    view! {
                        <p data-testid="chosen-municipality">
                            {t!(i18n, ask_unlisted_chosen, town = town.clone())} " "
                            <a
                                href=format!("{here}?{}", extra.trim_start_matches('&'))
                                class="text-blue-800 underline"
                            >
                                {t!(i18n, ask_change)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
                (None, false) => {
                    view! {
                        <FindMunicipality
                            here=here.clone()
                            attach=attach.clone()
                            town=town.clone()
                            country=country.clone()
                            candidates=f.candidates.clone()
                        />
                    }
                        .into_any()
                }
            }}
        </section>
        {ready
            .then(|| {
                view! {
                    <RequestForm
                        f=f.clone()
                        town=town.clone()
                        country=country.clone()
                        unlisted=unlisted && f.chosen.is_none()
                    />
                }
            })}
    }
}

/// The municipality chosen, with the way to choose another.
#[component]
fn Chosen(m: Municipality, here: String) -> impl IntoView {
    let i18n = use_i18n();
    let country = crate::lang::names::country_name(i18n.get_locale_untracked(), &m.country);
    view! {
        <p data-testid="chosen-municipality">
            <strong>{m.name.clone()}</strong>
            {format!(" — {country}")}
            " "
            <a href=here class="text-blue-800 underline">
                {t!(i18n, ask_change)}
            </a>
        </p>
    }
}

/// Step one: a search of the directory (a plain GET form), and what it found.
#[component]
fn FindMunicipality(
    here: String,
    /// The communities attached to a general request (`a,b`), carried along.
    attach: String,
    town: String,
    country: String,
    candidates: Vec<Municipality>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let searched = !town.trim().is_empty();
    let code = crate::lang::names::country_code(&country)
        .unwrap_or("")
        .to_string();
    let countries =
        crate::lang::names::country_choices(l, tr!(i18n, ask_any_country).get_untracked());
    // A search form: nothing of it is refused.
    let no_error: LastError = Signal::stored(None);
    let extra = if attach.is_empty() {
        String::new()
    } else {
        format!("&attach={}", links::encode(&attach))
    };
    let unlisted = format!(
        "{here}?town={}&country={}&unlisted=1{extra}",
        links::encode(&town),
        links::encode(&code)
    );
    let pick_href = {
        let here = here.clone();
        move |m: &Municipality| {
            format!(
                "{here}?place={}/{}{extra}",
                m.country,
                links::encode(&m.slug)
            )
        }
    };
    view! {
        <form method="get" action=here.clone() class="space-y-3" role="search">
            {(!attach.is_empty())
                .then(|| view! { <input type="hidden" name="attach" value=attach.clone() /> })}
            <Field
                label=tr!(i18n, ask_town)
                name="town"
                id="ask-town"
                kind="search"
                maxlength=100
                value=Signal::stored(town.clone())
                error=no_error
            />
            <Select
                label=tr!(i18n, ask_country)
                name="country"
                id="ask-country"
                options=countries
                selected=code.clone()
                error=no_error
            />
            <button type="submit" class="button-secondary">
                {t!(i18n, ask_find)}
            </button>
        </form>
        {searched
            .then(|| {
                let found = !candidates.is_empty();
                view! {
                    <div class="space-y-2" data-testid="candidates">
                        <p role="status">
                            {if found {
                                tr!(i18n, ask_choose_yours).get_untracked()
                            } else {
                                tr!(i18n, ask_none_found).get_untracked()
                            }}
                        </p>
                        <ul class="divide-y divide-stone-200 rounded border border-stone-200">
                            {candidates
                                .iter()
                                .map(|m| {
                                    let country = crate::lang::names::country_name(l, &m.country);
                                    let people = format_int(l, m.population);
                                    view! {
                                        <li class="p-2">
                                            <a href=pick_href(m) class="text-blue-800 underline">
                                                <strong>{m.name.clone()}</strong>
                                            </a>
                                            {format!(" — {country}")}
                                            {(m.population > 0)
                                                .then(|| {
                                                    view! {
                                                        " · "
                                                        {t!(i18n, ask_population, n = people.clone())}
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p>
                            <a href=unlisted class="text-blue-800 underline">
                                {t!(i18n, ask_not_listed)}
                            </a>
                        </p>
                    </div>
                }
            })}
    }
}

/// Step two: who asks, and what for.
#[component]
fn RequestForm(f: AskForm, town: String, country: String, unlisted: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<AskPartner>::new();
    let error = last_error(action);
    let place = f
        .chosen
        .as_ref()
        .map(|m| format!("{}/{}", m.country, m.slug))
        .unwrap_or_default();
    let countries = crate::lang::names::country_choices(l, "—".into());
    let code = crate::lang::names::country_code(&country).map(str::to_string);
    let themes: Vec<(String, String)> = crate::profiles::model::Theme::ALL
        .into_iter()
        .map(|t| {
            (
                t.key().to_string(),
                crate::profiles::labels::theme_label(l, t),
            )
        })
        .collect();
    let privacy = use_href(links::PRIVACY);
    view! {
        <section aria-labelledby="ask-step-2" class="space-y-4 rounded-lg bg-white p-4">
            <h2 id="ask-step-2" class="text-xl font-semibold">
                {t!(i18n, ask_step_request)}
            </h2>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                {f
                    .slug
                    .as_ref()
                    .map(|slug| {
                        view! { <input type="hidden" name="slug" value=slug.to_string() /> }
                    })}
                <input type="hidden" name="place" value=place />
                <input type="hidden" name="stamp" value=f.stamp.clone() />
                {unlisted
                    .then(|| {
                        view! {
                            <Field
                                label=tr!(i18n, ask_town_name)
                                name="town"
                                id="ask-unlisted-town"
                                maxlength=200
                                value=Signal::derive({
                                    let town = town.clone();
                                    move || town.clone()
                                })
                                error
                            />
                            <Select
                                label=tr!(i18n, ask_country)
                                name="country"
                                id="ask-unlisted-country"
                                options=countries.clone()
                                selected=code.clone().unwrap_or_default()
                                error
                            />
                        }
                    })}
                <Field
                    label=tr!(i18n, ask_contact_name)
                    name="contact_name"
                    id="ask-contact-name"
                    autocomplete="name"
                    maxlength=200
                    error
                />
                <Field
                    label=tr!(i18n, ask_contact_role)
                    name="contact_role"
                    id="ask-contact-role"
                    autocomplete="organization-title"
                    maxlength=200
                    hint=tr!(i18n, ask_contact_role_hint)
                    error
                />
                <Field
                    label=tr!(i18n, field_email)
                    name="email"
                    id="ask-email"
                    kind="email"
                    autocomplete="email"
                    hint=tr!(i18n, ask_email_hint)
                    error
                />
                <Field
                    label=tr!(i18n, ask_phone)
                    name="phone"
                    id="ask-phone"
                    kind="tel"
                    autocomplete="tel"
                    required=false
                    maxlength=40
                    error
                />
                <Field
                    label=tr!(i18n, ask_languages)
                    name="languages"
                    id="ask-languages"
                    maxlength=200
                    hint=tr!(i18n, ask_languages_hint)
                    error
                />
                <Checkboxes legend=tr!(i18n, ask_themes) name="themes[]" options=themes error />
                {f.slug.is_none().then(|| view! { <Wishes f=f.clone() error /> })}
                <TextArea
                    label=if f.slug.is_some() {
                        tr!(i18n, ask_message)
                    } else {
                        tr!(i18n, ask_message_general)
                    }
                    name="message"
                    id="ask-message"
                    required=true
                    maxlength=crate::partnerships::model::MESSAGE_MAX
                    rows=6
                    hint=tr!(i18n, ask_message_hint)
                    error
                />
                // People never see this field; robots fill it in.
                <div class="hp" aria-hidden="true">
                    <label for="ask-website">{t!(i18n, ask_leave_empty)}</label>
                    <input id="ask-website" name="website" tabindex="-1" autocomplete="off" />
                </div>
                <Tick name="consent" id="ask-consent" error>
                    {t!(i18n, ask_consent)}
                    " "
                    <a href=privacy class="text-blue-800 underline">
                        {t!(i18n, privacy_title)}
                    </a>
                </Tick>
                <button type="submit" class="button-primary">
                    {t!(i18n, ask_send)}
                </button>
            </ActionForm>
        </section>
    }
}

/// A general request's wishes: where, what size and kind of community, what the
/// municipality offers, how formal, whether delegations can travel, and the communities
/// from the catalogue it liked (ticked).
#[component]
fn Wishes(f: AskForm, error: LastError) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let any = || (String::new(), tr!(i18n, wish_any).get_untracked());
    let mut regions = vec![
        any(),
        (
            crate::partnerships::model::NEAR_BORDER.to_string(),
            tr!(i18n, wish_near_border).get_untracked(),
        ),
    ];
    regions.extend(f.oblasts.iter().cloned());
    let label = crate::catalogue::labels::filter_value_label;
    let sizes: Vec<(String, String)> = std::iter::once(any())
        .chain(
            crate::catalogue::query::POPULATION_BANDS
                .iter()
                .map(|b| (b.0.to_string(), label(l, "pop", b.0))),
        )
        .collect();
    let kinds: Vec<(String, String)> = std::iter::once(any())
        .chain(
            ["urban", "settlement", "rural"]
                .into_iter()
                .map(|k| (k.to_string(), label(l, "kind", k))),
        )
        .collect();
    let formality = vec![
        (String::new(), tr!(i18n, wish_either).get_untracked()),
        ("formal".to_string(), tr!(i18n, wish_formal).get_untracked()),
        (
            "informal".to_string(),
            tr!(i18n, wish_informal).get_untracked(),
        ),
    ];
    let travel = vec![
        (String::new(), tr!(i18n, wish_not_known).get_untracked()),
        (
            "yes".to_string(),
            tr!(i18n, wish_travel_yes).get_untracked(),
        ),
        ("no".to_string(), tr!(i18n, wish_travel_no).get_untracked()),
    ];
    view! {
        <fieldset class="space-y-4 rounded border border-stone-300 p-3" data-testid="wishes">
            <legend class="px-1 font-semibold">{t!(i18n, wish_heading)}</legend>
            <Select
                label=tr!(i18n, wish_region)
                name="region"
                id="wish-region"
                options=regions
                error
            />
            <Select label=tr!(i18n, wish_size) name="size" id="wish-size" options=sizes error />
            <Select label=tr!(i18n, wish_kind) name="kind" id="wish-kind" options=kinds error />
            <TextArea
                label=tr!(i18n, wish_offer)
                name="offer"
                id="wish-offer"
                maxlength=2000
                rows=3
                hint=tr!(i18n, wish_offer_hint)
                error
            />
            <Select
                label=tr!(i18n, wish_formality)
                name="formality"
                id="wish-formality"
                options=formality
                error
            />
            <Select
                label=tr!(i18n, wish_travel)
                name="travel"
                id="wish-travel"
                options=travel
                error
            />
            {(!f.attached.is_empty())
                .then(|| {
                    view! {
                        <fieldset class="space-y-1">
                            <legend class="font-semibold">{t!(i18n, wish_liked)}</legend>
                            {f
                                .attached
                                .iter()
                                .map(|(slug, uk, latin)| {
                                    let id = format!("liked-{slug}");
                                    view! {
                                        <div class="flex items-center gap-2">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                name="liked[]"
                                                value=slug.to_string()
                                                checked=true
                                                class="h-5 w-5"
                                            />
                                            <label for=id>{pick(l, uk, latin)}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })}
        </fieldset>
    }
}
