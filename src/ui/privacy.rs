//! `/privacy`: what the platform keeps about whom, who sees it, for how long, and how to
//! have it deleted, in the reader's language. The periods are the code's own (the
//! clean-up's and the settings'), so the notice cannot drift from what happens.

use crate::i18n::*;
use crate::links::Notice;
use crate::ui::notice::UrlNotice;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let title = td_string!(i18n.get_locale_untracked(), privacy_title).to_string();
    let days = periods();
    let section = |heading: AnyView, body: AnyView| {
        view! {
            <section class="space-y-2">
                <h2 class="text-xl font-semibold">{heading}</h2>
                <p>{body}</p>
            </section>
        }
    };
    view! {
        <Title text=title.clone() />
        <Meta
            name="description"
            content=td_string!(i18n.get_locale_untracked(), privacy_lead).to_string()
        />
        <article class="max-w-3xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <UrlNotice accepted=&[Notice::RequestForgotten] />
            <p>{t!(i18n, privacy_lead)}</p>
            {section(
                t!(i18n, privacy_requests_title).into_any(),
                t!(i18n, privacy_requests_text).into_any(),
            )}
            {section(t!(i18n, privacy_who_title).into_any(), t!(i18n, privacy_who_text).into_any())}
            {section(
                t!(i18n, privacy_how_long_title).into_any(),
                t!(i18n, privacy_how_long_text, days = days.0.clone(), mail_days = days.1.clone())
                    .into_any(),
            )}
            {section(
                t!(i18n, privacy_accounts_title).into_any(),
                t!(i18n, privacy_accounts_text, place_days = days.2.clone()).into_any(),
            )}
            {section(
                t!(i18n, privacy_cookies_title).into_any(),
                t!(i18n, privacy_cookies_text).into_any(),
            )}
            {section(
                t!(i18n, privacy_delete_title).into_any(),
                t!(i18n, privacy_delete_text).into_any(),
            )}
            {section(
                t!(i18n, privacy_basis_title).into_any(),
                t!(i18n, privacy_basis_text).into_any(),
            )}
        </article>
    }
}

/// The periods the notice names, in days, as this server applies them: a closed request's
/// personal data, mail in the outbox, the places an account signed in from.
fn periods() -> (String, String, String) {
    #[cfg(feature = "ssr")]
    {
        let place = (crate::platform::cleanup::KNOWN_PLACE_KEEP_SECS / 86_400).to_string();
        let s = use_context::<crate::platform::AppState>()
            .map(|s| s.settings.clone())
            .unwrap_or_default();
        (
            s.requests.retention_days.to_string(),
            s.mail.retention_days.to_string(),
            place,
        )
    }
    // The notice is rendered on the server only (it is no island).
    #[cfg(not(feature = "ssr"))]
    {
        Default::default()
    }
}
