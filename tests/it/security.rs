//! The faults of the security review, each with the attack that found it: open redirects.

use crate::common::accounts::{
    account, call, form, mailed_token, make_editor, session_cookie, PASSWORD,
};
use crate::common::api::{self, ServerFn};
use crate::common::{send, Reply, TestDb};
use axum::body::Body;
use axum::http::Request;

/// Redirect targets an attacker would try: other sites in every spelling browsers accept.
const FOREIGN: [&str; 9] = [
    "//evil.example",
    "/en//evil.example",
    "/\\evil.example",
    "/en/\\evil.example",
    "/\tevil.example",
    "/%09/evil.example",
    "https://evil.example",
    "/account\r\nSet-Cookie: x=1",
    "/\u{1}evil",
];

/// Whether a `Location` keeps the browser on this site.
fn stays_here(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.contains('\\')
        && !location
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
}

/// A form post from the page `page` (the server answers in that page's language).
async fn post_from(
    app: &axum::Router,
    path: &str,
    page: &str,
    pairs: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let mut req = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("referer", format!("https://c4c.example{page}"));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(app, req.body(Body::from(form(pairs))).unwrap()).await
}

async fn redirects_stay_on_the_site(t: &TestDb) {
    let app = t.router();
    account(t, &app, "redirect@example.ua", "member").await;
    for page in ["/account/signin", "/en/account/signin"] {
        for target in FOREIGN {
            let r = post_from(
                &app,
                api::SignIn::PATH,
                page,
                &[
                    ("email", "redirect@example.ua"),
                    ("password", PASSWORD),
                    ("return_to", target),
                ],
                None,
            )
            .await;
            let location = r.headers["location"].to_str().unwrap();
            assert!(
                stays_here(location),
                "sign-in from {page} to {target:?}: {location:?}"
            );
        }
    }
    // The language switch.
    for target in FOREIGN {
        for lang in ["uk", "en"] {
            let r = post_from(
                &app,
                "/lang",
                "/",
                &[("lang", lang), ("return_to", target)],
                None,
            )
            .await;
            assert_eq!(r.status, 303, "{target:?}");
            let location = r.headers["location"].to_str().unwrap();
            assert!(
                stays_here(location),
                "language switch to {lang}, {target:?}: {location:?}"
            );
        }
    }
}

/// The second step of signing in sends the reader on only within the site.
async fn second_factor_redirects_stay_on_the_site(t: &TestDb) {
    use cities4cities::accounts::totp;
    let app = t.router();
    let email = "twofactor-redirect@example.ua";
    account(t, &app, email, "member").await;
    let secret = totp::new_secret();
    sqlx::query("UPDATE users SET totp_secret = $1, totp_enabled = 1 WHERE email = $2")
        .bind(&secret)
        .bind(email)
        .execute(&t.db.pool)
        .await
        .unwrap();
    for (i, target) in FOREIGN.iter().enumerate() {
        let r = post_from(
            &app,
            api::SignIn::PATH,
            "/account/signin",
            &[("email", email), ("password", PASSWORD)],
            None,
        )
        .await;
        let half = session_cookie(&r).expect("a session owing its second factor");
        // One code per time step is accepted: step back far enough for each attempt.
        let step = totp::step_now();
        let code = totp::code_at(&secret, step).unwrap();
        let r = post_from(
            &app,
            api::SecondFactor::PATH,
            "/account/2fa",
            &[("code", &code), ("return_to", target)],
            Some(&half),
        )
        .await;
        let location = r
            .headers
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        if let Some(location) = location {
            assert!(
                stays_here(&location),
                "second factor to {target:?}: {location:?}"
            );
        } else {
            // A refused code (the same step twice) is no redirect at all: fine.
            assert_ne!(r.status, 500, "attempt {i}: {}", r.body);
        }
    }
}

async fn user_flags(t: &TestDb, email: &str) -> (String, i64, Option<String>, i64) {
    sqlx::query_as(
        "SELECT role, totp_enabled, totp_secret, email_verified FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_one(&t.db.pool)
    .await
    .unwrap()
}

/// Someone registers a future coordinator's address first and never confirms it: the
/// appointment is refused, and when the owner of the address resets the password the
/// account keeps neither role nor the squatter's second factor. An editor whose address is
/// not confirmed invites nobody.
async fn roles_only_for_confirmed_addresses(t: &TestDb) {
    use cities4cities::accounts::totp;
    let app = t.router();
    let admin = account(t, &app, "admin@c4c.example", "admin").await;
    let email = "future.coordinator@c4c.example";
    let squatter = session_cookie(
        &call::<api::SignUp>(
            &app,
            &[
                ("name", "Mallory"),
                ("email", email),
                ("password", PASSWORD),
            ],
            None,
        )
        .await,
    )
    .unwrap();
    call::<api::TotpBegin>(&app, &[], Some(&squatter)).await;
    let setup: serde_json::Value = serde_json::from_str(
        &call::<api::TotpPending>(&app, &[], Some(&squatter))
            .await
            .body,
    )
    .unwrap();
    let secret = setup["secret"].as_str().unwrap().to_string();
    let code = totp::code_at(&secret, totp::step_now()).unwrap();
    let on = call::<api::TotpEnable>(&app, &[("code", &code)], Some(&squatter)).await;
    assert!(on.headers.contains_key("location"), "{}", on.body);

    let r = call::<api::SetRole>(
        &app,
        &[("email", email), ("role", "coordinator")],
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("unverified"), "{}", r.body);
    assert_eq!(user_flags(t, email).await.0, "member");

    // As if appointed before the check existed: the owner takes the address back by mail.
    sqlx::query("UPDATE users SET role = 'coordinator' WHERE email = $1")
        .bind(email)
        .execute(&t.db.pool)
        .await
        .unwrap();
    call::<api::RequestReset>(&app, &[("email", email)], None).await;
    let token = mailed_token(t, email, "/account/reset").await;
    let r = call::<api::ResetPassword>(
        &app,
        &[("token", &token), ("password", "the-owner-is-back-2026")],
        None,
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        user_flags(t, email).await,
        ("member".to_string(), 0, None, 1),
        "no role, no second factor of the squatter, the address confirmed"
    );

    // An editor with an unconfirmed address invites nobody.
    let r = call::<api::SignUp>(
        &app,
        &[
            ("name", "Unconfirmed"),
            ("email", "unconfirmed@hoshcha.gov.ua"),
            ("password", PASSWORD),
        ],
        None,
    )
    .await;
    let unconfirmed = session_cookie(&r).unwrap();
    make_editor(t, "unconfirmed@hoshcha.gov.ua", "hoshchanska").await;
    let r = call::<api::InviteEditor>(
        &app,
        &[
            ("slug", "hoshchanska"),
            ("email", "colleague@hoshcha.gov.ua"),
        ],
        Some(&unconfirmed),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let invitations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(invitations, 0);
}

/// An instance behind one proxy: the client's address is the last `X-Forwarded-For` entry.
fn behind_a_proxy(t: &TestDb) -> axum::Router {
    let state = t.state();
    let mut settings = (*state.settings).clone();
    settings.server.trusted_proxies = 1;
    cities4cities::startup::router(cities4cities::startup::app_state(settings, t.db.clone()))
}

/// A sign-in from the address `ip` (through the proxy), with the cookies `cookie`.
async fn sign_in_from(
    app: &axum::Router,
    ip: &str,
    email: &str,
    password: &str,
    cookie: Option<&str>,
) -> Reply {
    let mut req = Request::post(api::SignIn::PATH)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("referer", "https://c4c.example/en/account/signin")
        .header("x-forwarded-for", ip);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(
        app,
        req.body(Body::from(form(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap(),
    )
    .await
}

/// Guesses sent at once are all counted: after the free attempts of one network, twenty
/// wrong passwords and the right one sent together are all refused (the review signed in
/// with the right one). Guessing from many networks does not lock the owner out: from a
/// device or network the account signed in from before, the right password still works.
async fn guessing_passwords(t: &TestDb) {
    let app = behind_a_proxy(t);
    let email = "owner@hoshcha.gov.ua";
    account(t, &app, email, "member").await;
    // The owner signs in from home once: the network and the device become known.
    let home = sign_in_from(&app, "198.51.100.7", email, PASSWORD, None).await;
    assert!(home.headers.contains_key("location"), "{}", home.body);
    let device = home
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("c4c_device="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("a device cookie");

    // One attacker's network: five wrong passwords, then everything at once.
    for _ in 0..5 {
        let r = sign_in_from(&app, "203.0.113.66", email, "wrong-password-1", None).await;
        assert_eq!(r.status, 401, "{}", r.body);
    }
    let mut burst = Vec::new();
    for i in 0..21 {
        let app = app.clone();
        let password = if i == 10 {
            PASSWORD.to_string()
        } else {
            format!("wrong-{i}")
        };
        burst.push(tokio::spawn(async move {
            sign_in_from(
                &app,
                "203.0.113.66",
                "owner@hoshcha.gov.ua",
                &password,
                None,
            )
            .await
            .status
        }));
    }
    for b in burst {
        assert_eq!(
            b.await.unwrap(),
            429,
            "past the free attempts every guess waits"
        );
    }

    // Many networks, a few guesses each: the account's limit for unknown places trips.
    let mut refused = 0;
    for n in 0..30 {
        let ip = format!("192.0.2.{}", n + 10);
        let r = sign_in_from(&app, &ip, email, "wrong-again", None).await;
        if r.status == 429 {
            refused += 1;
        }
    }
    assert!(
        refused >= 5,
        "spread guessing is limited too ({refused} refused)"
    );
    let elsewhere = sign_in_from(&app, "192.0.2.200", email, PASSWORD, None).await;
    assert_eq!(
        elsewhere.status, 429,
        "even the right password waits from a new network"
    );
    // The owner, at home and on their device, is not locked out.
    let r = sign_in_from(&app, "198.51.100.7", email, PASSWORD, None).await;
    assert!(
        r.headers.contains_key("location"),
        "from the known network: {}",
        r.body
    );
    let r = sign_in_from(&app, "100.64.0.1", email, PASSWORD, Some(&device)).await;
    assert!(
        r.headers.contains_key("location"),
        "on the known device: {}",
        r.body
    );
}

/// Second-factor codes are limited per account, whatever session they come from, and a new
/// password sign-in does not start the count afresh; every wrong code is in the audit log.
async fn guessing_second_factor_codes(t: &TestDb) {
    use cities4cities::accounts::totp;
    let app = t.router();
    let email = "guarded@example.ua";
    account(t, &app, email, "member").await;
    let secret = totp::new_secret();
    sqlx::query("UPDATE users SET totp_secret = $1, totp_enabled = 1 WHERE email = $2")
        .bind(&secret)
        .bind(email)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let near: Vec<String> = (totp::step_now() - 2..=totp::step_now() + 2)
        .filter_map(|s| totp::code_at(&secret, s))
        .collect();
    let wrong = (0..1_000_000)
        .map(|n| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .unwrap();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        // A fresh session each time, as an attacker with the password would make.
        let r = call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await;
        let half = session_cookie(&r).expect("a session owing its second factor");
        for _ in 0..3 {
            let r = call::<api::SecondFactor>(&app, &[("code", &wrong)], Some(&half)).await;
            statuses.push(r.status);
        }
    }
    assert_eq!(&statuses[..5], &[400; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    let failures: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor_failed'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(failures, 5, "every code that was judged wrong is audited");
    // The right code waits too now: the back-off holds for the account.
    let r = call::<api::SignIn>(&app, &[("email", email), ("password", PASSWORD)], None).await;
    let half = session_cookie(&r).unwrap();
    let right = totp::code_at(&secret, totp::step_now()).unwrap();
    let r = call::<api::SecondFactor>(&app, &[("code", &right)], Some(&half)).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.headers.contains_key("retry-after"));
}

async fn email_of(t: &TestDb, id_email: &str) -> Option<String> {
    sqlx::query_scalar("SELECT email FROM users WHERE email = $1")
        .bind(id_email)
        .fetch_optional(&t.db.pool)
        .await
        .unwrap()
}

/// Asks to move the account at `from` to `to`; returns the confirmation token mailed to
/// `to` and the "this was not me" token mailed to `from`.
async fn ask_move(
    t: &TestDb,
    app: &axum::Router,
    cookie: &str,
    from: &str,
    to: &str,
) -> (String, String) {
    let r =
        call::<api::ChangeEmail>(app, &[("email", to), ("password", PASSWORD)], Some(cookie)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    (
        mailed_token(t, to, "/en/account/email?token=").await,
        cancel_token(t, from, to).await,
    )
}

/// The "this was not me" link of the notice, sent to `from`, of a move to `to`.
async fn cancel_token(t: &TestDb, from: &str, to: &str) -> String {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM outbox WHERE to_addr = $1")
        .bind(from)
        .fetch_all(&t.db.pool)
        .await
        .unwrap();
    let body = bodies
        .iter()
        .find(|b| b.contains(to) && b.contains("/en/account/cancel?token="))
        .expect("a notice with a cancel link");
    let start = body.find("token=").unwrap() + 6;
    body[start..start + 64].to_string()
}

/// Fault 4: a link to move the account outlived a change of password, a reset and signing
/// out everywhere; now each of them ends every pending link, and the notice to the old
/// address cancels the move, even one already confirmed.
async fn links_end_with_the_password(t: &TestDb) {
    let app = t.router();
    let email = "owner@example.ua";
    let cookie = account(t, &app, email, "member").await;
    let dead = |r: &Reply| r.status == 410;

    // A change of password.
    let (confirm, _) = ask_move(t, &app, &cookie, email, "thief1@example.ua").await;
    let r = call::<api::ChangePassword>(
        &app,
        &[
            ("current", PASSWORD),
            ("password", "another-long-Password-1"),
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
    let r = call::<api::ConfirmEmailChange>(&app, &[("token", &confirm)], None).await;
    assert!(
        dead(&r),
        "after a change of password: {} {}",
        r.status,
        r.body
    );
    assert_eq!(email_of(t, "thief1@example.ua").await, None);

    // Signing out everywhere.
    let cookie = account_session(t, &app, email, "another-long-Password-1").await;
    let r = call::<api::ChangeEmail>(
        &app,
        &[
            ("email", "thief2@example.ua"),
            ("password", "another-long-Password-1"),
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
    let confirm = mailed_token(t, "thief2@example.ua", "/en/account/email?token=").await;
    call::<api::SignOutEverywhere>(&app, &[], Some(&cookie)).await;
    let r = call::<api::ConfirmEmailChange>(&app, &[("token", &confirm)], None).await;
    assert!(
        dead(&r),
        "after signing out everywhere: {} {}",
        r.status,
        r.body
    );

    // A password reset.
    let cookie = account_session(t, &app, email, "another-long-Password-1").await;
    let r = call::<api::ChangeEmail>(
        &app,
        &[
            ("email", "thief3@example.ua"),
            ("password", "another-long-Password-1"),
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
    let confirm = mailed_token(t, "thief3@example.ua", "/en/account/email?token=").await;
    call::<api::RequestReset>(&app, &[("email", email)], None).await;
    let reset = mailed_token(t, email, "/en/account/reset?token=").await;
    let r =
        call::<api::ResetPassword>(&app, &[("token", &reset), ("password", PASSWORD)], None).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    let r = call::<api::ConfirmEmailChange>(&app, &[("token", &confirm)], None).await;
    assert!(dead(&r), "after a reset: {} {}", r.status, r.body);
    assert_eq!(email_of(t, email).await.as_deref(), Some(email));

    // "This was not me" before the move is confirmed: the confirmation dies, sessions end.
    let cookie = account_session(t, &app, email, PASSWORD).await;
    let (confirm, cancel) = ask_move(t, &app, &cookie, email, "thief4@example.ua").await;
    let page = crate::common::get(&app, &format!("/account/cancel?token={cancel}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Скасувати зміну") && page.body.contains(&cancel),
        "{}",
        page.body
    );
    let r = call::<api::CancelEmailChange>(&app, &[("token", &cancel)], None).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(
        call::<api::Me>(&app, &[], Some(&cookie)).await.body,
        "null",
        "sessions end"
    );
    let r = call::<api::ConfirmEmailChange>(&app, &[("token", &confirm)], None).await;
    assert!(dead(&r), "after cancelling: {} {}", r.status, r.body);

    // … and after it: the account comes back to its old address.
    let cookie = account_session(t, &app, email, PASSWORD).await;
    let (confirm, cancel) = ask_move(t, &app, &cookie, email, "thief5@example.ua").await;
    let r = call::<api::ConfirmEmailChange>(&app, &[("token", &confirm)], None).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(email_of(t, email).await, None, "moved");
    let r = call::<api::CancelEmailChange>(&app, &[("token", &cancel)], None).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert_eq!(
        email_of(t, email).await.as_deref(),
        Some(email),
        "moved back"
    );
    assert_eq!(email_of(t, "thief5@example.ua").await, None);
    let r = call::<api::CancelEmailChange>(&app, &[("token", &cancel)], None).await;
    assert!(dead(&r), "a cancel link works once: {}", r.status);
}

/// Signs in again; the mail limit per account (three an hour) is lifted first, as an hour
/// would: this test sends more mail to one account than that.
async fn account_session(t: &TestDb, app: &axum::Router, email: &str, password: &str) -> String {
    sqlx::query("DELETE FROM rate_limits WHERE key LIKE 'mail-user:%'")
        .execute(&t.db.pool)
        .await
        .unwrap();
    let r = call::<api::SignIn>(app, &[("email", email), ("password", password)], None).await;
    session_cookie(&r).unwrap_or_else(|| panic!("sign-in: {} {}", r.status, r.body))
}

/// Fault 5: the outbox kept every one-time link in clear after sending it.
async fn sent_mail_keeps_no_links(t: &TestDb) {
    use cities4cities::platform::mail::sender;
    let app = t.router();
    let email = "forgetful@example.ua";
    account(t, &app, email, "member").await;
    call::<api::RequestReset>(&app, &[("email", email)], None).await;
    mailed_token(t, email, "/en/account/reset?token=").await;
    let state = t.state();
    let dir = std::env::temp_dir().join(format!(
        "c4c-sent-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let mut settings = (*state.settings).clone();
    settings.mail.smtp_url.clear();
    settings.storage.data_dir = dir.clone();
    assert!(sender::deliver_due(&t.db, &settings).await.unwrap() >= 1);
    let kept: Vec<String> = sqlx::query_scalar("SELECT body FROM outbox WHERE to_addr = $1")
        .bind(email)
        .fetch_all(&t.db.pool)
        .await
        .unwrap();
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|b| !b.contains("token=")), "{kept:?}");
    std::fs::remove_dir_all(dir).ok();
}

/// The inline scripts of a page, each hashed as a policy names it (counted here without the
/// server's code).
fn script_hashes(html: &str) -> Vec<String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut out = Vec::new();
    for chunk in html.split("<script").skip(1) {
        let (tag, rest) = chunk.split_once('>').unwrap();
        if tag.contains(" src=") {
            continue;
        }
        let content = rest.split("</script>").next().unwrap();
        let d = sha2::Sha256::digest(content.as_bytes());
        out.push(format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(d)
        ));
    }
    out
}

fn header<'a>(r: &'a Reply, name: &str) -> &'a str {
    r.headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header: {:?}", r.headers))
}

/// Fault 6: no Content-Security-Policy, HSTS, Permissions-Policy or opener policy, and
/// signed-in pages were cacheable. Every kind of answer, signed in and not, fresh from the
/// renderer and from the page cache.
async fn headers_on_every_answer(t: &TestDb) {
    use crate::common::get;
    let app = t.router();
    let cookie = account(t, &app, "reader@example.ua", "member").await;
    let get_as = |uri: &'static str, cookie: Option<String>| {
        let app = app.clone();
        async move {
            let mut req = Request::get(uri).header("accept-encoding", "identity");
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            send(&app, req.body(Body::empty()).unwrap()).await
        }
    };
    let every = |r: &Reply, what: &str| {
        assert_eq!(header(r, "x-content-type-options"), "nosniff", "{what}");
        assert_eq!(
            header(r, "cross-origin-opener-policy"),
            "same-origin",
            "{what}"
        );
        assert!(
            header(r, "permissions-policy").contains("camera=()"),
            "{what}"
        );
        assert_eq!(
            header(r, "strict-transport-security"),
            "max-age=31536000; includeSubDomains",
            "{what}"
        );
        let csp = header(r, "content-security-policy");
        for d in ["frame-ancestors 'none'", "base-uri 'none'"] {
            assert!(csp.contains(d), "{what}: {csp}");
        }
    };
    let pages = [
        "/en",
        "/",
        "/en/no/such/file.txt",
        "/en/communities?q=kyiv",
        "/en/c/hoshchanska",
        "/en/about",
        "/en/account/signin",
        "/en/no/such/page",
        "/en/m/PL/wroclaw",
    ];
    for (n, uri) in pages.into_iter().enumerate() {
        for (round, who) in [
            ("first", None),
            ("stored", None),
            ("signed in", Some(cookie.clone())),
        ] {
            let r = get_as(uri, who.clone()).await;
            let what = format!("{uri} {round}");
            every(&r, &what);
            let csp = header(&r, "content-security-policy");
            assert!(
                csp.contains("object-src 'none'") && csp.contains("form-action 'self'"),
                "{what}: {csp}"
            );
            let script = csp
                .split(';')
                .find(|d| d.trim().starts_with("script-src"))
                .unwrap();
            assert!(!script.contains("unsafe-inline"), "{what}: {script}");
            let hashes = script_hashes(&r.body);
            assert!(
                !hashes.is_empty(),
                "{what}: the islands' scripts are inline"
            );
            for h in &hashes {
                assert!(
                    script.contains(h.as_str()),
                    "{what}: {h} not allowed by {script}"
                );
            }
            let cache = header(&r, "cache-control");
            let vary = header(&r, "vary");
            assert!(vary.contains("Cookie"), "{what}: {vary}");
            if who.is_some() {
                assert_eq!(cache, "private, no-store", "{what}");
            } else {
                // Revalidated (or, for the forms, never stored), and never for a day.
                assert!(
                    cache.contains("no-cache") || cache.contains("no-store"),
                    "{what}: {cache}"
                );
            }
            if n == 1 {
                // The Ukrainian address sends readers of other languages to theirs.
                assert!(vary.contains("Accept-Language"), "{what}: {vary}");
            }
        }
    }
    // The page cache answered the second anonymous round.
    assert_eq!(
        header(&get_as("/en/about", None).await, "x-page-cache"),
        "hit"
    );

    // Data, pictures, files: a policy that allows nothing.
    for uri in [
        "/api/v1/communities?limit=1",
        "/api/v1/openapi.json",
        "/c/hoshchanska/card.png",
        "/healthz",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, 200, "{uri}");
        every(&r, uri);
        assert!(
            header(&r, "content-security-policy").starts_with("default-src 'none'"),
            "{uri}"
        );
    }
    // The server functions' answers to a session are never stored.
    let r = call::<api::Me>(&app, &[], Some(&cookie)).await;
    assert_eq!(header(&r, "cache-control"), "private, no-store");
    // A page with a one-time token in its address: never stored, never sent to another site as a referrer.
    let r = get_as("/en/account/reset?token=abc", None).await;
    assert_eq!(header(&r, "cache-control"), "private, no-store");
    assert_eq!(header(&r, "referrer-policy"), "same-origin");
    // … nor the redirect of its unprefixed address to the reader's language (found by
    // `make audit`): the token is in its Location.
    let r = send(
        &app,
        Request::get("/account/reset?token=abc")
            .header("accept-language", "en")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(r.status >= 300 && r.status < 400, "{}", r.status);
    assert_eq!(header(&r, "cache-control"), "private, no-store");
}

/// Fault 12 (unbounded work): every `?x=N` made a new page-cache entry, pushing real pages
/// out; pages with a one-time token were stored with it.
async fn made_up_parameters_stay_out_of_the_cache(t: &TestDb) {
    use crate::common::get;
    let state = t.state();
    let app = cities4cities::startup::router(state.clone());
    let cache = |r: &Reply| {
        r.headers
            .get("x-page-cache")
            .map(|v| v.to_str().unwrap().to_string())
    };
    for n in 0..30 {
        let r = get(&app, &format!("/en/about?x={n}")).await;
        assert_eq!(r.status, 200);
    }
    assert_eq!(
        state.pages.len(),
        0,
        "nothing a made-up parameter shaped is kept"
    );
    assert_eq!(
        cache(&get(&app, "/en/about").await).as_deref(),
        Some("miss")
    );
    let junk = get(&app, "/en/about?utm_source=mail&x=31").await;
    assert_eq!(
        cache(&junk).as_deref(),
        Some("hit"),
        "answered from the clean page"
    );
    let real = get(&app, "/communities?q=lviv&page=2").await;
    assert_eq!(cache(&real).as_deref(), Some("miss"));
    assert_eq!(state.pages.len(), 2);
    for _ in 0..2 {
        let r = get(&app, "/en/account/reset?token=0123456789abcdef").await;
        assert_eq!(cache(&r), None, "a token page is never stored");
    }
    assert_eq!(state.pages.len(), 2);
}

/// Fault 8: the preview image was drawn on every request, on the async runtime. Now it is
/// drawn once per card version and answered by ETag.
async fn preview_images_drawn_once(t: &TestDb) {
    use cities4cities::profiles::model::{Offer, Profile, Text, Theme, Trust};
    use cities4cities::profiles::store as profiles;
    let app = t.router();
    let fetch = |inm: Option<String>| {
        let app = app.clone();
        async move {
            let mut req = Request::get("/c/koriukivska/card.png");
            if let Some(v) = inm {
                req = req.header("if-none-match", v);
            }
            send(&app, req.body(Body::empty()).unwrap()).await
        }
    };
    let first = fetch(None).await;
    assert_eq!(first.status, 200);
    let etag = header(&first, "etag").to_string();
    let again = fetch(None).await;
    assert_eq!(header(&again, "x-card-cache"), "hit", "not drawn twice");
    assert_eq!(header(&again, "etag"), etag);
    assert_eq!(again.body, first.body);
    let unchanged = fetch(Some(etag.clone())).await;
    assert_eq!(unchanged.status, 304);
    assert!(unchanged.body.is_empty());

    // A new version of the card with other offers: another image.
    let code: cities4cities::identity::CommunityCode =
        sqlx::query_scalar("SELECT code FROM communities WHERE slug = 'koriukivska'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    let stored = profiles::load(&t.db, &code).await.unwrap();
    let profile = Profile {
        offers: vec![Offer {
            theme: Theme::Energy,
            title: Text::new(&[("uk", "Сонячні станції")]),
            text: Text::default(),
        }],
        ..stored.profile.clone()
    };
    profiles::save(&t.db, &code, &profile, &Trust::default(), stored.version)
        .await
        .unwrap();
    let changed = fetch(Some(etag.clone())).await;
    assert_eq!(changed.status, 200, "the old tag no longer matches");
    assert_ne!(header(&changed, "etag"), etag);
    assert_ne!(changed.body, first.body);
}

/// Moves a session's clock back: it was made `created` and last used `seen` seconds ago.
async fn age_sessions(t: &TestDb, email: &str, created: i64, seen: i64) {
    let now = cities4cities::platform::now();
    sqlx::query(
        "UPDATE sessions SET created_at = $1, last_seen = $2 \
         WHERE user_id = (SELECT id FROM users WHERE email = $3)",
    )
    .bind(now - created)
    .bind(now - seen)
    .bind(email)
    .execute(&t.db.pool)
    .await
    .unwrap();
}

async fn signed_in(app: &axum::Router, cookie: &str) -> bool {
    call::<api::Me>(app, &[], Some(cookie)).await.body != "null"
}

/// Fault 10: one lifetime for everybody, a second-factor session that waited forever, the
/// same token before and after the second factor and across a role change, the second
/// factor turned on or off with other sessions left open, and no list of one's sessions.
async fn session_policy(t: &TestDb) {
    use cities4cities::accounts::totp;
    let app = t.router();
    // Coordinators: 30 minutes idle, 12 hours in all. Members: days.
    let staff = account(t, &app, "staff@example.ua", "coordinator").await;
    let member = account(t, &app, "member@example.ua", "member").await;
    age_sessions(t, "staff@example.ua", 29 * 60, 29 * 60).await;
    assert!(signed_in(&app, &staff).await, "29 minutes idle");
    age_sessions(t, "staff@example.ua", 31 * 60, 31 * 60).await;
    assert!(
        !signed_in(&app, &staff).await,
        "31 minutes idle ends a coordinator's session"
    );
    age_sessions(t, "member@example.ua", 31 * 60, 31 * 60).await;
    assert!(signed_in(&app, &member).await, "a member's session lasts");
    let staff = account_session(t, &app, "staff@example.ua", PASSWORD).await;
    let code_now = |secret: &str| totp::code_at(secret, totp::step_now()).unwrap();
    let secret: String =
        sqlx::query_scalar("SELECT totp_secret FROM users WHERE email = 'staff@example.ua'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    // Waiting for the second factor: minutes.
    age_sessions(t, "staff@example.ua", 11 * 60, 60).await;
    sqlx::query("UPDATE users SET totp_last_step = 0 WHERE email = 'staff@example.ua'")
        .execute(&t.db.pool)
        .await
        .unwrap();
    let r = call::<api::SecondFactor>(&app, &[("code", &code_now(&secret))], Some(&staff)).await;
    assert_eq!(r.status, 401, "a second-factor session expires: {}", r.body);
    // Passing it gives a new token; the old one (which only passed the password) is dead.
    let half = account_session(t, &app, "staff@example.ua", PASSWORD).await;
    let r = call::<api::SecondFactor>(&app, &[("code", &code_now(&secret))], Some(&half)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    let full = session_cookie(&r).expect("a new token");
    assert_ne!(full, half);
    assert!(signed_in(&app, &full).await);
    assert!(call::<api::Me>(&app, &[], Some(&half)).await.body == "null");
    let set_cookie = r.headers["set-cookie"].to_str().unwrap();
    assert!(
        set_cookie.contains("Max-Age=43200"),
        "a coordinator's cookie: {set_cookie}"
    );
    age_sessions(t, "staff@example.ua", 12 * 3600 + 60, 60).await;
    assert!(!signed_in(&app, &full).await, "12 hours in all");

    // A role change ends the account's sessions.
    let admin = account(t, &app, "boss@example.ua", "admin").await;
    let r = call::<api::SetRole>(
        &app,
        &[("email", "member@example.ua"), ("role", "coordinator")],
        Some(&admin),
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert!(
        !signed_in(&app, &member).await,
        "signed out by the role change"
    );
    let r = call::<api::SetRole>(
        &app,
        &[("email", "member@example.ua"), ("role", "member")],
        Some(&admin),
    )
    .await;
    assert!(r.headers.contains_key("location"));

    // Turning the second factor on ends the other sessions.
    let email = "owner2@example.ua";
    let here = account(t, &app, email, "member").await;
    let there = account_session(t, &app, email, PASSWORD).await;
    call::<api::TotpBegin>(&app, &[], Some(&here)).await;
    let setup: serde_json::Value =
        serde_json::from_str(&call::<api::TotpPending>(&app, &[], Some(&here)).await.body).unwrap();
    let secret = setup["secret"].as_str().unwrap().to_string();
    let r = call::<api::TotpEnable>(&app, &[("code", &code_now(&secret))], Some(&here)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert!(signed_in(&app, &here).await, "this session stays");
    assert!(!signed_in(&app, &there).await, "the other one ends");

    // A member sees their sessions and ends one.
    let email = "many@example.ua";
    let phone = account(t, &app, email, "member").await;
    let laptop = account_session(t, &app, email, PASSWORD).await;
    let r = call::<api::MySessions>(&app, &[], Some(&laptop)).await;
    let list: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let list = list.as_array().unwrap();
    // The sign-up's own session, the phone's and the laptop's.
    assert_eq!(list.len(), 3, "{list:?}");
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(
        !r.body.contains(&laptop[laptop.find('=').unwrap() + 1..]),
        "no token in the list"
    );
    let current_id = |cookie: String| {
        let app = app.clone();
        async move {
            let r = call::<api::MySessions>(&app, &[], Some(&cookie)).await;
            let list: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            list.as_array()
                .unwrap()
                .iter()
                .find(|s| s["current"] == true)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let phone_id = current_id(phone.clone()).await;
    let laptop_id = current_id(laptop.clone()).await;
    let r =
        call::<api::EndSession>(&app, &[("id", "0123456789abcdef01234567")], Some(&laptop)).await;
    assert_eq!(r.status, 404);
    let r = call::<api::EndSession>(&app, &[("id", &phone_id)], Some(&member)).await;
    assert_eq!(r.status, 401, "nobody ends another account's sessions");
    let r = call::<api::EndSession>(&app, &[("id", &phone_id)], Some(&laptop)).await;
    assert!(
        r.headers.contains_key("location"),
        "{} {}",
        r.status,
        r.body
    );
    assert!(!signed_in(&app, &phone).await, "the phone is signed out");
    assert!(signed_in(&app, &laptop).await, "the laptop is not");
    let page = crate::common::accounts::get_as(&app, "/en/account", &laptop).await;
    assert!(
        page.body.contains("data-testid=\"sessions\"") && page.body.contains("this device"),
        "{}",
        page.body
    );
    let r = call::<api::EndSession>(&app, &[("id", &laptop_id)], Some(&laptop)).await;
    assert!(r.headers.contains_key("location"));
    assert!(
        !signed_in(&app, &laptop).await,
        "ending one's own session signs out"
    );
}

crate::scenarios!(
    redirects_stay_on_the_site,
    second_factor_redirects_stay_on_the_site,
    roles_only_for_confirmed_addresses,
    guessing_passwords,
    guessing_second_factor_codes,
    links_end_with_the_password,
    sent_mail_keeps_no_links,
    headers_on_every_answer,
    made_up_parameters_stay_out_of_the_cache,
    preview_images_drawn_once,
    session_policy,
    bad_input_is_the_clients_fault,
    overload_is_refused_clearly,
    clean_up_deletes_what_outlived_its_use,
    editors_invitations_and_leaving,
    deleting_an_account,
    verified_mark_follows_the_contacts,
    failed_attempts_leave_one_error,
);

/// A raw request to the app, as a hostile client sends it.
async fn raw(app: &axum::Router, method: &str, uri: &str, ctype: &str, body: Vec<u8>) -> Reply {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", ctype)
        .header("accept-language", "en")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    send(app, req).await
}

/// What must never reach a user: the words of the framework's and serde's messages.
fn leaks_internals(body: &str) -> bool {
    let lower = body.to_lowercase();
    [
        "serde",
        "recursion limit",
        "expected value",
        "invalid type",
        "deserializ",
        "panicked",
        "missing field",
        "#[server]",
        "could not find a server function",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

async fn bad_input_is_the_clients_fault(t: &TestDb) {
    let app = t.router();
    let catalogue = api::SearchCatalogue::PATH;
    // Deeply nested, malformed and mistyped JSON to a server function: 400, and no parser text.
    let deep = format!(
        "{{\"query\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for body in [
        deep.into_bytes(),
        b"{\"query\": ".to_vec(),
        b"{\"query\": {\"page\": \"many\"}}".to_vec(),
        b"{\"query\": {\"page\": 1e400}}".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x7b],
    ] {
        let r = raw(&app, "POST", catalogue, "application/json", body).await;
        assert_eq!(r.status, 400, "{}", &r.body[..r.body.len().min(300)]);
        assert!(!leaks_internals(&r.body), "{}", r.body);
    }
    // Form-encoded server functions: a missing or mistyped field is 400 with no serde text.
    for body in [
        "",
        "email=a",
        "%ff%fe=\u{0}",
        "email[]=x&email[]=y&password=1",
    ] {
        let r = raw(
            &app,
            "POST",
            api::SignIn::PATH,
            "application/x-www-form-urlencoded",
            body.as_bytes().to_vec(),
        )
        .await;
        assert!(
            r.status == 400 || r.status == 401,
            "{body}: {} {}",
            r.status,
            r.body
        );
        assert!(!leaks_internals(&r.body), "{body}: {}", r.body);
    }
    // A server function that does not exist: refused, without the framework's advice.
    let r = raw(
        &app,
        "POST",
        "/api/no_such_function",
        "application/x-www-form-urlencoded",
        b"a=1".to_vec(),
    )
    .await;
    assert!(
        r.status == 404 || r.status == 405,
        "{} {}",
        r.status,
        r.body
    );
    assert!(!leaks_internals(&r.body), "{}", r.body);
    // A search text far longer than any name: refused, with the field and its limit.
    let long = serde_json::json!({"query": {"q": "ї".repeat(900_000)}}).to_string();
    let r = raw(
        &app,
        "POST",
        catalogue,
        "application/json",
        long.into_bytes(),
    )
    .await;
    assert!(r.status == 400 || r.status == 413, "{}", r.status);
    let q = serde_json::json!({"query": {"q": "київ ".repeat(100)}}).to_string();
    let r = raw(&app, "POST", catalogue, "application/json", q.into_bytes()).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("too_long"), "{}", r.body);
    // Over the body limit, with and without a declared length: 413 and a sentence.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let r = raw(
        &app,
        "POST",
        api::SignIn::PATH,
        "application/x-www-form-urlencoded",
        big.clone(),
    )
    .await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.body.contains("Too much was sent"), "{}", r.body);
    let chunked = Request::post(api::SignIn::PATH)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("accept-language", "de")
        .body(Body::from_stream(futures_util::stream::iter(
            (0..64).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 64 * 1024])),
        )))
        .unwrap();
    let r = send(&app, chunked).await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.body.contains("Es wurde zu viel"), "{}", r.body);
    // An address longer than any page's: 414, in the reader's language, not echoed.
    let path = format!("/en/c/{}", "x".repeat(16 * 1024));
    let r = crate::common::get(&app, &path).await;
    assert_eq!(r.status, 414);
    assert!(
        r.body.contains("too long") && r.body.len() < 500,
        "{}",
        r.body
    );
    // A not-found page does not repeat the address it was asked for.
    let path = format!("/en/{}", "y".repeat(3000));
    let r = crate::common::get(&app, &path).await;
    assert_eq!(r.status, 404);
    assert!(
        r.body.matches(&"y".repeat(3000)).count() <= 1,
        "echoed {} times",
        r.body.matches(&"y".repeat(3000)).count()
    );
    // The open data refuses what its OpenAPI document does not allow (found by schemathesis
    // in `make audit`): a page that is no number, a missing required `q`.
    for uri in [
        "/api/v1/communities?page=null",
        "/api/v1/communities.csv?page=0",
        "/api/v1/search?limit=30",
        "/api/v1/search?q=kyiv&limit=500",
        "/api/v1/municipalities/search?country=DE",
    ] {
        let r = crate::common::get(&app, uri).await;
        assert_eq!(r.status, 400, "{uri}: {}", r.body);
        assert!(r.body.starts_with("{\"error\""), "{uri}: {}", r.body);
    }
    // Huge numbers and page numbers in the open data and the pages: never a server error.
    for uri in [
        "/api/v1/communities?page=99999999999999999999999",
        "/api/v1/communities?page=-1&per_page=1000000000",
        "/en/communities?page=18446744073709551616",
        "/en/communities?page=1e9&z=255&at=91,181",
        "/api/v1/search?q=%00%ff",
    ] {
        let r = crate::common::get(&app, uri).await;
        assert!(r.status < 500, "{uri}: {}", r.status);
        assert!(!leaks_internals(&r.body), "{uri}: {}", r.body);
    }
}

async fn overload_is_refused_clearly(_t: &TestDb) {
    use axum::routing::get;
    use std::sync::Arc;
    // One request may run: a second one, while the first waits, is shed at once.
    let gate = Arc::new(tokio::sync::Notify::new());
    let in_flight = Arc::new(tokio::sync::Semaphore::new(1));
    let held = gate.clone();
    let app = axum::Router::new()
        .route(
            "/slow",
            get(move || {
                let held = held.clone();
                async move {
                    held.notified().await;
                    "done"
                }
            }),
        )
        .layer(axum::middleware::from_fn(move |req, next| {
            cities4cities::platform::limits::bounded(in_flight.clone(), req, next)
        }));
    let first = {
        let app = app.clone();
        tokio::spawn(async move { crate::common::get(&app, "/slow").await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let second = raw(&app, "GET", "/en/slow", "text/plain", Vec::new()).await;
    assert_eq!(second.status, 503);
    assert_eq!(second.headers["retry-after"], "5");
    assert!(second.body.contains("busy"), "{}", second.body);
    gate.notify_one();
    assert_eq!(first.await.unwrap().status, 200);
    // And once it is done, the next one runs.
    gate.notify_one();
    assert_eq!(crate::common::get(&app, "/slow").await.status, 200);
}

async fn clean_up_deletes_what_outlived_its_use(t: &TestDb) {
    use cities4cities::platform::{cleanup, now};
    let app = t.router();
    let cookie = account(t, &app, "old@example.ua", "member").await;
    let user: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'old@example.ua'")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    let n = now();
    let day = 24 * 3600;
    for (sql, binds) in [
        (
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES ($1, $2, $3, $4)",
            vec!["stale-session".to_string(), user.clone(), (n - 40 * day).to_string(), (n - 40 * day).to_string()],
        ),
        (
            "INSERT INTO tokens (token_hash, purpose, user_id, expires_at) VALUES ($1, 'reset', $2, $3)",
            vec!["stale-token".into(), user.clone(), (n - 60).to_string()],
        ),
        (
            "INSERT INTO tokens (token_hash, purpose, user_id, expires_at) VALUES ($1, 'reset', $2, $3)",
            vec!["live-token".into(), user.clone(), (n + 3600).to_string()],
        ),
        (
            "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)",
            vec!["stale-limit".into(), (n - 3 * day).to_string()],
        ),
        (
            "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)",
            vec!["live-limit".into(), (n - 60).to_string()],
        ),
        (
            "INSERT INTO outbox (id, to_addr, subject, body, created_at, next_attempt, sent_at) VALUES ($1, 'a@example.ua', 's', '', $2, 0, $2)",
            vec!["old-mail".into(), (n - 31 * day).to_string()],
        ),
        (
            "INSERT INTO outbox (id, to_addr, subject, body, created_at, next_attempt, sent_at) VALUES ($1, 'a@example.ua', 's', '', $2, 0, $2)",
            vec!["new-mail".into(), (n - day).to_string()],
        ),
    ] {
        let mut q = sqlx::query(sql);
        for b in &binds {
            q = match b.parse::<i64>() {
                Ok(i) => q.bind(i),
                Err(_) => q.bind(b.clone()),
            };
        }
        q.execute(&t.db.pool).await.unwrap();
    }
    let settings = t.state().settings.clone();
    let swept = cleanup::sweep(&t.db, &settings, n).await.unwrap();
    assert!(swept.sessions >= 1 && swept.tokens >= 1, "{swept:?}");
    assert!(swept.rate_limits >= 1 && swept.mail >= 1, "{swept:?}");
    let count = |sql: &'static str| {
        let pool = t.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM sessions WHERE token_hash = 'stale-session'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM tokens WHERE token_hash = 'stale-token'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM tokens WHERE token_hash = 'live-token'").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM rate_limits WHERE key = 'stale-limit'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM rate_limits WHERE key = 'live-limit'").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM outbox WHERE id = 'old-mail'").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM outbox WHERE id = 'new-mail'").await,
        1
    );
    assert!(signed_in_at(&app, &cookie).await, "a live session stays");
    // Run twice, nothing more goes.
    let again = cleanup::sweep(&t.db, &settings, n).await.unwrap();
    assert_eq!(again, cleanup::Swept::default());
}

async fn signed_in_at(app: &axum::Router, cookie: &str) -> bool {
    crate::common::accounts::me(app, cookie).await["email"].is_string()
}

async fn audit_rows(t: &TestDb, action: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT target, detail FROM audit_log WHERE action = $1 ORDER BY at")
        .bind(action)
        .fetch_all(&t.db.pool)
        .await
        .unwrap()
}

async fn editors_invitations_and_leaving(t: &TestDb) {
    let app = t.router();
    let olena = account(t, &app, "olena@hoshcha.gov.ua", "member").await;
    let _petro = account(t, &app, "petro@hoshcha.gov.ua", "member").await;
    let stranger = account(t, &app, "stranger@example.ua", "member").await;
    make_editor(t, "olena@hoshcha.gov.ua", "hoshchanska").await;
    make_editor(t, "petro@hoshcha.gov.ua", "hoshchanska").await;
    let r = call::<api::InviteEditor>(
        &app,
        &[("slug", "hoshchanska"), ("email", "ivan@hoshcha.gov.ua")],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let token = mailed_token(t, "ivan@hoshcha.gov.ua", "/invitation").await;
    // The editor sees the team and the invitation.
    let mine: serde_json::Value = serde_json::from_str(
        &call::<api::MyCommunities>(&app, &[], Some(&olena))
            .await
            .body,
    )
    .unwrap();
    let c = &mine[0];
    assert_eq!(c["team"].as_array().unwrap().len(), 2, "{c}");
    let petro_id = c["team"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "petro@hoshcha.gov.ua")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let invitation = c["invitations"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(c["invitations"][0]["email"], "ivan@hoshcha.gov.ua");
    assert!(
        !c.to_string().contains(&token),
        "the link's secret is not shown"
    );
    // Someone who is not an editor can do neither; it is audited.
    let r = call::<api::RemoveEditor>(
        &app,
        &[("slug", "hoshchanska"), ("user", &petro_id)],
        Some(&stranger),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = call::<api::WithdrawInvitation>(
        &app,
        &[("slug", "hoshchanska"), ("id", &invitation)],
        Some(&stranger),
    )
    .await;
    assert_eq!(r.status, 403);
    let denied = audit_rows(t, "access_denied").await;
    assert!(
        denied.len() >= 2 && denied[0].1.contains("editor of"),
        "{denied:?}"
    );
    // Withdrawn: the link no longer works.
    let r = call::<api::WithdrawInvitation>(
        &app,
        &[("slug", "hoshchanska"), ("id", &invitation)],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let ivan = account(t, &app, "ivan@hoshcha.gov.ua", "member").await;
    let r = call::<api::AcceptInvitation>(&app, &[("token", &token)], Some(&ivan)).await;
    assert_eq!(r.status, 410, "{}", r.body);
    assert_eq!(audit_rows(t, "invitation_withdrawn").await.len(), 1);
    // Taken off: Petro can no longer edit, and is told.
    let r = call::<api::RemoveEditor>(
        &app,
        &[("slug", "hoshchanska"), ("user", &petro_id)],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let r = call::<api::GetEditable>(&app, &[("slug", "hoshchanska")], Some(&_petro)).await;
    assert_eq!(r.status, 403);
    let removed = audit_rows(t, "editor_removed").await;
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].1, petro_id);
    let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE to_addr = 'petro@hoshcha.gov.ua' AND subject LIKE '%Hoshch%' OR to_addr = 'petro@hoshcha.gov.ua' AND subject LIKE '%Гощ%'")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(told, 1);
    // Twice: nothing to remove.
    let r = call::<api::RemoveEditor>(
        &app,
        &[("slug", "hoshchanska"), ("user", &petro_id)],
        Some(&olena),
    )
    .await;
    assert_eq!(r.status, 404);
    // Olena leaves: the card is no longer claimed by anyone.
    let olena_id: String =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'olena@hoshcha.gov.ua'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    let r = call::<api::RemoveEditor>(
        &app,
        &[("slug", "hoshchanska"), ("user", &olena_id)],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let mine = call::<api::MyCommunities>(&app, &[], Some(&olena)).await;
    assert_eq!(mine.body, "[]");
}

async fn deleting_an_account(t: &TestDb) {
    let app = t.router();
    let email = "gone@hoshcha.gov.ua";
    let cookie = account(t, &app, email, "member").await;
    let other = account_session(t, &app, email, PASSWORD).await;
    make_editor(t, email, "hoshchanska").await;
    // Wrong password, or the box not ticked: nothing happens, and the wrong password is audited.
    let r = call::<api::DeleteAccount>(
        &app,
        &[("password", "wrong password"), ("confirm", "yes")],
        Some(&cookie),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("mismatch"), "{}", r.body);
    assert_eq!(audit_rows(t, "reauth_failed").await.len(), 1);
    let r = call::<api::DeleteAccount>(&app, &[("password", PASSWORD)], Some(&cookie)).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("confirm"), "{}", r.body);
    assert!(signed_in_at(&app, &cookie).await);
    // Deleted: signed out everywhere, the address is free, nothing personal stays.
    let r = call::<api::DeleteAccount>(
        &app,
        &[("password", PASSWORD), ("confirm", "yes")],
        Some(&cookie),
    )
    .await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .contains("done=account_deleted"),
        "{:?}",
        r.headers
    );
    assert!(r
        .headers
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().contains("Max-Age=0")));
    for c in [&cookie, &other] {
        let me = call::<api::Me>(&app, &[], Some(c)).await;
        assert_eq!(me.body, "null", "every session ended");
    }
    for (table, column) in [("users", "email"), ("outbox", "to_addr")] {
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
                .bind(email)
                .fetch_one(&t.db.pool)
                .await
                .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let editors: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM editors e JOIN communities c ON c.code = e.community_code WHERE c.slug = 'hoshchanska'",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(editors, 0);
    assert_eq!(audit_rows(t, "account_deleted").await.len(), 1);
    // The address can sign up again.
    account(t, &app, email, "member").await;
    // The only administrator cannot delete their account.
    let admin = account(t, &app, "sole-admin@example.ua", "admin").await;
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    if admins == 1 {
        let r = call::<api::DeleteAccount>(
            &app,
            &[("password", PASSWORD), ("confirm", "yes")],
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, 400);
        assert!(r.body.contains("last_admin"), "{}", r.body);
    }
    // A member asking for an administrator's page is refused, and that is audited.
    let member = account(t, &app, "curious@example.ua", "member").await;
    let r = call::<api::AuditLog>(&app, &[], Some(&member)).await;
    assert_eq!(r.status, 403);
    assert!(audit_rows(t, "access_denied")
        .await
        .iter()
        .any(|(target, detail)| target.contains("audit") && detail.contains("coordinator")));
}

async fn verified_mark_follows_the_contacts(t: &TestDb) {
    let app = t.router();
    let editor = account(t, &app, "check@hoshcha.gov.ua", "member").await;
    make_editor(t, "check@hoshcha.gov.ua", "hoshchanska").await;
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    let publish = |website: &'static str, about: &'static str| {
        let (app, editor) = (app.clone(), editor.clone());
        async move {
            let v: serde_json::Value = serde_json::from_str(
                &call::<api::GetEditable>(&app, &[("slug", "hoshchanska")], Some(&editor))
                    .await
                    .body,
            )
            .unwrap();
            let base = v["version"].as_i64().unwrap().to_string();
            let r = call::<api::PublishProfile>(
                &app,
                &[
                    ("slug", "hoshchanska"),
                    ("base_version", &base),
                    ("fields[website]", website),
                    ("fields[about_uk]", about),
                ],
                Some(&editor),
            )
            .await;
            assert!(
                r.headers.contains_key("location"),
                "{} {}",
                r.status,
                r.body
            );
        }
    };
    publish("https://hoshcha.example", "Громада на Горині.").await;
    let r = call::<api::SetVerified>(
        &app,
        &[("slug", "hoshchanska"), ("verified", "yes")],
        Some(&coordinator),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    // Checked three days ago; the texts change today: the mark stays, and says so.
    sqlx::query("UPDATE profiles SET last_verified = last_verified - 3 * 86400 WHERE community_code = (SELECT code FROM communities WHERE slug = 'hoshchanska')")
        .execute(&t.db.pool)
        .await
        .unwrap();
    publish("https://hoshcha.example", "Громада на Горині, 20 сіл.").await;
    let verified = || async {
        sqlx::query_scalar::<_, i64>("SELECT verified FROM profiles WHERE community_code = (SELECT code FROM communities WHERE slug = 'hoshchanska')")
            .fetch_one(&t.db.pool)
            .await
            .unwrap()
    };
    assert_eq!(verified().await, 1);
    let page = crate::common::get(&app, "/en/c/hoshchanska").await;
    assert!(
        page.body.contains("texts changed since the check"),
        "the card says the texts changed after the check"
    );
    // The contacts change: the mark goes, and the audit log says why.
    publish("https://elsewhere.example", "Громада на Горині, 20 сіл.").await;
    assert_eq!(verified().await, 0);
    let dropped = audit_rows(t, "verified_mark_dropped").await;
    assert_eq!(dropped.len(), 1);
    assert!(dropped[0].1.contains("contacts"), "{dropped:?}");
}

/// Issue 13: each failed attempt without JavaScript added another `__path`/`__err` pair to
/// the address, and an old success notice stayed above the new error.
async fn failed_attempts_leave_one_error(t: &TestDb) {
    let app = t.router();
    let mut referer = "https://c4c.example/en/account/signin?return_to=%2Fen%2Faccount&done=signed_out_everywhere".to_string();
    for _ in 0..3 {
        let r = send(
            &app,
            Request::post(api::SignIn::PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .header("referer", &referer)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(form(&[
                    ("email", "nobody@example.ua"),
                    ("password", "wrong password"),
                ])))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        referer = r.headers["location"].to_str().unwrap().to_string();
        assert_eq!(referer.matches("__err=").count(), 1, "{referer}");
        assert_eq!(referer.matches("__path=").count(), 1, "{referer}");
        assert!(!referer.contains("done="), "{referer}");
        assert!(referer.contains("return_to=%2Fen%2Faccount"), "{referer}");
    }
}
