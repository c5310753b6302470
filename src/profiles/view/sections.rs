//! The parts of a business card a community writes, in reading order: who we are, why partner
//! with us, what we offer, what we need, facts, partners, what partner we seek, contact.
use crate::i18n::*;
use crate::lang::labels::{country_name, format_int, language_name};
use crate::profiles::labels::{status_label, theme_label};
use crate::profiles::model::{Fact, Profile, Text};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// "(in English)": the mark beside a profile text shown in another language than the reader's.
fn shown_in(lang: String) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        let language = language_name(i18n.get_locale(), &lang);
        format!(
            "({})",
            t_string!(i18n, text_in_language, language = language)
        )
    }
}

/// A profile text in the reader's language, marked when it is shown in another language.
#[component]
fn LocalText(text: Text) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let l = i18n.get_locale();
        text.get(l.as_str()).map(|t| {
            let lang = t.lang.to_string();
            let fallback = t.is_fallback(l.as_str());
            let body = t.text.to_string();
            view! {
                <span lang=lang.clone()>{body}</span>
                {fallback
                    .then(|| {
                        view! {
                            <span class="ml-1 text-xs text-stone-600" data-testid="fallback">
                                {shown_in(lang)}
                            </span>
                        }
                    })}
            }
        })
    }
}

/// Text with the safe Markdown subset (`profiles::markdown`) as elements: a profile's
/// texts, a request's messages.
pub fn rendered(text: &str) -> AnyView {
    use crate::profiles::markdown::{parse, Block, Inline};
    fn inlines(items: Vec<Inline>) -> AnyView {
        items
            .into_iter()
            .map(|i| match i {
                Inline::Text(t) => t.into_any(),
                Inline::Strong(x) => view! { <strong>{inlines(x)}</strong> }.into_any(),
                Inline::Em(x) => view! { <em>{inlines(x)}</em> }.into_any(),
                Inline::Link { text, href } => view! {
                    <a href=href rel="nofollow ugc noopener" class="underline">
                        {text}
                    </a>
                }
                .into_any(),
                Inline::Break => view! { <br /> }.into_any(),
            })
            .collect_view()
            .into_any()
    }
    parse(text)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(x) => view! { <p>{inlines(x)}</p> }.into_any(),
            Block::List {
                ordered: false,
                items,
            } => view! {
                <ul class="list-disc pl-6">
                    {items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            Block::List {
                ordered: true,
                items,
            } => view! {
                <ol class="list-decimal pl-6">
                    {items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}
                </ol>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

/// A profile text with Markdown marks, in the reader's language (see `model::markdown`).
#[component]
fn RichText(text: Text) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let l = i18n.get_locale();
        text.get(l.as_str()).map(|t| {
            let lang = t.lang.to_string();
            let fallback = t.is_fallback(l.as_str());
            let blocks = rendered(t.text);
            view! {
                <div lang=lang.clone() class="space-y-2">
                    {blocks}
                </div>
                {fallback
                    .then(|| {
                        view! {
                            <p class="text-xs text-stone-600" data-testid="fallback">
                                {shown_in(lang)}
                            </p>
                        }
                    })}
            }
        })
    }
}

fn section(id: &'static str, title: AnyView, body: AnyView) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id class="mb-2 text-xl font-semibold">
                {title}
            </h2>
            {body}
        </section>
    }
}

/// The card's sections before the official facts (`part` 1: who we are, why partner with us,
/// offers, needs, facts) or after them (`part` 2: partners, contact, website).
#[component]
pub fn ProfileSections(profile: Profile, part: u8) -> impl IntoView {
    let p = &profile;
    if part == 1 {
        view! {
            {photos(p)}
            {about(p)}
            {why(p)}
            {offers(p)}
            {projects(p)}
            {facts(p)}
        }
        .into_any()
    } else {
        view! {
            {partners(p)}
            {contact(p)}
            {website(p)}
        }
        .into_any()
    }
}

/// The logo and photos, with their descriptions in the reader's language.
fn photos(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    // Photos with their alt text in the reader's language (required when uploading).
    (!p.photos.is_empty() || p.logo.is_some())
        .then(|| {
            let images = p
                .logo
                .iter()
                .map(|img| (img.clone(), "h-24 w-24 object-contain"))
                .chain(
                    p.photos
                        .iter()
                        .map(|img| (img.clone(), "h-40 w-auto rounded object-cover")),
                )
                .map(|(img, class)| {
                    let alt = img.alt.clone();
                    view! {
                        <li>
                            <img
                                src=img.thumb.clone().unwrap_or_else(|| img.url.clone())
                                class=class
                                loading="lazy"
                                alt=move || {
                                    alt.get(i18n.get_locale().as_str())
                                        .map(|t| t.text.to_string())
                                        .unwrap_or_default()
                                }
                            />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="flex flex-wrap gap-3" data-testid="photos">
                    {images}
                </ul>
            }
        })
        .map(IntoAny::into_any)
}

/// Who we are, and the economy.
fn about(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.about.is_empty())
        .then(|| {
            section(
                "about-heading",
                t!(i18n, section_about).into_any(),
                view! {
                    <div class="max-w-prose space-y-2">
                        <RichText text=p.about.clone() />
                        {(!p.economy.is_empty())
                            .then(|| view! { <RichText text=p.economy.clone() /> })}
                    </div>
                }
                .into_any(),
            )
        })
        .map(IntoAny::into_any)
}

/// Why partner with us.
fn why(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.why_partner.is_empty())
        .then(|| {
            section(
                "why-heading",
                t!(i18n, section_why).into_any(),
                view! {
                    <div class="max-w-prose">
                        <RichText text=p.why_partner.clone() />
                    </div>
                }
                .into_any(),
            )
        })
        .map(IntoAny::into_any)
}

/// What we offer: a theme and a short case each.
fn offers(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.offers.is_empty())
        .then(|| {
            let items = p
                .offers
                .iter()
                .cloned()
                .map(|o| {
                    view! {
                        <li class="rounded border border-stone-200 bg-white p-3">
                            <span class="badge bg-blue-100 text-blue-950">
                                {move || theme_label(i18n.get_locale(), o.theme)}
                            </span>
                            <p class="mt-1 font-medium">
                                <LocalText text=o.title.clone() />
                            </p>
                            {(!o.text.is_empty())
                                .then(|| {
                                    view! {
                                        <div class="text-sm">
                                            <RichText text=o.text.clone() />
                                        </div>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view();
            section(
                "offers-heading",
                t!(i18n, section_offers).into_any(),
                view! {
                    <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="offers">
                        {items}
                    </ul>
                }
                .into_any(),
            )
        })
        .map(IntoAny::into_any)
}

/// Priority projects, urgent ones first.
fn projects(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.projects.is_empty()).then(|| {
        let mut list = p.projects.clone();
        // Urgent needs first, apart from the long-term ones.
        list.sort_by_key(|p| !p.urgent);
        let items = list
            .into_iter()
            .map(|pr| {
                let status = pr.status;
                view! {
                    <li class="rounded border border-stone-200 bg-white p-3">
                        <p class="flex flex-wrap gap-2 text-xs">
                            {pr
                                .urgent
                                .then(|| {
                                    view! {
                                        <span class="badge bg-red-100 text-red-900">
                                            {t!(i18n, project_urgent)}
                                        </span>
                                    }
                                })}
                            <span class="badge bg-blue-100 text-blue-950">
                                {move || theme_label(i18n.get_locale(), pr.theme)}
                            </span>
                            <span class="badge bg-stone-100 text-stone-800">
                                {move || status_label(i18n.get_locale(), status)}
                            </span>
                        </p>
                        <p class="mt-1 font-medium">
                            <LocalText text=pr.title.clone() />
                        </p>
                        {(!pr.description.is_empty())
                            .then(|| {
                                view! {
                                    <div class="text-sm">
                                        <RichText text=pr.description.clone() />
                                    </div>
                                }
                            })}
                        {pr
                            .budget_eur
                            .map(|b| {
                                view! {
                                    <p class="text-sm text-stone-700">
                                        {move || {
                                            t_string!(
                                                i18n, project_budget, amount = format_int(i18n.get_locale(), b)
                                            )
                                                .to_string()
                                        }}
                                    </p>
                                }
                            })}
                    </li>
                }
            })
            .collect_view();
        section(
            "needs-heading",
            t!(i18n, section_needs).into_any(),
            view! {
                <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="projects">
                    {items}
                </ul>
            }.into_any(),
        )
    })
    .map(IntoAny::into_any)
}

/// The card's facts, each with its source and date.
fn facts(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    let facts: Vec<(AnyView, String)> = [
        p.population.as_ref().map(|f| {
            (
                t!(i18n, fact_population).into_any(),
                fact_text(i18n.get_locale_untracked(), f, |v| *v),
            )
        }),
        p.area_km2.as_ref().map(|f| {
            (
                t!(i18n, fact_area).into_any(),
                fact_text(i18n.get_locale_untracked(), f, |v| v.round() as i64),
            )
        }),
        p.idps.as_ref().map(|f| {
            (
                t!(i18n, fact_idps).into_any(),
                fact_text(i18n.get_locale_untracked(), f, |v| *v),
            )
        }),
        p.budget_per_resident_uah.as_ref().map(|f| {
            (
                t!(i18n, fact_budget).into_any(),
                fact_text(i18n.get_locale_untracked(), f, |v| *v),
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!facts.is_empty())
        .then(|| {
            let rows = facts
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div class="border-t border-stone-200 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
                            <dt class="font-medium text-stone-700">{label}</dt>
                            <dd class="sm:col-span-2">{value}</dd>
                        </div>
                    }
                })
                .collect_view();
            section(
                "card-facts-heading",
                t!(i18n, section_facts).into_any(),
                view! {
                    <dl class="rounded-lg bg-white px-4" data-testid="card-facts">
                        {rows}
                    </dl>
                }
                .into_any(),
            )
        })
        .map(IntoAny::into_any)
}

/// Existing partners, and the partner sought.
fn partners(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.partners.is_empty() || p.seeking.active).then(|| {
        let has_partners = !p.partners.is_empty();
        let items = p
            .partners
            .iter()
            .map(|pa| {
                let country = pa.country.clone();
                view! {
                    <li>
                        <span class="font-medium">{pa.name.clone()}</span>
                        " · "
                        {move || country_name(i18n.get_locale(), &country)}
                        {pa
                            .since
                            .map(|y| {
                                view! {
                                    " · "
                                    {move || t_string!(i18n, partner_since, year = y).to_string()}
                                }
                            })}
                    </li>
                }
            })
            .collect_view();
        let seeking = p.seeking.clone();
        view! {
            <section aria-labelledby="partners-heading">
                <h2 id="partners-heading" class="mb-2 text-xl font-semibold">
                    {t!(i18n, section_partners)}
                </h2>
                {has_partners
                    .then(|| {
                        view! {
                            <ul class="list-disc pl-5" data-testid="partners">
                                {items}
                            </ul>
                        }
                    })}
                {seeking
                    .active
                    .then(|| {
                        let countries = seeking.countries.clone();
                        let themes = seeking.themes.clone();
                        view! {
                            <div
                                class="mt-3 rounded border border-blue-200 bg-blue-50 p-3"
                                data-testid="seeking"
                            >
                                <p class="font-medium">{t!(i18n, seeking_title)}</p>
                                {(!countries.is_empty())
                                    .then(|| {
                                        view! {
                                            <p>
                                                {t!(i18n, seeking_countries)}": "
                                                {move || {
                                                    countries
                                                        .iter()
                                                        .map(|c| country_name(i18n.get_locale(), c))
                                                        .collect::<Vec<_>>()
                                                        .join(", ")
                                                }}
                                            </p>
                                        }
                                    })}
                                {(!themes.is_empty())
                                    .then(|| {
                                        view! {
                                            <p>
                                                {t!(i18n, seeking_themes)}": "
                                                {move || {
                                                    themes
                                                        .iter()
                                                        .map(|t| theme_label(i18n.get_locale(), *t))
                                                        .collect::<Vec<_>>()
                                                        .join(", ")
                                                }}
                                            </p>
                                        }
                                    })}
                                {(!seeking.note.is_empty())
                                    .then(|| view! { <RichText text=seeking.note.clone() /> })}
                            </div>
                        }
                    })}
            </section>
        }
    })
    .map(IntoAny::into_any)
}

/// The head and the contacts, and whether delegations can come.
fn contact(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.contacts.is_empty() || p.head.is_some())
        .then(|| {
            let people = p
                .head
                .iter()
                .chain(p.contacts.iter())
                .map(|person| {
                    let langs = person.languages.clone();
                    view! {
                        <li class="rounded border border-stone-200 bg-white p-3">
                            <p class="font-medium">{person.name.clone()}</p>
                            {(!person.role.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="text-sm">
                                            <LocalText text=person.role.clone() />
                                        </p>
                                    }
                                })}
                            {person
                                .email
                                .clone()
                                .map(|e| {
                                    view! {
                                        <p>
                                            <a
                                                class="text-blue-800 underline"
                                                href=format!("mailto:{e}")
                                            >
                                                {e.clone()}
                                            </a>
                                        </p>
                                    }
                                })}
                            {person.phone.clone().map(|ph| view! { <p>{ph}</p> })}
                            {(!langs.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="text-sm">
                                            {t!(i18n, contact_languages)}": "
                                            {move || {
                                                langs
                                                    .iter()
                                                    .map(|l| language_name(i18n.get_locale(), l))
                                                    .collect::<Vec<_>>()
                                                    .join(", ")
                                            }}
                                        </p>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view();
            let host = p.can_host_delegation;
            let interpreting = p.needs_interpreting;
            view! {
                <section aria-labelledby="contact-heading">
                    <h2 id="contact-heading" class="mb-2 text-xl font-semibold">
                        {t!(i18n, section_contact)}
                    </h2>
                    <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="contact">
                        {people}
                    </ul>
                    {host
                        .map(|h| {
                            view! {
                                <p class="mt-2">
                                    {move || {
                                        if h {
                                            t_string!(i18n, can_host_yes).to_string()
                                        } else {
                                            t_string!(i18n, can_host_no).to_string()
                                        }
                                    }}
                                </p>
                            }
                        })}
                    {interpreting
                        .map(|n| {
                            view! {
                                <p>
                                    {move || {
                                        if n {
                                            t_string!(i18n, interpreting_yes).to_string()
                                        } else {
                                            t_string!(i18n, interpreting_no).to_string()
                                        }
                                    }}
                                </p>
                            }
                        })}
                </section>
            }
        })
        .map(IntoAny::into_any)
}

/// The community's website.
fn website(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    p.website
        .clone()
        .map(|w| {
            view! {
                <p>
                    <a href=w.clone() rel="nofollow ugc noopener" class="text-blue-800 underline">
                        {t!(i18n, website)}
                    </a>
                </p>
            }
        })
        .map(IntoAny::into_any)
}

/// A fact in the reader's language: its number grouped their way, its source and its date.
fn fact_text<T>(l: Locale, f: &Fact<T>, n: impl Fn(&T) -> i64) -> String {
    format!(
        "{} ({}, {})",
        format_int(l, n(&f.value)),
        f.source,
        crate::lang::labels::fact_date(l, &f.date)
    )
}
