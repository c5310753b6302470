//! Account pages: sign up, sign in (and its second step), confirm an address, forgotten
//! password, new password, confirm a new address, and the account's settings. Every form is
//! a real form posting to its server function, so all of them work without JavaScript.

mod account;
mod mailed;
mod signing;

pub use account::{AccountLink, AccountPage, ResendLink};
pub use mailed::{EmailCancelPage, EmailConfirmPage, ForgotPage, ResetPage, VerifyPage};
pub use signing::{SecondFactorPage, SignInPage, SignUpPage};

use crate::i18n::*;
use crate::ui::status::no_store;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

fn query_param(name: &'static str) -> Memo<String> {
    let q = use_query_map();
    Memo::new(move |_| q.read().get(name).unwrap_or_default())
}

/// What every account page has: its title, not indexed, never stored by caches.
#[component]
fn AccountShell(title: String, children: Children) -> impl IntoView {
    no_store();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <Meta
            name="description"
            content=td_string!(use_i18n().get_locale_untracked(), account_description).to_string()
        />
        <section class="max-w-xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            {children()}
        </section>
    }
}
