//! Roles and claiming against real databases: a claim waits for a coordinator, who rejects it
//! with a reason (mailed) or approves it (the person becomes an editor); editors invite
//! colleagues; coordinators mark cards verified; admins give roles. Every step is refused to
//! those who may not take it.

use crate::common::accounts::{account, call, get_as, mailed_token};
use crate::common::api;
use crate::common::TestDb;

async fn code_of(t: &TestDb, slug: &str) -> cities4cities::identity::CommunityCode {
    sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
        .bind(slug)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

async fn editors(t: &TestDb, slug: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT u.email FROM editors e JOIN users u ON u.id = e.user_id JOIN communities c ON c.code = e.community_code \
         WHERE c.slug = $1 ORDER BY u.email",
    )
    .bind(slug)
    .fetch_all(&t.db.pool)
    .await
    .unwrap()
}

async fn mail_count(t: &TestDb, to: &str, like: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE to_addr = $1 AND body LIKE $2")
        .bind(to)
        .bind(format!("%{like}%"))
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

async fn claims_and_roles(t: &TestDb) {
    let app = t.router();
    let coordinator = account(t, &app, "coord@c4c.example", "coordinator").await;
    let admin = account(t, &app, "admin@c4c.example", "admin").await;
    let olena = account(t, &app, "olena@hoshcha.gov.ua", "member").await;
    let stranger = account(t, &app, "stranger@example.org", "member").await;
    let claim = |cookie: String| {
        let app = app.clone();
        async move {
            call::<api::ClaimCommunity>(
                &app,
                &[
                    ("slug", "hoshchanska"),
                    ("position", "Head of the international office"),
                    ("evidence", "olena@hoshcha.gov.ua, +380 3654 2 12 34"),
                    ("message", "<script>alert(1)</script>"),
                ],
                Some(&cookie),
            )
            .await
        }
    };

    // Visitors cannot claim; incomplete claims are refused with the field named.
    let r = call::<api::ClaimCommunity>(
        &app,
        &[
            ("slug", "hoshchanska"),
            ("position", "x"),
            ("evidence", "y"),
        ],
        None,
    )
    .await;
    assert_eq!(r.status, 401);
    let r = call::<api::ClaimCommunity>(
        &app,
        &[("slug", "hoshchanska"), ("position", ""), ("evidence", "y")],
        Some(&olena),
    )
    .await;
    assert!(r.body.contains("\"field\":\"position\""), "{}", r.body);
    let r = call::<api::ClaimCommunity>(
        &app,
        &[
            ("slug", "no-such-place"),
            ("position", "x"),
            ("evidence", "y"),
        ],
        Some(&olena),
    )
    .await;
    assert_eq!(r.status, 404);

    // The admin reads German: their mail names the community in Latin letters; the
    // coordinator reads Ukrainian: in Cyrillic.
    sqlx::query("UPDATE users SET lang = CASE WHEN email = 'admin@c4c.example' THEN 'de' ELSE 'uk' END WHERE email IN ('admin@c4c.example', 'coord@c4c.example')")
        .execute(&t.db.pool)
        .await
        .unwrap();
    let r = claim(olena.clone()).await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        mail_count(t, "coord@c4c.example", "/coordinator").await,
        1,
        "coordinators are told"
    );
    let subjects: Vec<(String, String)> = sqlx::query_as(
        "SELECT to_addr, subject FROM outbox WHERE to_addr IN ('admin@c4c.example', 'coord@c4c.example') AND body LIKE '%/coordinator%'",
    )
    .fetch_all(&t.db.pool)
    .await
    .unwrap();
    for (to, subject) in &subjects {
        let latin = to.starts_with("admin");
        assert_eq!(subject.contains("Hoshchanska"), latin, "{to}: {subject}");
        assert_eq!(subject.contains("Гощанська"), !latin, "{to}: {subject}");
    }
    assert_eq!(subjects.len(), 2);
    let access: serde_json::Value = serde_json::from_str(
        &call::<api::MyAccess>(&app, &[("slug", "hoshchanska")], Some(&olena))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(access["pending_claim"], true);
    assert_eq!(access["can_edit"], false);
    // Someone whose address is not confirmed is told so before they type, not after.
    let r = call::<api::SignUp>(
        &app,
        &[
            ("name", "New"),
            ("email", "new@hoshcha.gov.ua"),
            ("password", crate::common::accounts::PASSWORD),
        ],
        None,
    )
    .await;
    let fresh = crate::common::accounts::session_cookie(&r).expect("signed in at sign-up");
    let page = get_as(&app, "/en/c/hoshchanska/claim", &fresh).await;
    assert!(
        page.body.contains("Confirm your email address first")
            && !page.body.contains("name=\"evidence\""),
        "the claim page says the address must be confirmed first"
    );
    // Asking again while the request waits changes nothing and mails nobody; the person is
    // shown the waiting request, and finds it on their account page.
    let r = claim(olena.clone()).await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .contains("done=claim_pending"),
        "{:?}",
        r.headers
    );
    assert_eq!(mail_count(t, "coord@c4c.example", "/coordinator").await, 1);
    let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM claims WHERE status = 'pending'")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(filed, 1);
    let mine: serde_json::Value =
        serde_json::from_str(&call::<api::MyClaims>(&app, &[], Some(&olena)).await.body).unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["slug"], "hoshchanska");
    let page = get_as(&app, "/en/c/hoshchanska/claim", &olena).await;
    assert!(
        page.body.contains("waiting for a coordinator") && !page.body.contains("name=\"evidence\""),
        "the claim page shows the waiting request, not a new form"
    );

    // Only coordinators see and decide claims.
    assert_eq!(
        call::<api::PendingClaims>(&app, &[], Some(&olena))
            .await
            .status,
        403
    );
    assert_eq!(
        call::<api::PendingClaims>(&app, &[], None).await.status,
        401
    );
    let list: serde_json::Value = serde_json::from_str(
        &call::<api::PendingClaims>(&app, &[], Some(&coordinator))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["community_slug"], "hoshchanska");
    assert_eq!(
        list[0]["message"], "<script>alert(1)</script>",
        "kept as text; pages escape it"
    );
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        call::<api::DecideClaim>(&app, &[("id", &id), ("decision", "approve")], Some(&olena))
            .await
            .status,
        403
    );
    assert_eq!(
        call::<api::DecideClaim>(
            &app,
            &[("id", &id), ("decision", "approve")],
            Some(&stranger)
        )
        .await
        .status,
        403
    );

    // A rejection needs a reason, which the person receives.
    let r = call::<api::DecideClaim>(
        &app,
        &[("id", &id), ("decision", "reject")],
        Some(&coordinator),
    )
    .await;
    assert!(r.body.contains("\"field\":\"reason\""), "{}", r.body);
    let r = call::<api::DecideClaim>(
        &app,
        &[
            ("id", &id),
            ("decision", "reject"),
            ("reason", "Please use your official address."),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        mail_count(
            t,
            "olena@hoshcha.gov.ua",
            "Please use your official address."
        )
        .await,
        1
    );
    assert!(editors(t, "hoshchanska").await.is_empty());
    assert_eq!(
        call::<api::DecideClaim>(
            &app,
            &[("id", &id), ("decision", "approve")],
            Some(&coordinator)
        )
        .await
        .status,
        404,
        "decided once"
    );

    // Claim again; approved: an editor, the card is marked claimed, the person is told.
    claim(olena.clone()).await;
    let list: serde_json::Value = serde_json::from_str(
        &call::<api::PendingClaims>(&app, &[], Some(&coordinator))
            .await
            .body,
    )
    .unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let r = call::<api::DecideClaim>(
        &app,
        &[("id", &id), ("decision", "approve")],
        Some(&coordinator),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        editors(t, "hoshchanska").await,
        vec!["olena@hoshcha.gov.ua"]
    );
    assert_eq!(
        mail_count(t, "olena@hoshcha.gov.ua", "/c/hoshchanska/edit").await,
        1
    );
    let stored = cities4cities::profiles::store::load(&t.db, &code_of(t, "hoshchanska").await)
        .await
        .unwrap();
    assert!(stored.trust.claimed);
    let access: serde_json::Value = serde_json::from_str(
        &call::<api::MyAccess>(&app, &[("slug", "hoshchanska")], Some(&olena))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(access["can_edit"], true);
    let mine: serde_json::Value = serde_json::from_str(
        &call::<api::MyCommunities>(&app, &[], Some(&olena))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(mine[0]["slug"], "hoshchanska");

    // Invitations: only an editor of that community invites; only the invited address accepts.
    assert_eq!(
        call::<api::InviteEditor>(
            &app,
            &[("slug", "hoshchanska"), ("email", "taras@hoshcha.gov.ua")],
            Some(&stranger)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call::<api::InviteEditor>(
            &app,
            &[("slug", "koriukivska"), ("email", "taras@hoshcha.gov.ua")],
            Some(&olena)
        )
        .await
        .status,
        403,
        "not her community"
    );
    let r = call::<api::InviteEditor>(
        &app,
        &[("slug", "hoshchanska"), ("email", "taras@hoshcha.gov.ua")],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let token = mailed_token(t, "taras@hoshcha.gov.ua", "/en/account/invitation?token=").await;
    assert_eq!(
        call::<api::AcceptInvitation>(&app, &[("token", &token)], Some(&stranger))
            .await
            .status,
        410,
        "another address"
    );
    let taras = account(t, &app, "taras@hoshcha.gov.ua", "member").await;
    let r = call::<api::AcceptInvitation>(&app, &[("token", &token)], Some(&taras)).await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        editors(t, "hoshchanska").await,
        vec!["olena@hoshcha.gov.ua", "taras@hoshcha.gov.ua"]
    );

    // Verification is the coordinators' mark.
    assert_eq!(
        call::<api::SetVerified>(
            &app,
            &[("slug", "hoshchanska"), ("verified", "yes")],
            Some(&olena)
        )
        .await
        .status,
        403
    );
    let bad = call::<api::SetVerified>(
        &app,
        &[
            ("slug", "hoshchanska"),
            ("verified", "yes"),
            ("date", "yesterday"),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(bad.body.contains("\"field\":\"date\""), "{}", bad.body);
    let r = call::<api::SetVerified>(
        &app,
        &[
            ("slug", "hoshchanska"),
            ("verified", "yes"),
            ("date", "2026-11-20"),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let stored = cities4cities::profiles::store::load(&t.db, &code_of(t, "hoshchanska").await)
        .await
        .unwrap();
    assert!(stored.trust.verified);
    assert_eq!(
        stored
            .trust
            .last_verified
            .map(cities4cities::lang::labels::utc_date)
            .as_deref(),
        Some("2026-11-20")
    );
    // The public page shows it at once (and the search index has it).
    let page = crate::common::get(&app, "/en/c/hoshchanska").await;
    assert!(page.body.contains("2026"), "verified date on the page");

    // Roles are the admins'.
    assert_eq!(
        call::<api::SetRole>(
            &app,
            &[("email", "stranger@example.org"), ("role", "coordinator")],
            Some(&coordinator)
        )
        .await
        .status,
        403
    );
    let r = call::<api::SetRole>(
        &app,
        &[("email", "stranger@example.org"), ("role", "coordinator")],
        Some(&admin),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    // Administrators see who holds which role: the new coordinator without a second factor
    // yet, with the day the role was given; nobody else sees the list.
    for (cookie, status) in [
        (None, 401),
        (Some(&coordinator), 403),
        (Some(&stranger), 401),
    ] {
        let r = call::<api::RoleHolders>(&app, &[], cookie.map(|c| c.as_str())).await;
        assert_eq!(r.status, status, "{}", r.body);
    }
    let r = call::<api::RoleHolders>(&app, &[], Some(&admin)).await;
    let holders: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let holders = holders.as_array().unwrap();
    let of = |email: &str| holders.iter().find(|h| h["email"] == email).cloned();
    let new = of("stranger@example.org").expect("the new coordinator is listed");
    assert_eq!(new["role"], "coordinator");
    assert_eq!(new["second_factor"], false);
    assert!(new["role_since"].as_i64().unwrap() > 0);
    assert_eq!(
        holders[0]["role"], "admin",
        "administrators first: {holders:?}"
    );
    assert!(holders.iter().all(|h| h["role"] != "member"));
    // Without a second factor, a coordinator acts as a member.
    assert_eq!(
        call::<api::PendingClaims>(&app, &[], Some(&stranger))
            .await
            .status,
        401
    );
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('claim_approved', 'claim_rejected', 'role_changed', 'verified', 'invitation_accepted')")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(audit, 5);
}

/// The audit log: administrators only, newest first, narrowed by action or by part of an
/// address (with `%` and `_` taken literally), paged, and rendered as a page.
async fn audit_log(t: &TestDb) {
    let app = t.router();
    let admin = account(t, &app, "auditor@c4c.example", "admin").await;
    let coordinator = account(t, &app, "desk@c4c.example", "coordinator").await;
    let member = account(t, &app, "reader_1@example.org", "member").await;
    let log = |pairs: &'static [(&'static str, &'static str)], cookie: Option<String>| {
        let app = app.clone();
        async move { call::<api::AuditLog>(&app, pairs, cookie.as_deref()).await }
    };
    assert_eq!(log(&[], None).await.status, 401);
    assert_eq!(log(&[], Some(member.clone())).await.status, 403);
    assert_eq!(log(&[], Some(coordinator.clone())).await.status, 403);

    let r = log(&[("action", "sign_up")], Some(admin.clone())).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let entries = page["entries"].as_array().unwrap();
    assert!(entries.iter().all(|e| e["action"] == "sign_up"));
    let actors: Vec<&str> = entries.iter().filter_map(|e| e["actor"].as_str()).collect();
    for who in [
        "auditor@c4c.example",
        "desk@c4c.example",
        "reader_1@example.org",
    ] {
        assert!(actors.contains(&who), "{who} in {actors:?}");
    }
    // Newest first.
    let times: Vec<i64> = entries.iter().map(|e| e["at"].as_i64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert!(page["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "sign_in"));

    // Part of an address; `_` is a character, not "any character".
    let r = log(&[("actor", "READER_1@")], Some(admin.clone())).await;
    let page: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(page["total"].as_i64().unwrap() >= 2, "{}", r.body);
    assert!(page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "reader_1@example.org"));
    let r = log(&[("actor", "reader_1_")], Some(admin.clone())).await;
    let page: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(page["total"], 0, "{}", r.body);

    // Paging: 50 a page, a page past the end shows the last one.
    for i in 0..55 {
        sqlx::query("INSERT INTO audit_log (id, at, actor, action, target, detail, ip) VALUES ($1, $2, NULL, 'test_event', '', '', '')")
            .bind(format!("test-{i}"))
            .bind(i64::from(i))
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    let r = log(
        &[("action", "test_event"), ("page", "9")],
        Some(admin.clone()),
    )
    .await;
    let page: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (
            page["total"].as_i64(),
            page["page"].as_i64(),
            page["pages"].as_i64()
        ),
        (Some(55), Some(2), Some(2))
    );
    assert_eq!(page["entries"].as_array().unwrap().len(), 5);
    assert_eq!(page["entries"][0]["at"], 4);
    assert!(page["entries"][0]["actor"].is_null());

    // The page: rendered for the admin with the filter applied, refused to others.
    let html = get_as(&app, "/en/coordinator/audit?action=test_event", &admin).await;
    assert_eq!(html.status, 200);
    assert!(
        html.body.contains("Audit log") && html.body.replace("<!>", "").contains("Entries: 55"),
        "{}",
        html.body
    );
    assert_eq!(html.headers["cache-control"], "private, no-store");
    let html = get_as(&app, "/en/coordinator/audit", &member).await;
    assert!(!html.body.contains("sign_up"), "{}", html.body);
}

/// The coordinators' queue beyond claims: edited cards never checked or checked over a year
/// ago, cards not updated for a year, and active partnerships quiet for a year; demo cards,
/// fresh checks and ended partnerships stay out; coordinators only, on the desk's page too.
async fn coordinators_queue(t: &TestDb) {
    let app = t.router();
    let coordinator = account(t, &app, "queue@c4c.example", "coordinator").await;
    let member = account(t, &app, "reader_2@example.org", "member").await;
    let now = cities4cities::platform::now();
    let (old, fresh) = (now - 2 * 365 * 86_400, now - 86_400);
    let picked: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT code, slug, name_latin FROM communities ORDER BY code LIMIT 5 OFFSET 300",
    )
    .fetch_all(&t.db.pool)
    .await
    .unwrap();
    // (verified, last checked, updated, demo): unchecked and fresh; checked and updated long
    // ago; checked and updated lately; a demo card; a card nobody claimed.
    let cards = [
        (0, None, fresh, 0, 1),
        (1, Some(old), old, 0, 1),
        (1, Some(fresh), fresh, 0, 1),
        (0, None, old, 1, 1),
        (0, None, old, 0, 0),
    ];
    for ((code, _, _), (verified, checked, updated, demo, claimed)) in picked.iter().zip(cards) {
        sqlx::query(
            "INSERT INTO profiles (community_code, data, version, claimed, verified, last_verified, updated_at, demo) \
             VALUES ($1, '{}', 2, $2, $3, $4, $5, $6) ON CONFLICT (community_code) DO UPDATE SET \
             version = 2, claimed = $2, verified = $3, last_verified = $4, updated_at = $5, demo = $6",
        )
        .bind(code)
        .bind(claimed)
        .bind(verified)
        .bind(checked)
        .bind(updated)
        .bind(demo)
        .execute(&t.db.pool)
        .await
        .unwrap();
    }
    for (i, (state, last)) in [("active", old), ("active", fresh), ("ended", old)]
        .into_iter()
        .enumerate()
    {
        sqlx::query(
            "INSERT INTO partnerships (id, community_code, municipality_country, municipality_name, kind, themes, \
             signed_on, created_at, partner_key, state, last_activity_at) \
             VALUES ($1, $2, 'DE', $3, 'twinning', '', $4, $4, $5, $6, $7)",
        )
        .bind(format!("queue-{i}"))
        .bind(&picked[i].0)
        .bind(format!("Queuestadt {i}"))
        .bind(old)
        .bind(format!("name:queuestadt {i}"))
        .bind(state)
        .bind(last)
        .execute(&t.db.pool)
        .await
        .unwrap();
    }

    for (cookie, status) in [(None, 401), (Some(&member), 403)] {
        let r = call::<api::GetCardQueue>(&app, &[], cookie.map(|c| c.as_str())).await;
        assert_eq!(r.status, status, "{}", r.body);
        let r = call::<api::GetQuietPartnerships>(&app, &[], cookie.map(|c| c.as_str())).await;
        assert_eq!(r.status, status, "{}", r.body);
    }
    let r = call::<api::GetCardQueue>(&app, &[], Some(&coordinator)).await;
    let q: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let slugs = |list: &str| -> Vec<String> {
        q[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let mine = |list: &str| -> Vec<usize> {
        let got = slugs(list);
        (0..5).filter(|i| got.contains(&picked[*i].1)).collect()
    };
    assert_eq!(mine("to_verify"), vec![0, 1], "{q}");
    assert_eq!(mine("stale"), vec![1], "{q}");
    assert!(q["to_verify_total"].as_i64().unwrap() >= 2);
    assert!(q["stale_total"].as_i64().unwrap() >= 1);

    let r = call::<api::GetQuietPartnerships>(&app, &[], Some(&coordinator)).await;
    let quiet: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let ids: Vec<&str> = quiet["shown"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["id"].as_str())
        .filter(|id| id.starts_with("queue-"))
        .collect();
    assert_eq!(ids, vec!["queue-0"], "{quiet}");

    // The desk's page shows the queue.
    let page = crate::common::accounts::get_as(&app, "/en/coordinator", &coordinator).await;
    assert_eq!(page.status, 200);
    for part in ["queue-verify", "queue-stale", "queue-quiet", "Queuestadt 0"] {
        assert!(page.body.contains(part), "{part} on the desk");
    }
    assert!(page.body.contains(&picked[1].2), "a card to check, by name");
    assert!(
        !page.body.contains("Queuestadt 1"),
        "an active partnership stays out"
    );
}

crate::scenarios!(claims_and_roles, audit_log, coordinators_queue);
