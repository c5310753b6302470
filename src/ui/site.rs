//! The pages every public site has: who runs it and how to reach them (`/imprint`), and the
//! accessibility statement the EU's web accessibility directive asks of public-sector sites
//! (`/accessibility`). The operator's details are the installation's settings (`[operator]`).

use crate::i18n::*;
use crate::lang::use_href;
use crate::links;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The operator's details (`[operator]` in the settings).
#[derive(Default)]
struct Operator {
    name: String,
    address: String,
    email: String,
    accessibility_authority_url: String,
}

/// The operator's details as this server is configured (rendered on the server only).
fn operator() -> Operator {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::platform::AppState>()
            .map(|s| {
                let o = &s.settings.operator;
                Operator {
                    name: o.name.clone(),
                    address: o.address.clone(),
                    email: o.email.clone(),
                    accessibility_authority_url: o.accessibility_authority_url.clone(),
                }
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Default::default()
    }
}

/// The operator's address to write to, as a link; or a plain "not entered yet".
fn email_link(email: &str) -> AnyView {
    let i18n = use_i18n();
    if email.is_empty() {
        view! { <span data-testid="operator-email">{t!(i18n, site_not_entered)}</span> }.into_any()
    } else {
        view! {
            <a
                href=format!("mailto:{email}")
                class="text-blue-800 underline"
                data-testid="operator-email"
            >
                {email.to_string()}
            </a>
        }
        .into_any()
    }
}

fn section(id: &'static str, heading: AnyView, body: AnyView) -> impl IntoView {
    view! {
        <section aria-labelledby=id class="space-y-2">
            <h2 id=id class="text-xl font-semibold">
                {heading}
            </h2>
            {body}
        </section>
    }
}

/// `/imprint`: who runs this site, and whom to ask about what.
#[component]
pub fn ImprintPage() -> impl IntoView {
    let i18n = use_i18n();
    let title = td_string!(i18n.get_locale_untracked(), imprint_title).to_string();
    let op = operator();
    let name = op.name.clone();
    let address: Vec<String> = op
        .address
        .split(',')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let link = |href: &'static str, label: AnyView| {
        view! {
            <a href=use_href(href) class="text-blue-800 underline">
                {label}
            </a>
        }
    };
    view! {
        <Title text=title.clone() />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), imprint_lead).to_string()
        />
        <article class="max-w-3xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{t!(i18n, imprint_lead)}</p>
            {section(
                "operator-heading",
                t!(i18n, imprint_operator).into_any(),
                view! {
                    <address class="not-italic" data-testid="operator">
                        {if name.is_empty() {
                            view! { <p>{t!(i18n, site_not_entered)}</p> }.into_any()
                        } else {
                            view! { <p class="font-medium">{name}</p> }.into_any()
                        }}
                        {address.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                        <p>{t!(i18n, imprint_email)} " " {email_link(&op.email)}</p>
                    </address>
                }
                    .into_any(),
            )}
            {section(
                "contact-heading",
                t!(i18n, imprint_contact).into_any(),
                view! {
                    <ul class="list-disc space-y-1 pl-6">
                        <li>
                            {t!(i18n, imprint_contact_partner)} " "
                            {link(
                                links::FIND_PARTNER,
                                t!(i18n, imprint_contact_partner_link).into_any(),
                            )}
                        </li>
                        <li>{t!(i18n, imprint_contact_card)}</li>
                        <li>
                            {t!(i18n, imprint_contact_data)} " "
                            {link(links::PRIVACY, t!(i18n, privacy_title).into_any())}
                        </li>
                        <li>
                            {t!(i18n, imprint_contact_barriers)} " "
                            {link(links::ACCESSIBILITY, t!(i18n, accessibility_title).into_any())}
                        </li>
                    </ul>
                }
                    .into_any(),
            )}
            {section(
                "sources-heading",
                t!(i18n, imprint_sources).into_any(),
                view! {
                    <p>
                        {t!(i18n, imprint_sources_text)} " "
                        {link(links::ABOUT, t!(i18n, about_title).into_any())}
                    </p>
                }
                    .into_any(),
            )}
        </article>
    }
}

/// When the statement was last reviewed against the site (a new review changes it).
pub const ACCESSIBILITY_REVIEWED: &str = "2026-12-02";

/// `/accessibility`: the accessibility statement, after the EU's model statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = td_string!(locale, accessibility_title).to_string();
    let op = operator();
    let operator_name = if op.name.is_empty() {
        "Cities4Cities".to_string()
    } else {
        op.name.clone()
    };
    let reviewed = crate::lang::labels::fact_date(locale, ACCESSIBILITY_REVIEWED);
    let authority = op.accessibility_authority_url.clone();
    view! {
        <Title text=title.clone() />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), accessibility_description).to_string()
        />
        <article class="max-w-3xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{t!(i18n, accessibility_lead, operator = operator_name)}</p>
            {section(
                "status-heading",
                t!(i18n, accessibility_status).into_any(),
                view! { <p data-testid="conformance">{t!(i18n, accessibility_status_text)}</p> }
                    .into_any(),
            )}
            {section(
                "barriers-heading",
                t!(i18n, accessibility_barriers).into_any(),
                view! {
                    <ul class="list-disc space-y-1 pl-6" data-testid="barriers">
                        <li>{t!(i18n, accessibility_barrier_texts)}</li>
                        <li>{t!(i18n, accessibility_barrier_pictures)}</li>
                        <li>{t!(i18n, accessibility_barrier_map)}</li>
                        <li>{t!(i18n, accessibility_barrier_pdf)}</li>
                    </ul>
                }
                    .into_any(),
            )}
            {section(
                "method-heading",
                t!(i18n, accessibility_method).into_any(),
                view! { <p>{t!(i18n, accessibility_method_text, date = reviewed)}</p> }.into_any(),
            )}
            {section(
                "feedback-heading",
                t!(i18n, accessibility_feedback).into_any(),
                view! {
                    <p>{t!(i18n, accessibility_feedback_text)}</p>
                    <p>{t!(i18n, imprint_email)} " " {email_link(&op.email)}</p>
                }
                    .into_any(),
            )}
            {section(
                "enforcement-heading",
                t!(i18n, accessibility_enforcement).into_any(),
                view! {
                    <p>{t!(i18n, accessibility_enforcement_text)}</p>
                    {(!authority.is_empty())
                        .then(|| {
                            view! {
                                <p>
                                    <a
                                        href=authority.clone()
                                        class="text-blue-800 underline"
                                        rel="noopener"
                                    >
                                        {authority.clone()}
                                    </a>
                                </p>
                            }
                        })}
                }
                    .into_any(),
            )}
        </article>
    }
}
