//! Issue 14, asking: a European municipality asks a named community for a partnership
//! without an account, follows it through a private link, writes, withdraws and has its
//! data deleted; robots, bursts and repeats are refused or answered by the existing request.

use crate::common::accounts::{account, call};
use crate::common::api::{self, ServerFn};
use crate::common::{get, location, post_form, scalar, TestDb};
use cities4cities::platform::input::fill_stamp;
use cities4cities::platform::now;

/// The private links mailed to `to`, oldest first.
pub(crate) async fn links_mailed(t: &TestDb, to: &str) -> Vec<String> {
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM outbox WHERE to_addr = $1 ORDER BY created_at, id")
            .bind(to)
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
    bodies
        .iter()
        .filter_map(|b| {
            let at = b.find("/requests/")?;
            Some(b[at..at + "/requests/".len() + 64].to_string())
        })
        .collect()
}

/// A request's fields as a person fills them in (the stamp of a form shown a minute ago).
pub(crate) async fn filled(
    t: &TestDb,
    slug: &'static str,
    email: &'static str,
) -> Vec<(&'static str, String)> {
    let stamp = fill_stamp(&t.db, now() - 60).await.unwrap();
    vec![
        ("slug", slug.to_string()),
        ("place", String::new()),
        ("town", "Lüneburg".into()),
        ("country", "DE".into()),
        ("contact_name", "Anna Schmidt".into()),
        ("contact_role", "Partnerschaftsbeauftragte".into()),
        ("email", email.into()),
        ("phone", "+49 4131 309-0".into()),
        ("languages", "Deutsch, English".into()),
        ("themes[]", "energy".into()),
        ("themes[]", "education".into()),
        (
            "message",
            "Wir suchen eine Partnergemeinde <script>alert(1)</script> für Schulen.".into(),
        ),
        ("consent", "yes".into()),
        ("website", String::new()),
        ("stamp", stamp),
    ]
}

pub(crate) fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The fields with `key` set to `value`.
pub(crate) fn with(
    v: &[(&'static str, String)],
    key: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    v.iter()
        .map(|(k, v)| {
            (
                *k,
                if *k == key {
                    value.to_string()
                } else {
                    v.clone()
                },
            )
        })
        .collect()
}

async fn asking_a_named_community(t: &TestDb) {
    let app = t.router();
    // A coordinator to be told.
    account(t, &app, "coord@example.ua", "coordinator").await;

    // Step one without JavaScript: find the municipality, then choose it.
    let found = get(&app, "/en/c/hoshchanska/partner?town=Krakow&country=PL").await;
    assert_eq!(found.status, 200);
    assert!(found.headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    assert!(
        found.body.contains("Choose your municipality"),
        "{}",
        found.body
    );
    let at = found
        .body
        .find("?place=PL/")
        .expect("a candidate in Poland");
    let place: String = found.body[at + "?place=".len()..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert!(found.body.contains("My municipality is not in the list"));
    let chosen = get(&app, &format!("/en/c/hoshchanska/partner?place={place}")).await;
    assert!(chosen.body.contains("data-testid=\"chosen-municipality\""));
    assert!(chosen.body.contains("Kraków"), "the directory's name");
    assert!(chosen.body.contains("name=\"stamp\""), "the fill is timed");
    assert!(
        chosen.body.contains("Privacy notice"),
        "consent links the notice"
    );

    let email = "anna@lueneburg.example";
    let form = filled(t, "hoshchanska", email).await;
    let page = "/en/c/hoshchanska/partner?town=L%C3%BCneburg&country=DE&unlisted=1";

    // Every problem at once, the typed values kept.
    let r = post_form(
        &app,
        api::AskPartner::PATH,
        page,
        &pairs(&with(
            &with(&form, "email", "anna-at-example"),
            "languages",
            "Klingon",
        )),
    )
    .await;
    let back = location(&r);
    assert!(back.contains("__err="), "{back}");
    let again = get(&app, &back).await;
    assert!(
        again.body.contains("value=\"Anna Schmidt\""),
        "the name typed stays"
    );
    assert!(
        again.body.contains("2 fields need correcting"),
        "{}",
        again.body
    );
    let r = call::<api::AskPartner>(
        &app,
        &pairs(&with(&with(&form, "consent", ""), "town", "")),
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("consent") && r.body.contains("choose"),
        "{}",
        r.body
    );

    // Robots: the hidden field filled, or sent within a second of the form being shown.
    let r = call::<api::AskPartner>(
        &app,
        &pairs(&with(&form, "website", "http://spam.example")),
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("automated"), "{}", r.body);
    let fresh = fill_stamp(&t.db, now()).await.unwrap();
    let r = call::<api::AskPartner>(&app, &pairs(&with(&form, "stamp", &fresh)), None).await;
    assert!(r.body.contains("too_fast"), "{}", r.body);
    let forged = format!("{}.{}", now() - 60, "0".repeat(32));
    let r = call::<api::AskPartner>(&app, &pairs(&with(&form, "stamp", &forged)), None).await;
    assert!(
        r.body.contains("too_fast"),
        "a stamp the server did not sign: {}",
        r.body
    );
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partner_requests").await,
        0,
        "nothing filed"
    );

    // The request: filed, its link mailed to the requester, coordinators told.
    let r = post_form(&app, api::AskPartner::PATH, page, &pairs(&form)).await;
    assert_eq!(location(&r), "/en/c/hoshchanska/partner?done=request_sent");
    let sent = get(&app, "/en/c/hoshchanska/partner?done=request_sent").await;
    assert!(sent.body.contains("Request sent"), "{}", sent.body);
    assert!(
        !sent.body.contains("name=\"contact_name\""),
        "no second form"
    );
    let links = links_mailed(t, email).await;
    assert_eq!(links.len(), 1);
    let coordinators: String = sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_addr = 'coord@example.ua' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert!(coordinators.contains("Lüneburg"), "{coordinators}");
    let stored: (String, String, String) =
        sqlx::query_as("SELECT municipality_country, languages, themes FROM partner_requests")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        ("DE".into(), "de,en".into(), "energy,education".into())
    );
    let token_hash: String = sqlx::query_scalar("SELECT token_hash FROM request_links")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert!(
        !links[0].contains(&token_hash),
        "only a hash of the link is kept"
    );

    // The same address asking again: no second request, the link mailed again.
    let form2 = filled(t, "hoshchanska", email).await;
    let r = post_form(&app, api::AskPartner::PATH, page, &pairs(&form2)).await;
    assert_eq!(
        location(&r),
        "/en/c/hoshchanska/partner?done=request_exists"
    );
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partner_requests").await, 1);
    let links = links_mailed(t, email).await;
    assert_eq!(links.len(), 2);
    assert_ne!(links[0], links[1], "a new link to the same request");

    // The private link: the request, its stage, the message (escaped).
    let status = get(&app, &format!("/en{}", links[1])).await;
    assert_eq!(status.status, 200);
    assert!(status.headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    assert_eq!(status.headers["referrer-policy"], "same-origin");
    assert!(status.body.contains("Lüneburg"));
    assert!(status.body.contains("Hoshchanska"), "{}", status.body);
    assert!(status.body.contains(">New<"), "the pair's stage");
    assert!(
        status.body.contains("&lt;script&gt;"),
        "the message, escaped"
    );
    assert!(!status.body.contains("<script>alert"));
    let old = get(&app, &format!("/en{}", links[0])).await;
    assert_eq!(old.status, 200, "the first link still works");

    // Wrong, made-up or malformed links show nothing and say so.
    for bad in [
        "/en/requests/".to_string() + &"a".repeat(64),
        "/en/requests/short".into(),
    ] {
        let r = get(&app, &bad).await;
        assert_eq!(r.status, 404, "{bad}");
        assert!(r.body.contains("does not open any request"));
        assert!(!r.body.contains("Lüneburg"));
    }

    // Writing into the conversation: coordinators told, without the text.
    let token = &links[1]["/requests/".len()..];
    let r = post_form(
        &app,
        api::WriteToRequest::PATH,
        &format!("/en{}", links[1]),
        &[
            ("token", token),
            ("body", "Wann passt ein **Online-Treffen**?"),
        ],
    )
    .await;
    assert_eq!(location(&r), format!("/en{}?done=message_sent", links[1]));
    let status = get(&app, &format!("/en{}", links[1])).await;
    assert!(
        status.body.contains("<strong>Online-Treffen<"),
        "the Markdown subset"
    );
    let told: String = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_addr = 'coord@example.ua' ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert!(
        !told.contains("Online-Treffen"),
        "no message text in mail: {told}"
    );
    // Anyone without the link writes nothing.
    let r = call::<api::WriteToRequest>(&app, &[("token", &"b".repeat(64)), ("body", "hi")], None)
        .await;
    assert_eq!(r.status, 404);

    // Withdrawing: every pair moves, once, and the conversation closes.
    let r = call::<api::WithdrawRequest>(
        &app,
        &[("token", token), ("note", "Rat hat anders entschieden")],
        None,
    )
    .await;
    assert!(r.status == 302 || r.status == 200, "{}", r.body);
    let r = call::<api::WithdrawRequest>(&app, &[("token", token), ("note", "")], None).await;
    assert!(r.status < 400, "a repeat changes nothing: {}", r.body);
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM pair_events WHERE to_stage = 'withdrawn'"
        )
        .await,
        1
    );
    let status = get(&app, &format!("/en{}", links[1])).await;
    assert!(
        status.body.contains("Rat hat anders entschieden"),
        "the note"
    );
    assert!(
        !status.body.contains("name=\"body\""),
        "no writing into a closed request"
    );
    let r =
        call::<api::WriteToRequest>(&app, &[("token", token), ("body", "noch da?")], None).await;
    assert_eq!(r.status, 403);

    // Withdrawn, a new request of the same address for the same community is a new one.
    let form3 = filled(t, "hoshchanska", email).await;
    let r = post_form(&app, api::AskPartner::PATH, page, &pairs(&form3)).await;
    assert_eq!(location(&r), "/en/c/hoshchanska/partner?done=request_sent");

    // Deleting my data: the link stops working, the personal fields are blank.
    let r = call::<api::ForgetRequest>(&app, &[("token", token)], None).await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(get(&app, &format!("/en{}", links[1])).await.status, 404);
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partner_requests WHERE email = '' AND contact_name = '' AND anonymised_at IS NOT NULL").await,
        1
    );
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM request_messages WHERE body <> ''").await,
        0,
        "what they wrote is gone"
    );
}

crate::scenarios!(asking_a_named_community);

/// Bursts are refused with a sentence saying when; the clean-up blanks closed requests
/// after the retention period.
async fn bursts_and_retention(t: &TestDb) {
    let app = t.router();
    let email = "burst@example.pl";
    let slugs = [
        "hoshchanska",
        "koriukivska",
        "lvivska",
        "kyiv",
        "stryiska",
        "dubenska",
    ];
    for (i, slug) in slugs.iter().enumerate() {
        let form = filled(t, slug, email).await;
        let r = call::<api::AskPartner>(&app, &pairs(&form), None).await;
        if i < 5 {
            assert!(r.status < 400, "{slug}: {}", r.body);
        } else {
            assert_eq!(r.status, 429, "the sixth request of one address in a day");
            assert!(r.headers.contains_key("retry-after"));
        }
    }
    let page = post_form(
        &app,
        api::AskPartner::PATH,
        "/de/c/dubenska/partner?town=L%C3%BCneburg&country=DE&unlisted=1",
        &pairs(&filled(t, "dubenska", email).await),
    )
    .await;
    let back = get(&app, &location(&page)).await;
    assert!(
        back.body
            .contains("Zu viele Versuche. Versuchen Sie es in 24 Std. erneut."),
        "the sentence in German, in hours"
    );

    // Closed long ago: the clean-up blanks the requester's data.
    sqlx::query("UPDATE partner_requests SET closed_at = $1 WHERE community_code IN (SELECT code FROM communities WHERE slug = 'kyiv')")
        .bind(now() - 200 * 86_400)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let blanked =
        cities4cities::partnerships::service::apply_retention(&t.db, &t.state().settings, now())
            .await
            .unwrap();
    assert_eq!(
        blanked, 1,
        "only the one closed 200 days ago (the default keeps 180)"
    );
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partner_requests WHERE email = ''").await,
        1
    );
}

crate::scenarios!(bursts_and_retention);
