//! The interface language lives in the URL: Ukrainian pages at `/…`, the others under
//! `/en/…`, `/pl/…`, `/de/…`, `/fr/…`, `/sv/…`. These helpers build and read such paths;
//! `labels` says how numbers, countries and languages read, `translit` writes Ukrainian in
//! Latin letters, and `negotiate` (server) finds a reader's language from their request.

pub mod labels;
pub mod names;
#[cfg(feature = "ssr")]
pub mod negotiate;
pub mod plural;
pub mod translit;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::Outlet;

/// The cookie that remembers the reader's choice of language.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// Languages shown under a path prefix (Ukrainian, the default, has none).
pub const PREFIXED: [Locale; 5] = [Locale::en, Locale::pl, Locale::de, Locale::fr, Locale::sv];

/// Addresses longer than this are never written back into a page (alternates, the language
/// switch's way back): no page of ours has one, and a made-up one would be echoed many times.
pub const MAX_ECHOED_PATH: usize = 512;

/// `path`, if it is short enough to be written into a page; the home page otherwise.
pub fn echoable(path: String) -> String {
    if path.len() <= MAX_ECHOED_PATH {
        path
    } else {
        "/".to_string()
    }
}

/// Splits `/en/c/kyiv` into (`en`, `/c/kyiv`); an unprefixed path is Ukrainian.
pub fn split(path: &str) -> (Locale, &str) {
    for l in PREFIXED {
        let p = l.as_str();
        if let Some(rest) = path.strip_prefix('/').and_then(|r| r.strip_prefix(p)) {
            if rest.is_empty() {
                return (l, "/");
            }
            if rest.starts_with('/') || rest.starts_with('?') {
                return (l, rest);
            }
        }
    }
    (Locale::uk, path)
}

/// The path of `path` (unprefixed, starting with `/`) in `locale`.
pub fn localize(locale: Locale, path: &str) -> String {
    match locale {
        Locale::uk => path.to_string(),
        l if path == "/" => format!("/{}", l.as_str()),
        l if path.starts_with("/?") => format!("/{}{}", l.as_str(), &path[1..]),
        l => format!("/{}{path}", l.as_str()),
    }
}

/// A link target in the reader's current language.
pub fn use_href(path: impl Into<String>) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    let path = path.into();
    move || localize(i18n.get_locale(), &path)
}

/// The language `lang` (e.g. `en`) names; Ukrainian if none.
///
/// The interface languages are also the languages a card's texts may be written in.
pub fn locale_of(lang: &str) -> Locale {
    Locale::get_all()
        .iter()
        .copied()
        .find(|l| l.as_str() == lang)
        .unwrap_or_default()
}

/// The interface language inside an island (a part of the page the browser runs on its own,
/// outside the page's language context): `lang` is the page's, e.g. `en`.
///
/// On the server an island renders inside the page, whose context already holds this
/// language, so it takes that one. A subcontext there would start leptos_i18n's cookie
/// effect on a tokio task that outlives the island's render and then reads the disposed
/// island: that panic left about one server render in a few hundred waiting until the
/// request timed out.
pub fn provide_island_i18n(lang: &str) -> leptos_i18n::I18nContext<Locale> {
    #[cfg(feature = "ssr")]
    {
        let _ = lang;
        use_i18n()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let locale = locale_of(lang);
        let ctx =
            leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(locale)));
        provide_context(ctx);
        ctx
    }
}

/// Gives the page being rendered on the server its language context, in the language its
/// URL names; `<I18nContextProvider>` then finds it and makes none of its own.
///
/// leptos_i18n's own context starts an effect (it writes the language cookie) as a task on
/// the runtime. When the workers are busy that task first runs after the page was sent and
/// its reactive tree disposed, and panics reading the disposed language signal (`make
/// audit` caught it under load). Here the context is made in an owner of its own that is
/// paused at once: a paused effect never runs, and the cookie is ours to set anyway (the
/// language switch's route and the page cache do). Returns that owner (for the test).
#[cfg(feature = "ssr")]
pub fn provide_server_i18n() -> Option<Owner> {
    let locale = use_context::<http::request::Parts>()
        .map(|parts| split(parts.uri.path()).0)
        .unwrap_or_default();
    let own = Owner::current()?.child();
    // The language is set inside the owner too: the signal lives in that owner's arena, and
    // is written while that arena is the current one (written after `with` returned, it was
    // found disposed, rarely, under the whole test suite's load; README, "Decisions").
    let i18n = own.with(|| {
        let i18n = leptos_i18n::context::init_i18n_context_with_options::<Locale>(
            leptos_i18n::context::I18nContextOptions::default().enable_cookie(false),
        );
        i18n.set_locale_untracked(locale);
        i18n
    });
    own.pause();
    provide_context(i18n);
    // The page holds its children only weakly: this owner lives as long as the page does.
    let kept = own.clone();
    on_cleanup(move || drop(kept));
    Some(own)
}

/// Wraps the pages of one language: sets the interface language the URL names.
#[component]
pub fn LocaleScope(locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    // Before the pages below render, so that what they read once (titles) is in this language.
    if i18n.get_locale_untracked() != locale {
        i18n.set_locale(locale);
    }
    view! { <Outlet /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's language context is in the language of the page's URL whatever the
    /// request's cookie says, and the library's cookie effect in it is paused: it never runs
    /// on the server, so it cannot run after the page's tree is disposed.
    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn server_language_context_follows_the_url_and_starts_no_effect() {
        let _ = any_spawner::Executor::init_tokio();
        let page = Owner::new_root(None);
        let (i18n, own) = page.with(|| {
            let (parts, _) = http::Request::builder()
                .uri("/de/communities?q=lviv")
                .header(http::header::COOKIE, format!("{LANG_COOKIE}=fr"))
                .body(())
                .unwrap()
                .into_parts();
            provide_context(parts);
            let own = provide_server_i18n().expect("an owner");
            (use_i18n(), own)
        });
        assert_eq!(i18n.get_locale_untracked(), Locale::de);
        assert!(own.paused(), "the library's effects are paused");
        drop(own);
        assert_eq!(i18n.get_locale_untracked(), Locale::de, "the page keeps it");
        page.with(|| i18n.set_locale(Locale::sv));
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        assert_eq!(i18n.get_locale_untracked(), Locale::sv);
        page.unset();
    }

    #[test]
    fn paths_round_trip() {
        assert_eq!(split("/en/c/kyiv"), (Locale::en, "/c/kyiv"));
        assert_eq!(split("/de"), (Locale::de, "/"));
        assert_eq!(split("/c/kyiv"), (Locale::uk, "/c/kyiv"));
        assert_eq!(split("/enigma"), (Locale::uk, "/enigma"));
        assert_eq!(localize(Locale::fr, "/"), "/fr");
        assert_eq!(
            localize(Locale::fr, "/communities?q=a"),
            "/fr/communities?q=a"
        );
        assert_eq!(localize(Locale::uk, "/communities"), "/communities");
        assert_eq!(split(&localize(Locale::sv, "/c/x")), (Locale::sv, "/c/x"));
    }
}
