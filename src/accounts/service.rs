//! What the accounts' server functions do: sign-up, confirming an address, signing in with
//! an optional second factor, signing out, password reset, changes of address and password,
//! and setting up the second factor. Plain async Rust over the request context; the server
//! functions in `fns.rs` only call these.

use super::mail;
use super::model::{device_name, normalize_email, RecoveryState, SessionView, TotpSetup, NAME_MAX};
use super::store::tokens::{self, Because, Purpose};
use super::store::{self, UserRow};
use super::{passwords, totp};
use crate::error::{AppError, Checks, Problem};
use crate::identity::{CurrentUser, Role, UserId};
use crate::links::{self, Notice};
use crate::platform::audit::AuditAction;
use crate::platform::guards::{AnySession, SignedIn};
use crate::platform::mail::{enqueue, link};
use crate::platform::secrets::{hash_token, random_token};
use crate::platform::{rate_limit, sessions, Ctx};

/// The signed-in user, if any (a session still owing its second factor counts as none).
pub async fn me(ctx: &Ctx) -> Result<Option<CurrentUser>, AppError> {
    Ok(ctx.signed_in_or_visitor().await?.map(|s| s.user().clone()))
}

/// The cookie that marks a device the account signed in from before.
fn device_cookie_name(ctx: &Ctx) -> &'static str {
    if ctx.state.settings.https() {
        "__Host-c4c_device"
    } else {
        "c4c_device"
    }
}

/// The `Set-Cookie` of a device's mark: a year, HttpOnly, same-site.
fn device_cookie(ctx: &Ctx, token: &str) -> String {
    cookie::Cookie::build((device_cookie_name(ctx), token.to_string()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(ctx.state.settings.https())
        .build()
        .to_string()
}

/// A new session for `user_id` in this browser; whatever session it had before ends
/// (rotation).
async fn start_session(
    ctx: &Ctx,
    user_id: &UserId,
    role: Role,
    pending_totp: bool,
) -> Result<(), AppError> {
    if let Some(old) = ctx.session().await? {
        sessions::end(ctx.db(), &old.token_hash).await?;
    }
    let token = sessions::create(ctx.db(), user_id, pending_totp, ctx.user_agent()).await?;
    ctx.set_cookie(&sessions::cookie(
        &ctx.state.settings,
        &token,
        role,
        pending_totp,
    ));
    Ok(())
}

async fn send_verification(
    ctx: &Ctx,
    user_id: &UserId,
    email: &str,
    lang: &str,
) -> Result<(), AppError> {
    let token = tokens::issue(ctx.db(), Purpose::Verify, user_id, "").await?;
    let m = mail::verify(
        lang,
        &link(&ctx.state.settings, lang, &links::verify_email(&token)),
    );
    enqueue(ctx.db(), email, &m).await?;
    ctx.state.mailer.wake();
    Ok(())
}

fn check_name(name: &str) -> Result<String, AppError> {
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

pub async fn sign_up(ctx: &Ctx, name: &str, email: &str, password: &str) -> Result<(), AppError> {
    let mut checks = Checks::default();
    let name = checks.field(check_name(name))?;
    let email = checks.field(normalize_email(email))?;
    checks.field(passwords::check_new("password", password))?;
    checks.done()?;
    rate_limit::hit(
        ctx.db(),
        &format!("signup:{}", ctx.ip),
        rate_limit::SIGNUP_PER_ADDRESS,
    )
    .await?;
    let hash = passwords::hash(password).await?;
    let Some(id) = store::create(
        ctx.db(),
        &email,
        &name,
        &hash,
        Role::Member,
        ctx.lang(),
        false,
    )
    .await?
    else {
        return Err(AppError::invalid("email", Problem::Taken));
    };
    ctx.audit(Some(&id), AuditAction::SignUp, &email, "").await;
    send_verification(ctx, &id, &email, ctx.lang()).await?;
    start_session(ctx, &id, Role::Member, false).await?;
    ctx.redirect(&Notice::SignedUp.on(links::ACCOUNT));
    Ok(())
}

pub async fn confirm_email(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let link = tokens::redeem(ctx.db(), Purpose::Verify, token)
        .await?
        .ok_or(AppError::LinkExpired)?;
    store::confirm_email(ctx.db(), &link).await?;
    ctx.audit(Some(link.user()), AuditAction::EmailVerified, "", "")
        .await;
    ctx.redirect(&Notice::EmailVerified.on(links::ACCOUNT));
    Ok(())
}

pub async fn resend_verification(ctx: &Ctx, back: Option<&str>) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let user = who.user();
    // Back to the page that offered the link (the claim form, say), never off this site.
    let back = back
        .and_then(crate::platform::middleware::safe_redirect)
        .filter(|b| crate::platform::middleware::is_page(b) && !b.contains('#'))
        .unwrap_or_else(|| links::ACCOUNT.to_string());
    if user.email_verified {
        ctx.redirect(&back);
        return Ok(());
    }
    rate_limit::hit(
        ctx.db(),
        &format!("mail-ip:{}", ctx.ip),
        rate_limit::MAIL_PER_ADDRESS,
    )
    .await?;
    rate_limit::hit(
        ctx.db(),
        &format!("mail-user:{}", user.id),
        rate_limit::MAIL_PER_ACCOUNT,
    )
    .await?;
    send_verification(ctx, &user.id, &user.email, ctx.lang()).await?;
    ctx.redirect(&Notice::VerificationSent.on(&back));
    Ok(())
}

/// Asks for the password again before a sensitive change; wrong answers count towards the
/// account's sign-in limit.
async fn reauthenticate(
    ctx: &Ctx,
    row: &UserRow,
    password: &str,
    field: &str,
) -> Result<(), AppError> {
    rate_limit::hit(
        ctx.db(),
        &format!("reauth:{}", row.user.id),
        rate_limit::REAUTH_PER_ACCOUNT,
    )
    .await?;
    if passwords::verify(password, &row.password_hash).await {
        Ok(())
    } else {
        ctx.audit(Some(&row.user.id), AuditAction::ReauthFailed, "", field)
            .await;
        Err(AppError::invalid(field, Problem::Mismatch))
    }
}

/// Only paths on this site, so a crafted link cannot send someone elsewhere after sign-in.
fn local_path(p: &str) -> String {
    crate::platform::middleware::safe_redirect(crate::lang::split(p).1)
        .unwrap_or_else(|| links::ACCOUNT.to_string())
}

pub async fn sign_in(
    ctx: &Ctx,
    email: &str,
    password: &str,
    return_to: &str,
) -> Result<(), AppError> {
    let mut checks = Checks::default();
    let email = checks.field(normalize_email(email))?;
    if password.is_empty() {
        checks.refuse("password", Problem::Required);
    }
    checks.done()?;
    if password.chars().count() > passwords::MAX_CHARS {
        return Err(AppError::BadCredentials);
    }
    rate_limit::hit(
        ctx.db(),
        &format!("signin-ip:{}", ctx.ip),
        rate_limit::SIGNIN_PER_ADDRESS,
    )
    .await?;
    // Where the attempt comes from: its network, and the device cookie of an earlier sign-in.
    let device = crate::lang::negotiate::cookie_value(ctx.headers(), device_cookie_name(ctx))
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
    let mut places = vec![format!("net:{}", ctx.network())];
    places.extend(
        device
            .as_deref()
            .map(|d| format!("device:{}", hash_token(d))),
    );
    let found = store::by_email(ctx.db(), &email).await?;
    let nobody = UserId::new("");
    let known = store::is_known_place(
        ctx.db(),
        found.as_ref().map(|u| &u.user.id).unwrap_or(&nobody),
        &places,
    )
    .await?;
    // Counted before the password is checked, so guesses sent at once are all counted: per
    // account and network, and per account from places it never signed in from.
    let here = format!("signin:{email}:{}", ctx.network());
    rate_limit::attempt(ctx.db(), &here, rate_limit::SIGNIN_PER_PLACE).await?;
    if !known {
        let elsewhere = format!("signin:{email}");
        rate_limit::attempt(ctx.db(), &elsewhere, rate_limit::SIGNIN_FROM_ELSEWHERE).await?;
    }
    let verified = match &found {
        Some(u) => passwords::check(&u.user.id, password, &u.password_hash).await,
        None => {
            passwords::verify_nothing(password).await;
            None
        }
    };
    let (Some(u), Some(verified)) = (found, verified) else {
        ctx.audit(None, AuditAction::SignInFailed, &email, "").await;
        return Err(AppError::BadCredentials);
    };
    rate_limit::clear(ctx.db(), &here).await?;
    // A device that gave the right password keeps a cookie that makes it known next time.
    let device = match device {
        Some(d) => d,
        None => {
            let d = random_token();
            ctx.set_cookie(&device_cookie(ctx, &d));
            d
        }
    };
    places.push(format!("device:{}", hash_token(&device)));
    store::remember_places(ctx.db(), &verified, &places).await?;
    let pending = u.user.totp_enabled;
    start_session(ctx, &u.user.id, u.user.role, pending).await?;
    let detail = if pending {
        "password; second factor owed"
    } else {
        "password"
    };
    ctx.audit(Some(&u.user.id), AuditAction::SignIn, "", detail)
        .await;
    let target = local_path(return_to);
    if pending {
        ctx.redirect(&links::second_factor_then(&target));
    } else if u.user.role.needs_second_factor() {
        // Coordinators and admins must set up a second factor before acting as such.
        ctx.redirect(&Notice::NeedsSecondFactor.on("/account#security"));
    } else {
        ctx.redirect(&target);
    }
    Ok(())
}

/// Which codes a step takes: turning the second factor on proves the app works, so only the
/// app's; the others take a recovery code too.
#[derive(Clone, Copy, PartialEq)]
enum Accepts {
    App,
    AppOrRecovery,
}

/// Checks a second-factor code of the session's account: counted first, per account whatever session it
/// comes from, with a back-off; each time step's code accepted once, each recovery code used
/// up; every failure audited.
async fn check_code(
    ctx: &Ctx,
    session: &AnySession,
    secret: Option<&str>,
    code: &str,
    accepts: Accepts,
) -> Result<(), AppError> {
    let user = &session.user().id;
    let key = format!("totp:{user}");
    rate_limit::attempt(ctx.db(), &key, rate_limit::TOTP_PER_ACCOUNT).await?;
    if let Some(hash) = totp::recovery_hash(code).filter(|_| accepts == Accepts::AppOrRecovery) {
        if !store::use_recovery_code(ctx.db(), session, &hash).await? {
            ctx.audit(
                Some(user),
                AuditAction::SecondFactorFailed,
                "",
                "wrong recovery code",
            )
            .await;
            return Err(AppError::invalid("code", Problem::Code));
        }
        ctx.audit(Some(user), AuditAction::RecoveryCodeUsed, "", "")
            .await;
        rate_limit::clear(ctx.db(), &key).await?;
        return Ok(());
    }
    let matched = secret.and_then(|s| totp::matching(user, s, code));
    let fresh = match &matched {
        Some(m) => store::use_totp_step(ctx.db(), m).await?,
        None => false,
    };
    if !fresh {
        let why = if matched.is_some() {
            "code used already"
        } else {
            "wrong code"
        };
        ctx.audit(Some(user), AuditAction::SecondFactorFailed, "", why)
            .await;
        return Err(AppError::invalid("code", Problem::Code));
    }
    rate_limit::clear(ctx.db(), &key).await?;
    Ok(())
}

pub async fn second_factor(ctx: &Ctx, code: &str, return_to: &str) -> Result<(), AppError> {
    let session = ctx.any_session().await?;
    let secret = store::by_id(ctx.db(), &session.user().id)
        .await?
        .and_then(|u| u.totp_secret);
    check_code(
        ctx,
        &session,
        secret.as_deref(),
        code,
        Accepts::AppOrRecovery,
    )
    .await?;
    let token =
        sessions::complete_second_factor(ctx.db(), session.token_hash(), &session.user().id)
            .await?;
    ctx.set_cookie(&sessions::cookie(
        &ctx.state.settings,
        &token,
        session.user().role,
        false,
    ));
    ctx.audit(
        Some(&session.user().id),
        AuditAction::SignInSecondFactor,
        "",
        "",
    )
    .await;
    ctx.redirect(&local_path(return_to));
    Ok(())
}

pub async fn sign_out(ctx: &Ctx) -> Result<(), AppError> {
    if let Ok(s) = ctx.any_session().await {
        sessions::end(ctx.db(), s.token_hash()).await?;
        ctx.audit(Some(&s.user().id), AuditAction::SignOut, "", "")
            .await;
    }
    ctx.set_cookie(&sessions::clear_cookie(&ctx.state.settings));
    ctx.redirect(links::HOME);
    Ok(())
}

/// The signed-in account's sessions, newest first.
pub async fn my_sessions(ctx: &Ctx) -> Result<Vec<SessionView>, AppError> {
    let who = ctx.signed_in().await?;
    Ok(sessions::list(ctx.db(), &who)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.id,
            started: s.created_at,
            last_seen: s.last_seen,
            device: device_name(&s.user_agent),
            current: s.current,
        })
        .collect())
}

/// Ends one session of the signed-in account; ending this browser's own signs it out.
pub async fn end_session(ctx: &Ctx, id: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let own = sessions::list(ctx.db(), &who)
        .await?
        .iter()
        .any(|s| s.current && s.id == id);
    if !sessions::end_one(ctx.db(), &who, id).await? {
        return Err(AppError::NotFound);
    }
    ctx.audit(
        Some(who.id()),
        AuditAction::SessionEnded,
        "",
        if own { "this one" } else { "another" },
    )
    .await;
    if own {
        ctx.set_cookie(&sessions::clear_cookie(&ctx.state.settings));
        ctx.redirect(links::HOME);
    } else {
        ctx.redirect(&Notice::SessionEnded.on("/account#sessions"));
    }
    Ok(())
}

pub async fn sign_out_everywhere(ctx: &Ctx) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let n = sessions::end_all(ctx.db(), who.id()).await?;
    tokens::end_pending(ctx.db(), Because::SignedIn(&who)).await?;
    ctx.audit(
        Some(who.id()),
        AuditAction::SignOutEverywhere,
        "",
        &format!("{n} sessions"),
    )
    .await;
    ctx.set_cookie(&sessions::clear_cookie(&ctx.state.settings));
    ctx.redirect(&Notice::SignedOutEverywhere.on(links::SIGN_IN));
    Ok(())
}

/// Mails a password-reset link if the address has an account; the answer is the same either way.
pub async fn request_reset(ctx: &Ctx, email: &str) -> Result<(), AppError> {
    let email = normalize_email(email)?;
    rate_limit::hit(
        ctx.db(),
        &format!("mail-ip:{}", ctx.ip),
        rate_limit::MAIL_PER_ADDRESS,
    )
    .await?;
    if let Some(u) = store::by_email(ctx.db(), &email).await? {
        let allowed = rate_limit::hit(
            ctx.db(),
            &format!("mail-user:{}", u.user.id),
            rate_limit::MAIL_PER_ACCOUNT,
        )
        .await
        .is_ok();
        if allowed {
            let token = tokens::issue(ctx.db(), Purpose::Reset, &u.user.id, "").await?;
            let lang = ctx.lang();
            let m = mail::reset(
                lang,
                &link(&ctx.state.settings, lang, &links::reset_password(&token)),
            );
            enqueue(ctx.db(), &u.user.email, &m).await?;
            ctx.state.mailer.wake();
            ctx.audit(Some(&u.user.id), AuditAction::ResetRequested, "", "")
                .await;
        }
    }
    ctx.redirect(&Notice::ResetSent.on(links::FORGOT));
    Ok(())
}

/// Sets a new password with the link from the mail; every session of the account ends and
/// a new one starts here.
pub async fn reset_password(ctx: &Ctx, token: &str, password: &str) -> Result<(), AppError> {
    passwords::check_new("password", password)?;
    let link = tokens::redeem(ctx.db(), Purpose::Reset, token)
        .await?
        .ok_or(AppError::LinkExpired)?;
    let hash = passwords::hash(password).await?;
    store::reset_password(ctx.db(), &link, &hash).await?;
    tokens::end_pending(ctx.db(), Because::Link(&link)).await?;
    let user = link.user().clone();
    sessions::end_all(ctx.db(), &user).await?;
    let (role, totp) = store::by_id(ctx.db(), &user)
        .await?
        .map_or((Role::Member, false), |u| {
            (u.user.role, u.user.totp_enabled)
        });
    start_session(ctx, &user, role, totp).await?;
    ctx.audit(Some(&user), AuditAction::PasswordReset, "", "")
        .await;
    if totp {
        ctx.redirect(&links::second_factor_then(links::ACCOUNT));
    } else {
        ctx.redirect(&Notice::PasswordChanged.on(links::ACCOUNT));
    }
    Ok(())
}

/// The signed-in account's stored row (signed out if it is gone).
async fn row_of(ctx: &Ctx, who: &SignedIn) -> Result<UserRow, AppError> {
    store::by_id(ctx.db(), who.id())
        .await?
        .ok_or(AppError::SignInRequired)
}

/// Changes the password (the current one is asked again); other sessions end.
pub async fn change_password(ctx: &Ctx, current: &str, password: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let row = row_of(ctx, &who).await?;
    reauthenticate(ctx, &row, current, "current").await?;
    passwords::check_new("password", password)?;
    let hash = passwords::hash(password).await?;
    store::change_password(ctx.db(), &who, &hash).await?;
    tokens::end_pending(ctx.db(), Because::SignedIn(&who)).await?;
    sessions::end_others(ctx.db(), who.id(), who.token_hash()).await?;
    ctx.audit(Some(who.id()), AuditAction::PasswordChanged, "", "")
        .await;
    ctx.redirect(&Notice::PasswordChanged.on(links::ACCOUNT));
    Ok(())
}

/// Deletes the account for good (GDPR art. 17): the password is asked again and the box
/// ticked; the last administrator cannot. The session ends with it.
pub async fn delete_account(ctx: &Ctx, password: &str, confirm: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let row = row_of(ctx, &who).await?;
    if confirm != "yes" {
        return Err(AppError::invalid("confirm", Problem::Required));
    }
    reauthenticate(ctx, &row, password, "password").await?;
    if who.user().role == crate::identity::Role::Admin && store::admin_count(ctx.db()).await? <= 1 {
        return Err(AppError::invalid("confirm", Problem::LastAdmin));
    }
    store::delete_account(ctx.db(), &who).await?;
    ctx.audit(Some(who.id()), AuditAction::AccountDeleted, "", "")
        .await;
    ctx.set_cookie(&sessions::clear_cookie(&ctx.state.settings));
    ctx.redirect(&Notice::AccountDeleted.on(links::SIGN_IN));
    Ok(())
}

/// Asks to move the account to a new address: re-authenticates with the password, mails a
/// confirmation link to the new address and a notice to the old one.
pub async fn change_email(ctx: &Ctx, email: &str, password: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let email = normalize_email(email)?;
    let row = row_of(ctx, &who).await?;
    reauthenticate(ctx, &row, password, "password").await?;
    if store::by_email(ctx.db(), &email).await?.is_some() {
        return Err(AppError::invalid("email", Problem::Taken));
    }
    rate_limit::hit(
        ctx.db(),
        &format!("mail-user:{}", who.id()),
        rate_limit::MAIL_PER_ACCOUNT,
    )
    .await?;
    let lang = ctx.lang();
    let token = tokens::issue(ctx.db(), Purpose::Email, who.id(), &email).await?;
    let m = mail::email_change(
        lang,
        &link(
            &ctx.state.settings,
            lang,
            &links::confirm_email_change(&token),
        ),
    );
    enqueue(ctx.db(), &email, &m).await?;
    let cancel = tokens::issue(ctx.db(), Purpose::Cancel, who.id(), &who.user().email).await?;
    let n = mail::email_changing(
        lang,
        &email,
        &link(
            &ctx.state.settings,
            lang,
            &links::cancel_email_change(&cancel),
        ),
    );
    enqueue(ctx.db(), &who.user().email, &n).await?;
    ctx.state.mailer.wake();
    ctx.audit(
        Some(who.id()),
        AuditAction::EmailChangeRequested,
        &email,
        "",
    )
    .await;
    ctx.redirect(&Notice::EmailSent.on(links::ACCOUNT));
    Ok(())
}

/// Moves the account to the new address with the link sent there.
pub async fn confirm_email_change(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let link = tokens::redeem(ctx.db(), Purpose::Email, token)
        .await?
        .ok_or(AppError::LinkExpired)?;
    if !store::move_email(ctx.db(), &link).await? {
        return Err(AppError::invalid("email", Problem::Taken));
    }
    tokens::end_pending(ctx.db(), Because::Link(&link)).await?;
    ctx.audit(
        Some(link.user()),
        AuditAction::EmailChanged,
        link.data(),
        "",
    )
    .await;
    ctx.redirect(&Notice::EmailChanged.on(links::ACCOUNT));
    Ok(())
}

/// "This was not me": cancels a change of address (moving the account back if it was
/// confirmed already), ends every link and every session of the account.
pub async fn cancel_email_change(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let link = tokens::redeem(ctx.db(), Purpose::Cancel, token)
        .await?
        .ok_or(AppError::LinkExpired)?;
    store::move_back(ctx.db(), &link).await?;
    tokens::end_all(ctx.db(), &link).await?;
    let n = sessions::end_all(ctx.db(), link.user()).await?;
    ctx.audit(
        Some(link.user()),
        AuditAction::EmailChangeCancelled,
        link.data(),
        &format!("{n} sessions ended"),
    )
    .await;
    ctx.set_cookie(&sessions::clear_cookie(&ctx.state.settings));
    ctx.redirect(&Notice::ChangeCancelled.on(links::SIGN_IN));
    Ok(())
}

/// Starts setting up two-factor authentication: stores a new secret, not yet in force.
pub async fn totp_begin(ctx: &Ctx) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    if who.user().totp_enabled {
        return Err(AppError::Forbidden);
    }
    store::begin_totp(ctx.db(), &who, &totp::new_secret()).await?;
    ctx.redirect("/account#security");
    Ok(())
}

/// The second factor being set up: the secret and its QR code for an authenticator app.
pub async fn totp_pending(ctx: &Ctx) -> Result<Option<TotpSetup>, AppError> {
    let who = ctx.signed_in().await?;
    if who.user().totp_enabled {
        return Ok(None);
    }
    let row = row_of(ctx, &who).await?;
    let Some(secret) = row.totp_secret else {
        return Ok(None);
    };
    let code = qrcode::QrCode::new(totp::uri(&secret, &who.user().email).as_bytes())
        .map_err(AppError::internal)?;
    let qr_svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(180, 180)
        .quiet_zone(true)
        .build();
    let recovery = totp::recovery_codes(&secret, row.recovery_set);
    Ok(Some(TotpSetup {
        secret,
        qr_svg,
        recovery,
    }))
}

/// Turns two-factor authentication on once a code from the app matches the new secret.
pub async fn totp_enable(ctx: &Ctx, code: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let row = row_of(ctx, &who).await?;
    let Some(secret) = row.totp_secret.filter(|_| !who.user().totp_enabled) else {
        return Err(AppError::invalid("code", Problem::Code));
    };
    check_code(ctx, &who.session(), Some(&secret), code, Accepts::App).await?;
    store::enable_totp(ctx.db(), &who).await?;
    // The codes the setup showed beside the QR code.
    let hashes = recovery_hashes(&secret, row.recovery_set);
    store::replace_recovery_codes(ctx.db(), &who, row.recovery_set, &hashes, false).await?;
    tokens::end_pending(ctx.db(), Because::SignedIn(&who)).await?;
    sessions::end_others(ctx.db(), who.id(), who.token_hash()).await?;
    ctx.audit(Some(who.id()), AuditAction::TotpEnabled, "", "")
        .await;
    ctx.redirect(&Notice::TotpOn.on("/account#security"));
    Ok(())
}

/// Turns two-factor authentication off (password and a current code); not for coordinators
/// and admins, who must keep it.
pub async fn totp_disable(ctx: &Ctx, password: &str, code: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    if who.user().role.needs_second_factor() {
        return Err(AppError::Forbidden);
    }
    let row = row_of(ctx, &who).await?;
    reauthenticate(ctx, &row, password, "password").await?;
    check_code(
        ctx,
        &who.session(),
        row.totp_secret.as_deref(),
        code,
        Accepts::AppOrRecovery,
    )
    .await?;
    store::disable_totp(ctx.db(), &who).await?;
    tokens::end_pending(ctx.db(), Because::SignedIn(&who)).await?;
    sessions::end_others(ctx.db(), who.id(), who.token_hash()).await?;
    ctx.audit(Some(who.id()), AuditAction::TotpDisabled, "", "")
        .await;
    ctx.redirect(&Notice::TotpOff.on("/account#security"));
    Ok(())
}

fn recovery_hashes(secret: &str, set: i64) -> Vec<String> {
    totp::recovery_codes(secret, set)
        .iter()
        .filter_map(|c| totp::recovery_hash(c))
        .collect()
}

/// The account's recovery codes: how many are left, and the new set while it is shown.
pub async fn recovery_status(ctx: &Ctx) -> Result<RecoveryState, AppError> {
    let who = ctx.signed_in().await?;
    if !who.user().totp_enabled {
        return Ok(RecoveryState::default());
    }
    let row = row_of(ctx, &who).await?;
    let codes = match (&row.totp_secret, row.recovery_shown) {
        (Some(secret), true) => totp::recovery_codes(secret, row.recovery_set),
        _ => Vec::new(),
    };
    Ok(RecoveryState {
        left: store::recovery_codes_left(ctx.db(), &who).await?,
        codes,
    })
}

/// A new set of recovery codes (a current code confirms it); the old set stops working. The
/// account page shows the new set until its holder says it is written down.
pub async fn renew_recovery_codes(ctx: &Ctx, code: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let row = row_of(ctx, &who).await?;
    let Some(secret) = row.totp_secret.filter(|_| who.user().totp_enabled) else {
        return Err(AppError::Forbidden);
    };
    check_code(
        ctx,
        &who.session(),
        Some(&secret),
        code,
        Accepts::AppOrRecovery,
    )
    .await?;
    let set = row.recovery_set + 1;
    store::replace_recovery_codes(ctx.db(), &who, set, &recovery_hashes(&secret, set), true)
        .await?;
    ctx.audit(Some(who.id()), AuditAction::RecoveryCodesRenewed, "", "")
        .await;
    ctx.redirect("/account#recovery");
    Ok(())
}

/// The holder has written the new set down: the page stops showing it.
pub async fn recovery_codes_seen(ctx: &Ctx) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    store::recovery_codes_seen(ctx.db(), &who).await?;
    ctx.redirect("/account#security");
    Ok(())
}
