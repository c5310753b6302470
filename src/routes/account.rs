//! Account pages: sign up, sign in (and its second step), confirm an address, forgotten
//! password, new password, confirm a new address, and the account's settings. Every form is
//! a real form posting to its server function, so all of them work without JavaScript.

use crate::api::account::*;
use crate::components::forms::tr;
use crate::components::forms::{error_text, last_error, Field, FormError, Notice};
use crate::components::lang::use_href;
use crate::components::status::{no_store, ErrorNotice, Loading};
use crate::i18n::*;
use crate::model::account::CurrentUser;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
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
        <section class="max-w-xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            {children()}
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    let error = last_error(action);
    let signin = use_href("/account/signin");
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), signup_title).to_string()>
            <p>{t!(i18n, signup_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <Field label=tr!(i18n, field_name) name="name" id="signup-name" autocomplete="name" maxlength=NAME_MAX error />
                <Field label=tr!(i18n, field_email) name="email" id="signup-email" kind="email" autocomplete="email" error />
                <Field label=tr!(i18n, field_new_password) name="password" id="signup-password" kind="password"
                    autocomplete="new-password" maxlength=128 hint=tr!(i18n, password_hint) error />
                <button type="submit" class="button-primary">{t!(i18n, signup_submit)}</button>
            </ActionForm>
            <p>{t!(i18n, signup_have_account)} " " <A href=signin attr:class="underline">{t!(i18n, signin_title)}</A></p>
        </AccountShell>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let error = last_error(action);
    let return_to = query_param("return_to");
    let done = query_param("done");
    let notice = Signal::derive(move || {
        (done.get() == "signed_out_everywhere")
            .then(|| td_string!(i18n.get_locale(), notice_signed_out_everywhere).to_string())
    });
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), signin_title).to_string()>
            <Notice text=notice />
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="return_to" value=move || return_to.get() />
                <Field label=tr!(i18n, field_email) name="email" id="signin-email" kind="email" autocomplete="username" error />
                <Field label=tr!(i18n, field_password) name="password" id="signin-password" kind="password"
                    autocomplete="current-password" maxlength=128 error />
                <button type="submit" class="button-primary">{t!(i18n, signin_submit)}</button>
            </ActionForm>
            <ul class="space-y-1">
                <li><A href=use_href("/account/forgot") attr:class="underline">{t!(i18n, forgot_title)}</A></li>
                <li><A href=use_href("/account/signup") attr:class="underline">{t!(i18n, signup_title)}</A></li>
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
        <AccountShell title=td_string!(i18n.get_locale_untracked(), second_factor_title).to_string()>
            <p>{t!(i18n, second_factor_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="return_to" value=move || return_to.get() />
                <Field label=tr!(i18n, field_code) name="code" id="second-factor-code" autocomplete="one-time-code"
                    maxlength=7 error />
                <button type="submit" class="button-primary">{t!(i18n, second_factor_submit)}</button>
            </ActionForm>
        </AccountShell>
    }
}

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
                <button type="submit" class="button-primary">{t!(i18n, verify_submit)}</button>
            </ActionForm>
        </AccountShell>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestReset>::new();
    let error = last_error(action);
    let done = query_param("done");
    let notice = Signal::derive(move || {
        (done.get() == "sent").then(|| td_string!(i18n.get_locale(), notice_reset_sent).to_string())
    });
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), forgot_title).to_string()>
            <Notice text=notice />
            <p>{t!(i18n, forgot_lead)}</p>
            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                <FormError error />
                <Field label=tr!(i18n, field_email) name="email" id="forgot-email" kind="email" autocomplete="email" error />
                <button type="submit" class="button-primary">{t!(i18n, forgot_submit)}</button>
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
                <Field label=tr!(i18n, field_new_password) name="password" id="reset-password" kind="password"
                    autocomplete="new-password" maxlength=128 hint=tr!(i18n, password_hint) error />
                <button type="submit" class="button-primary">{t!(i18n, reset_submit)}</button>
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
        <AccountShell title=td_string!(i18n.get_locale_untracked(), email_confirm_title).to_string()>
            <p>{t!(i18n, email_confirm_lead)}</p>
            <ActionForm action attr:class="space-y-4">
                <FormError error />
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">{t!(i18n, email_confirm_submit)}</button>
            </ActionForm>
        </AccountShell>
    }
}

/// The account's settings: address, password, second factor, sessions.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let user = Resource::new(|| (), |_| me());
    let done = query_param("done");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        let text = match done.get().as_str() {
            "signed_up" => td_string!(l, notice_signed_up),
            "verified" => td_string!(l, notice_verified),
            "sent" => td_string!(l, notice_verification_sent),
            "password" => td_string!(l, notice_password_changed),
            "email_sent" => td_string!(l, notice_email_sent),
            "email_changed" => td_string!(l, notice_email_changed),
            "totp_on" => td_string!(l, notice_totp_on),
            "totp_off" => td_string!(l, notice_totp_off),
            "needs_2fa" => td_string!(l, notice_needs_2fa),
            "invited" => td_string!(l, notice_invited),
            "joined" => td_string!(l, notice_joined),
            _ => return None,
        };
        Some(text.to_string())
    });
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), account_title).to_string()>
            <Notice text=notice />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => view! { <AccountSettings user=u /> }.into_any(),
                        Ok(None) => {
                            let href = use_href("/account/signin?return_to=%2Faccount");
                            view! {
                                <p>{t!(i18n, err_sign_in_required)}</p>
                                <p><A href=href attr:class="button-primary">{t!(i18n, signin_title)}</A></p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountShell>
    }
}

#[component]
fn AccountSettings(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendVerification>::new();
    let resend_error = last_error(resend);
    let change_email = ServerAction::<ChangeEmail>::new();
    let email_error = last_error(change_email);
    let change_password = ServerAction::<ChangePassword>::new();
    let password_error = last_error(change_password);
    let sign_out = ServerAction::<SignOut>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let role = match user.role {
        crate::model::account::Role::Member => None,
        crate::model::account::Role::Coordinator => Some(tr!(i18n, role_coordinator)),
        crate::model::account::Role::Admin => Some(tr!(i18n, role_admin)),
    };
    view! {
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt class="font-semibold">{t!(i18n, field_name)}</dt>
            <dd>{user.name.clone()}</dd>
            <dt class="font-semibold">{t!(i18n, field_email)}</dt>
            <dd data-testid="account-email">{user.email.clone()}</dd>
            {role.map(|r| view! { <dt class="font-semibold">{t!(i18n, account_role)}</dt><dd>{move || r.get()}</dd> })}
        </dl>
        {(!user.email_verified).then(|| view! {
            <div class="space-y-2 rounded border border-yellow-400 bg-yellow-50 p-3">
                <p>{t!(i18n, account_unverified)}</p>
                <ActionForm action=resend>
                    <FormError error=resend_error />
                    <button type="submit" class="button-secondary">{t!(i18n, account_resend)}</button>
                </ActionForm>
            </div>
        })}
        <section class="space-y-3" aria-labelledby="email-heading">
            <h2 id="email-heading" class="text-xl font-semibold">{t!(i18n, account_change_email)}</h2>
            <ActionForm action=change_email attr:class="space-y-4" attr:novalidate="">
                <FormError error=email_error />
                <Field label=tr!(i18n, field_new_email) name="email" id="change-email" kind="email" autocomplete="email" error=email_error />
                <Field label=tr!(i18n, field_password) name="password" id="change-email-password" kind="password"
                    autocomplete="current-password" maxlength=128 error=email_error />
                <button type="submit" class="button-secondary">{t!(i18n, account_change_email_submit)}</button>
            </ActionForm>
        </section>
        <section class="space-y-3" aria-labelledby="password-heading">
            <h2 id="password-heading" class="text-xl font-semibold">{t!(i18n, account_change_password)}</h2>
            <ActionForm action=change_password attr:class="space-y-4" attr:novalidate="">
                <FormError error=password_error />
                <Field label=tr!(i18n, field_current_password) name="current" id="current-password" kind="password"
                    autocomplete="current-password" maxlength=128 error=password_error />
                <Field label=tr!(i18n, field_new_password) name="password" id="new-password" kind="password"
                    autocomplete="new-password" maxlength=128 hint=tr!(i18n, password_hint) error=password_error />
                <button type="submit" class="button-secondary">{t!(i18n, account_change_password_submit)}</button>
            </ActionForm>
        </section>
        <crate::routes::claims::MyCommunities />
        {user.is_coordinator().then(|| {
            let href = use_href("/coordinator");
            view! { <p><A href=href attr:class="button-secondary">{t!(i18n, coordinator_title)}</A></p> }
        })}
        <TwoFactor user=user.clone() />
        <section class="space-y-3" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading" class="text-xl font-semibold">{t!(i18n, account_sessions)}</h2>
            <div class="flex flex-wrap gap-3">
                <ActionForm action=sign_out>
                    <button type="submit" class="button-secondary">{t!(i18n, sign_out)}</button>
                </ActionForm>
                <ActionForm action=everywhere>
                    <button type="submit" class="button-secondary">{t!(i18n, sign_out_everywhere)}</button>
                </ActionForm>
            </div>
        </section>
    }
}

#[component]
fn TwoFactor(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let begin = ServerAction::<TotpBegin>::new();
    let begin_error = last_error(begin);
    let enable = ServerAction::<TotpEnable>::new();
    let enable_error = last_error(enable);
    let disable = ServerAction::<TotpDisable>::new();
    let disable_error = last_error(disable);
    let setup = Resource::new(move || begin.version().get(), |_| totp_pending());
    let required = user.role.needs_second_factor();
    let body = if user.totp_enabled {
        view! {
            <p data-testid="totp-state">{t!(i18n, totp_on)}</p>
            {(!required).then(|| view! {
                <ActionForm action=disable attr:class="space-y-4" attr:novalidate="">
                    <FormError error=disable_error />
                    <Field label=tr!(i18n, field_password) name="password" id="totp-off-password" kind="password"
                        autocomplete="current-password" maxlength=128 error=disable_error />
                    <Field label=tr!(i18n, field_code) name="code" id="totp-off-code" autocomplete="one-time-code" maxlength=7 error=disable_error />
                    <button type="submit" class="button-secondary">{t!(i18n, totp_disable)}</button>
                </ActionForm>
            })}
        }
        .into_any()
    } else {
        view! {
            {required.then(|| view! { <p role="alert" class="rounded border border-yellow-400 bg-yellow-50 p-3">{t!(i18n, notice_needs_2fa)}</p> })}
            <p data-testid="totp-state">{t!(i18n, totp_off)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match setup.await {
                        Ok(Some(s)) => view! {
                            <ol class="list-decimal space-y-2 pl-6">
                                <li>{t!(i18n, totp_scan)}</li>
                                <li>{t!(i18n, totp_type_code)}</li>
                            </ol>
                            <figure class="space-y-1">
                                <div class="inline-block bg-white" role="img" aria-label=move || t_string!(i18n, totp_qr_label).to_string() inner_html=s.qr_svg.clone()></div>
                                <figcaption class="text-sm">{t!(i18n, totp_secret_label)} " " <code data-testid="totp-secret" class="break-all">{s.secret.clone()}</code></figcaption>
                            </figure>
                            <ActionForm action=enable attr:class="space-y-4" attr:novalidate="">
                                <FormError error=enable_error />
                                <Field label=tr!(i18n, field_code) name="code" id="totp-on-code" autocomplete="one-time-code" maxlength=7 error=enable_error />
                                <button type="submit" class="button-primary">{t!(i18n, totp_enable)}</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => view! {
                            <ActionForm action=begin>
                                <FormError error=begin_error />
                                <button type="submit" class="button-secondary">{t!(i18n, totp_begin)}</button>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    };
    view! {
        <section id="security" class="space-y-3" aria-labelledby="security-heading">
            <h2 id="security-heading" class="text-xl font-semibold">{t!(i18n, totp_title)}</h2>
            {body}
        </section>
    }
}

/// The header's account link: "Sign in", or the signed-in person's account.
#[component]
pub fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    // Asked again on every navigation, so signing in or out shows at once.
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(move || location.pathname.get(), |_| me());
    let signin = use_href("/account/signin");
    let account = use_href("/account");
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (signin, account) = (signin.clone(), account.clone());
                Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => view! { <A href=account attr:class="nav-link" attr:data-testid="account-link">{t!(i18n, account_title)}</A> }.into_any(),
                        _ => view! { <A href=signin attr:class="nav-link" attr:data-testid="signin-link">{t!(i18n, signin_title)}</A> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
