//! Header (navigation, language switch) and footer (attribution) around every page.

use crate::i18n::*;
use crate::lang::use_href;
use crate::links;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The header; `children` is the account link (the accounts domain's, handed in by `app.rs`).
#[component]
pub fn Header(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-900"
        >
            {t!(i18n, skip_to_content)}
        </a>
        <header class="border-b border-stone-200 bg-white">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
                <A
                    href=use_href(links::HOME)
                    exact=true
                    attr:class="text-xl font-bold text-blue-900 no-underline"
                >
                    "Cities"
                    <span class="text-yellow-700">"4"</span>
                    "Cities"
                </A>
                <nav aria-label=move || t_string!(i18n, nav_label).to_string()>
                    <ul class="flex flex-wrap gap-4">
                        <li>
                            // Exact: every address of a language starts with its home page's.
                            <A href=use_href(links::HOME) exact=true attr:class="nav-link">
                                {t!(i18n, nav_home)}
                            </A>
                        </li>
                        <li>
                            <A href=use_href(links::CATALOGUE) attr:class="nav-link">
                                {t!(i18n, nav_communities)}
                            </A>
                        </li>
                        <li>
                            <A href=use_href(links::REGISTRY) attr:class="nav-link">
                                {t!(i18n, nav_partnerships)}
                            </A>
                        </li>
                        <li>
                            <A href=use_href(links::ABOUT) attr:class="nav-link">
                                {t!(i18n, nav_about)}
                            </A>
                        </li>
                        <li>{children()}</li>
                    </ul>
                </nav>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// A real form: the server sets the language cookie and sends the reader back to the same
/// page in the chosen language (pages are rendered by the server, see `app.rs`).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let return_to = move || {
        let search = location.search.get();
        crate::lang::echoable(match search.as_str() {
            "" => location.pathname.get(),
            s if s.starts_with('?') => format!("{}{s}", location.pathname.get()),
            s => format!("{}?{s}", location.pathname.get()),
        })
    };
    let choice = move |locale: Locale, label: &'static str| {
        view! {
            <button
                type="submit"
                name="lang"
                value=locale.as_str()
                lang=locale.as_str()
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                class="lang-button"
            >
                {label}
            </button>
        }
    };
    view! {
        <form
            method="post"
            action=links::LANGUAGE_SWITCH
            class="flex flex-wrap items-center gap-1"
            aria-label=move || t_string!(i18n, switch_language).to_string()
        >
            <input type="hidden" name="return_to" value=return_to />
            {choice(Locale::uk, "Українська")}
            {choice(Locale::en, "English")}
            {choice(Locale::pl, "Polski")}
            {choice(Locale::de, "Deutsch")}
            {choice(Locale::fr, "Français")}
            {choice(Locale::sv, "Svenska")}
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="mt-12 border-t border-stone-200 bg-white">
            <div class="mx-auto max-w-6xl space-y-2 px-4 py-6 text-sm text-stone-700">
                <p>{t!(i18n, footer_tagline)}</p>
                <p>{t!(i18n, footer_data)} " " <GeoNamesCredit /></p>
                <nav aria-label=move || t_string!(i18n, footer_nav).to_string()>
                    <ul class="flex flex-wrap gap-x-5 gap-y-2" data-testid="footer-links">
                        {[
                            (
                                crate::links::ABOUT,
                                td_string!(i18n.get_locale_untracked(), about_title),
                            ),
                            (
                                crate::links::IMPRINT,
                                td_string!(i18n.get_locale_untracked(), imprint_title),
                            ),
                            (
                                crate::links::PRIVACY,
                                td_string!(i18n.get_locale_untracked(), privacy_title),
                            ),
                            (
                                crate::links::ACCESSIBILITY,
                                td_string!(i18n.get_locale_untracked(), accessibility_title),
                            ),
                        ]
                            .into_iter()
                            .map(|(href, label)| {
                                view! {
                                    <li>
                                        <a
                                            href=crate::lang::localize(
                                                i18n.get_locale_untracked(),
                                                href,
                                            )
                                            class="text-blue-800 underline"
                                        >
                                            {label.to_string()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// Links GeoNames and its licence, as CC BY 4.0 asks wherever its data is shown.
#[component]
pub fn GeoNamesCredit() -> impl IntoView {
    view! {
        <a href="https://www.geonames.org/" class="underline" rel="noopener">
            "GeoNames"
        </a>
        " · "
        <a
            href="https://creativecommons.org/licenses/by/4.0/"
            class="underline"
            rel="license noopener"
        >
            "CC BY 4.0"
        </a>
    }
}

/// The site's public address (`PUBLIC_URL` on the server, the page's origin in the browser),
/// without a trailing slash: for canonical links and link previews.
pub fn use_public_url() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::platform::state::AppState>()
            .map(|s| {
                s.settings
                    .server
                    .public_url
                    .trim_end_matches('/')
                    .to_string()
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::window()
            .location()
            .origin()
            .unwrap_or_default()
    }
}
