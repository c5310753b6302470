//! The accounts' server functions: thin shells over `service`. Forms post to them without
//! JavaScript too; a success redirects with a notice, a failure comes back to the form.

use super::model::{RecoveryState, SessionView, TotpSetup};
use crate::error::AppError;
use crate::identity::CurrentUser;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::service, crate::platform::Ctx};

/// The signed-in user, if any (a session still owing its second factor counts as none).
#[server(prefix = "/api", endpoint = "me", output = crate::codec::Answer)]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    service::me(&Ctx::current()?).await
}

/// Creates an account, signs it in and mails a link to confirm the address.
#[server(prefix = "/api", endpoint = "sign_up", output = crate::codec::Answer)]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    service::sign_up(&Ctx::current()?, &name, &email, &password).await
}

/// Confirms the address with the link from the mail (a button on the page the link opens:
/// no state changes on GET, and mail scanners that open links confirm nothing).
#[server(prefix = "/api", endpoint = "confirm_email", output = crate::codec::Answer)]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    service::confirm_email(&Ctx::current()?, &token).await
}

/// Sends a new confirmation link to the signed-in user's address, then returns to `back`
/// (a page of this site; the account page when absent or unsafe).
#[server(prefix = "/api", endpoint = "resend_verification", output = crate::codec::Answer)]
pub async fn resend_verification(#[server(default)] back: Option<String>) -> Result<(), AppError> {
    service::resend_verification(&Ctx::current()?, back.as_deref()).await
}

/// Signs in with email and password; accounts with a second factor continue at `/account/2fa`.
#[server(prefix = "/api", endpoint = "sign_in", output = crate::codec::Answer)]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    service::sign_in(&Ctx::current()?, &email, &password, &return_to).await
}

/// The second step of signing in for accounts with two-factor authentication.
#[server(prefix = "/api", endpoint = "second_factor", output = crate::codec::Answer)]
pub async fn second_factor(
    code: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    service::second_factor(&Ctx::current()?, &code, &return_to).await
}

/// Ends this session.
#[server(prefix = "/api", endpoint = "sign_out", output = crate::codec::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    service::sign_out(&Ctx::current()?).await
}

/// The signed-in account's sessions, newest first.
#[server(prefix = "/api", endpoint = "my_sessions", output = crate::codec::Answer)]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    service::my_sessions(&Ctx::current()?).await
}

/// Ends one of the signed-in account's sessions (another device, or this one).
#[server(prefix = "/api", endpoint = "end_session", output = crate::codec::Answer)]
pub async fn end_session(id: String) -> Result<(), AppError> {
    service::end_session(&Ctx::current()?, &id).await
}

/// Ends every session of the signed-in user, on every device.
#[server(prefix = "/api", endpoint = "sign_out_everywhere", output = crate::codec::Answer)]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    service::sign_out_everywhere(&Ctx::current()?).await
}

/// Mails a password-reset link if the address has an account; the answer is the same either way.
#[server(prefix = "/api", endpoint = "request_reset", output = crate::codec::Answer)]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    service::request_reset(&Ctx::current()?, &email).await
}

/// Sets a new password with the link from the mail.
#[server(prefix = "/api", endpoint = "reset_password", output = crate::codec::Answer)]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    service::reset_password(&Ctx::current()?, &token, &password).await
}

/// Changes the password (the current one is asked again); other sessions end.
#[server(prefix = "/api", endpoint = "change_password", output = crate::codec::Answer)]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    service::change_password(&Ctx::current()?, &current, &password).await
}

/// Deletes the account for good (the password again, and `confirm` = `yes`).
#[server(prefix = "/api", endpoint = "delete_account", output = crate::codec::Answer)]
pub async fn delete_account(
    password: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    service::delete_account(&Ctx::current()?, &password, &confirm).await
}

/// Asks to move the account to a new address (a link to it, a notice to the old one).
#[server(prefix = "/api", endpoint = "change_email", output = crate::codec::Answer)]
pub async fn change_email(email: String, password: String) -> Result<(), AppError> {
    service::change_email(&Ctx::current()?, &email, &password).await
}

/// Moves the account to the new address with the link sent there.
#[server(prefix = "/api", endpoint = "confirm_email_change", output = crate::codec::Answer)]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    service::confirm_email_change(&Ctx::current()?, &token).await
}

/// "This was not me": cancels a change of address with the link sent to the old address.
#[server(prefix = "/api", endpoint = "cancel_email_change", output = crate::codec::Answer)]
pub async fn cancel_email_change(token: String) -> Result<(), AppError> {
    service::cancel_email_change(&Ctx::current()?, &token).await
}

/// Starts setting up two-factor authentication: stores a new secret, not yet in force.
#[server(prefix = "/api", endpoint = "totp_begin", output = crate::codec::Answer)]
pub async fn totp_begin() -> Result<(), AppError> {
    service::totp_begin(&Ctx::current()?).await
}

/// The second factor being set up (after `totp_begin`, before `totp_enable`): the secret and
/// its QR code for an authenticator app.
#[server(prefix = "/api", endpoint = "totp_pending", output = crate::codec::Answer)]
pub async fn totp_pending() -> Result<Option<TotpSetup>, AppError> {
    service::totp_pending(&Ctx::current()?).await
}

/// Turns two-factor authentication on once a code from the app matches the new secret.
#[server(prefix = "/api", endpoint = "totp_enable", output = crate::codec::Answer)]
pub async fn totp_enable(code: String) -> Result<(), AppError> {
    service::totp_enable(&Ctx::current()?, &code).await
}

/// Turns two-factor authentication off (password and a current code).
#[server(prefix = "/api", endpoint = "totp_disable", output = crate::codec::Answer)]
pub async fn totp_disable(password: String, code: String) -> Result<(), AppError> {
    service::totp_disable(&Ctx::current()?, &password, &code).await
}

/// The account's recovery codes: how many are left, and a new set while it is shown.
#[server(prefix = "/api", endpoint = "recovery_status", output = crate::codec::Answer)]
pub async fn recovery_status() -> Result<RecoveryState, AppError> {
    service::recovery_status(&Ctx::current()?).await
}

/// A new set of recovery codes, confirmed with a current code; the old set stops working.
#[server(prefix = "/api", endpoint = "renew_recovery_codes", output = crate::codec::Answer)]
pub async fn renew_recovery_codes(code: String) -> Result<(), AppError> {
    service::renew_recovery_codes(&Ctx::current()?, &code).await
}

/// The new set is written down: the account page stops showing it.
#[server(prefix = "/api", endpoint = "recovery_codes_seen", output = crate::codec::Answer)]
pub async fn recovery_codes_seen() -> Result<(), AppError> {
    service::recovery_codes_seen(&Ctx::current()?).await
}
