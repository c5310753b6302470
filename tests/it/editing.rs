//! Editing cards against real databases: the authorisation matrix (every mutating action ×
//! every role × own/other community), drafts, publishing with conflicts that lose nothing,
//! the revision history with differences, restoring, and stored script shown inert.

use crate::common::accounts::{account, call, call_path, get_as, make_editor};
use crate::common::api::{self, path};
use crate::common::TestDb;

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn version(app: &axum::Router, cookie: &str, slug: &str) -> i64 {
    json(
        &call::<api::GetEditable>(app, &[("slug", slug)], Some(cookie))
            .await
            .body,
    )["version"]
        .as_i64()
        .unwrap()
}

async fn matrix(t: &TestDb) {
    let app = t.router();
    let own = account(t, &app, "own@hoshcha.gov.ua", "member").await;
    let other = account(t, &app, "other@koriukivka.gov.ua", "member").await;
    let member = account(t, &app, "member@example.org", "member").await;
    let coordinator = account(t, &app, "coordinator@c4c.example", "coordinator").await;
    let admin = account(t, &app, "admin@c4c.example", "admin").await;
    make_editor(t, "own@hoshcha.gov.ua", "hoshchanska").await;
    make_editor(t, "other@koriukivka.gov.ua", "koriukivska").await;

    // Each action on hoshchanska, with what each caller gets: 0 = allowed.
    let v = version(&app, &own, "hoshchanska").await.to_string();
    // (name, server function path, arguments)
    type Action<'a> = (&'a str, &'a str, Vec<(&'a str, String)>);
    let actions: Vec<Action> = vec![
        (
            "editable",
            path::<api::GetEditable>(),
            vec![("slug", "hoshchanska".into())],
        ),
        (
            "save_draft",
            path::<api::SaveDraft>(),
            vec![
                ("slug", "hoshchanska".into()),
                ("base_version", v.clone()),
                ("fields[about_uk]", "Чернетка".into()),
            ],
        ),
        (
            "history",
            path::<api::History>(),
            vec![("slug", "hoshchanska".into())],
        ),
        (
            "invite_editor",
            path::<api::InviteEditor>(),
            vec![
                ("slug", "hoshchanska".into()),
                ("email", "new@hoshcha.gov.ua".into()),
            ],
        ),
        (
            "set_verified",
            path::<api::SetVerified>(),
            vec![("slug", "hoshchanska".into()), ("verified", "yes".into())],
        ),
        (
            "set_role",
            path::<api::SetRole>(),
            vec![
                ("email", "member@example.org".into()),
                ("role", "member".into()),
            ],
        ),
        (
            "discard_draft",
            path::<api::DiscardDraft>(),
            vec![("slug", "hoshchanska".into())],
        ),
    ];
    let callers: [(&str, Option<&str>); 6] = [
        ("visitor", None),
        ("member", Some(&member)),
        ("editor of another community", Some(&other)),
        ("editor of this community", Some(&own)),
        ("coordinator", Some(&coordinator)),
        ("admin", Some(&admin)),
    ];
    // Expected status per (action, caller); 2xx means allowed.
    let expect = |action: &str, caller: &str| -> u16 {
        match (action, caller) {
            (_, "visitor") => 401,
            ("set_role", "admin") => 200,
            ("set_role", _) => 403,
            ("set_verified", "coordinator" | "admin") => 200,
            ("set_verified", _) => 403,
            (_, "member" | "editor of another community") => 403,
            _ => 200,
        }
    };
    for (action, path, args) in &actions {
        for (caller, cookie) in callers {
            let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = call_path(&app, path, &pairs, cookie).await;
            let want = expect(action, caller);
            if want == 200 {
                assert_eq!(r.status, 200, "{action} by {caller}: {}", r.body);
            } else {
                assert_eq!(
                    r.status, want,
                    "{action} by {caller} must be refused: {}",
                    r.body
                );
            }
        }
    }
    // Publishing and restoring, refused: nothing changes.
    let before = version(&app, &own, "hoshchanska").await;
    for (caller, cookie) in &callers[..3] {
        let r = call::<api::PublishProfile>(
            &app,
            &[
                ("slug", "hoshchanska"),
                ("base_version", &before.to_string()),
                ("fields[about_uk]", "Захоплено"),
            ],
            *cookie,
        )
        .await;
        assert!(
            r.status == 401 || r.status == 403,
            "publish by {caller}: {} {}",
            r.status,
            r.body
        );
        let r = call::<api::RestoreRevision>(
            &app,
            &[
                ("slug", "hoshchanska"),
                ("version", "1"),
                ("base_version", &before.to_string()),
            ],
            *cookie,
        )
        .await;
        assert!(
            r.status == 401 || r.status == 403,
            "restore by {caller}: {}",
            r.status
        );
    }
    assert_eq!(version(&app, &own, "hoshchanska").await, before);
    let page = crate::common::get(&app, "/c/hoshchanska").await;
    assert!(!page.body.contains("Захоплено"));
}

async fn drafts_conflicts_history(t: &TestDb) {
    let app = t.router();
    let olena = account(t, &app, "olena@trostianets.gov.ua", "member").await;
    let taras = account(t, &app, "taras@trostianets.gov.ua", "member").await;
    make_editor(t, "olena@trostianets.gov.ua", "trostianetska-okhtyrskyi").await;
    make_editor(t, "taras@trostianets.gov.ua", "trostianetska-okhtyrskyi").await;
    let slug = "trostianetska-okhtyrskyi";
    let base = version(&app, &olena, slug).await;
    let published = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    )["published"]
        .clone();
    // Both start from the same version, with the card's current fields.
    let mut mine: Vec<(String, String)> = published
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (format!("fields[{k}]"), v.as_str().unwrap().to_string()))
        .collect();
    let with = |fields: &[(String, String)], extra: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = fields
            .iter()
            .filter(|(k, _)| !extra.iter().any(|(e, _)| k == e))
            .cloned()
            .collect();
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    let post = |name: &'static str, cookie: String, fields: Vec<(String, String)>, base: i64| {
        let app = app.clone();
        async move {
            let mut pairs: Vec<(String, String)> = vec![
                ("slug".into(), slug.into()),
                ("base_version".into(), base.to_string()),
            ];
            pairs.extend(fields);
            let refs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            call_path(&app, name, &refs, Some(&cookie)).await
        }
    };

    // A draft survives a reload (it is on the server) and is not public.
    let r = post(
        path::<api::SaveDraft>(),
        olena.clone(),
        with(&mine, &[("fields[about_en]", "Draft about Trostianets")]),
        base,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let e = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    );
    assert_eq!(e["draft"]["fields"]["about_en"], "Draft about Trostianets");
    assert!(!crate::common::get(&app, &format!("/en/c/{slug}"))
        .await
        .body
        .contains("Draft about Trostianets"));

    // A field problem: refused with the field named, the draft kept, nothing published.
    let r = post(
        path::<api::PublishProfile>(),
        olena.clone(),
        with(&mine, &[("fields[population_value]", "a lot")]),
        base,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("population_value"), "{}", r.body);
    assert_eq!(version(&app, &olena, slug).await, base);

    // Olena publishes; Taras, still on the old version, changed the same text: a conflict.
    let at_base = mine.clone();
    mine = with(
        &mine,
        &[
            ("fields[about_en]", "Trostianets rebuilt its bandstand."),
            ("fields[about_uk]", "Тростянець відбудував естраду."),
            ("fields[<b>bogus</b>]", "ignored"),
        ],
    );
    let r = post(
        path::<api::PublishProfile>(),
        olena.clone(),
        mine.clone(),
        base,
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let theirs = with(
        &at_base,
        &[
            ("fields[about_en]", "Taras's text"),
            ("fields[website]", "https://trostyanets-rada.gov.ua"),
        ],
    );
    let r = post(path::<api::PublishProfile>(), taras.clone(), theirs, base).await;
    assert_eq!(r.status, 409, "{}", r.body);
    let e = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&taras))
            .await
            .body,
    );
    assert_eq!(e["version"], base + 1);
    assert_eq!(
        e["published"]["about_en"], "Trostianets rebuilt its bandstand.",
        "Olena's text stands"
    );
    assert_eq!(
        e["draft"]["fields"]["about_en"], "Taras's text",
        "Taras's text is kept"
    );
    assert_eq!(e["draft"]["base_version"], base, "and known to be behind");
    assert_eq!(
        e["draft"]["fields"]["about_uk"], "Тростянець відбудував естраду.",
        "his draft takes Olena's change to a field he left alone"
    );
    assert_eq!(
        e["draft"]["fields"]["website"],
        "https://trostyanets-rada.gov.ua"
    );
    let page = crate::common::get(&app, &format!("/en/c/{slug}")).await;
    assert!(page.body.contains("Trostianets rebuilt its bandstand."));
    // Taras merges (keeps Olena's text, his website) on the new version.
    let merged = with(
        &mine,
        &[("fields[website]", "https://trostyanets-rada.gov.ua")],
    );
    let r = post(
        path::<api::PublishProfile>(),
        taras.clone(),
        merged,
        base + 1,
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert!(json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&taras))
            .await
            .body
    )["draft"]
        .is_null());

    // History: who, when, which fields; the differences of one version.
    let h = json(
        &call::<api::History>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    );
    assert_eq!(h["name_uk"], "Тростянецька");
    let h = h["versions"].as_array().unwrap();
    assert_eq!(h[0]["version"], base + 2);
    assert_eq!(h[0]["author"], "taras@trostianets.gov.ua");
    assert_eq!(h[0]["changed"], serde_json::json!(["website"]));
    assert_eq!(h[1]["author"], "olena@trostianets.gov.ua");
    let d = json(
        &call::<api::RevisionChanges>(
            &app,
            &[("slug", slug), ("version", &(base + 1).to_string())],
            Some(&olena),
        )
        .await
        .body,
    );
    let about = d
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "about_en")
        .expect("about_en changed");
    assert_eq!(about["after"], "Trostianets rebuilt its bandstand.");

    // Before restoring, what the restore would change on the card as it is now.
    let preview = json(
        &call::<api::RestorePreview>(
            &app,
            &[("slug", slug), ("version", &(base + 1).to_string())],
            Some(&olena),
        )
        .await
        .body,
    );
    let website = preview
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "website")
        .unwrap_or_else(|| panic!("the website goes back: {preview}"));
    assert_eq!(website["before"], "https://trostyanets-rada.gov.ua");
    // Restore Olena's version: a new version with her content; history grows.
    let r = call::<api::RestoreRevision>(
        &app,
        &[
            ("slug", slug),
            ("version", &(base + 1).to_string()),
            ("base_version", &(base + 2).to_string()),
        ],
        Some(&olena),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let e = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    );
    assert_eq!(e["version"], base + 3);
    assert!(
        e["published"].get("website").is_none()
            || e["published"]["website"] != "https://trostyanets-rada.gov.ua"
    );
    let h = json(
        &call::<api::History>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    );
    assert_eq!(h["versions"][0]["restored_from"], base + 1);
    let stale = call::<api::RestoreRevision>(
        &app,
        &[
            ("slug", slug),
            ("version", "1"),
            ("base_version", &(base + 2).to_string()),
        ],
        Some(&olena),
    )
    .await;
    assert_eq!(
        stale.status, 409,
        "restoring over a newer version is a conflict too"
    );
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('published', 'restored')",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 3);
    let restored: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'restored'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    assert_eq!(restored, format!("version {} as {}", base + 1, base + 3));

    // Edits of different fields from the same version combine: Olena changes the text, then
    // Taras, still on that version, the website; both stand, and nobody sees a conflict.
    let v = version(&app, &olena, slug).await;
    let current: Vec<(String, String)> = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    )["published"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (format!("fields[{k}]"), v.as_str().unwrap().to_string()))
        .collect();
    let r = post(
        path::<api::PublishProfile>(),
        olena.clone(),
        with(
            &current,
            &[("fields[about_en]", "Trostianets restored its park.")],
        ),
        v,
    )
    .await;
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .ends_with("done=published"));
    let r = post(
        path::<api::PublishProfile>(),
        taras.clone(),
        with(
            &current,
            &[("fields[website]", "https://trostianets.example.ua")],
        ),
        v,
    )
    .await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .ends_with("done=merged"),
        "{:?} {}",
        r.headers,
        r.body
    );
    let e = json(
        &call::<api::GetEditable>(&app, &[("slug", slug)], Some(&olena))
            .await
            .body,
    );
    assert_eq!(e["version"], v + 2);
    assert_eq!(e["published"]["about_en"], "Trostianets restored its park.");
    assert_eq!(e["published"]["website"], "https://trostianets.example.ua");
    assert!(e["draft"].is_null());
}

async fn script_is_inert(t: &TestDb) {
    let app = t.router();
    let editor = account(t, &app, "editor@koriukivka.gov.ua", "member").await;
    make_editor(t, "editor@koriukivka.gov.ua", "koriukivska").await;
    let base = version(&app, &editor, "koriukivska").await;
    let evil = "<script>alert('x')</script><img src=x onerror=alert(1)> Korukivka";
    let r = call::<api::PublishProfile>(
        &app,
        &[
            ("slug", "koriukivska"),
            ("base_version", &base.to_string()),
            ("fields[about_en]", evil),
            ("fields[about_uk]", evil),
            ("fields[offer0_title_en]", evil),
            ("fields[offer0_theme]", "energy"),
        ],
        Some(&editor),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    for path in ["/en/c/koriukivska", "/c/koriukivska"] {
        let page = crate::common::get(&app, path).await;
        if let Some(i) = page.body.find("<script>alert") {
            panic!(
                "{path}: script inert: …{}…",
                &page.body[i.saturating_sub(300)..(i + 100).min(page.body.len())]
            );
        }
        assert!(
            !page.body.contains("<img src=x onerror"),
            "{path}: no live image tag"
        );
        assert!(
            page.body.contains("&lt;script&gt;") || page.body.contains("\\u003cscript"),
            "{path}: shown as text"
        );
    }
    // The Markdown subset: marks and web links become elements; other links stay text.
    let base = version(&app, &editor, "koriukivska").await;
    let md = "We are **proud** of [our museum](https://koriukivka-museum.example).\n\n- Forests\n- Flax\n\n[click](javascript:alert(1))";
    let r = call::<api::PublishProfile>(
        &app,
        &[
            ("slug", "koriukivska"),
            ("base_version", &base.to_string()),
            ("fields[about_en]", md),
            ("fields[contact0_name]", "Oksana Melnyk"),
            ("fields[contact1_name]", "Petro Bondar"),
            ("fields[contact1_languages]", "uk, de"),
        ],
        Some(&editor),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    let page = crate::common::get(&app, "/en/c/koriukivska").await;
    assert!(page.body.contains("<strong>proud"));
    assert!(
        page.body
            .contains(r#"<a href="https://koriukivka-museum.example" rel="nofollow ugc noopener""#),
        "links are marked"
    );
    assert!(page.body.contains("<li>Forests"));
    // Contacts are a list.
    assert!(page.body.contains("Oksana Melnyk") && page.body.contains("Petro Bondar"));
    assert!(!page.body.contains("href=\"javascript:"), "no script links");
    assert!(
        page.body.contains("[click](javascript:alert(1))"),
        "shown as text"
    );
    let csv = crate::common::get(&app, "/api/v1/communities.csv?q=koriukivska").await;
    assert!(!csv.body.contains("<script>alert"));
}

/// Many editors publishing the same card at the same moment: one wins, the others are told
/// of the conflict; none meets a server error (SQLite writers queue instead of failing).
async fn simultaneous_publishes(t: &TestDb) {
    let app = t.router();
    let slug = "koriukivska";
    let mut cookies = Vec::new();
    for i in 0..6 {
        let email = format!("rush{i}@koriukivka.gov.ua");
        cookies.push(account(t, &app, &email, "member").await);
        make_editor(t, &email, slug).await;
    }
    let base = version(&app, &cookies[0], slug).await.to_string();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, cookie) in cookies.into_iter().enumerate() {
        let (app, base) = (app.clone(), base.clone());
        tasks.spawn(async move {
            let text = format!("Version number {i} of the text.");
            call::<api::PublishProfile>(
                &app,
                &[
                    ("slug", slug),
                    ("base_version", &base),
                    ("fields[about_en]", &text),
                ],
                Some(&cookie),
            )
            .await
        });
    }
    let mut statuses = Vec::new();
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        statuses.push(if r.headers.contains_key("location") {
            303
        } else {
            r.status
        });
    }
    statuses.sort();
    assert_eq!(statuses, vec![303, 409, 409, 409, 409, 409], "{statuses:?}");
}

/// Issue 13: a double click on "Publish" published twice (an empty second version) and the
/// second answer claimed the edit was merged with another editor's changes. One form sent
/// twice, one after the other and both at once, makes one version and says "published".
async fn repeated_publication_publishes_once(t: &TestDb) {
    let app = t.router();
    let slug = "koriukivska";
    let cookie = account(t, &app, "twice@koriukivka.gov.ua", "member").await;
    make_editor(t, "twice@koriukivka.gov.ua", slug).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM revisions r JOIN communities c ON c.code = r.community_code \
             WHERE c.slug = $1",
        )
        .bind(slug)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
    };
    for (round, at_once) in [(1, false), (2, true)] {
        let base = version(&app, &cookie, slug).await.to_string();
        let before = count().await;
        let text = format!("Sent twice, round {round}.");
        let send = || {
            let (app, cookie, base, text) =
                (app.clone(), cookie.clone(), base.clone(), text.clone());
            async move {
                call::<api::PublishProfile>(
                    &app,
                    &[
                        ("slug", slug),
                        ("base_version", &base),
                        ("fields[about_en]", &text),
                    ],
                    Some(&cookie),
                )
                .await
            }
        };
        let (a, b) = if at_once {
            tokio::join!(send(), send())
        } else {
            (send().await, send().await)
        };
        for r in [&a, &b] {
            let to = r
                .headers
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            assert!(
                to.as_deref().is_some_and(|l| l.contains("done=published")),
                "round {round}: {} {to:?} {}",
                r.status,
                r.body
            );
        }
        assert_eq!(count().await, before + 1, "round {round}: one version");
    }
}

/// The editor says how complete the card is and what a reader still misses: a demonstration
/// card with its texts and projects rates higher than one with only the official data, and
/// its list no longer asks for who we are.
async fn completeness_meter(t: &TestDb) {
    t.with_demo().await;
    let app = t.router();
    let cookie = account(t, &app, "meter@hoshcha.gov.ua", "member").await;
    make_editor(t, "meter@hoshcha.gov.ua", "hoshchanska").await;
    make_editor(t, "meter@hoshcha.gov.ua", "dubenska").await;
    let meter = |body: &str| -> (u32, String) {
        let at = body
            .find("data-testid=\"completeness-value\">")
            .unwrap_or_else(|| panic!("no meter: {body}"));
        let rest = &body[at..];
        // "72% complete", "Заповнено на 72%": the number before the per cent sign.
        let value: String = rest[..rest.find('%').unwrap()]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let missing = body
            .split("data-testid=\"completeness-missing\"")
            .nth(1)
            .map(|m| m[..m.find("</ul>").unwrap()].replace("<!>", ""))
            .unwrap_or_default();
        (value.trim().parse().unwrap(), missing)
    };
    let blank = get_as(&app, "/en/c/dubenska/edit", &cookie).await;
    assert_eq!(blank.status, 200);
    let (blank_percent, blank_missing) = meter(&blank.body);
    assert!(
        blank_missing.contains("<li>who we are</li>"),
        "{blank_missing}"
    );
    assert!(blank_missing.contains("<li>a priority project</li>"));
    let demo = get_as(&app, "/en/c/hoshchanska/edit", &cookie).await;
    let (demo_percent, demo_missing) = meter(&demo.body);
    assert!(
        demo_percent > blank_percent,
        "{demo_percent} vs {blank_percent}"
    );
    assert!(!demo_missing.contains("who we are"), "{demo_missing}");
    assert!(!demo_missing.contains("a priority project"));
    // In the editor's language.
    let uk = get_as(&app, "/c/dubenska/edit", &cookie).await;
    assert!(meter(&uk.body).1.contains("<li>хто ми</li>"));
}

/// The parts of the editor's form opened, by their ids, in the page's order.
fn open_parts(body: &str) -> Vec<String> {
    body.split("<details")
        .skip(1)
        .map(|d| &d[..d.find('>').unwrap()])
        .filter(|tag| tag.contains("name=\"card-part\""))
        .filter(|tag| {
            tag.split_whitespace()
                .any(|a| a == "open" || a.starts_with("open="))
        })
        .map(|tag| {
            let id = &tag[tag.find("id=\"").unwrap() + 4..];
            id[..id.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The editor's 180-odd fields are parts that open one at a time, each saying its state: a
/// fresh editor opens the first; a form refused without JavaScript comes back with the part
/// of its refused field open (and only that part), the field marked.
async fn editor_parts(t: &TestDb) {
    t.with_demo().await;
    let app = t.router();
    let cookie = account(t, &app, "parts@dubno.gov.ua", "member").await;
    make_editor(t, "parts@dubno.gov.ua", "dubenska").await;
    make_editor(t, "parts@dubno.gov.ua", "hoshchanska").await;
    let fresh = get_as(&app, "/en/c/dubenska/edit", &cookie).await;
    assert_eq!(fresh.status, 200);
    assert_eq!(fresh.body.matches("name=\"card-part\"").count(), 11);
    assert_eq!(open_parts(&fresh.body), ["part-about"]);
    // A card never written: every part says it is empty; a written one counts its fields.
    assert_eq!(fresh.body.matches(">Empty<").count(), 11);
    let demo = get_as(&app, "/en/c/hoshchanska/edit", &cookie).await;
    assert!(demo.body.contains(">Filled: "), "{}", demo.body);

    let v = version(&app, &cookie, "dubenska").await.to_string();
    let refused = crate::common::send(
        &app,
        axum::http::Request::post(path::<api::PublishProfile>())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", "https://c4c.example/en/c/dubenska/edit")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &cookie)
            .body(axum::body::Body::from(crate::common::accounts::form(&[
                ("slug", "dubenska"),
                ("base_version", &v),
                (
                    "fields[about_en]",
                    "Kept while the population is corrected.",
                ),
                ("fields[population_value]", "not a number"),
            ])))
            .unwrap(),
    )
    .await;
    let back = crate::common::location(&refused);
    assert!(back.contains("__err="), "{back}");
    let again = get_as(&app, &back, &cookie).await;
    assert_eq!(open_parts(&again.body), ["part-facts"], "{back}");
    assert!(again.body.contains("To correct: 1"));
    let field = &again.body[again.body.find("id=\"f-population-value\"").unwrap()..];
    assert!(field[..field.find('>').unwrap()].contains("aria-invalid=\"true\""));
    assert!(again
        .body
        .contains("Kept while the population is corrected."));
    // In the editor's language.
    let uk = get_as(&app, &back.replacen("/en/", "/", 1), &cookie).await;
    assert!(uk.body.contains("Виправити: 1"), "{}", uk.body);
}

crate::scenarios!(
    completeness_meter,
    editor_parts,
    matrix,
    drafts_conflicts_history,
    script_is_inert,
    simultaneous_publishes,
    repeated_publication_publishes_once,
);
