//! Open data and shareable pages: the API answers match their OpenAPI document, the CSV export
//! parses, community pages carry their link-preview tags and JSON-LD, the preview image is a
//! PNG, the catalogue's URL is its whole state (also without JavaScript), sitemap and robots.

use crate::common::get;
use serde_json::Value;

/// A small OpenAPI 3.0 schema checker: type, nullable, enum, required, properties, items,
/// `$ref` and `allOf` — all the document uses.
pub(crate) fn check(doc: &Value, schema: &Value, v: &Value, path: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        return check(doc, &doc["components"]["schemas"][name], v, path);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            check(doc, s, v, path)?;
        }
        return Ok(());
    }
    if v.is_null() {
        return if schema.get("nullable") == Some(&Value::Bool(true)) || schema.get("type").is_none()
        {
            Ok(())
        } else {
            Err(format!("{path}: null where {schema} expected"))
        };
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            _ => false,
        };
        if !ok {
            return Err(format!("{path}: {v} is not {t}"));
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(v) {
            return Err(format!("{path}: {v} not in {values:?}"));
        }
    }
    if let Some(req) = schema.get("required").and_then(Value::as_array) {
        for r in req {
            let key = r.as_str().unwrap();
            if v.get(key).is_none() {
                return Err(format!("{path}: missing {key}"));
            }
        }
    }
    if let (Some(props), Some(obj)) = (
        schema.get("properties").and_then(Value::as_object),
        v.as_object(),
    ) {
        for (k, s) in props {
            if let Some(x) = obj.get(k) {
                check(doc, s, x, &format!("{path}.{k}"))?;
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            check(doc, items, x, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

pub(crate) fn response_schema<'a>(doc: &'a Value, path: &str, status: &str) -> &'a Value {
    &doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
}

async fn api_matches_openapi(router: &axum::Router) {
    let doc: Value = serde_json::from_str(&get(router, "/api/v1/openapi.json").await.body).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let cases = [
        (
            "/api/v1/communities",
            "/api/v1/communities?oblast=rivnenska&page=1",
            "200",
        ),
        ("/api/v1/communities", "/api/v1/communities?q=Lviv", "200"),
        (
            "/api/v1/communities/{slug}",
            "/api/v1/communities/hoshchanska",
            "200",
        ),
        (
            "/api/v1/communities/{slug}",
            "/api/v1/communities/kyiv",
            "200",
        ),
        (
            "/api/v1/communities/{slug}",
            "/api/v1/communities/no-such-place",
            "404",
        ),
        ("/api/v1/search", "/api/v1/search?q=Lemberg", "200"),
        ("/api/v1/search", "/api/v1/search?q=Vynnyky&limit=3", "200"),
        (
            "/api/v1/municipalities/search",
            "/api/v1/municipalities/search?q=Breslau",
            "200",
        ),
        (
            "/api/v1/partnerships",
            "/api/v1/partnerships?country=DE",
            "200",
        ),
        ("/api/v1/partnerships", "/api/v1/partnerships?page=0", "400"),
        (
            "/api/v1/partnerships.json",
            "/api/v1/partnerships.json",
            "200",
        ),
        (
            "/api/v1/partnerships/{id}",
            "/api/v1/partnerships/nope",
            "404",
        ),
    ];
    for (template, uri, status) in cases {
        let r = get(router, uri).await;
        assert_eq!(r.status.to_string(), status, "{uri}: {}", r.body);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        let schema = response_schema(&doc, template, status);
        assert!(schema.is_object(), "{template} {status} is documented");
        check(&doc, schema, &v, uri).unwrap();
    }
    // Every query parameter the listing reads is documented.
    let params: Vec<&str> = doc["paths"]["/api/v1/communities"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q",
        "oblast",
        "offers",
        "needs",
        "situation",
        "sort",
        "page",
    ] {
        assert!(params.contains(&p), "{p} documented");
    }
    // The checker itself rejects what does not match.
    let bad = serde_json::json!({"total": "many", "page": 1, "per_page": 50, "items": []});
    assert!(check(&doc, &doc["components"]["schemas"]["Listing"], &bad, "bad").is_err());

    let listing: Value = serde_json::from_str(
        &get(
            router,
            "/api/v1/communities?oblast=rivnenska&kind=settlement",
        )
        .await
        .body,
    )
    .unwrap();
    assert!(listing["total"].as_u64().unwrap() > 0);
    assert!(listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["kind"] == "settlement" && c["region_latin"] == "Rivnenska"));

    // Issue 15: the keys that join this platform to other datasets are in every answer.
    let lviv: Value =
        serde_json::from_str(&get(router, "/api/v1/search?q=Lemberg&limit=1").await.body).unwrap();
    assert_eq!(lviv["items"][0]["slug"], "lvivska");
    assert_eq!(
        lviv["items"][0]["code"], "UA46060250000025047",
        "the type-ahead carries the KATOTTG code"
    );
    assert!(listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["code"].as_str().is_some_and(|k| k.starts_with("UA56"))));
    let detail: Value =
        serde_json::from_str(&get(router, "/api/v1/communities/lvivska").await.body).unwrap();
    assert_eq!(
        detail["code"], "UA46060250000025047",
        "one code, in the detail too"
    );
    let wroclaw: Value = serde_json::from_str(
        &get(router, "/api/v1/municipalities/search?q=Breslau&limit=1")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(wroclaw["items"][0]["slug"], "wroclaw");
    assert_eq!(
        wroclaw["items"][0]["geonameid"], 3081368,
        "the municipalities' type-ahead carries the GeoNames id"
    );
}

async fn csv_export(router: &axum::Router) {
    let r = get(router, "/api/v1/communities.csv?oblast=lvivska").await;
    assert_eq!(r.status, 200);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let json: Value =
        serde_json::from_str(&get(router, "/api/v1/communities?oblast=lvivska").await.body)
            .unwrap();
    let mut reader = csv::Reader::from_reader(r.body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        cities4cities::catalogue::open_data::CSV_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len() as u64,
        json["total"].as_u64().unwrap(),
        "the CSV holds the whole filtered list"
    );
    let lviv = rows
        .iter()
        .find(|r| &r[1] == "lvivska")
        .expect("Lviv in the export");
    assert_eq!(&lviv[2], "Львівська");
    assert!(lviv[0].starts_with("UA46"));
    assert_eq!(&lviv[12], "health;digital");
    let all = get(router, "/api/v1/communities.csv").await;
    assert_eq!(
        csv::Reader::from_reader(all.body.as_bytes())
            .records()
            .count(),
        1774
    );
}

async fn community_page_meta(router: &axum::Router) {
    let r = get(router, "/c/hoshchanska").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    for needle in [
        "<meta property=\"og:title\" content=\"Гощанська селищна громада\"",
        "<meta property=\"og:image\" content=\"https://c4c.example/c/hoshchanska/card.png?lang=uk\"",
        "<meta property=\"og:url\" content=\"https://c4c.example/c/hoshchanska\"",
        "<meta name=\"twitter:card\" content=\"summary_large_image\"",
        "<link href=\"https://c4c.example/c/hoshchanska\" rel=\"canonical\"",
        "<link href=\"https://c4c.example/en/c/hoshchanska\" hreflang=\"en\" rel=\"alternate\"",
        "<meta name=\"description\" content=\"Невелика громада на річці Горинь",
    ] {
        assert!(b.contains(needle), "{needle} in the first HTML");
    }
    // Ordered for a decision: what they offer and need and whom to write to first, then the
    // story, the partners, the official facts, the settlements last.
    let order = [
        "key-facts",
        "offers-heading",
        "needs-heading",
        "contact-heading",
        "about-heading",
        "why-heading",
        "card-facts-heading",
        "partners-heading",
        "facts-heading",
        "settlements-heading",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|id| {
            b.find(&format!("id=\"{id}\""))
                .or_else(|| b.find(&format!("data-testid=\"{id}\"")))
                .unwrap_or_else(|| panic!("{id}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections in order: {positions:?}"
    );
    assert!(
        b.contains("Сонячні панелі для ліцею"),
        "projects in Ukrainian"
    );
    assert!(b.contains("/c/hoshchanska/partner"), "call to action");
    assert!(
        b.contains("Демонстраційний вміст"),
        "demo content is marked"
    );
    assert!(!b.contains("data-testid=\"profile-incomplete\""));
    // JSON-LD parses and names the community.
    let start = b
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + b[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&b[start..end]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["name"], "Hoshchanska");
    assert_eq!(ld["identifier"]["value"].as_str().unwrap().len(), 19);
    assert_eq!(ld["population"], 21400);

    // An unclaimed community says so plainly.
    let plain = get(router, "/c/andriivska-berdianskyi").await;
    if plain.status == 200 {
        assert!(plain.body.contains("data-testid=\"profile-incomplete\""));
    }
    let kyiv = get(router, "/c/kyiv").await;
    assert!(kyiv.body.contains("data-testid=\"profile-incomplete\""));

    // Text missing in the reader's language falls back, its language marked on the text
    // (for screen readers) and said once on the card, not after every paragraph.
    let de = get(router, "/de/c/koriukivska").await;
    assert!(de.body.contains("<html lang=\"de\""));
    assert!(de.body.contains("Wer wir sind"));
    assert!(
        de.body.contains("lang=\"en\""),
        "English text marked as such"
    );
    let at = de
        .body
        .find("data-testid=\"card-languages\"")
        .expect("the card says which languages it is written in");
    let languages = de.body[at..].split("</p>").next().unwrap_or("");
    assert!(languages.contains("Englisch"), "{languages}");
    assert!(languages.contains("noch nicht"), "{languages}");
    assert!(!de.body.contains("(auf Englisch)"));

    let partner = get(router, "/c/hoshchanska/partner").await;
    assert_eq!(partner.status, 200);
}

async fn preview_image_and_qr(router: &axum::Router) {
    let r = crate::common::send_bytes(router, "/c/hoshchanska/card.png").await;
    assert_eq!(r.0, 200);
    assert_eq!(r.1, "image/png");
    let png = r.2;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 630));
    assert!(
        png.len() > 10_000,
        "something is drawn: {} bytes",
        png.len()
    );
    // In the language of the page that links it: another image, another ETag.
    let german = crate::common::send_bytes(router, "/c/hoshchanska/card.png?lang=de").await;
    assert_eq!(german.0, 200);
    assert_ne!(german.2, png, "the German image is drawn in German");
    assert_eq!(
        crate::common::send_bytes(router, "/c/nowhere/card.png")
            .await
            .0,
        404
    );
    let qr = get(router, "/c/hoshchanska/qr.svg").await;
    assert_eq!(qr.status, 200);
    assert!(qr.body.contains("<svg"));
}

async fn catalogue_url_is_state(router: &axum::Router) {
    // What a browser without JavaScript gets when it submits the form.
    let r = get(router, "/communities?q=Lemberg").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("value=\"Lemberg\""),
        "the box keeps the query"
    );
    assert!(r.body.contains("href=\"/c/lvivska\""));
    assert!(r.body.contains("Громад: 1"), "one result");

    let r = get(
        router,
        "/communities?oblast=rivnenska&kind=settlement&sort=name",
    )
    .await;
    assert!(
        r.body.contains("<option value=\"rivnenska\" selected"),
        "oblast chosen"
    );
    assert!(
        r.body.contains("<option value=\"name\" selected"),
        "sort chosen"
    );
    assert!(r.body.contains("href=\"/c/hoshchanska\""));
    let count = r
        .body
        .matches("<h3 class=\"text-lg font-semibold\">")
        .count();
    assert!(count > 0 && count <= 50);

    // Pages keep the search.
    let r = get(
        router,
        "/communities?q=%D1%81%D1%96%D0%BB%D1%8C%D1%81%D1%8C%D0%BA%D0%B0",
    )
    .await;
    assert!(
        r.body.contains(
            "href=\"/communities?q=%D1%81%D1%96%D0%BB%D1%8C%D1%81%D1%8C%D0%BA%D0%B0&amp;page=2\""
        ),
        "page links keep the query"
    );

    // Nothing found: say so and suggest what to change.
    let r = get(router, "/communities?q=Qwzxqwzx&oblast=lvivska").await;
    assert!(r.body.contains("data-testid=\"no-results\""));
    assert!(
        r.body.contains("href=\"/communities?oblast=lvivska\""),
        "search without the text"
    );
    assert!(
        r.body.contains("href=\"/communities?q=Qwzxqwzx\""),
        "remove the oblast filter"
    );
}

async fn sitemap_and_robots(router: &axum::Router) {
    let s = get(router, "/sitemap.xml").await;
    assert_eq!(s.status, 200);
    // The communities, and the home page, the catalogue, the registry, the statistics, about.
    assert_eq!(s.body.matches("<url>").count(), 1774 + 8);
    assert!(s
        .body
        .contains("<loc>https://c4c.example/partnerships</loc>"));
    assert!(s.body.contains("<loc>https://c4c.example/c/kyiv</loc>"));
    assert!(s
        .body
        .contains("hreflang=\"de\" href=\"https://c4c.example/de/c/kyiv\""));
    let r = get(router, "/robots.txt").await;
    assert!(r.body.contains("Sitemap: https://c4c.example/sitemap.xml"));
}

/// Each check is a scenario on a copy of the seeded database with the demonstration cards.
macro_rules! on_demo_cards {
    ($($check:ident),+ $(,)?) => {
        mod demo {
            $(
                pub async fn $check(t: &crate::common::TestDb) {
                    super::$check(&t.with_demo().await.router()).await;
                }
            )+
            crate::scenarios!($($check),+);
        }
    };
}

on_demo_cards!(
    api_matches_openapi,
    csv_export,
    community_page_meta,
    preview_image_and_qr,
    catalogue_url_is_state,
    sitemap_and_robots,
);

/// The pages every public site has: who runs it (as configured; said plainly when not), the
/// accessibility statement with a way to report barriers; both linked from every footer.
async fn site_pages(t: &crate::common::TestDb) {
    let plain = t.router();
    let imprint = get(&plain, "/en/imprint").await;
    assert_eq!(imprint.status, 200);
    assert!(
        imprint.body.contains("not yet entered by the operator"),
        "an unconfigured installation says so"
    );
    for (path, needle) in [
        ("/imprint", "/accessibility"),
        ("/de/c/hoshchanska", "/de/imprint"),
        ("/fr/communities", "/fr/accessibility"),
    ] {
        let r = get(&plain, path).await;
        let footer = r
            .body
            .split("data-testid=\"footer-links\"")
            .nth(1)
            .unwrap_or("");
        assert!(
            footer.contains(&format!("href=\"{needle}\"")),
            "{path} links {needle}"
        );
    }

    let mut state = t.state();
    let mut settings = (*state.settings).clone();
    settings.operator.name = "Verein Städtepartnerschaften <e.V.>".into();
    settings.operator.address = "Hauptstraße 1, 10115 Berlin".into();
    settings.operator.email = "kontakt@c4c.example".into();
    settings.operator.accessibility_authority_url = "https://authority.example/complaints".into();
    state.settings = std::sync::Arc::new(settings);
    let configured = cities4cities::startup::router(state);
    let de = get(&configured, "/de/imprint").await;
    assert_eq!(de.status, 200);
    assert!(de.body.contains("Impressum und Kontakt"));
    assert!(
        de.body
            .contains("Verein Städtepartnerschaften &lt;e.V.&gt;"),
        "escaped"
    );
    assert!(de.body.contains("10115 Berlin"));
    assert!(
        !de.body.contains("Hauptstraße 1, 10115"),
        "one line per part"
    );
    assert!(de.body.contains("href=\"mailto:kontakt@c4c.example\""));
    let statement = get(&configured, "/sv/accessibility").await;
    assert_eq!(statement.status, 200);
    assert!(statement.body.contains("Tillgänglighetsredogörelse"));
    assert!(statement.body.contains("WCAG 2.2"));
    assert!(statement
        .body
        .contains("href=\"https://authority.example/complaints\""));
    assert!(statement
        .body
        .contains("href=\"mailto:kontakt@c4c.example\""));
}

crate::scenarios!(site_pages);
