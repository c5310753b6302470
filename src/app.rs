//! The document shell and the router.

use crate::components::layout::{Footer, Header};
use crate::i18n::*;
use crate::routes::{
    about::About, catalogue::Catalogue, community::CommunityPage, home::Home, not_found::NotFound,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
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
                <div class="flex min-h-screen flex-col">
                    <Header />
                    <main id="main" class="mx-auto w-full max-w-6xl flex-1 px-4 py-8" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=Home ssr=SsrMode::Async />
                            <Route path=path!("/communities") view=Catalogue ssr=SsrMode::Async />
                            <Route path=path!("/c/:slug") view=CommunityPage ssr=SsrMode::Async />
                            <Route path=path!("/about") view=About ssr=SsrMode::Async />
                        </Routes>
                    </main>
                    <Footer />
                </div>
            </Router>
        </I18nContextProvider>
    }
}
