//! The pages mailed links open (each with a button: nothing changes on GET), and asking for a
//! password-reset link.

use super::{query_param, AccountShell};
use crate::accounts::fns::*;
use crate::i18n::*;
use crate::links::Notice;
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, Field, FormError};
use crate::ui::notice::UrlNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Opened from the mail: a button confirms (no state change on GET).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmEmail>::new();
    let error = last_error(action);
    let token = query_param("token");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), verify_title).to_string()>
            <p>{t!(i18n, verify_lead)}</p>
            <ActionForm action attr:class="space-y-4">
                <FormError error />
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">
                    {t!(i18n, verify_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestReset>::new();
    let error = last_error(action);
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), forgot_title).to_string()>
            <UrlNotice accepted=&[Notice::ResetSent] />
            <p>{t!(i18n, forgot_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <Field
                    label=tr!(i18n, field_email)
                    name="email"
                    id="forgot-email"
                    kind="email"
                    autocomplete="email"
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, forgot_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = last_error(action);
    let token = query_param("token");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), reset_title).to_string()>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="token" value=move || token.get() />
                <Field
                    label=tr!(i18n, field_new_password)
                    name="password"
                    id="reset-password"
                    kind="password"
                    autocomplete="new-password"
                    maxlength=128
                    hint=tr!(i18n, password_hint)
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, reset_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}

/// Opened from the mail sent to a new address: a button moves the account there.
#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = last_error(action);
    let token = query_param("token");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), email_confirm_title)
            .to_string()>
            <p>{t!(i18n, email_confirm_lead)}</p>
            <ActionForm action attr:class="space-y-4">
                <FormError error />
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">
                    {t!(i18n, email_confirm_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}

/// Opened from the notice sent to the old address: a button cancels the change.
#[component]
pub fn EmailCancelPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CancelEmailChange>::new();
    let error = last_error(action);
    let token = query_param("token");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), email_cancel_title).to_string()>
            <p>{t!(i18n, email_cancel_lead)}</p>
            <ActionForm action attr:class="space-y-4">
                <FormError error />
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">
                    {t!(i18n, email_cancel_submit)}
                </button>
            </ActionForm>
        </AccountShell>
    }
}
