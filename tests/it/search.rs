//! Search quality on the real data set, on SQLite and PostgreSQL: scripts, spellings, foreign
//! and historic names, typos, settlements, places and profile text; ranking; identical results
//! on both databases; a profile change searchable at once on every instance.

use crate::common::{get, TestDb};
use cities4cities::catalogue::query::CatalogueQuery;
use cities4cities::identity::CommunityCode;
use cities4cities::profiles::model::{Profile, Text, Trust};
use cities4cities::profiles::store as profiles;

/// Slugs of the first results of the type-ahead endpoint.
async fn top(router: &axum::Router, q: &str, n: usize) -> Vec<String> {
    let r = get(
        router,
        &format!(
            "/api/v1/search?limit={n}&q={}",
            cities4cities::links::encode(q)
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn first(router: &axum::Router, q: &str) -> String {
    top(router, q, 1)
        .await
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// (query, slug expected first)
const FIRST: &[(&str, &str)] = &[
    // Cyrillic, official romanization, older and foreign spellings.
    ("Київ", "kyiv"),
    ("Kyiv", "kyiv"),
    ("Kiev", "kyiv"),
    ("KYIV", "kyiv"),
    ("Львів", "lvivska"),
    ("Lviv", "lvivska"),
    ("Lvov", "lvivska"),
    ("Lwów", "lvivska"),
    ("Lemberg", "lvivska"),
    ("Одеса", "odeska"),
    ("Odesa", "odeska"),
    ("Odessa", "odeska"),
    ("Zaporizhzhia", "zaporizka"),
    ("Zaporozhye", "zaporizka"),
    ("Запоріжжя", "zaporizka"),
    ("Kharkov", "kharkivska"),
    ("Харків", "kharkivska"),
    // Typos: one from five letters, two from nine.
    ("Khrakiv", "kharkivska"),
    ("Khmelntyska", "khmelnytska"),
    ("Khmelntiskaa", "khmelnytska"),
    // Prefix while typing.
    ("Іва", "ivano-frankivska-ivano-frankivskyi"),
    ("Bila Tser", "bilotserkivska-bilotserkivskyi"),
    // ґ/г, і/и/ї confusions and apostrophe forms.
    ("Ґоща", "hoshchanska"),
    ("Гоща", "hoshchanska"),
    ("Киів", "kyiv"),
    ("Кам'янець-Подільська", "kamianets-podilska"),
    ("Кам’янець-Подільська", "kamianets-podilska"),
    ("Камʼянець-Подільська", "kamianets-podilska"),
    ("Kamianets-Podilska", "kamianets-podilska"),
    // Issue 13: the German, Polish and French transcriptions readers know from their press.
    ("Hoschtscha", "hoshchanska"),
    ("Hoszcza", "hoshchanska"),
    ("Hochtcha", "hoshchanska"),
    ("Tschernihiw", "chernihivska-chernihivskyi"),
    ("Czernihiw", "chernihivska-chernihivskyi"),
    ("Tchernihiv", "chernihivska-chernihivskyi"),
    ("Schytomyr", "zhytomyrska"),
    ("Żytomierz", "zhytomyrska"),
    // Oblasts by their names in other languages: the largest community of the oblast first.
    ("Oblast Lwiw", "lvivska"),
    ("Lviv oblast", "lvivska"),
    ("obwód lwowski", "lvivska"),
    ("oblast de Lviv", "lvivska"),
    // The city community, not a village whose centre carries the name as an alias.
    ("Melitopol", "melitopolska"),
    // A city keeps its historic names.
    ("Stanislawow", "ivano-frankivska-ivano-frankivskyi"),
];

async fn spellings(router: &axum::Router) {
    for (q, slug) in FIRST {
        assert_eq!(&first(router, q).await, slug, "first result for {q:?}");
    }
    // Four letters forgive no typo: "Lvev" is not Lviv.
    assert!(!top(router, "Lvev", 50)
        .await
        .contains(&"lvivska".to_string()));
}

async fn settlements_and_places(router: &axum::Router) {
    // Vynnyky is a town inside the Lviv community.
    let r = get(
        router,
        "/api/v1/search?q=%D0%92%D0%B8%D0%BD%D0%BD%D0%B8%D0%BA%D0%B8",
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let hit = &v["items"][0];
    assert_eq!(hit["slug"], "lvivska");
    assert_eq!(hit["via"]["kind"], "settlement");
    assert_eq!(hit["via"]["name_latin"], "Vynnyky");
    assert_eq!(first(router, "Vynnyky").await, "lvivska");

    // A raion name finds the communities of that raion, each saying why.
    // Exact matches come before typo matches (Buchatska is two letters away).
    let in_raion = get(router, "/api/v1/communities?q=Buchanskyi").await;
    let v: serde_json::Value = serde_json::from_str(&in_raion.body).unwrap();
    let items = v["items"].as_array().unwrap();
    let bucha = items
        .iter()
        .take_while(|i| i["raion_latin"] == "Buchanskyi")
        .count();
    assert!(
        (5..=20).contains(&bucha),
        "Bucha raion's communities first: {bucha}"
    );
    assert!(items[..bucha].iter().all(|i| i["via"]["kind"] == "place"
        || i["via"].is_null()
        || i["via"]["kind"] == "settlement"));

    // Ranking: a community named so comes before one that only has a village of that name.
    let r = top(router, "Тростянець", 10).await;
    assert!(r[0].starts_with("trostianetska"), "{r:?}");
}

async fn profile_text_and_instances(t: &TestDb) {
    // Two app instances over one database: a change through one is searchable on both at once.
    let (a, b) = (t.router(), t.router());
    assert!(top(&a, "Quokkaville", 5).await.is_empty());
    assert!(top(&b, "Quokkaville", 5).await.is_empty());
    let code: CommunityCode =
        sqlx::query_scalar("SELECT code FROM communities WHERE slug = 'hoshchanska'")
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    let stored = profiles::load(&t.db, &code).await.unwrap();
    let profile = Profile {
        about: Text::new(&[("en", "Twinned in spirit with Quokkaville since the flood.")]),
        ..stored.profile.clone()
    };
    profiles::save(&t.db, &code, &profile, &Trust::default(), stored.version)
        .await
        .unwrap();
    assert_eq!(top(&a, "Quokkaville", 5).await, vec!["hoshchanska"]);
    assert_eq!(
        top(&b, "quokaville", 5).await,
        vec!["hoshchanska"],
        "with a typo, on the other instance"
    );
    let r = get(&b, "/api/v1/search?q=Quokkaville").await;
    assert!(r.body.contains("\"kind\":\"text\""));
    // Saving over a newer version is refused.
    let stale = profiles::save(&t.db, &code, &profile, &Trust::default(), stored.version).await;
    assert!(matches!(stale, Err(profiles::SaveError::Conflict { .. })));
}

async fn filters_and_facets(t: &TestDb) {
    let state = t.state();
    let snapshot = cities4cities::catalogue::snapshot(&state).await.unwrap();
    let all = snapshot.query(&CatalogueQuery::default());
    assert_eq!(all.total, 1774);
    let facet = |r: &cities4cities::catalogue::query::CatalogueResult, name: &str, value: &str| {
        r.facets
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| f.values.iter().find(|v| v.value == value))
            .map(|v| v.count)
            .unwrap_or(0)
    };
    let kinds: usize = ["urban", "settlement", "rural"]
        .iter()
        .map(|k| facet(&all, "kind", k))
        .sum();
    assert_eq!(kinds, 1774, "every community has a type");

    let lviv_oblast = CatalogueQuery {
        oblast: "lvivska".into(),
        ..Default::default()
    };
    let r = snapshot.query(&lviv_oblast);
    let in_db: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM communities c JOIN regions r ON r.code = c.region_code WHERE r.slug = 'lvivska'",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(r.total as i64, in_db);
    assert_eq!(facet(&r, "oblast", "lvivska"), r.total);
    // Facets count what choosing another value would give: other oblasts keep their counts.
    assert_eq!(
        facet(&r, "oblast", "odeska"),
        facet(&all, "oblast", "odeska")
    );
    assert!(facet(&r, "oblast", "odeska") > 0);
    // The raions of the chosen oblast are offered, and add up.
    let raions: usize = r
        .facets
        .iter()
        .find(|f| f.name == "raion")
        .unwrap()
        .values
        .iter()
        .map(|v| v.count)
        .sum();
    assert_eq!(raions, r.total);

    // Two filters narrow; demo cards carry themes and situations.
    let urban = snapshot.query(&CatalogueQuery {
        kind: "urban".into(),
        ..lviv_oblast.clone()
    });
    assert!(urban.total < r.total && urban.total > 0);
    assert!(urban.items.iter().all(|c| c.kind == "urban"));
    let energy = snapshot.query(&CatalogueQuery {
        needs: "energy".into(),
        ..Default::default()
    });
    let slugs: Vec<&str> = energy.items.iter().map(|c| c.slug.as_str()).collect();
    assert!(
        slugs.contains(&"hoshchanska") && slugs.contains(&"trostianetska-okhtyrskyi"),
        "{slugs:?}"
    );
    let frontline = snapshot.query(&CatalogueQuery {
        situation: "frontline".into(),
        ..Default::default()
    });
    assert_eq!(frontline.total, 1);
    let occupied = snapshot.query(&CatalogueQuery {
        situation: "occupied".into(),
        ..Default::default()
    });
    assert_eq!(occupied.total, 304);
    let seeking_pl = snapshot.query(&CatalogueQuery {
        seeks: "PL".into(),
        partners: "seeking".into(),
        ..Default::default()
    });
    assert_eq!(seeking_pl.total, 2);
    let verified = snapshot.query(&CatalogueQuery {
        trust: "verified".into(),
        ..Default::default()
    });
    assert_eq!(verified.total, 2);

    // Sorting.
    let by_pop = snapshot.query(&CatalogueQuery {
        sort: "population".into(),
        ..Default::default()
    });
    assert_eq!(by_pop.items[0].slug.as_str(), "kyiv");
    let by_name = snapshot.query(&CatalogueQuery {
        sort: "name".into(),
        lang: "uk".into(),
        ..Default::default()
    });
    assert!(
        by_name.items[0].name_uk.starts_with('А'),
        "{}",
        by_name.items[0].name_uk
    );
    let updated = snapshot.query(&CatalogueQuery {
        sort: "updated".into(),
        ..Default::default()
    });
    assert!(updated.items[0].updated_at.is_some());
    // Pages clamp.
    let last = snapshot.query(&CatalogueQuery {
        page: 999,
        ..Default::default()
    });
    assert_eq!(last.page, last.pages());
}

async fn municipalities(router: &axum::Router) {
    let search = |q: &str| {
        let q = cities4cities::links::encode(q);
        async move {
            let r = get(router, &format!("/api/v1/municipalities/search?q={q}")).await;
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            v["items"].as_array().unwrap().clone()
        }
    };
    let w = search("Breslau").await;
    assert_eq!(w[0]["name"], "Wrocław");
    assert_eq!(w[0]["via"], "Breslau");
    assert_eq!(search("wroclaw").await[0]["name"], "Wrocław");
    assert_eq!(search("Krakow").await[0]["country"], "PL");
    let page = get(router, "/m/PL/wroclaw").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Wrocław"));
    assert_eq!(get(router, "/m/PL/no-such-town").await.status, 404);
}

/// Results of a fixed list of searches, to compare the two databases.
async fn fingerprint(router: &axum::Router) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for q in [
        "Бі",
        "Lviv",
        "Odessa",
        "нова",
        "Khrakiv",
        "energy",
        "Zaporozhye",
        "село",
    ] {
        out.push(top(router, q, 20).await);
    }
    out
}

/// Each check on a copy of the seeded database with the demonstration cards.
async fn on_demo(t: &TestDb) -> axum::Router {
    t.with_demo().await.router()
}

async fn spellings_of_names(t: &TestDb) {
    spellings(&on_demo(t).await).await;
}

async fn settlements_places_and_ranking(t: &TestDb) {
    settlements_and_places(&on_demo(t).await).await;
}

async fn filters_with_facet_counts(t: &TestDb) {
    t.with_demo().await;
    filters_and_facets(t).await;
}

async fn municipalities_type_ahead(t: &TestDb) {
    municipalities(&on_demo(t).await).await;
}

async fn profile_changes_on_every_instance(t: &TestDb) {
    t.with_demo().await;
    profile_text_and_instances(t).await;
}

/// A result page as the catalogue's island asks for it (JSON).
async fn catalogue_json(router: &axum::Router, query: serde_json::Value) -> serde_json::Value {
    use leptos::server_fn::ServerFn;
    let r = crate::common::send(
        router,
        axum::http::Request::post(cities4cities::catalogue::fns::SearchCatalogue::PATH)
            .header("content-type", "application/json")
            .body(axum::body::Body::from(
                serde_json::json!({ "query": query }).to_string(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

/// "Near my town": a European municipality from the directory, in any language and with its
/// country if need be, orders the communities by distance and each says how far it is; the
/// other orders keep the distances; an unknown town is said and changes the order not.
async fn near_my_town(t: &TestDb) {
    let router = t.router();
    let distances = |v: &serde_json::Value| -> Vec<u64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["distance_km"].as_u64().expect("a distance"))
            .collect()
    };
    let krakow = catalogue_json(&router, serde_json::json!({ "near": "Krakau" })).await;
    assert_eq!(krakow["near"]["name"], "Kraków", "{}", krakow["near"]);
    let d = distances(&krakow);
    assert_eq!(d.len(), 50);
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "nearest first: {d:?}");
    assert!(d[0] < 300, "{d:?}");
    // The nearest are in the west: Lviv or Volyn oblast (or Zakarpattia).
    let first = krakow["items"][0]["region_latin"].as_str().unwrap();
    assert!(
        ["Lvivska", "Volynska", "Zakarpatska"].contains(&first),
        "{first}"
    );
    // Kharkiv's communities are far from Kraków, and first from a town in the east of Europe.
    let far = catalogue_json(
        &router,
        serde_json::json!({ "near": "Krakau", "oblast": "kharkivska" }),
    )
    .await;
    assert!(distances(&far)[0] > 900, "{:?}", distances(&far));
    // A country after a comma picks among namesakes.
    let oder = catalogue_json(
        &router,
        serde_json::json!({ "near": "Frankfurt (Oder), DE" }),
    )
    .await;
    assert_eq!(oder["near"]["country"], "DE");
    assert!(oder["near"]["name"]
        .as_str()
        .unwrap()
        .starts_with("Frankfurt"));
    // Another order chosen: that order, with the distances.
    let by_name = catalogue_json(
        &router,
        serde_json::json!({ "near": "Kraków", "sort": "population" }),
    )
    .await;
    let d = distances(&by_name);
    assert!(
        !d.windows(2).all(|w| w[0] <= w[1]),
        "by population, not distance"
    );
    // Unknown: said (no town), no distances, the usual order.
    let nowhere = catalogue_json(&router, serde_json::json!({ "near": "Qqqxzv" })).await;
    assert!(nowhere["near"].is_null());
    assert!(nowhere["items"][0]["distance_km"].is_null());
    let usual = catalogue_json(&router, serde_json::json!({})).await;
    assert_eq!(nowhere["items"][0]["slug"], usual["items"][0]["slug"]);

    // The page, without JavaScript, in the reader's language.
    let page = get(&router, "/en/communities?near=Krak%C3%B3w").await;
    assert!(
        page.body.contains("Nearest to Kraków (Poland) first."),
        "{}",
        page.body
    );
    assert!(page.body.contains(" km away"));
    let de = get(&router, "/de/communities?near=Qqqxzv").await;
    assert!(de
        .body
        .contains("Keine europäische Kommune „Qqqxzv“ gefunden"));
    // A municipality's page leads there.
    let m = get(&router, "/en/m/PL/krakow").await;
    assert!(
        m.body
            .contains("href=\"/en/communities?near=Krak%C3%B3w%2C%20PL\""),
        "{}",
        m.body
    );
}

crate::scenarios!(
    near_my_town,
    spellings_of_names,
    settlements_places_and_ranking,
    filters_with_facet_counts,
    municipalities_type_ahead,
    profile_changes_on_every_instance,
);

/// The same queries give the same results on SQLite and PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_on_both_databases() {
    let sqlite = TestDb::sqlite().await;
    let on_sqlite = fingerprint(&on_demo(&sqlite).await).await;
    sqlite.drop().await;
    if let Some(pg) = TestDb::postgres().await {
        let on_postgres = fingerprint(&on_demo(&pg).await).await;
        pg.drop().await;
        assert_eq!(
            on_sqlite, on_postgres,
            "identical results on SQLite and PostgreSQL"
        );
    }
}
