//! The dependency rule of the README, checked on the source: the bottom layer and the
//! platform know no domain; a domain uses only the domains it builds on, and never their
//! pages; only `app`, `startup` and `cli` know every domain; SQL lives in stores (and the
//! platform); every store function that writes takes a guard's proof (or is one of the few
//! operator writes listed here).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DOMAINS: [&str; 7] = [
    "accounts",
    "admin",
    "catalogue",
    "claims",
    "municipalities",
    "partnerships",
    "profiles",
];
const TOP: [&str; 3] = ["app", "startup", "cli"];

/// What each domain builds on (the README's table).
fn builds_on(domain: &str) -> &'static [&'static str] {
    match domain {
        "catalogue" => &["municipalities", "profiles"],
        "claims" | "admin" => &["accounts"],
        "partnerships" => &[
            "accounts",
            "catalogue",
            "claims",
            "municipalities",
            "profiles",
        ],
        _ => &[],
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every source file by its path under `src/` (`platform/db.rs`), with its text.
fn tree() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().display().to_string();
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The top-level modules a file names as `crate::<module>`.
fn uses(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .match_indices("crate::")
        .map(|(i, _)| {
            text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn layer(path: &str) -> &str {
    path.split(['/', '.']).next().unwrap()
}

#[test]
fn lower_layers_know_no_domain() {
    let mut wrong = Vec::new();
    for (path, text) in tree() {
        let l = layer(&path);
        let bottom = ["error", "codec", "keyed", "identity", "links", "lang"];
        let forbidden: Vec<&str> = if bottom.contains(&l) {
            DOMAINS
                .iter()
                .chain(&TOP)
                .copied()
                .chain(["platform", "ui"])
                .collect()
        } else if l == "platform" {
            DOMAINS.iter().chain(&TOP).copied().chain(["ui"]).collect()
        } else if l == "ui" {
            DOMAINS.iter().chain(&TOP).copied().collect()
        } else {
            continue;
        };
        for m in uses(&text) {
            if forbidden.contains(&m.as_str()) {
                wrong.push(format!("{path} uses crate::{m}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn domains_use_only_what_they_build_on_and_no_pages() {
    let mut wrong = Vec::new();
    for (path, text) in tree() {
        let d = layer(&path);
        if !DOMAINS.contains(&d) {
            continue;
        }
        for m in uses(&text) {
            let other_domain = DOMAINS.contains(&m.as_str()) && m != d;
            if TOP.contains(&m.as_str()) || (other_domain && !builds_on(d).contains(&m.as_str())) {
                wrong.push(format!("{path} uses crate::{m}"));
            }
        }
        for other in DOMAINS.iter().filter(|o| **o != d) {
            if text.contains(&format!("crate::{other}::pages")) {
                wrong.push(format!("{path} uses the pages of {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn sql_lives_in_stores() {
    let mut wrong = Vec::new();
    for (path, text) in tree() {
        let d = layer(&path);
        if !DOMAINS.contains(&d) {
            continue;
        }
        let store = path.contains("store") || path.ends_with("model.rs");
        if !store && (text.contains("sqlx::query") || text.contains("sqlx::Row")) {
            wrong.push(path);
        }
    }
    assert!(wrong.is_empty(), "SQL outside a store: {wrong:#?}");
}

/// The writes that need no person's proof: operator commands and visitors' own requests.
const PROOFLESS_WRITES: [&str; 9] = [
    // A visitor creates an account (rate-limited by the service); `admin create` too.
    "accounts/store/mod.rs create",
    // Links go to an account's own address (a reset is a visitor's request, rate-limited);
    // redeeming one is what makes its proof.
    "accounts/store/tokens.rs issue",
    "accounts/store/tokens.rs redeem",
    // The demonstration cards (an operator's command).
    "profiles/store.rs save",
    "profiles/store.rs remove_demo",
    // A visitor's partnership request (checked for robots and rate-limited by the service),
    // and the link to it mailed again to the address that asked.
    "partnerships/store/mod.rs file",
    "partnerships/store/mod.rs new_link",
    // The retention clean-up (no person: the settings' period).
    "partnerships/store/mod.rs anonymise_closed_before",
    // The one "dormant?" reminder per quiet spell (no person: the registry's rule).
    "partnerships/store/registry.rs claim_dormant",
];

const PROOFS: [&str; 15] = [
    "Because",
    "&Matched",
    "&SignedIn",
    "&Coordinator",
    "&Admin",
    "&EditorOf",
    "&AnySession",
    "&Redeemed",
    "Grant",
    "&Verified",
    "&Requester",
    "&PairActor",
    "&InThread",
    "&PartnershipActor",
    "Importer",
];

#[test]
fn every_write_takes_a_proof() {
    let mut wrong = Vec::new();
    for (path, text) in tree() {
        let d = layer(&path);
        if !DOMAINS.contains(&d) || !path.contains("store") {
            continue;
        }
        for chunk in text.split("pub async fn ").skip(1) {
            let name: String = chunk
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let signature = &chunk[..chunk.find('{').unwrap_or(chunk.len())];
            let body_end = chunk.find("\npub ").unwrap_or(chunk.len());
            let body = &chunk[..body_end];
            let writes = ["INSERT ", "UPDATE ", "DELETE "]
                .iter()
                .any(|w| body.contains(w));
            let proved = PROOFS.iter().any(|p| signature.contains(p));
            if writes && !proved && !PROOFLESS_WRITES.contains(&format!("{path} {name}").as_str()) {
                wrong.push(format!("{path} {name}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "store functions that write without a proof: {wrong:#?}"
    );
}

/// `make audit` attacks every route of `startup::route_table`: the axum routes that are
/// neither pages, server functions nor open data must all be in `OTHER_ROUTES`.
#[tokio::test]
async fn every_route_is_in_the_table() {
    let table = cities4cities::startup::route_table();
    let listed: Vec<String> = table["other"]
        .as_array()
        .unwrap()
        .iter()
        .chain(table["api"].as_array().unwrap())
        .map(|r| {
            r.get("path")
                .and_then(|p| p.as_str())
                .or(r.as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    let mut calls = 0;
    for (file, text) in tree() {
        for (i, _) in text.match_indices(".route(") {
            calls += 1;
            let arg = &text[i + 7..];
            if let Some(rest) = arg.strip_prefix('"') {
                let path = &rest[..rest.find('"').unwrap()];
                assert!(
                    listed.iter().any(|l| l == path),
                    "{file}: the route {path} is missing from startup::OTHER_ROUTES"
                );
            }
        }
    }
    assert_eq!(
        calls,
        listed.len(),
        "every .route( is listed once (constants too): {listed:?}"
    );
}

/// Resources are made only at the top of a page's component (a route's view, an island, a
/// part of the shell rendered once); components rendered inside a `Suspense` await their
/// server function in their own `Suspend` (see `ui/status.rs`: a resource made in a view
/// that the server's render drops runs on without the request, which logged "request parts
/// missing" and panicked on disposed signals under signed-in load).
#[test]
fn resources_only_at_the_top_of_pages() {
    let files = tree();
    let app = &files["app.rs"];
    let mut tops: Vec<String> = Vec::new();
    for (i, _) in app.match_indices("view=") {
        let rest = &app[i + 5..];
        let rest = rest.strip_prefix("|| view! { <").unwrap_or(rest);
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        if !name.is_empty() {
            tops.push(name);
        }
    }
    // Rendered once, outside any Suspense: the header's account link, and the
    // administrators' part of the coordinators' page (at its top).
    tops.extend(["AccountLink".to_string(), "AdminSection".to_string()]);
    let mut wrong = Vec::new();
    for (path, text) in &files {
        for (at, _) in text.match_indices("Resource::new(") {
            let before = &text[..at];
            let Some(f) = before.rfind("fn ") else {
                continue;
            };
            let name: String = before[f + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let island = before[..f]
                .rsplit_once("\n\n")
                .map(|(_, attrs)| attrs.contains("#[island"))
                .unwrap_or(false);
            if !island && !tops.contains(&name) {
                wrong.push(format!("{path}: {name}"));
            }
        }
    }
    assert!(tops.contains(&"CommunityPage".to_string()), "{tops:?}");
    assert_eq!(
        wrong,
        Vec::<String>::new(),
        "resources below the top of a page"
    );
}
