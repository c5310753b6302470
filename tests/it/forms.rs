//! Issue 13, forms: a refused form comes back with what was typed and with every problem at
//! once, the first refused field focused; without JavaScript as with it (plain forms post
//! the same way in both).

use crate::common::api::{self, ServerFn};
use crate::common::{location, post_form, Reply, TestDb};

/// Where a refused form sends the browser back to, as a path with its query.
fn back(r: &Reply) -> String {
    assert_eq!(r.status, 302, "{}", r.body);
    location(r)
}

async fn page(app: &axum::Router, uri: &str) -> String {
    let r = crate::common::get(app, uri).await;
    assert_eq!(r.status, 200, "{uri}");
    r.body
}

/// The `<input>` tag of the element with this id.
fn input<'a>(body: &'a str, id: &str) -> &'a str {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = body[..at].rfind('<').unwrap();
    let end = at + body[at..].find('>').unwrap();
    &body[start..=end]
}

async fn refused_forms_come_back_filled_in(t: &TestDb) {
    let app = t.router();
    let common = "123qweasdzxc";
    // Sign-up with a common password: name and address stay, the password does not.
    let r = post_form(
        &app,
        api::SignUp::PATH,
        "/en/account/signup",
        &[
            ("name", "Olena Kovalenko"),
            ("email", "olena@example.ua"),
            ("password", common),
        ],
    )
    .await;
    let to = back(&r);
    assert!(to.starts_with("/en/account/signup?"), "{to}");
    assert!(to.contains("__echo="), "{to}");
    let body = page(&app, &to).await;
    assert!(
        input(&body, "signup-name").contains("value=\"Olena Kovalenko\""),
        "{}",
        input(&body, "signup-name")
    );
    assert!(input(&body, "signup-email").contains("value=\"olena@example.ua\""));
    let pw = input(&body, "signup-password");
    assert!(!pw.contains(common) && !pw.contains("value="), "{pw}");
    assert!(
        pw.contains("autofocus"),
        "the refused field is focused: {pw}"
    );
    assert!(!input(&body, "signup-name").contains("autofocus"));
    assert!(
        body.contains("This password is too common") || body.contains("common"),
        "the reason is said"
    );
    // No secret is kept, not even for minutes.
    let kept: Vec<String> = sqlx::query_scalar("SELECT fields FROM form_echoes")
        .fetch_all(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert!(
        kept[0].contains("Olena Kovalenko") && !kept[0].contains(common),
        "{kept:?}"
    );

    // Three fields wrong: all three said at once, the first focused, a summary above.
    let r = post_form(
        &app,
        api::SignUp::PATH,
        "/en/account/signup",
        &[
            ("name", ""),
            ("email", "olena-at-example"),
            ("password", "short"),
        ],
    )
    .await;
    let body = page(&app, &back(&r)).await;
    assert!(input(&body, "signup-name").contains("autofocus"));
    for id in ["signup-name", "signup-email", "signup-password"] {
        assert!(
            input(&body, id).contains("aria-invalid=\"true\""),
            "{id}: {}",
            input(&body, id)
        );
    }
    assert!(input(&body, "signup-email").contains("value=\"olena-at-example\""));
    assert!(
        body.contains("3 fields need correcting"),
        "the summary counts them"
    );

    // A wrong password keeps the address typed.
    let r = post_form(
        &app,
        api::SignIn::PATH,
        "/en/account/signin",
        &[
            ("email", "someone@example.ua"),
            ("password", "not the password"),
        ],
    )
    .await;
    let to = back(&r);
    let body = page(&app, &to).await;
    assert!(input(&body, "signin-email").contains("value=\"someone@example.ua\""));
    assert!(!input(&body, "signin-password").contains("value="));

    // What was kept is bound to its page, and forgotten after its time.
    let token = to
        .split("__echo=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let elsewhere = page(&app, &format!("/en/account/signup?__echo={token}")).await;
    assert!(!elsewhere.contains("someone@example.ua"));
    sqlx::query("UPDATE form_echoes SET expires_at = 1")
        .execute(&t.db.pool)
        .await
        .unwrap();
    let later = page(&app, &to).await;
    assert!(!later.contains("value=\"someone@example.ua\""));
    let swept = cities4cities::platform::cleanup::sweep(
        &t.db,
        &t.state().settings,
        cities4cities::platform::now(),
    )
    .await
    .unwrap();
    assert_eq!(swept.form_echoes, 3);
}

crate::scenarios!(refused_forms_come_back_filled_in);

/// Issue 13: the audit log spoke in codes (`claim_approved`); every action has a sentence in
/// every language, and a community target is its name with a link.
#[test]
fn every_audit_action_is_a_sentence() {
    use cities4cities::admin::pages::action_label;
    use cities4cities::i18n::Locale;
    use cities4cities::platform::audit::AuditAction;
    use leptos_i18n::Locale as _;
    for a in AuditAction::ALL {
        for l in Locale::get_all() {
            let s = action_label(*l, a.key());
            assert!(!s.contains('_') && s != a.key(), "{a:?} in {l:?}: {s}");
        }
    }
}

async fn audit_targets_are_names(t: &TestDb) {
    use crate::common::accounts::{account, call};
    let app = t.router();
    let admin = account(t, &app, "admin@c4c.example", "admin").await;
    let member = account(t, &app, "olena@hoshcha.gov.ua", "member").await;
    let r = call::<api::ClaimCommunity>(
        &app,
        &[
            ("slug", "hoshchanska"),
            ("position", "Head"),
            ("evidence", "Phone"),
            ("message", ""),
        ],
        Some(&member),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let page = crate::common::accounts::get_as(&app, "/de/coordinator/audit", &admin).await;
    assert!(
        page.body
            .contains("Hat beantragt, eine Gemeinde zu bearbeiten"),
        "the action in German"
    );
    assert!(
        page.body.contains("href=\"/de/c/hoshchanska\""),
        "the community linked"
    );
    let link = page
        .body
        .split("href=\"/de/c/hoshchanska\"")
        .nth(1)
        .unwrap_or("");
    let text = &link[..link.find("</a>").unwrap_or(0)];
    assert!(
        text.contains("Hoshchanska"),
        "named in the reader's script: {text}"
    );
    // The desk labels the applicant's data as the applicant's, in the reader's script.
    let desk = crate::common::accounts::get_as(&app, "/de/coordinator", &admin).await;
    assert!(
        desk.body.contains("Name der antragstellenden Person"),
        "labelled as the applicant's"
    );
    assert!(
        desk.body.contains("Hoshchanska"),
        "the community in Latin script"
    );
    assert!(desk.body.contains("Beantragt am"), "with the date");
}

crate::scenarios!(audit_targets_are_names);

/// Issue 13: numbers and counts in the reader's language ("1 Gemeinden", "1,774" in German).
async fn counts_read_right(t: &TestDb) {
    let app = t.router();
    let one = crate::common::get(&app, "/de/communities?oblast=kyiv").await;
    let count = one
        .body
        .split("data-testid=\"catalogue-count\"")
        .nth(1)
        .unwrap_or("");
    let count = &count[..count.find("</p>").unwrap_or(0)];
    assert!(
        count.contains("1 Gemeinde") && !count.contains("Gemeinden"),
        "{count}"
    );
    let all = crate::common::get(&app, "/de/communities").await;
    assert!(
        all.body.contains("1.774 Gemeinden"),
        "German groups with a dot"
    );
    let fr = crate::common::get(&app, "/fr/communities").await;
    assert!(
        fr.body.contains("1\u{202f}774 communautés"),
        "French with a narrow space"
    );
    // A card: the budget as German writes money, the population its way.
    t.with_demo().await;
    let card = crate::common::get(&t.router(), "/de/c/hoshchanska").await;
    assert!(card.body.contains("85.000\u{a0}€"), "German money");
    assert!(card.body.contains("21.400 ("), "German grouping of a fact");
    assert!(
        card.body.contains("01.2026)"),
        "the fact's month as Germans write it"
    );
    let en = crate::common::get(&t.router(), "/en/c/hoshchanska").await;
    assert!(en.body.contains("€85,000"), "English money");
}

crate::scenarios!(counts_read_right);

/// Issue 13: an unconfirmed claimant learnt only on the claim page that the address must be
/// confirmed, and was sent to the account page for the link. The claim page offers the link
/// itself and comes back to the claim with the notice; the way back stays on this site.
async fn unconfirmed_claimants_get_the_link_where_they_are(t: &TestDb) {
    use crate::common::accounts::{call, get_as, session_cookie, PASSWORD};
    let app = t.router();
    let email = "claimant@example.ua";
    let r = call::<api::SignUp>(
        &app,
        &[("name", "Taras"), ("email", email), ("password", PASSWORD)],
        None,
    )
    .await;
    let cookie = session_cookie(&r).expect("signed in after sign-up");
    let claim = get_as(&app, "/en/c/hoshchanska/claim", &cookie).await;
    assert!(claim.body.contains("Send the link again"), "{}", claim.body);
    assert!(claim
        .body
        .contains("name=\"back\" value=\"/c/hoshchanska/claim\""));
    assert!(
        !claim.body.contains("id=\"claim-evidence\""),
        "no form to fill in vain"
    );
    let sent = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE to_addr = $1")
            .bind(email)
            .fetch_one(&t.db.pool)
            .await
            .unwrap()
    };
    let before = sent().await;
    let r =
        call::<api::ResendVerification>(&app, &[("back", "/c/hoshchanska/claim")], Some(&cookie))
            .await;
    let to = r.headers["location"].to_str().unwrap().to_string();
    assert!(
        to.ends_with("/en/c/hoshchanska/claim?done=verification_sent"),
        "{to}"
    );
    assert_eq!(sent().await, before + 1, "a new link was mailed");
    let back = get_as(&app, &to, &cookie).await;
    assert!(
        back.body.contains("role=\"status\""),
        "the notice shows on the claim page"
    );
    // Another site, or a file, is never where it returns.
    // (Two: an account may ask for three links an hour.)
    for evil in ["https://evil.example/", "/api/sign_out"] {
        let r = call::<api::ResendVerification>(&app, &[("back", evil)], Some(&cookie)).await;
        let to = r.headers["location"].to_str().unwrap();
        assert!(
            to.ends_with("/en/account?done=verification_sent"),
            "{evil}: {to}"
        );
    }
}

crate::scenarios!(unconfirmed_claimants_get_the_link_where_they_are);
