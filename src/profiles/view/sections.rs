//! The parts of a business card a community writes, in reading order: who we are, why partner
//! with us, what we offer, what we need, facts, partners, what partner we seek, contact.
use crate::i18n::*;
use crate::lang::labels::{country_name, format_int, language_name};
use crate::profiles::labels::{status_label, theme_label};
use crate::profiles::model::{Fact, Profile, Text};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// A profile text in the reader's language, or in the language it falls back to, marked as
/// such for screen readers (`lang`); the card says once which languages it is written in
/// (`CardLanguages`), not after every paragraph.
#[component]
fn LocalText(text: Text) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let l = i18n.get_locale();
        text.get(l.as_str()).map(|t| {
            let lang = t.lang.to_string();
            let body = t.text.to_string();
            view! { <span lang=lang>{body}</span> }
        })
    }
}

/// Which languages the card is written in, the reader's first; when the reader's is not
/// among them, which language its texts are shown in instead.
#[component]
pub fn CardLanguages(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let written = profile.languages();
    (!written.is_empty()).then(move || {
        let line = move || {
            let reader = i18n.get_locale();
            let mut langs = written.clone();
            langs.sort_by_key(|l| {
                (
                    l.as_str() != reader.as_str(),
                    Locale::get_all()
                        .iter()
                        .position(|x| x.as_str() == l.as_str()),
                )
            });
            let names = langs
                .iter()
                .map(|l| language_name(reader, l))
                .collect::<Vec<_>>()
                .join(", ");
            let mut text = t_string!(i18n, card_languages, languages = names).to_string();
            if !langs.iter().any(|l| l.as_str() == reader.as_str()) {
                let shown = ["en", "uk"]
                    .into_iter()
                    .find(|f| langs.iter().any(|l| l == f))
                    .map(str::to_string)
                    .or_else(|| langs.first().cloned())
                    .unwrap_or_default();
                text.push(' ');
                text.push_str(&t_string!(
                    i18n,
                    card_languages_fallback,
                    reader = language_name(reader, reader.as_str()),
                    shown = language_name(reader, &shown)
                ));
            }
            text
        };
        view! {
            <p class="text-sm text-stone-700 print:hidden" data-testid="card-languages">
                {line}
            </p>
        }
    })
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
            let blocks = rendered(t.text);
            view! {
                <div lang=lang class="space-y-2">
                    {blocks}
                </div>
            }
        })
    }
}

/// A section titled `title`; `class` e.g. `print:hidden` for what the printed card leaves out.
fn section(id: &'static str, title: AnyView, body: AnyView, class: &'static str) -> impl IntoView {
    view! {
        <section aria-labelledby=id class=class>
            <h2 id=id class="mb-2 text-xl font-semibold">
                {title}
            </h2>
            {body}
        </section>
    }
}

/// The card's sections in the order a reader deciding whether to write needs them:
/// `part` 1, what to decide on (the picture, what the community offers and needs, whom to
/// write to, or `ask`: the address of the request form when it names nobody); 2, the story
/// (who we are, the economy, why partner with us, the card's facts); 3, the rest (existing
/// partners and the partner sought, the website, more photos).
#[component]
pub fn ProfileSections(
    profile: Profile,
    part: u8,
    #[prop(optional, into)] ask: Option<String>,
) -> impl IntoView {
    let p = &profile;
    match part {
        1 => view! {
            {hero(p)}
            {offers(p)}
            {projects(p)}
            {contact(p, ask)}
        }
        .into_any(),
        2 => view! {
            {about(p)}
            {economy(p)}
            {why(p)}
            {facts(p)}
        }
        .into_any(),
        _ => view! {
            {partners(p)}
            {website(p)}
            {gallery(p)}
        }
        .into_any(),
    }
}

/// The logo and the first photo, large: the picture a reader meets the community by.
fn hero(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    let alt = |img: &crate::profiles::model::Image| {
        let alt = img.alt.clone();
        move || {
            alt.get(i18n.get_locale().as_str())
                .map(|t| t.text.to_string())
                .unwrap_or_default()
        }
    };
    (p.logo.is_some() || !p.photos.is_empty())
        .then(|| {
            let logo = p.logo.as_ref().map(|img| {
                view! {
                    <img
                        src=img.url.clone()
                        class="h-20 w-20 shrink-0 object-contain"
                        alt=alt(img)
                        data-testid="logo"
                    />
                }
            });
            let photo = p.photos.first().map(|img| {
                view! {
                    <img
                        src=img.url.clone()
                        class="hero max-h-[26rem] w-full rounded-lg object-cover"
                        alt=alt(img)
                        data-testid="hero"
                    />
                }
            });
            view! {
                <div class="flex flex-col gap-3 sm:flex-row sm:items-start" data-testid="photos">
                    {logo}
                    {photo}
                </div>
            }
        })
        .map(IntoAny::into_any)
}

/// The photos after the first, small.
fn gallery(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (p.photos.len() > 1)
        .then(|| {
            let images = p
                .photos
                .iter()
                .skip(1)
                .map(|img| {
                    let alt = img.alt.clone();
                    view! {
                        <li>
                            <img
                                src=img.thumb.clone().unwrap_or_else(|| img.url.clone())
                                class="h-40 w-auto rounded object-cover"
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
                <ul class="flex flex-wrap gap-3 print:hidden" data-testid="gallery">
                    {images}
                </ul>
            }
        })
        .map(IntoAny::into_any)
}

/// Who we are.
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
                    </div>
                }
                .into_any(),
                "print:hidden",
            )
        })
        .map(IntoAny::into_any)
}

/// The economy: main sectors and assets (a section of its own, whether or not the card says
/// who the community is).
fn economy(p: &Profile) -> Option<AnyView> {
    let i18n = use_i18n();
    (!p.economy.is_empty())
        .then(|| {
            section(
                "economy-heading",
                t!(i18n, section_economy).into_any(),
                view! {
                    <div class="max-w-prose space-y-2" data-testid="economy">
                        <RichText text=p.economy.clone() />
                    </div>
                }
                .into_any(),
                "print:hidden",
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
                    <div class="why max-w-prose">
                        <RichText text=p.why_partner.clone() />
                    </div>
                }
                .into_any(),
                "",
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
                                        <div class="text-sm print:hidden">
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
                "",
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
                                    <div class="text-sm print:hidden">
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
            "",
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
                "print:hidden",
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
            <section aria-labelledby="partners-heading" class="print:hidden">
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

/// The head and the contacts, and whether delegations can come; when the card names nobody,
/// the way to ask through the platform (`ask`, the request form's address).
fn contact(p: &Profile, ask: Option<String>) -> Option<AnyView> {
    let i18n = use_i18n();
    if p.contacts.is_empty() && p.head.is_none() {
        return ask.map(|href| {
            view! {
                <section aria-labelledby="contact-heading" data-testid="contact-ask">
                    <h2 id="contact-heading" class="mb-2 text-xl font-semibold">
                        {t!(i18n, section_contact)}
                    </h2>
                    <p class="max-w-prose">{t!(i18n, contact_ask_platform)}</p>
                    <p class="mt-2 print:hidden">
                        <a href=href class="button-primary">
                            {t!(i18n, request_partnership)}
                        </a>
                    </p>
                </section>
            }
            .into_any()
        });
    }
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
                <p class="print:hidden">
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
