//! The document shell and the router.

use crate::components::lang::LocaleScope;
use crate::components::layout::{Footer, Header};
use crate::i18n::*;
use crate::routes::{
    about::About, catalogue::Catalogue, community::CommunityPage, home::Home, lazy,
    municipality::MunicipalityPage, not_found::NotFound, partner::PartnerRequest,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The pages, mounted once per language: under `/en`, `/pl`, `/de`, `/fr`, `/sv`, and without
/// a prefix for Ukrainian (see `components::lang`).
macro_rules! localized_routes {
    () => {
        localized_routes!("/en" => Locale::en, "/pl" => Locale::pl, "/de" => Locale::de,
            "/fr" => Locale::fr, "/sv" => Locale::sv, "" => Locale::uk)
    };
    ($($prefix:tt => $locale:expr),*) => {
        view! {
            <Routes fallback=NotFound>
                $(
                <ParentRoute path=path!($prefix) view=|| view! { <LocaleScope locale=$locale /> } ssr=SsrMode::Async>
                    <Route path=path!("/") view=Home ssr=SsrMode::Async />
                    <Route path=path!("/communities") view=Catalogue ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug") view=CommunityPage ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/partner") view=PartnerRequest ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/claim") view={Lazy::<lazy::Claim>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/edit") view={Lazy::<lazy::Edit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/history") view={Lazy::<lazy::History>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/m/:country/:slug") view=MunicipalityPage ssr=SsrMode::Async />
                    <Route path=path!("/about") view=About ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<lazy::Account>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/signup") view={Lazy::<lazy::SignUp>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/signin") view={Lazy::<lazy::SignIn>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/2fa") view={Lazy::<lazy::SecondFactor>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/verify") view={Lazy::<lazy::Verify>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/forgot") view={Lazy::<lazy::Forgot>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/reset") view={Lazy::<lazy::Reset>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/email") view={Lazy::<lazy::EmailConfirm>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/invitation") view={Lazy::<lazy::Invitation>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/coordinator") view={Lazy::<lazy::Coordinator>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/audit") view={Lazy::<lazy::Audit>::new()} ssr=SsrMode::Async />
                </ParentRoute>
                )*
            </Routes>
        }
    };
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::http::provide_split_manifest(&options);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name) />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-stone-50 text-stone-900 antialiased">
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
            <Meta name="theme-color" content="#0b4f9c" />
            <Title formatter=|text: String| {
                if text.is_empty() { "Cities4Cities".to_string() } else { format!("{text} · Cities4Cities") }
            } />
            <Router>
                <Alternates />
                <div class="flex min-h-screen flex-col">
                    <Header />
                    <main id="main" class="mx-auto w-full max-w-6xl flex-1 px-4 py-8" tabindex="-1">
                        {localized_routes!()}
                    </main>
                    <Footer />
                </div>
            </Router>
        </I18nContextProvider>
    }
}

/// `hreflang` alternates of the current page in every language, for search engines.
#[component]
fn Alternates() -> impl IntoView {
    use leptos_i18n::Locale as _;
    let location = leptos_router::hooks::use_location();
    let base = crate::components::layout::use_public_url();
    let path = move || {
        let p = location.pathname.get();
        crate::components::lang::split(&p).1.to_string()
    };
    Locale::get_all()
        .iter()
        .map(|l| {
            let (l, base) = (*l, base.clone());
            (move || {
                let href = format!("{base}{}", crate::components::lang::localize(l, &path()));
                view! { <Link rel="alternate" hreflang=l.as_str() href=href /> }
            })
            .into_any()
        })
        .chain(std::iter::once({
            let base = base.clone();
            (move || {
                let href = format!("{base}{}", path());
                view! { <Link rel="alternate" hreflang="x-default" href=href /> }
            })
            .into_any()
        }))
        .collect_view()
}
