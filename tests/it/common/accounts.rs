//! Signing up, in and calling server functions as a browser on our own pages would.

use super::api::{self, ServerFn};
use super::{send, Reply, TestDb};
use axum::body::Body;
use axum::http::Request;

pub const PASSWORD: &str = "sunflower-field-Poltava";

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", cities4cities::links::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A call of the server function `F` as the page's own script makes it (same origin).
pub async fn call<F: ServerFn>(
    router: &axum::Router,
    pairs: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    call_path(router, F::PATH, pairs, cookie).await
}

/// A call of the server function at `path` (for tables of several functions).
pub async fn call_path(
    router: &axum::Router,
    path: &str,
    pairs: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let mut req = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("referer", "https://c4c.example/en/account");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(router, req.body(Body::from(form(pairs))).unwrap()).await
}

/// A page as the holder of `cookie` (a session) sees it.
pub async fn get_as(router: &axum::Router, uri: &str, cookie: &str) -> Reply {
    send(
        router,
        Request::get(uri)
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// `name=value` of the session cookie a response sets.
pub fn session_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("__Host-c4c_session=") && !c.contains("Max-Age=0"))
        .map(|c| c.split(';').next().unwrap().to_string())
}

pub async fn me(router: &axum::Router, cookie: &str) -> serde_json::Value {
    let r = call::<api::Me>(router, &[], Some(cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

/// The link of the newest message to `to` whose body contains `path`.
pub async fn mailed_token(t: &TestDb, to: &str, path: &str) -> String {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_addr = $1 ORDER BY created_at DESC, id",
    )
    .bind(to)
    .fetch_all(&t.db.pool)
    .await
    .unwrap();
    let body = bodies
        .iter()
        .find(|b| b.contains(path))
        .unwrap_or_else(|| panic!("no mail to {to} with {path}: {bodies:?}"));
    let start = body.find("token=").expect("token in link") + 6;
    body[start..start + 64].to_string()
}

/// A signed-in, confirmed account with `role`; coordinators and admins get a second factor
/// (set in the database) and pass it. Returns the session cookie.
pub async fn account(t: &TestDb, app: &axum::Router, email: &str, role: &str) -> String {
    use cities4cities::accounts::totp;
    let r = call::<api::SignUp>(
        app,
        &[("name", email), ("email", email), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(
        r.headers.contains_key("location"),
        "sign-up of {email}: {}",
        r.body
    );
    let secret = totp::new_secret();
    sqlx::query("UPDATE users SET email_verified = 1, role = $1, totp_secret = $2, totp_enabled = $3 WHERE email = $4")
        .bind(role)
        .bind(&secret)
        .bind(i64::from(role != "member"))
        .bind(email)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let r = call::<api::SignIn>(app, &[("email", email), ("password", PASSWORD)], None).await;
    let cookie = session_cookie(&r).expect("session");
    if role != "member" {
        let code = totp::code_at(&secret, totp::step_now()).unwrap();
        let r = call::<api::SecondFactor>(app, &[("code", &code)], Some(&cookie)).await;
        assert!(
            r.headers.contains_key("location"),
            "second factor: {}",
            r.body
        );
        // The second factor gives the session a new token.
        return session_cookie(&r).expect("a new session cookie after the second factor");
    }
    cookie
}

/// Makes the account with this address an editor of the community with this slug.
pub async fn make_editor(t: &TestDb, email: &str, slug: &str) {
    sqlx::query(
        "INSERT INTO editors (user_id, community_code, created_at) \
         SELECT u.id, c.code, 0 FROM users u, communities c WHERE u.email = $1 AND c.slug = $2",
    )
    .bind(email)
    .bind(slug)
    .execute(&t.db.pool)
    .await
    .unwrap();
}
