//! Accounts: sign-up, email verification, sign-in with an optional second factor, sign-out,
//! password reset, change of email and password, and two-factor set-up. Every function checks
//! who is asking itself; forms post to them without JavaScript too (errors come back in the
//! URL, successes redirect).

use crate::error::AppError;
use crate::model::account::{CurrentUser, TotpSetup};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{accounts::*, auth, mail, state::app_state};

/// Longest name we keep.
pub const NAME_MAX: usize = 120;

/// The signed-in user, if any (a session still owing its second factor counts as none).
#[server(prefix = "/api", endpoint = "me", output = crate::api::Answer)]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    let state = app_state()?;
    Ok(auth::session(&state)
        .await?
        .filter(|s| !s.pending_totp)
        .map(|s| s.user))
}

#[cfg(feature = "ssr")]
async fn start_session(
    state: &crate::server::AppState,
    user_id: &str,
    pending_totp: bool,
) -> Result<(), AppError> {
    let parts = auth::parts()?;
    // Rotation: whatever session the browser had before is ended.
    if let Some(old) = sessions::token_from(&parts.headers, &state.settings) {
        sessions::end(&state.db, &hash_token(&old)).await?;
    }
    let token =
        sessions::create(&state.db, user_id, pending_totp, &auth::user_agent(&parts)).await?;
    auth::set_cookie(&sessions::cookie(&state.settings, &token));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn send_verification(
    state: &crate::server::AppState,
    user_id: &str,
    email: &str,
    lang: &str,
) -> Result<(), AppError> {
    let token = tokens::issue(&state.db, tokens::Purpose::Verify, user_id, "").await?;
    let link = mail::link(
        &state.settings,
        lang,
        &format!("/account/verify?token={token}"),
    );
    let m = mail::messages::verify(lang, &link);
    mail::enqueue(&state.db, email, &m.subject, &m.body).await?;
    state.mailer.wake();
    Ok(())
}

#[cfg(feature = "ssr")]
fn check_name(name: &str) -> Result<String, AppError> {
    use crate::error::Problem;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::invalid(
            "name",
            Problem::TooLong { max: NAME_MAX },
        ));
    }
    Ok(name.chars().filter(|c| !c.is_control()).collect())
}

/// Creates an account, signs it in and mails a link to confirm the address.
#[server(prefix = "/api", endpoint = "sign_up", output = crate::api::Answer)]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let name = check_name(&name)?;
            let email = normalize_email(&email)?;
            passwords::check_new("password", &password)?;
            let ip = auth::client_ip(&parts, &state);
            rate_limit::hit(
                &state.db,
                &format!("signup:{ip}"),
                rate_limit::SIGNUP_PER_ADDRESS,
            )
            .await?;
            let lang = leptos_i18n::Locale::as_str(auth::locale(&parts)).to_string();
            let hash = passwords::hash(&password).await?;
            let Some(id) = users::create(
                &state.db,
                &email,
                &name,
                &hash,
                crate::model::account::Role::Member,
                &lang,
                false,
            )
            .await?
            else {
                return Err(AppError::invalid("email", crate::error::Problem::Taken));
            };
            audit::record(&state.db, Some(&id), "sign_up", &email, "", &ip).await;
            send_verification(&state, &id, &email, &lang).await?;
            start_session(&state, &id, false).await?;
            auth::redirect_localized(&parts, "/account?done=signed_up");
            Ok(())
        }
        .await,
    )
}

/// Confirms the address with the link from the mail (a button on the page the link opens:
/// no state changes on GET, and mail scanners that open links confirm nothing).
#[server(prefix = "/api", endpoint = "confirm_email", output = crate::api::Answer)]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let Some((user_id, _)) =
                tokens::consume(&state.db, tokens::Purpose::Verify, &token).await?
            else {
                return Err(AppError::LinkExpired);
            };
            sqlx::query("UPDATE users SET email_verified = 1 WHERE id = $1")
                .bind(&user_id)
                .execute(&state.db.pool)
                .await?;
            auth::audit(&state, &parts, Some(&user_id), "email_verified", "", "").await;
            auth::redirect_localized(&parts, "/account?done=verified");
            Ok(())
        }
        .await,
    )
}

/// Sends a new confirmation link to the signed-in user's address.
#[server(prefix = "/api", endpoint = "resend_verification", output = crate::api::Answer)]
pub async fn resend_verification() -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let user = auth::user(&state).await?;
            if user.email_verified {
                auth::redirect_localized(&parts, "/account");
                return Ok(());
            }
            let ip = auth::client_ip(&parts, &state);
            rate_limit::hit(
                &state.db,
                &format!("mail-ip:{ip}"),
                rate_limit::MAIL_PER_ADDRESS,
            )
            .await?;
            rate_limit::hit(
                &state.db,
                &format!("mail-user:{}", user.id),
                rate_limit::MAIL_PER_ACCOUNT,
            )
            .await?;
            let lang = leptos_i18n::Locale::as_str(auth::locale(&parts)).to_string();
            send_verification(&state, &user.id, &user.email, &lang).await?;
            auth::redirect_localized(&parts, "/account?done=sent");
            Ok(())
        }
        .await,
    )
}

/// Asks for the password again before a sensitive change; wrong answers count towards the
/// account's sign-in limit.
#[cfg(feature = "ssr")]
async fn reauthenticate(
    state: &crate::server::AppState,
    row: &users::UserRow,
    password: &str,
    field: &str,
) -> Result<(), AppError> {
    rate_limit::hit(
        &state.db,
        &format!("signin-user:{}", row.user.email),
        rate_limit::SIGNIN_PER_ACCOUNT,
    )
    .await?;
    if passwords::verify(password, &row.password_hash).await {
        Ok(())
    } else {
        Err(AppError::invalid(field, crate::error::Problem::Mismatch))
    }
}

/// Only paths on this site, so a crafted link cannot send someone elsewhere after sign-in.
#[cfg(feature = "ssr")]
fn local_path(p: &str) -> &str {
    if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') {
        p
    } else {
        "/account"
    }
}

/// Signs in with email and password; accounts with a second factor continue at `/account/2fa`.
#[server(prefix = "/api", endpoint = "sign_in", output = crate::api::Answer)]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let ip = auth::client_ip(&parts, &state);
            let email = normalize_email(&email)?;
            if password.is_empty() {
                return Err(AppError::invalid(
                    "password",
                    crate::error::Problem::Required,
                ));
            }
            if password.chars().count() > passwords::MAX_CHARS {
                return Err(AppError::BadCredentials);
            }
            rate_limit::hit(
                &state.db,
                &format!("signin-ip:{ip}"),
                rate_limit::SIGNIN_PER_ADDRESS,
            )
            .await?;
            let account_key = format!("signin-user:{email}");
            rate_limit::check(&state.db, &account_key, rate_limit::SIGNIN_PER_ACCOUNT).await?;
            let found = users::by_email(&state.db, &email).await?;
            let ok = match &found {
                Some(u) => passwords::verify(&password, &u.password_hash).await,
                None => {
                    passwords::verify_nothing(&password).await;
                    false
                }
            };
            let Some(u) = found.filter(|_| ok) else {
                rate_limit::hit(&state.db, &account_key, rate_limit::SIGNIN_PER_ACCOUNT).await?;
                audit::record(&state.db, None, "sign_in_failed", &email, "", &ip).await;
                return Err(AppError::BadCredentials);
            };
            rate_limit::clear(&state.db, &account_key).await?;
            let pending = u.user.totp_enabled;
            start_session(&state, &u.user.id, pending).await?;
            audit::record(
                &state.db,
                Some(&u.user.id),
                "sign_in",
                "",
                if pending {
                    "password; second factor owed"
                } else {
                    "password"
                },
                &ip,
            )
            .await;
            let target = local_path(&return_to);
            if pending {
                auth::redirect_localized(
                    &parts,
                    &format!(
                        "/account/2fa?return_to={}",
                        crate::model::catalogue::encode_component(target)
                    ),
                );
            } else if u.user.role.needs_second_factor() {
                // Coordinators and admins must set up a second factor before acting as such.
                auth::redirect_localized(&parts, "/account?done=needs_2fa#security");
            } else {
                leptos_axum::redirect(&crate::components::lang::localize(
                    auth::locale(&parts),
                    crate::components::lang::split(target).1,
                ));
            }
            Ok(())
        }
        .await,
    )
}

/// The second step of signing in for accounts with two-factor authentication.
#[server(prefix = "/api", endpoint = "second_factor", output = crate::api::Answer)]
pub async fn second_factor(
    code: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let Some(session) = auth::session(&state).await? else {
                return Err(AppError::SignInRequired);
            };
            rate_limit::hit(
                &state.db,
                &format!("totp:{}", session.token_hash),
                rate_limit::TOTP_PER_SESSION,
            )
            .await?;
            let secret = users::by_id(&state.db, &session.user.id)
                .await?
                .and_then(|u| u.totp_secret);
            if !secret.is_some_and(|s| totp::verify(&s, &code)) {
                return Err(AppError::invalid("code", crate::error::Problem::Code));
            }
            sessions::complete_second_factor(&state.db, &session.token_hash).await?;
            auth::audit(
                &state,
                &parts,
                Some(&session.user.id),
                "sign_in_second_factor",
                "",
                "",
            )
            .await;
            leptos_axum::redirect(&crate::components::lang::localize(
                auth::locale(&parts),
                crate::components::lang::split(local_path(&return_to)).1,
            ));
            Ok(())
        }
        .await,
    )
}

/// Ends this session.
#[server(prefix = "/api", endpoint = "sign_out", output = crate::api::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            if let Some(s) = auth::session(&state).await? {
                sessions::end(&state.db, &s.token_hash).await?;
                auth::audit(&state, &parts, Some(&s.user.id), "sign_out", "", "").await;
            }
            auth::set_cookie(&sessions::clear_cookie(&state.settings));
            auth::redirect_localized(&parts, "/");
            Ok(())
        }
        .await,
    )
}

/// Ends every session of the signed-in user, on every device.
#[server(prefix = "/api", endpoint = "sign_out_everywhere", output = crate::api::Answer)]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let user = auth::user(&state).await?;
            let n = sessions::end_all(&state.db, &user.id).await?;
            auth::audit(
                &state,
                &parts,
                Some(&user.id),
                "sign_out_everywhere",
                "",
                &format!("{n} sessions"),
            )
            .await;
            auth::set_cookie(&sessions::clear_cookie(&state.settings));
            auth::redirect_localized(&parts, "/account/signin?done=signed_out_everywhere");
            Ok(())
        }
        .await,
    )
}

/// Mails a password-reset link if the address has an account; the answer is the same either way.
#[server(prefix = "/api", endpoint = "request_reset", output = crate::api::Answer)]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let email = normalize_email(&email)?;
            let ip = auth::client_ip(&parts, &state);
            rate_limit::hit(
                &state.db,
                &format!("mail-ip:{ip}"),
                rate_limit::MAIL_PER_ADDRESS,
            )
            .await?;
            if let Some(u) = users::by_email(&state.db, &email).await? {
                if rate_limit::hit(
                    &state.db,
                    &format!("mail-user:{}", u.user.id),
                    rate_limit::MAIL_PER_ACCOUNT,
                )
                .await
                .is_ok()
                {
                    let token =
                        tokens::issue(&state.db, tokens::Purpose::Reset, &u.user.id, "").await?;
                    let lang = leptos_i18n::Locale::as_str(auth::locale(&parts));
                    let m = mail::messages::reset(
                        lang,
                        &mail::link(
                            &state.settings,
                            lang,
                            &format!("/account/reset?token={token}"),
                        ),
                    );
                    mail::enqueue(&state.db, &u.user.email, &m.subject, &m.body).await?;
                    state.mailer.wake();
                    audit::record(&state.db, Some(&u.user.id), "reset_requested", "", "", &ip)
                        .await;
                }
            }
            auth::redirect_localized(&parts, "/account/forgot?done=sent");
            Ok(())
        }
        .await,
    )
}

/// Sets a new password with the link from the mail; every session of the account ends and a new one starts here.
#[server(prefix = "/api", endpoint = "reset_password", output = crate::api::Answer)]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            passwords::check_new("password", &password)?;
            let Some((user_id, _)) =
                tokens::consume(&state.db, tokens::Purpose::Reset, &token).await?
            else {
                return Err(AppError::LinkExpired);
            };
            let hash = passwords::hash(&password).await?;
            // Following the link proves the address too.
            sqlx::query("UPDATE users SET password_hash = $1, email_verified = 1 WHERE id = $2")
                .bind(&hash)
                .bind(&user_id)
                .execute(&state.db.pool)
                .await?;
            sessions::end_all(&state.db, &user_id).await?;
            let totp = users::by_id(&state.db, &user_id)
                .await?
                .is_some_and(|u| u.user.totp_enabled);
            start_session(&state, &user_id, totp).await?;
            auth::audit(&state, &parts, Some(&user_id), "password_reset", "", "").await;
            if totp {
                auth::redirect_localized(&parts, "/account/2fa?return_to=%2Faccount");
            } else {
                auth::redirect_localized(&parts, "/account?done=password");
            }
            Ok(())
        }
        .await,
    )
}

/// Changes the password (the current one is asked again); other sessions end.
#[server(prefix = "/api", endpoint = "change_password", output = crate::api::Answer)]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let session = auth::session(&state)
                .await?
                .filter(|s| !s.pending_totp)
                .ok_or(AppError::SignInRequired)?;
            let row = users::by_id(&state.db, &session.user.id)
                .await?
                .ok_or(AppError::SignInRequired)?;
            reauthenticate(&state, &row, &current, "current").await?;
            passwords::check_new("password", &password)?;
            let hash = passwords::hash(&password).await?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(&hash)
                .bind(&row.user.id)
                .execute(&state.db.pool)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                .bind(&row.user.id)
                .bind(&session.token_hash)
                .execute(&state.db.pool)
                .await?;
            auth::audit(
                &state,
                &parts,
                Some(&row.user.id),
                "password_changed",
                "",
                "",
            )
            .await;
            auth::redirect_localized(&parts, "/account?done=password");
            Ok(())
        }
        .await,
    )
}

/// Asks to move the account to a new address: re-authenticates with the password, mails a
/// confirmation link to the new address and a notice to the old one.
#[server(prefix = "/api", endpoint = "change_email", output = crate::api::Answer)]
pub async fn change_email(email: String, password: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let user = auth::user(&state).await?;
            let email = normalize_email(&email)?;
            let row = users::by_id(&state.db, &user.id)
                .await?
                .ok_or(AppError::SignInRequired)?;
            reauthenticate(&state, &row, &password, "password").await?;
            if users::by_email(&state.db, &email).await?.is_some() {
                return Err(AppError::invalid("email", crate::error::Problem::Taken));
            }
            rate_limit::hit(
                &state.db,
                &format!("mail-user:{}", user.id),
                rate_limit::MAIL_PER_ACCOUNT,
            )
            .await?;
            let lang = leptos_i18n::Locale::as_str(auth::locale(&parts));
            let token = tokens::issue(&state.db, tokens::Purpose::Email, &user.id, &email).await?;
            let m = mail::messages::email_change(
                lang,
                &mail::link(
                    &state.settings,
                    lang,
                    &format!("/account/email?token={token}"),
                ),
            );
            mail::enqueue(&state.db, &email, &m.subject, &m.body).await?;
            let n = mail::messages::email_changing(lang, &email);
            mail::enqueue(&state.db, &user.email, &n.subject, &n.body).await?;
            state.mailer.wake();
            auth::audit(
                &state,
                &parts,
                Some(&user.id),
                "email_change_requested",
                &email,
                "",
            )
            .await;
            auth::redirect_localized(&parts, "/account?done=email_sent");
            Ok(())
        }
        .await,
    )
}

/// Moves the account to the new address with the link sent there.
#[server(prefix = "/api", endpoint = "confirm_email_change", output = crate::api::Answer)]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    auth::answer(async {
        let state = app_state()?;
        let parts = auth::parts()?;
        let Some((user_id, email)) = tokens::consume(&state.db, tokens::Purpose::Email, &token).await? else {
            return Err(AppError::LinkExpired);
        };
        let moved = sqlx::query("UPDATE users SET email = $1, email_verified = 1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = $3)")
            .bind(&email)
            .bind(&user_id)
            .bind(&email)
            .execute(&state.db.pool)
            .await?
            .rows_affected();
        if moved != 1 {
            return Err(AppError::invalid("email", crate::error::Problem::Taken));
        }
        auth::audit(&state, &parts, Some(&user_id), "email_changed", &email, "").await;
        auth::redirect_localized(&parts, "/account?done=email_changed");
        Ok(())
    }
    .await)
}

/// Starts setting up two-factor authentication: stores a new secret, not yet in force.
#[server(prefix = "/api", endpoint = "totp_begin", output = crate::api::Answer)]
pub async fn totp_begin() -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let user = auth::user(&state).await?;
            if user.totp_enabled {
                return Err(AppError::Forbidden);
            }
            sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled = 0")
                .bind(totp::new_secret())
                .bind(&user.id)
                .execute(&state.db.pool)
                .await?;
            auth::redirect_localized(&parts, "/account#security");
            Ok(())
        }
        .await,
    )
}

/// The second factor being set up (after `totp_begin`, before `totp_enable`): the secret and
/// its QR code for an authenticator app.
#[server(prefix = "/api", endpoint = "totp_pending", output = crate::api::Answer)]
pub async fn totp_pending() -> Result<Option<TotpSetup>, AppError> {
    let state = app_state()?;
    let user = auth::user(&state).await?;
    if user.totp_enabled {
        return Ok(None);
    }
    let Some(secret) = users::by_id(&state.db, &user.id)
        .await?
        .and_then(|u| u.totp_secret)
    else {
        return Ok(None);
    };
    let code = qrcode::QrCode::new(totp::uri(&secret, &user.email).as_bytes())
        .map_err(AppError::internal)?;
    let qr_svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(180, 180)
        .quiet_zone(true)
        .build();
    Ok(Some(TotpSetup { secret, qr_svg }))
}

/// Turns two-factor authentication on once a code from the app matches the new secret.
#[server(prefix = "/api", endpoint = "totp_enable", output = crate::api::Answer)]
pub async fn totp_enable(code: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let session = auth::session(&state)
                .await?
                .filter(|s| !s.pending_totp)
                .ok_or(AppError::SignInRequired)?;
            rate_limit::hit(
                &state.db,
                &format!("totp:{}", session.token_hash),
                rate_limit::TOTP_PER_SESSION,
            )
            .await?;
            let secret = users::by_id(&state.db, &session.user.id)
                .await?
                .and_then(|u| u.totp_secret);
            if !secret.is_some_and(|s| totp::verify(&s, &code)) {
                return Err(AppError::invalid("code", crate::error::Problem::Code));
            }
            sqlx::query("UPDATE users SET totp_enabled = 1 WHERE id = $1")
                .bind(&session.user.id)
                .execute(&state.db.pool)
                .await?;
            auth::audit(
                &state,
                &parts,
                Some(&session.user.id),
                "totp_enabled",
                "",
                "",
            )
            .await;
            auth::redirect_localized(&parts, "/account?done=totp_on#security");
            Ok(())
        }
        .await,
    )
}

/// Turns two-factor authentication off (password and a current code); not for coordinators
/// and admins, who must keep it.
#[server(prefix = "/api", endpoint = "totp_disable", output = crate::api::Answer)]
pub async fn totp_disable(password: String, code: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let user = auth::user(&state).await?;
            if user.role.needs_second_factor() {
                return Err(AppError::Forbidden);
            }
            let row = users::by_id(&state.db, &user.id)
                .await?
                .ok_or(AppError::SignInRequired)?;
            reauthenticate(&state, &row, &password, "password").await?;
            if !row.totp_secret.is_some_and(|s| totp::verify(&s, &code)) {
                return Err(AppError::invalid("code", crate::error::Problem::Code));
            }
            sqlx::query("UPDATE users SET totp_enabled = 0, totp_secret = NULL WHERE id = $1")
                .bind(&user.id)
                .execute(&state.db.pool)
                .await?;
            auth::audit(&state, &parts, Some(&user.id), "totp_disabled", "", "").await;
            auth::redirect_localized(&parts, "/account?done=totp_off#security");
            Ok(())
        }
        .await,
    )
}
