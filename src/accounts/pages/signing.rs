//! Signing up, signing in, and the second step of signing in.

use super::{query_param, AccountShell};
use crate::accounts::fns::*;
use crate::accounts::model::NAME_MAX;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, Field, FormError};
use crate::ui::notice::UrlNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    let error = last_error(action);
    let signin = use_href(links::SIGN_IN);
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), signup_title).to_string()>
            <p>{t!(i18n, signup_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <Field
                    label=tr!(i18n, field_name)
                    name="name"
                    id="signup-name"
                    autocomplete="name"
                    maxlength=NAME_MAX
                    error
                />
                <Field
                    label=tr!(i18n, field_email)
                    name="email"
                    id="signup-email"
                    kind="email"
                    autocomplete="email"
                    error
                />
                <Field
                    label=tr!(i18n, field_new_password)
                    name="password"
                    id="signup-password"
                    kind="password"
                    autocomplete="new-password"
                    maxlength=128
                    hint=tr!(i18n, password_hint)
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, signup_submit)}
                </button>
            </ActionForm>
            <p>
                {t!(i18n, signup_have_account)} " " <A href=signin attr:class="underline">
                    {t!(i18n, signin_title)}
                </A>
            </p>
        </AccountShell>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let error = last_error(action);
    let return_to = query_param("return_to");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), signin_title).to_string()>
            <UrlNotice accepted=&[
                Notice::SignedOutEverywhere,
                Notice::ChangeCancelled,
                Notice::AccountDeleted,
            ] />
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="return_to" value=move || return_to.get() />
                <Field
                    label=tr!(i18n, field_email)
                    name="email"
                    id="signin-email"
                    kind="email"
                    autocomplete="username"
                    error
                />
                <Field
                    label=tr!(i18n, field_password)
                    name="password"
                    id="signin-password"
                    kind="password"
                    autocomplete="current-password"
                    maxlength=128
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, signin_submit)}
                </button>
            </ActionForm>
            <ul class="space-y-1">
                <li>
                    <A href=use_href(links::FORGOT) attr:class="underline">
                        {t!(i18n, forgot_title)}
                    </A>
                </li>
                <li>
                    <A href=use_href(links::SIGN_UP) attr:class="underline">
                        {t!(i18n, signup_title)}
                    </A>
                </li>
            </ul>
        </AccountShell>
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SecondFactor>::new();
    let error = last_error(action);
    let return_to = query_param("return_to");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), second_factor_title)
            .to_string()>
            <p>{t!(i18n, second_factor_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="return_to" value=move || return_to.get() />
                <Field
                    label=tr!(i18n, field_code)
                    name="code"
                    id="second-factor-code"
                    autocomplete="one-time-code"
                    maxlength=16
                    hint=tr!(i18n, recovery_hint_sign_in)
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, second_factor_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}
