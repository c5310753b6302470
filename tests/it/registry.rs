//! Issue 15, the open registry: importing real-world lists (the dry run on the messy forms,
//! a real run, a second run that creates nothing; the command line; the upload page with its
//! resolution), the registry's pages and both sides' pages, the activity log's authorisation,
//! the "dormant?" reminder sent once, and the statistics (valid SVG, tables equal to data).

use crate::common::accounts::{account, call, get_as, make_editor};
use crate::common::api;
use crate::common::{get, scalar, send, TestDb};
use axum::body::Body;
use axum::http::Request;
use cities4cities::partnerships::import::{self, Importer, Status, Verdict};

const MESSY: &str = include_str!("../fixtures/twinnings-messy.csv");

async fn code_of(t: &TestDb, slug: &str) -> String {
    sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
        .bind(slug)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
}

async fn dry_run(t: &TestDb, body: &str) -> Vec<Verdict> {
    import::check(&t.state(), body, "twinnings-messy.csv")
        .await
        .unwrap()
        .unwrap()
}

fn row(v: &[Verdict], line: usize) -> &Verdict {
    v.iter().find(|v| v.row == line).expect("the row")
}

/// The id of the partnership of `slug`'s community with the partner named `partner`.
async fn partnership_of(t: &TestDb, slug: &str, partner: &str) -> String {
    sqlx::query_scalar(
        "SELECT p.id FROM partnerships p JOIN communities c ON c.code = p.community_code \
         WHERE c.slug = $1 AND p.municipality_name = $2",
    )
    .bind(slug)
    .bind(partner)
    .fetch_one(&t.db.pool)
    .await
    .unwrap()
}

async fn import_messy_forms(t: &TestDb) {
    let v = dry_run(t, MESSY).await;
    assert_eq!(v.len(), 14);
    let bila = code_of(t, "bilotserkivska-bilotserkivskyi").await;
    let zap = code_of(t, "zaporizka").await;
    let kyiv = code_of(t, "kyiv").await;

    // English, German and old spellings of the Ukrainian side; diacritics on the partner.
    let r = row(&v, 2);
    assert_eq!(
        (r.status, r.community.as_deref()),
        (Status::Matched, Some(bila.as_str()))
    );
    assert_eq!(
        r.municipality,
        Some(757026),
        "Tarnów the city, not the village: {r:?}"
    );
    assert_eq!(row(&v, 3).community.as_deref(), Some(zap.as_str()));
    assert_eq!(row(&v, 3).status, Status::Matched);
    assert_eq!(row(&v, 4).status, Status::Matched, "{:?}", row(&v, 4));
    assert_eq!(
        row(&v, 4).plan.community_name,
        "Кам’янець-Подільська",
        "Kamenets-Podolsky"
    );
    assert_eq!(row(&v, 5).status, Status::Matched, "{:?}", row(&v, 5));
    assert_eq!(row(&v, 5).plan.community_name, "Івано-Франківська");
    assert_eq!(
        row(&v, 5).plan.partner.as_ref().unwrap().country,
        "PL",
        "Polen"
    );
    // A district in brackets: Kyiv, with the part kept.
    let r = row(&v, 6);
    assert_eq!(
        (r.status, r.community.as_deref()),
        (Status::Matched, Some(kyiv.as_str()))
    );
    assert_eq!(r.plan.community_part, "Solomianskyi");
    // A raion is not a community: ambiguous, the community named like it a candidate; the
    // rural gmina kept by name.
    let r = row(&v, 7);
    assert_eq!(r.status, Status::Ambiguous, "{r:?}");
    assert_eq!(r.reason, Some(import::Reason::Raion));
    assert!(
        r.candidates.iter().any(|c| c.name.contains("Корецька")),
        "{r:?}"
    );
    // An oblast: rejected.
    let r = row(&v, 8);
    assert_eq!(
        (r.status, r.reason),
        (Status::Rejected, Some(import::Reason::Oblast))
    );
    // A Budapest district: the district when the directory has it, else Budapest with it.
    let r = row(&v, 9);
    assert_eq!(r.status, Status::Matched, "{r:?}");
    let p = r.plan.partner.as_ref().unwrap();
    assert_eq!(
        (p.country.as_str(), p.name.as_str(), p.part.as_str()),
        ("HU", "Budapest", "Budavár")
    );
    // "Sanok (rural gmina)": never the town of Sanok.
    let r = row(&v, 10);
    assert_eq!(r.status, Status::Matched, "{r:?}");
    let p = r.plan.partner.as_ref().unwrap();
    assert_eq!((p.name.as_str(), p.place.is_none()), ("Gmina Sanok", true));
    assert_eq!(r.municipality, None);
    // The other name in brackets: only a village has it (ambiguous, the community holding
    // it a candidate), and Gotland is an island, not a place of the directory: rejected.
    let r = row(&v, 11);
    assert_eq!(
        (r.status, r.reason),
        (Status::Rejected, Some(import::Reason::NoPartner)),
        "{r:?}"
    );
    assert!(
        r.candidates.iter().any(|c| c.name.contains("Бериславська")),
        "{r:?}"
    );
    // The same pair again (without diacritics, by country code): once.
    let r = row(&v, 12);
    assert_eq!(
        (r.status, r.reason),
        (Status::Matched, Some(import::Reason::Repeated))
    );
    assert_eq!(r.municipality, Some(757026));
    // An unknown country, an unknown name, a start year that is not a year.
    assert_eq!(
        (row(&v, 13).status, row(&v, 13).reason),
        (Status::Rejected, Some(import::Reason::UnknownCountry))
    );
    assert_ne!(row(&v, 14).status, Status::Matched);
    assert_eq!(
        (row(&v, 15).status, row(&v, 15).reason),
        (Status::Rejected, Some(import::Reason::BadYear))
    );
    assert_eq!(import::summary(&v), "matched 8 of 14 rows");

    // The real run records the seven new pairs; a second creates nothing.
    let made = import::record(&t.db, &v, Importer::Operator).await.unwrap();
    assert_eq!(made, 7);
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 7);
    let again = dry_run(t, MESSY).await;
    assert!(again
        .iter()
        .filter(|v| v.status == Status::Matched)
        .all(|v| matches!(
            v.reason,
            Some(import::Reason::Exists | import::Reason::Repeated)
        )));
    assert_eq!(
        import::record(&t.db, &again, Importer::Operator)
            .await
            .unwrap(),
        0
    );
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 7);
    let (year, precision, source, origin): (i64, String, String, String) = sqlx::query_as(
        "SELECT signed_on, since_precision, source, origin FROM partnerships \
         WHERE community_code = $1",
    )
    .bind(&bila)
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(cities4cities::lang::labels::utc_date(year), "1999-01-01");
    assert_eq!(
        (precision.as_str(), source.as_str(), origin.as_str()),
        ("year", "https://example.org/list", "imported")
    );

    // The open data shows them with their keys and no date where the list had none.
    let csv = get(&t.router(), "/api/v1/partnerships.csv?country=PL").await;
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows
        .iter()
        .any(|r| &r[1] == bila.as_str() && &r[7] == "757026" && &r[11] == "1999"));
    assert!(rows
        .iter()
        .any(|r| &r[8] == "Gmina Sanok" && r[7].is_empty() && r[11].is_empty()));
}

/// The command line: one JSON object per row, the last line `matched M of N rows`; the
/// real run records them, and a second records nothing.
async fn command_line_import(t: &TestDb) {
    let dir = std::env::temp_dir().join(format!("c4c-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!(
        "messy-{}.csv",
        cities4cities::platform::secrets::random_id()
    ));
    std::fs::write(&file, MESSY).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["partnerships", "import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cities4cities"))
            .args(&args)
            .env("DATABASE_URL", &t.url)
            .env("C4C_CONFIG", "/nonexistent")
            .env("RUST_LOG", "error")
            .output()
            .expect("run the command");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let out = run(&["--dry-run", "--format", "json"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.last(), Some(&"matched 8 of 14 rows"));
    assert_eq!(lines.len(), 15);
    let objects: Vec<serde_json::Value> = lines[..14]
        .iter()
        .map(|l| serde_json::from_str(l).expect("a JSON object per row"))
        .collect();
    let first = &objects[0];
    assert_eq!(first["row"], 2);
    assert_eq!(first["status"], "matched");
    assert_eq!(
        first["community"],
        code_of(t, "bilotserkivska-bilotserkivskyi").await.as_str()
    );
    assert_eq!(first["municipality"], 757026);
    assert!(first["candidates"].as_array().unwrap().is_empty());
    let raion = objects.iter().find(|o| o["row"] == 7).unwrap();
    assert_eq!(raion["status"], "ambiguous");
    assert!(raion["community"].is_null());
    assert!(raion["candidates"][0]["community"].is_string(), "{raion}");
    assert!(raion["reason"].as_str().unwrap().contains("raion"));
    let oblast = objects.iter().find(|o| o["row"] == 8).unwrap();
    assert_eq!(oblast["status"], "rejected");
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partnerships").await,
        0,
        "a dry run"
    );

    let out = run(&[]);
    assert!(out.ends_with("matched 8 of 14 rows\n"), "{out}");
    assert!(out.contains("7 partnerships created"), "{out}");
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 7);
    let out = run(&[]);
    assert!(out.contains("0 partnerships created"), "{out}");
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 7);
    std::fs::remove_dir_all(&dir).ok();
}

fn multipart(file_name: &str, body: &str) -> (String, Vec<u8>) {
    let boundary = "c4cboundary7d0a";
    let mut out = Vec::new();
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n{body}\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    (format!("multipart/form-data; boundary={boundary}"), out)
}

async fn upload(app: &axum::Router, cookie: Option<&str>, body: &str) -> crate::common::Reply {
    let (ct, bytes) = multipart("list.csv", body);
    let mut req = Request::post("/coordinator/partnerships/import")
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .header(
            "referer",
            "https://c4c.example/coordinator/partnerships/import",
        );
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(app, req.body(Body::from(bytes)).unwrap()).await
}

/// The upload page: only coordinators; the dry run's page; the ambiguous raion resolved to
/// one of its candidates; confirming records the matched rows and the resolved one.
async fn upload_resolve_confirm(t: &TestDb) {
    let app = t.router();
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    let member = account(t, &app, "member@example.ua", "member").await;
    let r = upload(&app, Some(&member), MESSY).await;
    assert_eq!(r.status, 403);
    let r = upload(&app, None, MESSY).await;
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .contains("/account/signin"));
    let r = upload(&app, Some(&coordinator), "just,some\nwords,here").await;
    assert_eq!(r.status, 303);
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .contains("upload_error=csv"));
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partnership_imports").await,
        0
    );

    let r = upload(&app, Some(&coordinator), MESSY).await;
    assert_eq!(r.status, 303);
    let to = r.headers["location"].to_str().unwrap().to_string();
    let id = to.rsplit('/').next().unwrap().to_string();
    assert!(
        to.ends_with(&format!("/coordinator/partnerships/import/{id}")),
        "{to}"
    );
    let page = get_as(&app, &to, &coordinator).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"import-summary\""));
    assert_eq!(page.body.matches("data-testid=\"import-row\"").count(), 14);
    assert!(page.body.contains("name=\"choices[]\""));
    // Somebody else's list is nobody else's to see.
    let other = account(t, &app, "coord2@example.ua", "coordinator").await;
    assert_eq!(get_as(&app, &to, &other).await.status, 404);

    let korets = code_of(t, "koretska").await;
    // A choice the row does not offer changes nothing.
    let r = call::<api::ConfirmImport>(
        &app,
        &[
            ("id", &id),
            (
                "choices[]",
                &format!("7:community:{}", code_of(t, "kyiv").await),
            ),
        ],
        Some(&coordinator),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 0);
    let r = call::<api::ConfirmImport>(
        &app,
        &[
            ("id", &id),
            ("choices[]", &format!("7:community:{korets}")),
            ("choices[]", ""),
        ],
        Some(&coordinator),
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    assert_eq!(scalar(t, "SELECT COUNT(*) FROM partnerships").await, 8);
    let (part, confirmed): (String, String) = sqlx::query_as(
        "SELECT municipality_name, confirmed_by FROM partnerships WHERE community_code = $1",
    )
    .bind(&korets)
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(part, "Gmina Ostróda");
    assert!(!confirmed.is_empty() && confirmed != "operator");
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partnership_imports").await,
        0,
        "forgotten"
    );
}

/// Who may add to the activity log: editors of the community and coordinators; nobody else.
async fn activity_log_authorisation(t: &TestDb) {
    let app = t.router();
    let v = dry_run(t, MESSY).await;
    import::record(&t.db, &v, Importer::Operator).await.unwrap();
    let id = partnership_of(t, "bilotserkivska-bilotserkivskyi", "Tarnów").await;
    let member = account(t, &app, "member@example.ua", "member").await;
    let editor = account(t, &app, "editor@example.ua", "member").await;
    let other = account(t, &app, "other@example.ua", "member").await;
    let coordinator = account(t, &app, "coord@example.ua", "coordinator").await;
    let admin = account(t, &app, "admin@example.ua", "admin").await;
    make_editor(t, "editor@example.ua", "bilotserkivska-bilotserkivskyi").await;
    make_editor(t, "other@example.ua", "zaporizka").await;
    let add = |text: &'static str| {
        [
            ("partnership", id.clone()),
            ("on", "2026-03-02".to_string()),
            ("kind", "aid_delivery".to_string()),
            ("text", text.to_string()),
            ("amount", "12 500".to_string()),
        ]
    };
    let pairs =
        |a: &[(&'static str, String)]| a.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    for (who, cookie, allowed) in [
        ("visitor", None, false),
        ("member", Some(&member), false),
        ("editor of another community", Some(&other), false),
        ("editor", Some(&editor), true),
        ("coordinator", Some(&coordinator), true),
        ("admin", Some(&admin), true),
    ] {
        let before = scalar(t, "SELECT COUNT(*) FROM partnership_activities").await;
        let a = pairs(&add("Generators for the hospital"));
        let refs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = call::<api::AddActivity>(&app, &refs, cookie.map(String::as_str)).await;
        let after = scalar(t, "SELECT COUNT(*) FROM partnership_activities").await;
        assert_eq!(after - before, i64::from(allowed), "{who}: {}", r.body);
        assert_eq!(r.status < 400, allowed, "{who}: {} {}", r.status, r.body);
        // The form is shown to those who may use it, and only to them.
        let page = match cookie {
            Some(c) => get_as(&app, &format!("/en/p/{id}"), c).await,
            None => get(&app, &format!("/en/p/{id}")).await,
        };
        assert_eq!(page.body.contains("activity-form"), allowed, "{who}");
    }
    // Bad input: a clear error and nothing changed.
    let before = scalar(t, "SELECT COUNT(*) FROM partnership_activities").await;
    for (field, value) in [
        ("on", "2999-01-01"),
        ("on", "yesterday"),
        ("kind", "party"),
        ("text", ""),
        ("amount", "lots"),
    ] {
        let mut a = pairs(&add("A visit"));
        a.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
        let refs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = call::<api::AddActivity>(&app, &refs, Some(&editor)).await;
        assert_eq!(r.status, 400, "{field}={value}: {}", r.body);
        assert!(
            r.body.contains(&format!("\"{field}\"")),
            "{field}: {}",
            r.body
        );
    }
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM partnership_activities").await,
        before
    );
    let page = get(&app, &format!("/en/p/{id}")).await;
    assert!(page.body.contains("Generators for the hospital"));
    assert!(page.body.contains("12,500 €"), "the amount");
    assert!(page.body.contains("Aid delivery"));
    // Adding a joint action ends a quiet spell (last activity moves to it).
    let last: i64 = sqlx::query_scalar("SELECT last_activity_at FROM partnerships WHERE id = $1")
        .bind(&id)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert!(last > 0);
}

/// The registry's pages, both sides' pages, the "dormant?" flag and its one reminder.
async fn registry_pages_and_reminder(t: &TestDb) {
    let app = t.router();
    // Cache the card and the municipality's page before the import: they must change.
    let card = get(&app, "/en/c/bilotserkivska-bilotserkivskyi").await;
    assert!(!card.body.contains("side-partnerships"));
    let v = dry_run(t, MESSY).await;
    import::record(&t.db, &v, Importer::Operator).await.unwrap();
    let id = partnership_of(t, "bilotserkivska-bilotserkivskyi", "Tarnów").await;

    let list = get(&app, "/en/partnerships").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        list.body.matches("data-testid=\"registry-item\"").count(),
        7
    );
    assert!(list.body.contains(&format!("href=\"/en/p/{id}\"")));
    assert!(list.body.contains("data-testid=\"registry-map\""));
    // Europe's countries lie under the lines.
    assert!(list.body.contains("<image href=\"/map/europe.svg\""));
    let pl = get(&app, "/en/partnerships?country=PL").await;
    let hu = get(&app, "/en/partnerships?country=HU").await;
    let n = |r: &crate::common::Reply| r.body.matches("data-testid=\"registry-item\"").count();
    assert_eq!((n(&pl), n(&hu)), (5, 1));
    let year = get(&app, "/en/partnerships?year=1999").await;
    assert_eq!(n(&year), 1);
    let p = get(&app, &format!("/en/p/{id}")).await;
    assert!(p.body.contains("property=\"og:title\""));
    assert!(
        p.body.contains("Bilotserkivska — Tarnów"),
        "{}",
        &p.body[..2000.min(p.body.len())]
    );
    assert!(p.body.contains("757026"));
    assert_eq!(get(&app, "/en/p/nonexistent").await.status, 404);

    let card = get(&app, "/en/c/bilotserkivska-bilotserkivskyi").await;
    assert!(card.body.contains("side-partnerships"), "the card lists it");
    assert!(card.body.contains(&format!("/en/p/{id}")));
    let m = get(&app, "/en/m/pl/tarnow").await;
    assert!(
        m.body.contains("side-partnerships"),
        "the municipality lists it"
    );
    assert!(m.body.contains("Bilotserkivska"));

    // Quiet for a year: flagged, and its editors reminded once, by one of two instances.
    account(t, &app, "editor@example.ua", "member").await;
    make_editor(t, "editor@example.ua", "bilotserkivska-bilotserkivskyi").await;
    let now = cities4cities::platform::now();
    sqlx::query("UPDATE partnerships SET last_activity_at = $1 WHERE id = $2")
        .bind(now - 400 * 86_400)
        .bind(&id)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let (a, b) = (t.state(), t.state());
    let (x, y) = tokio::join!(
        cities4cities::partnerships::registry::remind_dormant(&a, now),
        cities4cities::partnerships::registry::remind_dormant(&b, now)
    );
    assert_eq!(x.unwrap() + y.unwrap(), 1);
    assert_eq!(
        scalar(t, "SELECT COUNT(*) FROM outbox WHERE to_addr = 'editor@example.ua' AND subject LIKE '%Tarnów%'").await,
        1
    );
    assert_eq!(
        cities4cities::partnerships::registry::remind_dormant(&a, now + 86_400)
            .await
            .unwrap(),
        0
    );
    let p = get_as(&app, &format!("/en/p/{id}"), "x=y").await;
    assert!(p.body.contains("data-testid=\"dormant\""));
}

/// The statistics: each chart valid SVG with a text alternative, its table equal to its
/// CSV and to the JSON; a partnership shows in them at once.
async fn statistics(t: &TestDb) {
    let app = t.router();
    let v = dry_run(t, MESSY).await;
    import::record(&t.db, &v, Importer::Operator).await.unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/v1/stats.json").await.body).unwrap();
    let countries = json["countries"].as_array().unwrap();
    assert_eq!(countries[0]["key"], "PL");
    assert_eq!(countries[0]["value"], 5);
    let total: i64 = json["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["value"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 7);
    // The home page lists the newest four of the seven.
    let home = get(&app, "/en").await;
    let recent = &home.body[home
        .body
        .find("data-testid=\"home-recent\"")
        .expect("recent")..];
    let recent = &recent[..recent.find("</ul>").unwrap()];
    assert_eq!(recent.matches("data-testid=\"registry-item\"").count(), 4);
    let page = get(&app, "/en/stats").await;
    assert_eq!(page.status, 200);
    for chart in cities4cities::partnerships::model::STATS_CHARTS {
        let start = page
            .body
            .find(&format!("data-testid=\"chart-{chart}\""))
            .unwrap_or_else(|| panic!("chart {chart}"));
        let section = &page.body[start..];
        let section = &section[..section.find("</section>").unwrap()];
        // The SVG is one well-formed element with its title.
        let svg = &section[section.find("<svg").unwrap()..section.find("</svg>").unwrap() + 6];
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("role=\"img\"") && svg.contains("<title>"));
        // The table's values are the CSV's.
        let values: Vec<i64> = section
            .match_indices("data-value=\"")
            .map(|(i, m)| {
                let rest = &section[i + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        let csv = get(&app, &format!("/api/v1/stats/{chart}.csv")).await;
        assert_eq!(csv.status, 200);
        let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            cities4cities::partnerships::open_data::STATS_CSV_COLUMNS.to_vec()
        );
        let from_csv: Vec<i64> = reader
            .records()
            .map(|r| r.unwrap()[3].parse().unwrap())
            .collect();
        assert_eq!(values, from_csv, "{chart}");
        assert_eq!(
            svg.matches("<rect").count(),
            values.len(),
            "{chart}: a bar per row"
        );
        let from_json: Vec<i64> = json[chart]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["value"].as_i64().unwrap())
            .collect();
        assert_eq!(values, from_json, "{chart}");
    }
    assert_eq!(get(&app, "/api/v1/stats/nothing.csv").await.status, 404);
    // The answers with imported records (years, no dates, parts, gminas) match the OpenAPI
    // document.
    let doc: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/v1/openapi.json").await.body).unwrap();
    for (template, uri) in [
        ("/api/v1/stats.json", "/api/v1/stats.json"),
        ("/api/v1/partnerships", "/api/v1/partnerships?sort=oldest"),
        ("/api/v1/partnerships", "/api/v1/partnerships?year=1999"),
        ("/api/v1/partnerships.json", "/api/v1/partnerships.json"),
    ] {
        let v: serde_json::Value = serde_json::from_str(&get(&app, uri).await.body).unwrap();
        let schema = crate::open_data::response_schema(&doc, template, "200");
        assert!(schema.is_object(), "{template} is documented");
        crate::open_data::check(&doc, schema, &v, uri).unwrap();
    }
    // The home page counts them.
    let home = get(&app, "/en").await;
    let at = home
        .body
        .find("data-testid=\"count-partnerships\"")
        .expect("home counters");
    assert!(
        home.body[at..at + 80].contains(">7<"),
        "{}",
        &home.body[at..at + 80]
    );
}

crate::scenarios!(
    import_messy_forms,
    command_line_import,
    upload_resolve_confirm,
    activity_log_authorisation,
    registry_pages_and_reminder,
    statistics,
);
