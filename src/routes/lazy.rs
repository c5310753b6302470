//! Pages the browser loads only when they are visited.
//!
//! Release builds run `cargo leptos build --split`: the code reachable only from these routes
//! (the profile editor and history, the account pages, claiming, invitations and the coordinator
//! desk) is cut out of the main WebAssembly file into chunks fetched on first use, so a visitor
//! who only searches the catalogue and reads business cards never downloads it. On the server,
//! and in builds without `--split`, a lazy route renders exactly like an ordinary one.
//!
//! The public pages (home, catalogue, community, municipality, about) stay in the main file:
//! measured with every page lazy, the catalogue's first load shrank by 4 % but the community
//! page's — the link people share — grew by 18 %, since the chunks it shares with other pages
//! are compressed one by one.

use crate::routes::account::{
    AccountPage, EmailConfirmPage, ForgotPage, ResetPage, SecondFactorPage, SignInPage, SignUpPage,
    VerifyPage,
};
use crate::routes::audit::AuditPage;
use crate::routes::claims::{ClaimPage, CoordinatorPage, InvitationPage};
use crate::routes::editor::{EditPage, HistoryPage};

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// One route type per page: `Lazy::<Edit>::new()` in the router loads `EditPage`'s chunk.
/// The pages fetch their own data, so a route has nothing to start before its code arrives.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("Lazily loaded [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    Edit => EditPage,
    History => HistoryPage,
    Account => AccountPage,
    SignUp => SignUpPage,
    SignIn => SignInPage,
    SecondFactor => SecondFactorPage,
    Verify => VerifyPage,
    Forgot => ForgotPage,
    Reset => ResetPage,
    EmailConfirm => EmailConfirmPage,
    Claim => ClaimPage,
    Invitation => InvitationPage,
    Coordinator => CoordinatorPage,
    Audit => AuditPage,
}
