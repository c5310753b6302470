//! Accounts against real databases: sign-up, the confirmation mail, sign-in with rotation,
//! rate limits (429 + Retry-After), session expiry, sign-out everywhere, password reset,
//! change of address, two-factor sign-in, cross-site refusal, and mail delivery through a
//! real SMTP server on loopback (aiosmtpd) that is down first and up later.

use crate::common::accounts::{call, form, mailed_token, me, session_cookie, PASSWORD};
use crate::common::api::{self, ServerFn};
use crate::common::{send, TestDb};
use axum::body::Body;
use axum::http::Request;
use cities4cities::accounts::totp;
use cities4cities::platform::{config::SessionSettings, mail::sender};

async fn scalar(t: &TestDb, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

async fn sign_up_verify_sign_in(t: &TestDb) {
    let app = t.router();
    let email = "olena@example.ua";

    // Refused input changes nothing.
    let weak = call::<api::SignUp>(
        &app,
        &[
            ("name", "Olena"),
            ("email", email),
            ("password", "password1"),
        ],
        None,
    )
    .await;
    assert_eq!(weak.status, 400);
    assert!(weak.body.contains("common_password"), "{}", weak.body);
    let bad = call::<api::SignUp>(
        &app,
        &[
            ("name", "Olena"),
            ("email", "olena"),
            ("password", PASSWORD),
        ],
        None,
    )
    .await;
    assert!(bad.body.contains("\"field\":\"email\""), "{}", bad.body);
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM users WHERE email = $1", email).await,
        0
    );

    let r = call::<api::SignUp>(
        &app,
        &[
            ("name", "Olena <b>K</b>"),
            ("email", "Olena@Example.UA"),
            ("password", PASSWORD),
        ],
        None,
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(r.headers["location"], "/en/account?done=signed_up");
    let set = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    let c = set
        .iter()
        .find(|c| c.starts_with("__Host-c4c_session="))
        .expect("session cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(c.contains(attr), "{attr} in {c}");
    }
    let cookie = session_cookie(&r).unwrap();
    let token = cookie.split('=').nth(1).unwrap();
    assert_eq!(token.len(), 64, "256-bit token");
    let stored: i64 = scalar(
        t,
        "SELECT COUNT(*) FROM sessions WHERE token_hash = $1",
        token,
    )
    .await;
    assert_eq!(stored, 0, "the token itself is never stored");

    let user = me(&app, &cookie).await;
    assert_eq!(user["email"], email);
    assert_eq!(user["email_verified"], false);

    // The same address again is refused.
    let again = call::<api::SignUp>(
        &app,
        &[("name", "X"), ("email", email), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(again.body.contains("taken"), "{}", again.body);

    // The confirmation link, in English (the page the form was on).
    let subject: String = sqlx::query_scalar("SELECT subject FROM outbox WHERE to_addr = $1")
        .bind(email)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(subject, "Confirm your address for Cities4Cities");
    let token = mailed_token(t, email, "https://c4c.example/en/account/verify?token=").await;
    // Opening the link changes nothing by itself.
    let page = crate::common::get(&app, &format!("/en/account/verify?token={token}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    assert_eq!(me(&app, &cookie).await["email_verified"], false);
    let ok = call::<api::ConfirmEmail>(&app, &[("token", &token)], Some(&cookie)).await;
    assert!(
        ok.headers.contains_key("location"),
        "{} {}",
        ok.status,
        ok.body
    );
    assert_eq!(me(&app, &cookie).await["email_verified"], true);
    let reused = call::<api::ConfirmEmail>(&app, &[("token", &token)], Some(&cookie)).await;
    assert_eq!(reused.status, 410, "a link works once");

    // Sign-in: wrong password, then right; the session is rotated.
    let wrong = call::<api::SignIn>(
        &app,
        &[("email", email), ("password", "not-the-password")],
        None,
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("BadCredentials"), "{}", wrong.body);
    let nobody = call::<api::SignIn>(
        &app,
        &[("email", "nobody@example.ua"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert_eq!(
        nobody.body, wrong.body,
        "unknown accounts answer exactly like wrong passwords"
    );
    let r = call::<api::SignIn>(
        &app,
        &[
            ("email", email),
            ("password", PASSWORD),
            ("return_to", "/c/kyiv"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(r.headers["location"], "/en/c/kyiv");
    let second = session_cookie(&r).unwrap();
    assert_ne!(second, cookie);
    let old = call::<api::Me>(&app, &[], Some(&cookie)).await;
    assert_eq!(
        old.body, "null",
        "the session before sign-in ended (rotation)"
    );
    // An open redirect is not possible.
    let r = call::<api::SignIn>(
        &app,
        &[
            ("email", email),
            ("password", PASSWORD),
            ("return_to", "//evil.example/"),
        ],
        None,
    )
    .await;
    assert_eq!(r.headers["location"], "/en/account");

    // Any instance serves the session (it lives in the database).
    let other = t.router();
    assert_eq!(me(&other, &second).await["email"], email);

    // Idle timeout.
    sqlx::query("UPDATE sessions SET last_seen = last_seen - $1")
        .bind(SessionSettings::default().idle_secs + 10)
        .execute(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(
        call::<api::Me>(&app, &[], Some(&second)).await.body,
        "null",
        "idle session expired"
    );
    // Absolute timeout, however recently used.
    let r = call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await;
    let third = session_cookie(&r).unwrap();
    sqlx::query("UPDATE sessions SET created_at = created_at - $1")
        .bind(SessionSettings::default().absolute_secs + 10)
        .execute(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(
        call::<api::Me>(&app, &[], Some(&third)).await.body,
        "null",
        "absolute lifetime over"
    );

    // Sign out everywhere ends every session.
    let a = session_cookie(
        &call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await,
    )
    .unwrap();
    let b = session_cookie(
        &call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await,
    )
    .unwrap();
    let r = call::<api::SignOutEverywhere>(&app, &[], Some(&a)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(call::<api::Me>(&app, &[], Some(&b)).await.body, "null");

    // The audit log saw it.
    let n = scalar(
        t,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        "sign_in",
    )
    .await;
    assert!(n >= 5, "{n} sign-ins recorded");
    let n = scalar(
        t,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        "sign_in_failed",
    )
    .await;
    assert_eq!(n, 2);
}

async fn rate_limits(t: &TestDb) {
    let app = t.router();
    let email = "rate@example.ua";
    let r = call::<api::SignUp>(
        &app,
        &[("name", "R"), ("email", email), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    let mut last = None;
    for _ in 0..9 {
        last = Some(
            call::<api::SignIn>(
                &app,
                &[("email", email), ("password", "wrong-password")],
                None,
            )
            .await,
        );
    }
    let last = last.unwrap();
    assert_eq!(last.status, 429, "{}", last.body);
    let retry: u64 = last.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    // Even the right password waits now: the limit is per account.
    let right = call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await;
    assert_eq!(right.status, 429);
    // Without JavaScript the form still comes back to its page, with the error in the URL.
    let html = send(
        &app,
        Request::post(api::SignIn::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", "https://c4c.example/en/account/signin")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(form(&[
                ("email", email),
                ("password", PASSWORD),
            ])))
            .unwrap(),
    )
    .await;
    assert_eq!(html.status, 302);
    let back = html.headers["location"].to_str().unwrap();
    assert!(
        back.starts_with("https://c4c.example/en/account/signin?") && back.contains("__err="),
        "{back}"
    );
    let page = crate::common::get(&app, &back.replace("https://c4c.example", "")).await;
    assert!(
        page.body.contains("Too many attempts"),
        "the page explains the refusal"
    );
}

async fn reset_and_email_change(t: &TestDb) {
    let app = t.router();
    let email = "taras@example.ua";
    let first = session_cookie(
        &call::<api::SignUp>(
            &app,
            &[("name", "Taras"), ("email", email), ("password", PASSWORD)],
            None,
        )
        .await,
    )
    .unwrap();
    // The same answer for an address without an account.
    let r = call::<api::RequestReset>(&app, &[("email", "ghost@example.ua")], None).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(r.headers["location"], "/en/account/forgot?done=reset_sent");
    let r = call::<api::RequestReset>(&app, &[("email", email)], None).await;
    assert_eq!(r.headers["location"], "/en/account/forgot?done=reset_sent");
    let token = mailed_token(t, email, "/en/account/reset?token=").await;
    let weak =
        call::<api::ResetPassword>(&app, &[("token", &token), ("password", "12345678")], None)
            .await;
    assert_eq!(weak.status, 400);
    let new_password = "new-harvest-Vinnytsia";
    let r =
        call::<api::ResetPassword>(&app, &[("token", &token), ("password", new_password)], None)
            .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(
        call::<api::Me>(&app, &[], Some(&first)).await.body,
        "null",
        "old sessions end on reset"
    );
    let fresh = session_cookie(&r).unwrap();
    assert_eq!(me(&app, &fresh).await["email"], email);
    assert_eq!(
        call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None)
            .await
            .status,
        401
    );

    // Change of address: the password again, a link to the new address, a notice to the old.
    let wrong = call::<api::ChangeEmail>(
        &app,
        &[("email", "taras@city.ua"), ("password", PASSWORD)],
        Some(&fresh),
    )
    .await;
    assert!(wrong.body.contains("mismatch"), "{}", wrong.body);
    let r = call::<api::ChangeEmail>(
        &app,
        &[("email", "taras@city.ua"), ("password", new_password)],
        Some(&fresh),
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(
        me(&app, &fresh).await["email"],
        email,
        "not before confirmation"
    );
    let notices = scalar(
        t,
        "SELECT COUNT(*) FROM outbox WHERE to_addr = $1 AND body LIKE '%taras@city.ua%'",
        email,
    )
    .await;
    assert_eq!(notices, 1);
    let token = mailed_token(t, "taras@city.ua", "/en/account/email?token=").await;
    assert!(
        call::<api::ConfirmEmailChange>(&app, &[("token", &token)], None)
            .await
            .headers
            .contains_key("location")
    );
    assert_eq!(me(&app, &fresh).await["email"], "taras@city.ua");
}

async fn two_factor(t: &TestDb) {
    let app = t.router();
    let email = "iryna@example.ua";
    let cookie = session_cookie(
        &call::<api::SignUp>(
            &app,
            &[("name", "Iryna"), ("email", email), ("password", PASSWORD)],
            None,
        )
        .await,
    )
    .unwrap();
    assert_eq!(
        call::<api::TotpBegin>(&app, &[], None).await.status,
        401,
        "signed-in users only"
    );
    assert!(call::<api::TotpBegin>(&app, &[], Some(&cookie))
        .await
        .headers
        .contains_key("location"));
    let setup: serde_json::Value = serde_json::from_str(
        &call::<api::TotpPending>(&app, &[], Some(&cookie))
            .await
            .body,
    )
    .unwrap();
    let secret = setup["secret"].as_str().unwrap().to_string();
    assert!(
        setup["qr_svg"].as_str().unwrap().starts_with("<?xml")
            || setup["qr_svg"].as_str().unwrap().contains("<svg")
    );
    let totp_step = totp::step_now();
    let code = || totp::code_at(&secret, totp_step).unwrap();
    let bad = call::<api::TotpEnable>(&app, &[("code", "000000")], Some(&cookie)).await;
    if code() != "000000" {
        assert_eq!(bad.status, 400);
    }
    assert!(
        call::<api::TotpEnable>(&app, &[("code", &code())], Some(&cookie))
            .await
            .headers
            .contains_key("location")
    );
    assert_eq!(me(&app, &cookie).await["totp_enabled"], true);

    // Signing in now takes two steps; between them the session is not signed in.
    let r = call::<api::SignIn>(
        &app,
        &[
            ("email", email),
            ("password", PASSWORD),
            ("return_to", "/about"),
        ],
        None,
    )
    .await;
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .starts_with("/en/account/2fa?return_to=%2Fabout"));
    let half = session_cookie(&r).unwrap();
    assert_eq!(call::<api::Me>(&app, &[], Some(&half)).await.body, "null");
    assert_eq!(
        call::<api::ChangePassword>(
            &app,
            &[("current", PASSWORD), ("password", "x-x-x-x-x-x-x")],
            Some(&half)
        )
        .await
        .status,
        401
    );
    // The code that turned the factor on was used: seen again, it is refused (a replay).
    let used = code();
    let r = call::<api::SecondFactor>(&app, &[("code", &used)], Some(&half)).await;
    assert_eq!(r.status, 400, "a used code again: {}", r.body);
    // The next time step's code is accepted (one step of clock drift either way).
    let next = totp::code_at(&secret, totp_step + 1).unwrap();
    let r = call::<api::SecondFactor>(
        &app,
        &[("code", &next), ("return_to", "/about")],
        Some(&half),
    )
    .await;
    assert_eq!(r.headers["location"], "/en/about");
    // A new token for the full session; the one that only passed the password is dead.
    let full = session_cookie(&r).expect("a new session cookie");
    assert_eq!(me(&app, &full).await["email"], email);
    assert_eq!(call::<api::Me>(&app, &[], Some(&half)).await.body, "null");

    recovery_codes(t, email, &setup, &secret, &full).await;
}

/// The recovery codes the setup showed: each signs in once instead of the app's code; a new
/// set (confirmed with a code) voids the old one and is shown until it is written down.
async fn recovery_codes(
    t: &TestDb,
    email: &str,
    setup: &serde_json::Value,
    secret: &str,
    full: &str,
) {
    let app = t.router();
    let shown: Vec<String> = setup["recovery"]
        .as_array()
        .expect("the setup shows recovery codes")
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(shown.len(), 10);
    let status = |cookie: String| {
        let app = app.clone();
        async move {
            let r = call::<api::RecoveryStatus>(&app, &[], Some(&cookie)).await;
            assert_eq!(r.status, 200, "{}", r.body);
            serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
        }
    };
    let s = status(full.to_string()).await;
    assert_eq!(s["left"], 10);
    assert_eq!(
        s["codes"].as_array().unwrap().len(),
        0,
        "shown only at setup: {s}"
    );
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = $1")
            .bind(email)
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(
        stored
            .iter()
            .all(|h| shown.iter().all(|c| !h.contains(&c.replace('-', "")))),
        "only hashes are kept"
    );
    let half = || {
        let app = app.clone();
        async move {
            let r = call::<api::SignIn>(
                &app,
                &[("email", email), ("password", PASSWORD), ("return_to", "/")],
                None,
            )
            .await;
            session_cookie(&r).unwrap()
        }
    };

    // A recovery code instead of the app's code, typed loosely; once only.
    let first = half().await;
    let typed = shown[0].to_uppercase().replace('-', " ");
    let r = call::<api::SecondFactor>(&app, &[("code", &typed)], Some(&first)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    let rescued = session_cookie(&r).expect("a full session");
    assert_eq!(me(&app, &rescued).await["email"], email);
    let again = half().await;
    let r = call::<api::SecondFactor>(&app, &[("code", &shown[0])], Some(&again)).await;
    assert_eq!(r.status, 400, "a used recovery code: {}", r.body);
    let r = call::<api::SecondFactor>(&app, &[("code", "abcde-fghij")], Some(&again)).await;
    assert_eq!(r.status, 400, "a made-up recovery code: {}", r.body);
    assert_eq!(call::<api::Me>(&app, &[], Some(&again)).await.body, "null");
    assert_eq!(status(rescued.clone()).await["left"], 9);
    assert!(
        scalar(
            t,
            "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor \
             WHERE u.email = $1 AND a.action = 'recovery_code_used'",
            email,
        )
        .await
            == 1
    );

    // A new set needs a right code; the refused try changes nothing.
    let r = call::<api::RenewRecoveryCodes>(&app, &[("code", "12345")], Some(&rescued)).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(status(rescued.clone()).await["left"], 9);
    assert_eq!(
        call::<api::RenewRecoveryCodes>(&app, &[("code", &shown[1])], None)
            .await
            .status,
        401
    );
    let r = call::<api::RenewRecoveryCodes>(&app, &[("code", &shown[1])], Some(&rescued)).await;
    assert_eq!(r.headers["location"], "/en/account#recovery", "{}", r.body);
    let s = status(rescued.clone()).await;
    assert_eq!(s["left"], 10);
    let renewed: Vec<String> = s["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(renewed.len(), 10);
    assert!(renewed.iter().all(|c| !shown.contains(c)));
    // The old set is void; the new one works.
    let r = call::<api::SecondFactor>(&app, &[("code", &shown[2])], Some(&again)).await;
    assert_eq!(r.status, 400, "an old set's code: {}", r.body);
    let r = call::<api::SecondFactor>(&app, &[("code", &renewed[9])], Some(&again)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    // Written down: no longer shown.
    call::<api::RecoveryCodesSeen>(&app, &[], Some(&rescued)).await;
    let s = status(rescued.clone()).await;
    assert_eq!(
        (s["left"].as_i64(), s["codes"].as_array().unwrap().len()),
        (Some(9), 0)
    );
    // With the phone lost, a recovery code also turns the factor off (password too), and the
    // codes go with it.
    let r = call::<api::TotpDisable>(
        &app,
        &[("password", PASSWORD), ("code", &renewed[4])],
        Some(&rescued),
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
            email,
        )
        .await,
        0
    );
    // Set up again, only the app's code turns it on: a recovery code does not prove the app.
    call::<api::TotpBegin>(&app, &[], Some(&rescued)).await;
    let setup: serde_json::Value = serde_json::from_str(
        &call::<api::TotpPending>(&app, &[], Some(&rescued))
            .await
            .body,
    )
    .unwrap();
    assert_ne!(setup["secret"].as_str(), Some(secret));
    let code = setup["recovery"][0].as_str().unwrap().to_string();
    let r = call::<api::TotpEnable>(&app, &[("code", &code)], Some(&rescued)).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(me(&app, &rescued).await["totp_enabled"], false);
}

async fn cross_site_refused(t: &TestDb) {
    let app = t.router();
    let r = send(
        &app,
        Request::post(api::SignUp::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .header("origin", "https://evil.example")
            .body(Body::from(form(&[
                ("name", "E"),
                ("email", "evil@example.ua"),
                ("password", PASSWORD),
            ])))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = send(
        &app,
        Request::post(api::SignUp::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "https://evil.example")
            .header("host", "c4c.example")
            .body(Body::from(form(&[
                ("name", "E"),
                ("email", "evil@example.ua"),
                ("password", PASSWORD),
            ])))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 403, "Origin alone is checked too");
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM users WHERE email = $1",
            "evil@example.ua"
        )
        .await,
        0
    );
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn mail_delivery(t: &TestDb) {
    let state = t.state();
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("c4c-mail-{}-{port}", std::process::id()));
    let mut settings = (*state.settings).clone();
    settings.mail.smtp_url = format!("smtp://127.0.0.1:{port}");
    settings.mail.from = "Cities4Cities <noreply@c4c.example>".into();
    settings.storage.data_dir = dir.clone();
    sqlx::query("UPDATE outbox SET sent_at = 1")
        .execute(&t.db.pool)
        .await
        .unwrap();
    cities4cities::platform::mail::enqueue(
        &t.db,
        "mykola@example.ua",
        &cities4cities::platform::mail::Mail {
            subject: "Привіт".into(),
            body: "Тіло листа: https://c4c.example/x".into(),
        },
    )
    .await
    .unwrap();

    // The mail server is down: nothing is lost, a retry is scheduled.
    assert_eq!(sender::deliver_due(&t.db, &settings).await.unwrap(), 0);
    let (attempts, sent): (i64, Option<i64>) =
        sqlx::query_as("SELECT attempts, sent_at FROM outbox WHERE to_addr = 'mykola@example.ua'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!((attempts, sent), (1, None));
    assert_eq!(
        sender::deliver_due(&t.db, &settings).await.unwrap(),
        0,
        "not before the retry time"
    );

    // The server comes up; the retry is due.
    let maildir = dir.join("maildir");
    std::fs::create_dir_all(&dir).unwrap();
    let mut smtpd = std::process::Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(&maildir)
        .spawn()
        .expect("python3 -m aiosmtpd (scripts/setup.sh installs it)");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    sqlx::query("UPDATE outbox SET next_attempt = 0 WHERE sent_at IS NULL")
        .execute(&t.db.pool)
        .await
        .unwrap();
    let delivered = sender::deliver_due(&t.db, &settings).await;
    let received: Vec<String> = std::fs::read_dir(maildir.join("new"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
                .collect()
        })
        .unwrap_or_default();
    smtpd.kill().ok();
    smtpd.wait().ok();
    let last_error: String =
        sqlx::query_scalar("SELECT last_error FROM outbox WHERE to_addr = 'mykola@example.ua'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(delivered.unwrap(), 1, "{last_error}");
    assert_eq!(received.len(), 1, "the SMTP server received the message");
    assert!(
        received[0].contains("To: mykola@example.ua"),
        "{}",
        received[0]
    );
    assert!(received[0].contains("noreply@c4c.example"));

    // Without SMTP: an .eml file.
    settings.mail.smtp_url.clear();
    cities4cities::platform::mail::enqueue(
        &t.db,
        "anna@example.ua",
        &cities4cities::platform::mail::Mail {
            subject: "Subject".into(),
            body: "Body".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(sender::deliver_due(&t.db, &settings).await.unwrap(), 1);
    let files: Vec<_> = std::fs::read_dir(dir.join("outbox"))
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 1);
    assert!(std::fs::read_to_string(files[0].path())
        .unwrap()
        .contains("To: anna@example.ua"));
    std::fs::remove_dir_all(dir).ok();
}

/// Every server function answers with its error's status, without a wrapper of its own:
/// a visitor asking for personal data gets 401 (the communities one edits and the second
/// factor being set up answered 500 before the status became automatic), a second factor
/// still owed gets 401 too, a wrong form gets 400.
async fn statuses_follow_the_error(t: &TestDb) {
    let app = t.router();
    for (name, path) in [
        ("my_communities", api::path::<api::MyCommunities>()),
        ("totp_pending", api::path::<api::TotpPending>()),
        ("pending_claims", api::path::<api::PendingClaims>()),
        ("audit_log", api::path::<api::AuditLog>()),
    ] {
        let r = crate::common::accounts::call_path(&app, path, &[], None).await;
        assert_eq!(r.status, 401, "{name} for a visitor: {}", r.body);
        assert!(r.body.contains("SignInRequired"), "{name}: {}", r.body);
    }
    let bad = call::<api::SignUp>(
        &app,
        &[("name", ""), ("email", "x@y.ua"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
}

/// A server fault shows the user the id of the request, and it is the id the request's log
/// lines and its `x-request-id` header carry (it was minted apart when the error happened).
async fn internal_errors_name_their_request(t: &TestDb) {
    let app = t.router();
    let cookie = session_cookie(
        &call::<api::SignUp>(
            &app,
            &[
                ("name", "Taras"),
                ("email", "taras@example.ua"),
                ("password", PASSWORD),
            ],
            None,
        )
        .await,
    )
    .unwrap();
    // The database goes away: every request that needs it fails on the server.
    t.db.pool.close().await;
    let r = call::<api::Me>(&app, &[], Some(&cookie)).await;
    assert_eq!(r.status, 500, "{}", r.body);
    let header = r.headers["x-request-id"].to_str().unwrap().to_string();
    assert!(header.len() >= 16, "a request id: {header:?}");
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        body["Internal"]["request_id"],
        header.as_str(),
        "{}",
        r.body
    );
    assert!(
        !r.body.to_lowercase().contains("pool"),
        "no internal text: {}",
        r.body
    );

    let api_error = crate::common::get(&app, "/api/v1/communities").await;
    assert_eq!(api_error.status, 500);
    let id = api_error.headers["x-request-id"].to_str().unwrap();
    assert!(api_error.body.contains(id), "{}", api_error.body);
    assert_ne!(id, header, "each request has its own id");
}

crate::scenarios!(
    sign_up_verify_sign_in,
    rate_limits,
    reset_and_email_change,
    two_factor,
    cross_site_refused,
    mail_delivery,
    statuses_follow_the_error,
    internal_errors_name_their_request,
);
