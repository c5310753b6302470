//! The account page: address, password, second factor, sessions; and the header's link to it.

use super::AccountShell;
use crate::accounts::fns::*;
use crate::i18n::*;
use crate::identity::CurrentUser;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::ui::forms::tr;
use crate::ui::forms::{error_text, last_error, Field, FormError};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{ErrorNotice, Loading};
use crate::ui::time::LocalTime;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// The account's settings: address, password, second factor, sessions; `communities` is the
/// list of communities the person edits (the claims domain's, handed in by `app.rs`).
#[component]
pub fn AccountPage(communities: fn() -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let user = Resource::new(|| (), |_| me());
    view! {
        <AccountShell title=td_string!(i18n.get_locale_untracked(), account_title).to_string()>
            <UrlNotice accepted=&[
                Notice::SignedUp,
                Notice::EmailVerified,
                Notice::VerificationSent,
                Notice::PasswordChanged,
                Notice::EmailSent,
                Notice::EmailChanged,
                Notice::TotpOn,
                Notice::TotpOff,
                Notice::NeedsSecondFactor,
                Notice::Invited,
                Notice::Joined,
            ] />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => view! { <AccountSettings user=u communities /> }.into_any(),
                        Ok(None) => {
                            let href = use_href(links::sign_in_then(links::ACCOUNT));
                            view! {
                                <p>{t!(i18n, err_sign_in_required)}</p>
                                <p>
                                    <A href=href attr:class="button-primary">
                                        {t!(i18n, signin_title)}
                                    </A>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountShell>
    }
}

/// "Send the link again" for an address not yet confirmed; `back` is the page to return to
/// (the account page when `None`), where the notice says it was sent.
#[component]
pub fn ResendLink(back: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendVerification>::new();
    let resend_error = last_error(resend);
    view! {
        <ActionForm action=resend>
            <FormError error=resend_error />
            {back.map(|b| view! { <input type="hidden" name="back" value=b /> })}
            <button type="submit" class="button-secondary">
                {t!(i18n, account_resend)}
            </button>
        </ActionForm>
    }
}

#[component]
fn AccountSettings(user: CurrentUser, communities: fn() -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let change_email = ServerAction::<ChangeEmail>::new();
    let email_error = last_error(change_email);
    let change_password = ServerAction::<ChangePassword>::new();
    let password_error = last_error(change_password);
    let sign_out = ServerAction::<SignOut>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let role = match user.role {
        crate::identity::Role::Member => None,
        crate::identity::Role::Coordinator => Some(tr!(i18n, role_coordinator)),
        crate::identity::Role::Admin => Some(tr!(i18n, role_admin)),
    };
    view! {
        <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
            <dt class="font-semibold">{t!(i18n, field_name)}</dt>
            <dd>{user.name.clone()}</dd>
            <dt class="font-semibold">{t!(i18n, field_email)}</dt>
            <dd data-testid="account-email">{user.email.clone()}</dd>
            {role
                .map(|r| {
                    view! {
                        <dt class="font-semibold">{t!(i18n, account_role)}</dt>
                        <dd>{move || r.get()}</dd>
                    }
                })}
        </dl>
        {(!user.email_verified)
            .then(|| {
                view! {
                    <div class="space-y-2 rounded border border-yellow-400 bg-yellow-50 p-3">
                        <p>{t!(i18n, account_unverified)}</p>
                        <ResendLink back=None />
                    </div>
                }
            })}
        <section class="space-y-3" aria-labelledby="email-heading">
            <h2 id="email-heading" class="text-xl font-semibold">
                {t!(i18n, account_change_email)}
            </h2>
            <ActionForm action=change_email attr:class="space-y-4" attr:novalidate="">
                <FormError error=email_error />
                <Field
                    label=tr!(i18n, field_new_email)
                    name="email"
                    id="change-email"
                    kind="email"
                    autocomplete="email"
                    error=email_error
                />
                <Field
                    label=tr!(i18n, field_password)
                    name="password"
                    id="change-email-password"
                    kind="password"
                    autocomplete="current-password"
                    maxlength=128
                    error=email_error
                />
                <button type="submit" class="button-secondary">
                    {t!(i18n, account_change_email_submit)}
                </button>
            </ActionForm>
        </section>
        <section class="space-y-3" aria-labelledby="password-heading">
            <h2 id="password-heading" class="text-xl font-semibold">
                {t!(i18n, account_change_password)}
            </h2>
            <ActionForm action=change_password attr:class="space-y-4" attr:novalidate="">
                <FormError error=password_error />
                <Field
                    label=tr!(i18n, field_current_password)
                    name="current"
                    id="current-password"
                    kind="password"
                    autocomplete="current-password"
                    maxlength=128
                    error=password_error
                />
                <Field
                    label=tr!(i18n, field_new_password)
                    name="password"
                    id="new-password"
                    kind="password"
                    autocomplete="new-password"
                    maxlength=128
                    hint=tr!(i18n, password_hint)
                    error=password_error
                />
                <button type="submit" class="button-secondary">
                    {t!(i18n, account_change_password_submit)}
                </button>
            </ActionForm>
        </section>
        {communities()}
        {user
            .is_coordinator()
            .then(|| {
                let href = use_href(links::COORDINATOR);
                view! {
                    <p>
                        <A href=href attr:class="button-secondary">
                            {t!(i18n, coordinator_title)}
                        </A>
                    </p>
                }
            })}
        <TwoFactor user=user.clone() />
        <section id="sessions" class="space-y-3" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading" class="text-xl font-semibold">
                {t!(i18n, account_sessions)}
            </h2>
            <UrlNotice accepted=&[Notice::SessionEnded, Notice::SignedOutEverywhere] />
            <p class="text-stone-700">{t!(i18n, sessions_lead)}</p>
            <SessionList />
            <div class="flex flex-wrap gap-3">
                <ActionForm action=sign_out>
                    <button type="submit" class="button-secondary">
                        {t!(i18n, sign_out)}
                    </button>
                </ActionForm>
                <ActionForm action=everywhere>
                    <button type="submit" class="button-secondary">
                        {t!(i18n, sign_out_everywhere)}
                    </button>
                </ActionForm>
            </div>
        </section>
        <DeleteAccount />
    }
}

/// Deleting the account: what goes, the password again and a box to tick.
#[component]
fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteAccount>::new();
    let error = last_error(delete);
    view! {
        <section id="delete" class="space-y-3" aria-labelledby="delete-heading">
            <h2 id="delete-heading" class="text-xl font-semibold">
                {t!(i18n, account_delete)}
            </h2>
            <p class="text-stone-700">{t!(i18n, account_delete_lead)}</p>
            <ActionForm action=delete attr:class="space-y-4" attr:novalidate="">
                <FormError error=error />
                <Field
                    label=tr!(i18n, field_password)
                    name="password"
                    id="delete-password"
                    kind="password"
                    autocomplete="current-password"
                    maxlength=128
                    error=error
                />
                <p class="flex items-start gap-2">
                    <input
                        type="checkbox"
                        id="delete-confirm"
                        name="confirm"
                        value="yes"
                        class="mt-1"
                        aria-describedby="delete-confirm-error"
                    />
                    <label for="delete-confirm">{t!(i18n, account_delete_confirm)}</label>
                </p>
                <p id="delete-confirm-error" class="text-sm font-semibold text-red-800">
                    {move || {
                        error
                            .get()
                            .and_then(|e| e.problem_of("confirm"))
                            .map(|p| crate::ui::forms::problem_text(i18n.get_locale(), p))
                    }}
                </p>
                <button type="submit" class="button-danger">
                    {t!(i18n, account_delete_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The account's sessions, each with a button that ends it.
#[component]
fn SessionList() -> impl IntoView {
    let i18n = use_i18n();
    let end = ServerAction::<EndSession>::new();
    let error = last_error(end);
    view! {
        <FormError error />
        <Suspense fallback=Loading>
            // Inside the account's Suspense: asked directly, not through a resource that would
            // outlive the render dropping this view (see `ui::status`).
            {move || Suspend::new(async move {
                match my_sessions().await {
                    Ok(list) => {
                        view! {
                            <ul
                                class="divide-y divide-stone-200 rounded border border-stone-300 bg-white"
                                data-testid="sessions"
                            >
                                {list
                                    .into_iter()
                                    .map(|s| {
                                        let device = if s.device.is_empty() {
                                            td_string!(
                                                i18n.get_locale_untracked(), session_unknown_device
                                            )
                                                .to_string()
                                        } else {
                                            s.device.clone()
                                        };
                                        let (started, seen) = (s.started, s.last_seen);
                                        view! {
                                            <li class="flex flex-wrap items-center justify-between gap-3 p-3">
                                                <div>
                                                    <p class="font-semibold">
                                                        {device.clone()}
                                                        {s
                                                            .current
                                                            .then(|| {
                                                                view! {
                                                                    <span class="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-sm text-emerald-900">
                                                                        {t!(i18n, session_current)}
                                                                    </span>
                                                                }
                                                            })}
                                                    </p>
                                                    <p class="text-sm text-stone-700">
                                                        // In the reader's time zone once the
                                                        // browser says which (Kyiv before).
                                                        {t!(
                                                            i18n,
                                                            session_times,
                                                            started = move || view! { <LocalTime secs=started /> },
                                                            seen = move || view! { <LocalTime secs=seen /> }
                                                        )}
                                                    </p>
                                                </div>
                                                {(!s.current)
                                                    .then(|| {
                                                        let label = format!(
                                                            "{} — {}",
                                                            td_string!(i18n.get_locale_untracked(), session_end),
                                                            device.clone(),
                                                        );
                                                        view! {
                                                            <ActionForm action=end>
                                                                <input type="hidden" name="id" value=s.id.clone() />
                                                                <button
                                                                    type="submit"
                                                                    class="button-secondary"
                                                                    aria-label=label
                                                                >
                                                                    {t!(i18n, session_end)}
                                                                </button>
                                                            </ActionForm>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
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
    let required = user.role.needs_second_factor();
    let body = if user.totp_enabled {
        view! {
            <p data-testid="totp-state">{t!(i18n, totp_on)}</p>
            <RecoveryCodes />
            {(!required)
                .then(|| {
                    view! {
                        <ActionForm action=disable attr:class="space-y-4" attr:novalidate="">
                            <FormError error=disable_error />
                            <Field
                                label=tr!(i18n, field_password)
                                name="password"
                                id="totp-off-password"
                                kind="password"
                                autocomplete="current-password"
                                maxlength=128
                                error=disable_error
                            />
                            <Field
                                label=tr!(i18n, field_code)
                                name="code"
                                id="totp-off-code"
                                autocomplete="one-time-code"
                                maxlength=16
                                error=disable_error
                            />
                            <button type="submit" class="button-secondary">
                                {t!(i18n, totp_disable)}
                            </button>
                        </ActionForm>
                    }
                })}
        }
        .into_any()
    } else {
        view! {
            {required
                .then(|| {
                    view! {
                        <p role="alert" class="rounded border border-yellow-400 bg-yellow-50 p-3">
                            {t!(i18n, notice_needs_2fa)}
                        </p>
                    }
                })}
            <p data-testid="totp-state">{t!(i18n, totp_off)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match totp_pending().await {
                        Ok(Some(s)) => {
                            view! {
                                <ol class="list-decimal space-y-2 pl-6">
                                    <li>{t!(i18n, totp_scan)}</li>
                                    <li>{t!(i18n, totp_type_code)}</li>
                                </ol>
                                <figure class="space-y-1">
                                    <div
                                        class="inline-block bg-white"
                                        role="img"
                                        aria-label=move || {
                                            t_string!(i18n, totp_qr_label).to_string()
                                        }
                                        inner_html=s.qr_svg.clone()
                                    ></div>
                                    <figcaption class="text-sm">
                                        {t!(i18n, totp_secret_label)} " "
                                        <code data-testid="totp-secret" class="break-all">
                                            {s.secret.clone()}
                                        </code>
                                    </figcaption>
                                </figure>
                                <CodeList codes=s.recovery.clone() />
                                <ActionForm action=enable attr:class="space-y-4" attr:novalidate="">
                                    <FormError error=enable_error />
                                    <Field
                                        label=tr!(i18n, field_code)
                                        name="code"
                                        id="totp-on-code"
                                        autocomplete="one-time-code"
                                        maxlength=7
                                        error=enable_error
                                    />
                                    <button type="submit" class="button-primary">
                                        {t!(i18n, totp_enable)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! {
                                <ActionForm action=begin>
                                    <FormError error=begin_error />
                                    <button type="submit" class="button-secondary">
                                        {t!(i18n, totp_begin)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        }
        .into_any()
    };
    view! {
        <section id="security" class="space-y-3" aria-labelledby="security-heading">
            <h2 id="security-heading" class="text-xl font-semibold">
                {t!(i18n, totp_title)}
            </h2>
            {body}
        </section>
    }
}

/// A set of recovery codes to write down, with what they are for.
#[component]
fn CodeList(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="space-y-2 rounded border border-stone-300 bg-stone-50 p-3">
            <p>{t!(i18n, recovery_intro)}</p>
            <ol
                data-testid="recovery-codes"
                class="grid grid-cols-2 gap-x-6 gap-y-1 font-mono sm:w-max"
            >
                {codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ol>
        </div>
    }
}

/// With the second factor on: the new set of recovery codes until it is written down, or how
/// many are left and the form that makes a new set.
#[component]
fn RecoveryCodes() -> impl IntoView {
    let i18n = use_i18n();
    let renew = ServerAction::<RenewRecoveryCodes>::new();
    let renew_error = last_error(renew);
    let seen = ServerAction::<RecoveryCodesSeen>::new();
    view! {
        <section id="recovery" class="space-y-3" aria-labelledby="recovery-heading">
            <h3 id="recovery-heading" class="text-lg font-semibold">
                {t!(i18n, recovery_title)}
            </h3>
            // Asked in its own `Suspend` (see `ui::status`), again after each of the two forms.
            <Suspense fallback=Loading>
                {move || {
                    let _ = (renew.version().get(), seen.version().get());
                    Suspend::new(async move {
                        match recovery_status().await {
                            Ok(s) if !s.codes.is_empty() => {
                                view! {
                                    <CodeList codes=s.codes />
                                    <ActionForm action=seen>
                                        <button type="submit" class="button-primary">
                                            {t!(i18n, recovery_written_down)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            Ok(s) => {
                                let left = s.left;
                                view! {
                                    <p data-testid="recovery-left">
                                        {t!(i18n, recovery_left, count = left)}
                                    </p>
                                    <ActionForm
                                        action=renew
                                        attr:class="space-y-4"
                                        attr:novalidate=""
                                    >
                                        <FormError error=renew_error />
                                        <Field
                                            label=tr!(i18n, field_code)
                                            name="code"
                                            id="recovery-code"
                                            autocomplete="one-time-code"
                                            maxlength=16
                                            hint=tr!(i18n, recovery_renew_hint)
                                            error=renew_error
                                        />
                                        <button type="submit" class="button-secondary">
                                            {t!(i18n, recovery_renew)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            Err(e) => {
                                view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }
                                    .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
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
    let signin = use_href(links::SIGN_IN);
    let account = use_href(links::ACCOUNT);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (signin, account) = (signin.clone(), account.clone());
                Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => {
                            view! {
                                <A
                                    href=account
                                    attr:class="nav-link"
                                    attr:data-testid="account-link"
                                >
                                    {t!(i18n, account_title)}
                                </A>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <A href=signin attr:class="nav-link" attr:data-testid="signin-link">
                                    {t!(i18n, signin_title)}
                                </A>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
