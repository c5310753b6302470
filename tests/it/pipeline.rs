//! Issue 14, the pipeline: who may see and do what with a request (the requester by link,
//! a visitor, a member, an editor of the community, an editor of another, a coordinator,
//! an admin), every stage move through the real server functions, a general request
//! shortlisted and introduced to several communities, the desk's filters, and the weekly
//! digest of quiet pairs sent once by two instances.

use crate::common::accounts::{account, call, get_as, make_editor};
use crate::common::api::{self, ServerFn};
use crate::common::{get, scalar, TestDb};
use crate::partnerships::{filled, links_mailed, pairs, with};
use cities4cities::platform::now;

/// The id of the pair of `slug`'s community in the newest request.
async fn pair_of(t: &TestDb, slug: &str) -> String {
    sqlx::query_scalar(
        "SELECT p.id FROM partner_pairs p JOIN communities c ON c.code = p.community_code \
         WHERE c.slug = $1 ORDER BY p.created_at DESC LIMIT 1",
    )
    .bind(slug)
    .fetch_one(&t.db.pool)
    .await
    .unwrap()
}

async fn stage_of(t: &TestDb, pair: &str) -> String {
    sqlx::query_scalar("SELECT stage FROM partner_pairs WHERE id = $1")
        .bind(pair)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

/// Subjects of the mail to `to`, newest first.
async fn subjects(t: &TestDb, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT subject FROM outbox WHERE to_addr = $1 ORDER BY created_at DESC, id")
        .bind(to)
        .fetch_all(&t.db.pool)
        .await
        .unwrap()
}

/// Everyone the matrix asks: (who, session cookie; `None` for a visitor).
struct People {
    member: String,
    editor: String,
    other_editor: String,
    coordinator: String,
    admin: String,
}

async fn people(t: &TestDb, app: &axum::Router, slug: &str) -> People {
    let p = People {
        member: account(t, app, "member@example.ua", "member").await,
        editor: account(t, app, "editor@example.ua", "member").await,
        other_editor: account(t, app, "other@example.ua", "member").await,
        coordinator: account(t, app, "coord@example.ua", "coordinator").await,
        admin: account(t, app, "admin@example.ua", "admin").await,
    };
    make_editor(t, "editor@example.ua", slug).await;
    make_editor(t, "other@example.ua", "koriukivska").await;
    p
}

/// A status that refuses (signed out: 401; signed in without the right: 403).
fn refused(status: u16) -> bool {
    status == 401 || status == 403
}

async fn matrix_and_moves(t: &TestDb) {
    let app = t.router();
    let who = people(t, &app, "hoshchanska").await;
    let email = "anna@lueneburg.example";
    let r =
        call::<api::AskPartner>(&app, &pairs(&filled(t, "hoshchanska", email).await), None).await;
    assert!(r.status < 400, "{}", r.body);
    // The community's editors are told; the other community's are not.
    assert!(
        subjects(t, "editor@example.ua")
            .await
            .iter()
            .any(|s| s.contains("Lüneburg")),
        "the editors of the community asked get mail"
    );
    assert!(!subjects(t, "other@example.ua")
        .await
        .iter()
        .any(|s| s.contains("Lüneburg")));
    let token = links_mailed(t, email).await[0]["/requests/".len()..].to_string();
    let request: String = sqlx::query_scalar("SELECT id FROM partner_requests")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    let pair = pair_of(t, "hoshchanska").await;

    // Reading: the case and the community's page, by everyone.
    let case = [("request", request.as_str())];
    let community = [("slug", "hoshchanska")];
    for (cookie, ok) in [
        (None, false),
        (Some(&who.member), false),
        (Some(&who.other_editor), false),
        (Some(&who.editor), true),
        (Some(&who.coordinator), true),
        (Some(&who.admin), true),
    ] {
        let c = cookie.map(String::as_str);
        let r = call::<api::GetCase>(&app, &case, c).await;
        assert_eq!(r.status < 400, ok, "case for {c:?}: {}", r.body);
        if ok {
            assert!(
                r.body.contains(email),
                "personal data for those who need it"
            );
        } else {
            assert!(refused(r.status));
            assert!(!r.body.contains(email));
        }
        let r = call::<api::GetCommunityRequests>(&app, &community, c).await;
        assert_eq!(
            r.status < 400,
            ok,
            "community requests for {c:?}: {}",
            r.body
        );
    }
    let page = get_as(&app, "/en/c/hoshchanska/requests", &who.editor).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Anna Schmidt") && page.body.contains(email));
    assert!(page.body.contains(">Accept (meet)<"), "{}", page.body);
    let page = get_as(&app, "/en/c/hoshchanska/requests", &who.other_editor).await;
    assert!(
        !page.body.contains(email),
        "nothing of it for another community's editor"
    );

    // Coordinators-only actions are refused to everyone else.
    for cookie in [
        None,
        Some(&who.member),
        Some(&who.editor),
        Some(&who.other_editor),
    ] {
        let c = cookie.map(String::as_str);
        for (path, args) in [
            (
                api::Introduce::PATH,
                vec![("request", request.as_str()), ("communities[]", "lvivska")],
            ),
            (
                api::AssignRequest::PATH,
                vec![("request", request.as_str()), ("user", "")],
            ),
            (
                api::CloseRequest::PATH,
                vec![("request", request.as_str()), ("note", "x")],
            ),
            (api::ReachedOutside::PATH, vec![("pair", pair.as_str())]),
            (
                api::DeskBulk::PATH,
                vec![("pairs[]", pair.as_str()), ("action", "move:dormant")],
            ),
        ] {
            let r = crate::common::accounts::call_path(&app, path, &args, c).await;
            assert!(
                refused(r.status),
                "{path} for {c:?}: {} {}",
                r.status,
                r.body
            );
        }
    }
    assert_eq!(stage_of(t, &pair).await, "new", "nothing moved");

    // Internal notes: coordinators only.
    let r = call::<api::PostToRequest>(
        &app,
        &[
            ("request", &request),
            ("body", "Kennt Bürgermeister persönlich"),
            ("internal", "yes"),
        ],
        Some(&who.coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let mailed_before = scalar(t, "SELECT COUNT(*) FROM outbox").await;
    let r = call::<api::GetCase>(&app, &case, Some(&who.editor)).await;
    assert!(
        !r.body.contains("Bürgermeister"),
        "editors never see internal notes"
    );
    let r = call::<api::GetCase>(&app, &case, Some(&who.coordinator)).await;
    assert!(r.body.contains("Bürgermeister"));
    let status = get(&app, &format!("/en/requests/{token}")).await;
    assert!(!status.body.contains("Bürgermeister"), "nor the requester");

    // Writing into the thread: the editor answers; the requester is told and reads it.
    for cookie in [None, Some(&who.member), Some(&who.other_editor)] {
        let r = call::<api::PostToRequest>(
            &app,
            &[("request", &request), ("body", "hi")],
            cookie.map(String::as_str),
        )
        .await;
        assert!(refused(r.status), "{}", r.body);
    }
    let r = call::<api::PostToRequest>(
        &app,
        &[
            ("request", &request),
            ("body", "Вітаємо! Раді знайомству."),
            ("from", "community"),
        ],
        Some(&who.editor),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(
        crate::common::location(&r),
        "/en/c/hoshchanska/requests?done=message_sent"
    );
    assert!(
        subjects(t, email)
            .await
            .iter()
            .any(|s| s.contains("new message")),
        "the requester is told"
    );
    let fresh = links_mailed(t, email).await.pop().unwrap();
    let status = get(&app, &format!("/en{fresh}")).await;
    assert!(
        status.body.contains("Раді знайомству"),
        "read through the new link"
    );
    assert!(scalar(t, "SELECT COUNT(*) FROM outbox").await > mailed_before);

    // Moves: refused to those who may not, and where the rules say no.
    let mv = |to: &'static str, note: &'static str, kind: &'static str| {
        let pair = pair.clone();
        move || {
            vec![
                ("pair", pair.clone()),
                ("to", to.to_string()),
                ("note", note.to_string()),
                ("kind", kind.to_string()),
            ]
        }
    };
    let send = |args: Vec<(&'static str, String)>, cookie: Option<String>| {
        let app = app.clone();
        async move {
            let a: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call::<api::MovePair>(&app, &a, cookie.as_deref()).await
        }
    };
    for cookie in [
        None,
        Some(who.member.clone()),
        Some(who.other_editor.clone()),
    ] {
        let r = send(mv("introduced", "", "")(), cookie).await;
        assert!(refused(r.status), "{}", r.body);
    }
    // The requester's link moves nothing but a withdrawal (tested in partnerships.rs).
    let r = send(mv("first_meeting", "", "")(), Some(who.editor.clone())).await;
    assert_eq!(r.status, 400, "no skipping for editors: {}", r.body);
    assert!(r.body.contains("\"move\""), "{}", r.body);
    let r = send(mv("declined", "", "")(), Some(who.editor.clone())).await;
    assert_eq!(r.status, 400, "declining needs a reason");
    let r = send(mv("introduced", "", "")(), Some(who.editor.clone())).await;
    assert!(r.status < 400, "the editors accept: {}", r.body);
    assert_eq!(stage_of(t, &pair).await, "introduced");
    assert!(
        subjects(t, "coord@example.ua")
            .await
            .iter()
            .any(|s| s.contains("Introduced")),
        "coordinators are told of the editors' move"
    );
    let r = send(mv("introduced", "", "")(), Some(who.editor.clone())).await;
    assert_eq!(r.status, 400, "a repeat moves nothing");
    assert!(r.body.contains("\"moved\""), "{}", r.body);
    for to in ["first_meeting", "letter_of_intent", "first_joint_action"] {
        let r = send(mv(to, "", "")(), Some(who.editor.clone())).await;
        assert!(r.status < 400, "{to}: {}", r.body);
    }
    let r = send(
        mv("agreement_signed", "", "twinning")(),
        Some(who.editor.clone()),
    )
    .await;
    assert_eq!(
        r.status, 400,
        "the agreement is the coordinators' to record"
    );
    let r = send(
        mv("letter_of_intent", "", "")(),
        Some(who.coordinator.clone()),
    )
    .await;
    assert_eq!(r.status, 400, "going back needs a note");
    let r = send(
        mv("letter_of_intent", "Termin verschoben", "")(),
        Some(who.coordinator.clone()),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let r = send(
        mv("agreement_signed", "", "")(),
        Some(who.coordinator.clone()),
    )
    .await;
    assert_eq!(r.status, 400, "the partnership's type is needed");
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 0);
    let r = send(
        mv("agreement_signed", "Unterzeichnet im Rathaus", "twinning")(),
        Some(who.coordinator.clone()),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let record: (String, String, String, String) = sqlx::query_as(
        "SELECT p.kind, p.municipality_name, p.municipality_country, c.slug FROM partnerships p \
         JOIN communities c ON c.code = p.community_code",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(
        record,
        (
            "twinning".into(),
            "Lüneburg".into(),
            "DE".into(),
            "hoshchanska".into()
        ),
        "the signed agreement is a partnership record"
    );
    assert!(
        subjects(t, email)
            .await
            .iter()
            .any(|s| s.contains("Agreement signed")),
        "the requester is told"
    );
    // An admin acts as a coordinator.
    let r = send(mv("active", "", "")(), Some(who.admin.clone())).await;
    assert!(r.status < 400, "{}", r.body);
    let r = send(mv("dormant", "", "")(), Some(who.coordinator.clone())).await;
    assert!(r.status < 400, "{}", r.body);
    let r = send(
        mv("agreement_signed", "", "twinning")(),
        Some(who.coordinator.clone()),
    )
    .await;
    assert!(r.status < 400, "revived: {}", r.body);
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partnerships").await,
        1,
        "signed again, recorded once"
    );
    // Every move is in the history: who, when, the note.
    assert_eq!(
        scalar(
            t,
            &format!("SELECT COUNT(*) FROM pair_events WHERE pair_id = '{pair}'")
        )
        .await,
        1 + 1 + 3 + 1 + 1 + 1 + 1 + 1,
    );
    let status = get(&app, &format!("/en{fresh}")).await;
    assert!(
        status.body.contains("Termin verschoben"),
        "the requester sees the notes of moves"
    );

    // Deleting the requester's data: the case says so, the contact is gone.
    let r = call::<api::ForgetRequest>(&app, &[("token", &token)], None).await;
    assert!(r.status < 400, "{}", r.body);
    let r = call::<api::GetCase>(&app, &case, Some(&who.coordinator)).await;
    assert!(
        !r.body.contains(email) && !r.body.contains("Anna Schmidt"),
        "{}",
        r.body
    );
    assert_eq!(
        stage_of(t, &pair).await,
        "withdrawn",
        "a living request withdrawn with the data"
    );
}

crate::scenarios!(matrix_and_moves);

/// "Find us a partner": preferences, a shortlist pre-filled from them, introductions to
/// three communities (one declines, one accepts, one has no editors), the desk's filters,
/// bulk actions and closing.
async fn general_request_shortlisted(t: &TestDb) {
    let app = t.router();
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    let lviv = account(t, &app, "lviv@example.ua", "member").await;
    let stryi = account(t, &app, "stryi@example.ua", "member").await;
    make_editor(t, "lviv@example.ua", "lvivska").await;
    make_editor(t, "stryi@example.ua", "stryiska").await;

    // The form without JavaScript: the wishes and the communities attached.
    let page = get(
        &app,
        "/en/partner?attach=stryiska,nonexistent&unlisted=1&town=Lublin&country=PL",
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Find us a partner"));
    assert!(page.body.contains("Near the border with us"));
    assert!(
        page.body.contains("name=\"liked[]\" value=\"stryiska\""),
        "{}",
        page.body
    );
    assert!(!page.body.contains("value=\"nonexistent\""));
    let home = get(&app, "/en").await;
    assert!(
        home.body.contains("href=\"/en/partner\""),
        "linked from the home page"
    );
    let card = get(&app, "/en/c/stryiska").await;
    assert!(
        card.body.contains("href=\"/en/partner?attach=stryiska\""),
        "a card offers a general request with itself attached"
    );
    let catalogue = get(&app, "/en/communities").await;
    assert!(
        catalogue.body.contains("href=\"/en/partner\""),
        "and the catalogue"
    );

    let email = "jan@lublin.example";
    let mut form = with(
        &with(&filled(t, "", email).await, "town", "Lublin"),
        "country",
        "PL",
    );
    form.retain(|(k, _)| *k != "slug");
    let general = |extra: Vec<(&'static str, String)>| {
        let mut f = form.clone();
        f.extend(extra);
        f
    };
    let r = call::<api::AskPartner>(
        &app,
        &pairs(&general(vec![
            ("region", "atlantis".into()),
            ("travel", "maybe".into()),
        ])),
        None,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("region") && r.body.contains("travel"),
        "{}",
        r.body
    );
    let r = call::<api::AskPartner>(
        &app,
        &pairs(&general(vec![
            ("region", "border".into()),
            ("kind", "urban".into()),
            ("offer", "Wasserwerk-Know-how".into()),
            ("formality", "formal".into()),
            ("travel", "yes".into()),
            ("liked[]", "stryiska".into()),
        ])),
        None,
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(crate::common::location(&r), "/en/partner?done=request_sent");
    let (request, prefs, community): (String, String, Option<String>) =
        sqlx::query_as("SELECT id, preferences, community_code FROM partner_requests")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(community, None, "a general request names no community");
    let prefs: serde_json::Value = serde_json::from_str(&prefs).unwrap();
    assert_eq!(prefs["region"], "border");
    assert_eq!(prefs["liked"][0], "stryiska");
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partner_pairs").await, 0);
    // The same address again: the request it has.
    let r = call::<api::AskPartner>(&app, &pairs(&general(vec![])), None).await;
    assert_eq!(
        crate::common::location(&r),
        "/en/partner?done=request_exists"
    );

    // The desk lists it as waiting; its case page pre-fills the shortlist from the wishes.
    let desk = get_as(&app, "/en/coordinator/requests", &coordinator).await;
    assert_eq!(desk.status, 200);
    assert!(desk.body.contains("Lublin") && desk.body.contains("Community still to be found"));
    let case = get_as(
        &app,
        &format!("/en/coordinator/requests/{request}"),
        &coordinator,
    )
    .await;
    assert_eq!(case.status, 200);
    assert!(case.body.contains("Wasserwerk-Know-how"));
    assert!(
        case.body.contains("<option value=\"volynska\" selected"),
        "near the Polish border: Volyn first"
    );
    let found = get_as(
        &app,
        &format!("/en/coordinator/requests/{request}?searched=1&oblast=lvivska&q=Stryi"),
        &coordinator,
    )
    .await;
    assert!(found.body.contains("value=\"stryiska\""), "{}", found.body);

    // Introduced to three; the editors are told.
    let r = call::<api::Introduce>(
        &app,
        &[
            ("request", &request),
            ("communities[]", "lvivska"),
            ("communities[]", "stryiska"),
            ("communities[]", "dubenska"),
            ("communities[]", "no-such-place"),
            ("note", "Beide haben Wasserprojekte"),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM partner_pairs WHERE stage = 'matching'"
        )
        .await,
        3
    );
    assert!(subjects(t, "lviv@example.ua")
        .await
        .iter()
        .any(|s| s.contains("Lublin")));
    let r = call::<api::Introduce>(
        &app,
        &[("request", &request), ("communities[]", "lvivska")],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400);
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partner_pairs").await,
        3,
        "no second pair"
    );

    // One declines (with a reason), one accepts; the third has no editors.
    let lviv_pair = pair_of(t, "lvivska").await;
    let stryi_pair = pair_of(t, "stryiska").await;
    let dubno_pair = pair_of(t, "dubenska").await;
    let r = call::<api::MovePair>(
        &app,
        &[("pair", &stryi_pair), ("to", "introduced")],
        Some(&lviv),
    )
    .await;
    assert!(refused(r.status), "not their community");
    let r = call::<api::MovePair>(
        &app,
        &[
            ("pair", &lviv_pair),
            ("to", "declined"),
            ("note", "Zu wenig Kapazität"),
            ("from", "community"),
        ],
        Some(&lviv),
    )
    .await;
    assert_eq!(
        crate::common::location(&r),
        "/en/c/lvivska/requests?done=moved"
    );
    let r = call::<api::MovePair>(
        &app,
        &[("pair", &stryi_pair), ("to", "introduced")],
        Some(&stryi),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let status = get(
        &app,
        &links_mailed(t, email)
            .await
            .pop()
            .map(|l| format!("/en{l}"))
            .unwrap(),
    )
    .await;
    assert!(
        status.body.contains("Zu wenig Kapazität"),
        "the requester sees the reason"
    );
    assert!(status.body.contains(">Introduced<"));
    let case = get_as(
        &app,
        &format!("/en/coordinator/requests/{request}"),
        &coordinator,
    )
    .await;
    assert!(case.body.contains("data-testid=\"no-editors\""));
    let r = call::<api::ReachedOutside>(&app, &[("pair", &dubno_pair)], Some(&coordinator)).await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM partner_pairs WHERE reached_outside = 1"
        )
        .await,
        1
    );

    // The desk's filters.
    let rows = |path: String| {
        let (app, cookie) = (app.clone(), coordinator.clone());
        async move {
            get_as(&app, &path, &cookie)
                .await
                .body
                .matches("data-testid=\"desk-row\"")
                .count()
        }
    };
    assert_eq!(rows("/en/coordinator/requests".into()).await, 3);
    assert_eq!(
        rows("/en/coordinator/requests?stage=introduced".into()).await,
        1
    );
    assert_eq!(
        rows("/en/coordinator/requests?stage=declined".into()).await,
        1
    );
    assert_eq!(rows("/en/coordinator/requests?country=PL".into()).await, 3);
    assert_eq!(rows("/en/coordinator/requests?country=DE".into()).await, 0);
    assert_eq!(
        rows("/en/coordinator/requests?oblast=rivnenska".into()).await,
        1
    );
    assert_eq!(
        rows("/en/coordinator/requests?theme=energy".into()).await,
        3
    );
    assert_eq!(rows("/en/coordinator/requests?theme=waste".into()).await, 0);
    assert_eq!(rows("/en/coordinator/requests?older=7".into()).await, 0);
    assert_eq!(rows("/en/coordinator/requests?quiet=1".into()).await, 0);
    sqlx::query("UPDATE partner_pairs SET last_activity_at = $1 WHERE id = $2")
        .bind(now() - 40 * 86_400)
        .bind(&dubno_pair)
        .execute(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(rows("/en/coordinator/requests?quiet=1".into()).await, 1);
    // The requester writing is activity too: the pair is no longer quiet.
    let link = links_mailed(t, email).await.pop().unwrap();
    let r = call::<api::WriteToRequest>(
        &app,
        &[
            ("token", &link["/requests/".len()..]),
            ("body", "Gibt es Neuigkeiten?"),
        ],
        None,
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(rows("/en/coordinator/requests?quiet=1".into()).await, 0);
    let board = get_as(&app, "/en/coordinator/requests?view=board", &coordinator).await;
    assert!(board.body.contains("data-testid=\"desk-board\""));
    assert!(board.body.contains("data-stage=\"matching\""));

    // Assigning, and bulk actions.
    let me: String = sqlx::query_scalar("SELECT id FROM users WHERE email = 'coord@example.ua'")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(
        rows(format!("/en/coordinator/requests?coordinator={me}")).await,
        0
    );
    let r = call::<api::AssignRequest>(
        &app,
        &[("request", &request), ("user", &me)],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(
        rows(format!("/en/coordinator/requests?coordinator={me}")).await,
        3
    );
    let stranger: String =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'lviv@example.ua'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    let r = call::<api::AssignRequest>(
        &app,
        &[("request", &request), ("user", &stranger)],
        Some(&coordinator),
    )
    .await;
    assert_eq!(r.status, 400, "only to a coordinator");
    let r = call::<api::DeskBulk>(
        &app,
        &[
            ("pairs[]", &dubno_pair),
            ("pairs[]", &lviv_pair),
            ("action", "move:dormant"),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(stage_of(t, &dubno_pair).await, "dormant");
    assert_eq!(
        stage_of(t, &lviv_pair).await,
        "declined",
        "a closed pair stays closed"
    );

    // Closing the request: every pair still open is declined, and the request is closed.
    let r = call::<api::CloseRequest>(
        &app,
        &[("request", &request), ("note", "")],
        Some(&coordinator),
    )
    .await;
    assert_eq!(r.status, 400, "a reason is needed");
    let r = call::<api::CloseRequest>(
        &app,
        &[("request", &request), ("note", "Partner gefunden: Stryi")],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM partner_pairs WHERE stage = 'declined'"
        )
        .await,
        3
    );
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM partner_requests WHERE closed_at IS NOT NULL"
        )
        .await,
        1
    );
    let r = call::<api::Introduce>(
        &app,
        &[("request", &request), ("communities[]", "kyiv")],
        Some(&coordinator),
    )
    .await;
    assert_eq!(r.status, 400, "nothing is added to a closed request");
}

crate::scenarios!(general_request_shortlisted);

/// The weekly digest: quiet pairs listed once per coordinator (assigned ones to their
/// coordinator, unassigned to all), sent once when two instances run the job together.
async fn quiet_digest_once(t: &TestDb) {
    let app = t.router();
    account(t, &app, "a@example.ua", "coordinator").await;
    account(t, &app, "b@example.ua", "coordinator").await;
    for (slug, email) in [
        ("hoshchanska", "one@example.de"),
        ("koriukivska", "two@example.de"),
    ] {
        let r = call::<api::AskPartner>(&app, &pairs(&filled(t, slug, email).await), None).await;
        assert!(r.status < 400, "{}", r.body);
    }
    sqlx::query("UPDATE partner_pairs SET last_activity_at = $1")
        .bind(now() - 31 * 86_400)
        .execute(&t.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE partner_requests SET assigned_to = (SELECT id FROM users WHERE email = 'a@example.ua') \
         WHERE email = 'one@example.de'",
    )
    .execute(&t.db.pool)
    .await
    .unwrap();

    // Two instances: their own pools on the same database.
    let first = t.state();
    let other_db = cities4cities::platform::db::Db::connect(&t.url, 2)
        .await
        .unwrap();
    let second = cities4cities::startup::app_state((*first.settings).clone(), other_db);
    let at = now();
    let (x, y) = tokio::join!(
        cities4cities::partnerships::pipeline::quiet_digest(&first, at),
        cities4cities::partnerships::pipeline::quiet_digest(&second, at),
    );
    assert_eq!(
        x.unwrap() + y.unwrap(),
        2,
        "one mail per coordinator, from one instance"
    );
    let digest = |to: &'static str| async move {
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM outbox WHERE to_addr = $1 AND subject LIKE '%quiet%'",
        )
        .bind(to)
        .fetch_all(&t.db.pool)
        .await
        .unwrap();
        bodies
    };
    let a = digest("a@example.ua").await;
    assert_eq!(a.len(), 1);
    assert!(
        a[0].contains("Hoshchanska") && a[0].contains("Koriukivska"),
        "{}",
        a[0]
    );
    let b = digest("b@example.ua").await;
    assert_eq!(b.len(), 1);
    assert!(
        !b[0].contains("Hoshchanska"),
        "an assigned pair goes to its coordinator only"
    );
    assert!(b[0].contains("Koriukivska"));
    // A week has not passed: nothing more.
    let again = cities4cities::partnerships::pipeline::quiet_digest(&first, at + 3600)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let later = cities4cities::partnerships::pipeline::quiet_digest(&first, at + 7 * 86_400)
        .await
        .unwrap();
    assert_eq!(later, 2, "next week, again");
}

crate::scenarios!(quiet_digest_once);

/// Every stage move, allowed or forbidden, for editors and coordinators, through the server
/// function: what `stage::check_move` allows moves the pair and records it; the rest is
/// refused and changes nothing.
async fn every_move_through_the_server(t: &TestDb) {
    use cities4cities::partnerships::stage::{check_move, Actor, Stage};
    let app = t.router();
    let editor = account(t, &app, "editor@example.ua", "member").await;
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    make_editor(t, "editor@example.ua", "hoshchanska").await;
    let r = call::<api::AskPartner>(
        &app,
        &pairs(&filled(t, "hoshchanska", "moves@example.de").await),
        None,
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let pair = pair_of(t, "hoshchanska").await;
    let mut allowed = 0;
    for (actor, cookie) in [(Actor::Editor, &editor), (Actor::Coordinator, &coordinator)] {
        for from in Stage::ALL {
            for to in Stage::ALL {
                sqlx::query("UPDATE partner_pairs SET stage = $1 WHERE id = $2")
                    .bind(from.key())
                    .bind(&pair)
                    .execute(&t.db.pool)
                    .await
                    .unwrap();
                let events = scalar(t, "SELECT COUNT(*) FROM pair_events").await;
                let r = call::<api::MovePair>(
                    &app,
                    &[
                        ("pair", pair.as_str()),
                        ("to", to.key()),
                        ("note", "Begründung"),
                        ("kind", "twinning"),
                    ],
                    Some(cookie),
                )
                .await;
                let ok = check_move(from, to, actor).is_ok();
                assert_eq!(
                    r.status < 400,
                    ok,
                    "{actor:?} {from:?} → {to:?}: {}",
                    r.body
                );
                let now_at = stage_of(t, &pair).await;
                assert_eq!(now_at, if ok { to.key() } else { from.key() });
                let recorded = scalar(t, "SELECT COUNT(*) FROM pair_events").await - events;
                assert_eq!(recorded, i64::from(ok), "{actor:?} {from:?} → {to:?}");
                allowed += usize::from(ok);
            }
        }
    }
    // The counts of the stage table's unit test: editors 13, coordinators 59.
    assert_eq!(allowed, 13 + 59);
}

crate::scenarios!(every_move_through_the_server);

/// Issue 15's first test: a pair that reaches "agreement signed" is in the open registry,
/// keyed on the KATOTTG code and the GeoNames id, in its JSON, CSV and one-record answers,
/// and nothing of the requester is.
async fn signed_agreements_in_the_open_registry(t: &TestDb) {
    let app = t.router();
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    let email = "registry@lueneburg.example";
    let form = with(
        &filled(t, "hoshchanska", email).await,
        "place",
        "DE/lueneburg",
    );
    let r = call::<api::AskPartner>(&app, &pairs(&form), None).await;
    assert!(r.status < 400, "{}", r.body);
    let pair = pair_of(t, "hoshchanska").await;
    let empty = get(&app, "/api/v1/partnerships").await;
    assert!(empty.body.contains("\"total\":0"), "{}", empty.body);
    assert!(!get(&app, "/en/c/hoshchanska")
        .await
        .body
        .contains("side-partnerships"));
    assert!(!get(&app, "/en/m/de/lueneburg")
        .await
        .body
        .contains("side-partnerships"));
    let r = call::<api::MovePair>(
        &app,
        &[
            ("pair", &pair),
            ("to", "agreement_signed"),
            ("kind", "twinning"),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let code: String =
        sqlx::query_scalar("SELECT code FROM communities WHERE slug = 'hoshchanska'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();

    let list = get(&app, "/api/v1/partnerships").await;
    assert_eq!(list.status, 200);
    let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(v["total"], 1);
    let p = &v["items"][0];
    assert_eq!(p["community_code"], code.as_str());
    assert_eq!(p["geonameid"], 2875115, "Lüneburg's GeoNames id");
    assert_eq!(p["country"], "DE");
    assert_eq!(
        (
            p["kind"].as_str(),
            p["origin"].as_str(),
            p["state"].as_str()
        ),
        (Some("twinning"), Some("pipeline"), Some("active"))
    );
    assert_eq!(p["themes"], serde_json::json!(["energy", "education"]));
    for (query, n) in [
        ("country=DE", 1),
        ("country=PL", 0),
        ("kind=twinning", 1),
        ("kind=memorandum", 0),
        ("theme=energy", 1),
        ("oblast=rivnenska", 1),
        ("oblast=lvivska", 0),
        ("origin=imported", 0),
    ] {
        let r: serde_json::Value = serde_json::from_str(
            &get(&app, &format!("/api/v1/partnerships?{query}"))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(r["total"], n, "{query}");
    }
    let id = p["id"].as_str().unwrap();
    let one: serde_json::Value =
        serde_json::from_str(&get(&app, &format!("/api/v1/partnerships/{id}")).await.body).unwrap();
    assert_eq!(&one, p);
    assert_eq!(
        get(&app, "/api/v1/partnerships/no-such-id").await.status,
        404
    );
    assert_eq!(
        get(&app, "/api/v1/partnerships/%27%20OR%201=1")
            .await
            .status,
        404
    );
    let all: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/v1/partnerships.json").await.body).unwrap();
    assert_eq!(all, serde_json::json!([p.clone()]));
    let csv = get(&app, "/api/v1/partnerships.csv").await;
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        cities4cities::partnerships::open_data::CSV_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], code.as_str());
    assert_eq!(&rows[0][7], "2875115");
    assert_eq!(&rows[0][10], "energy;education");
    assert_eq!(rows[0][11].len(), 10, "a date: {}", &rows[0][11]);
    let json = get(&app, "/api/v1/partnerships.json").await;
    // On both sides' pages (rendered and cached before: the signing bumped the version),
    // and in the statistics.
    let id = p["id"].as_str().unwrap();
    let card = get(&app, "/en/c/hoshchanska").await;
    assert!(
        card.body.contains(&format!("/en/p/{id}")),
        "the card lists it"
    );
    let town = get(&app, "/en/m/de/lueneburg").await;
    assert!(
        town.body.contains(&format!("/en/p/{id}")),
        "the municipality lists it"
    );
    assert!(town.body.contains("Hoshchanska"));
    let page = get(&app, &format!("/en/p/{id}")).await;
    assert!(page.body.contains("Made through the platform"));
    let stats: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/v1/stats.json").await.body).unwrap();
    assert_eq!(stats["countries"][0]["key"], "DE");
    assert_eq!(stats["countries"][0]["value"], 1);
    let signed = stats["funnel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == "agreement_signed")
        .unwrap();
    assert_eq!(signed["value"], 1);
    assert!(
        stats["median_days_to_agreement"].is_null(),
        "never introduced: asked directly"
    );
    for body in [&list.body, &csv.body, &json.body] {
        assert!(
            !body.contains(email) && !body.contains("Anna Schmidt"),
            "no personal data"
        );
    }
}

crate::scenarios!(signed_agreements_in_the_open_registry);
