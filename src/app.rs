//! The document shell and the route table: the one place (with `startup` and `cli`) that
//! knows every domain. It mounts each domain's pages and hands a page the parts other
//! domains contribute to it (the account link in the header, the actions on a community's
//! page and a municipality's, the communities on the account page, the admin's part of the
//! coordinators' desk).
//!
//! Pages are rendered by the server; the browser runs only the parts marked `#[island]`: the
//! catalogue's search and results (`catalogue::pages::catalogue`), the business-card editor
//! (`profiles::editor`, its code fetched on that page only) and the card's copy and print
//! buttons (`profiles::view`). Every other form is a plain form that a server function
//! answers with a redirect, the same with JavaScript or without.

use crate::accounts::pages::{
    AccountLink, AccountPage, EmailCancelPage, EmailConfirmPage, ForgotPage, ResetPage,
    SecondFactorPage, SignInPage, SignUpPage, VerifyPage,
};
use crate::admin::pages::{AdminSection, AuditPage};
use crate::catalogue::pages::{
    about::About, catalogue::Catalogue, community::CommunityPage, home::Home,
    shortlist::ShortlistPage,
};
use crate::claims::pages::{
    ClaimPage, CommunityActions, CoordinatorPage, InvitationPage, MyCommunities,
};
use crate::i18n::*;
use crate::identity::Slug;
use crate::lang::LocaleScope;
use crate::municipalities::page::MunicipalityPage;
use crate::partnerships::pages::{
    CasePage, CommunityPartnerships, CommunityRequestsPage, DeskPage, HomeCounters,
    ImportBatchPage, ImportPage, MunicipalityPartners, PartnerRequest, PartnershipPage,
    QuietPartnershipsQueue, RegistryPage, RequestStatusPage, StatsPage,
};
use crate::profiles::editor::EditPage;
use crate::profiles::history::HistoryPage;
use crate::ui::layout::{Footer, Header};
use crate::ui::not_found::NotFound;
use crate::ui::privacy::PrivacyPage;
use crate::ui::site::{AccessibilityPage, ImprintPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The pages, mounted once per language: under `/en`, `/pl`, `/de`, `/fr`, `/sv`, and without
/// a prefix for Ukrainian (see `lang`).
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
                    <Route path=path!("/") view=|| view! { <Home partnerships=home_counters /> } ssr=SsrMode::Async />
                    <Route path=path!("/communities") view=Catalogue ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug") view=|| view! { <CommunityPage actions=community_actions partnerships=community_partnerships /> } ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/partner") view=PartnerRequest ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/requests") view=CommunityRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/partner") view=PartnerRequest ssr=SsrMode::Async />
                    <Route path=path!("/shortlist") view=ShortlistPage ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/claim") view=|| view! { <ClaimPage resend=resend_link /> } ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/edit") view=EditPage ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug/history") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/m/:country/:slug") view=|| view! { <MunicipalityPage partners=municipality_partners /> } ssr=SsrMode::Async />
                    <Route path=path!("/partnerships") view=RegistryPage ssr=SsrMode::Async />
                    <Route path=path!("/p/:id") view=PartnershipPage ssr=SsrMode::Async />
                    <Route path=path!("/stats") view=StatsPage ssr=SsrMode::Async />
                    <Route path=path!("/about") view=About ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("/imprint") view=ImprintPage ssr=SsrMode::Async />
                    <Route path=path!("/accessibility") view=AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("/requests/:token") view=RequestStatusPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=|| view! { <AccountPage communities=my_communities /> } ssr=SsrMode::Async />
                    <Route path=path!("/account/signup") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/account/signin") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/account/2fa") view=SecondFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/account/verify") view=VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/account/forgot") view=ForgotPage ssr=SsrMode::Async />
                    <Route path=path!("/account/reset") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("/account/email") view=EmailConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/account/cancel") view=EmailCancelPage ssr=SsrMode::Async />
                    <Route path=path!("/account/invitation") view=InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator") view=|| view! { <CoordinatorPage admin=admin_section quiet=quiet_partnerships /> } ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/requests") view=DeskPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/requests/:id") view=CasePage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/partnerships/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/coordinator/partnerships/import/:id") view=ImportBatchPage ssr=SsrMode::Async />
                </ParentRoute>
                )*
            </Routes>
        }
    };
}

/// What a signed-in reader may do on a community's page (claims).
fn community_actions(slug: Slug) -> AnyView {
    view! { <CommunityActions slug /> }.into_any()
}

/// The registry's counters on the home page (partnerships).
fn home_counters() -> AnyView {
    view! { <HomeCounters /> }.into_any()
}

/// A community's partnerships of the registry, on its page (partnerships).
fn community_partnerships(slug: Slug) -> AnyView {
    view! { <CommunityPartnerships slug /> }.into_any()
}

/// A European municipality's Ukrainian partners, on its page (partnerships).
fn municipality_partners(country: String, slug: String) -> AnyView {
    view! { <MunicipalityPartners country slug /> }.into_any()
}

/// "Send the link again" on the claim page, for an address not yet confirmed (accounts).
fn resend_link(back: String) -> AnyView {
    view! { <crate::accounts::pages::ResendLink back=Some(back) /> }.into_any()
}

/// The communities one edits, on the account page (claims).
fn my_communities() -> AnyView {
    view! { <MyCommunities /> }.into_any()
}

/// Partnerships without activity, in the coordinators' queue (partnerships).
fn quiet_partnerships() -> AnyView {
    view! { <QuietPartnershipsQueue /> }.into_any()
}

/// The administrators' part of the coordinators' desk (admin).
fn admin_section() -> AnyView {
    view! { <AdminSection /> }.into_any()
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link
                    rel="stylesheet"
                    href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
                />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <script src="/forms.js" defer></script>
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
    #[cfg(feature = "ssr")]
    let _ = crate::lang::provide_server_i18n();
    view! {
        <I18nContextProvider>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
            <Meta name="theme-color" content="#0b4f9c" />
            <Title formatter=|text: String| {
                if text.is_empty() {
                    "Cities4Cities".to_string()
                } else {
                    format!("{text} · Cities4Cities")
                }
            } />
            <Router>
                <Alternates />
                <div class="flex min-h-screen flex-col">
                    <Header>
                        <AccountLink />
                    </Header>
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
    let base = crate::ui::layout::use_public_url();
    let path = move || {
        let p = crate::lang::echoable(location.pathname.get());
        crate::lang::split(&p).1.to_string()
    };
    Locale::get_all()
        .iter()
        .map(|l| {
            let (l, base) = (*l, base.clone());
            (move || {
                let href = format!("{base}{}", crate::lang::localize(l, &path()));
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
