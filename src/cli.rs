//! The binary's commands: `serve` (default), `migrate`, `demo`, `admin create`,
//! `bench-search`, `seed-gen`. A top-level module: it may use every domain.

use crate::platform::config::Settings;
use crate::platform::db::Db;
use crate::platform::seed::{self, SeedOutcome};
use crate::platform::AppState;
use crate::startup::app_state;
use std::path::PathBuf;

const USAGE: &str = "usage:
  cities4cities [serve]                     start the web server (migrates and seeds first)
  cities4cities migrate                     migrate and seed the database, then exit
  cities4cities demo load|remove            add or remove the demonstration business cards
  cities4cities admin create --email ADDRESS [--name NAME]
                                            create an administrator (password from
                                            C4C_ADMIN_PASSWORD or the first line of stdin)
  cities4cities partnerships import FILE [--dry-run] [--format json]
                                            import partnerships from a CSV file (the README's
                                            \"Importing partnerships\"); the last line is
                                            \"matched M of N rows\"
  cities4cities routes                      print every route (pages, server functions,
                                            open data, the rest) as JSON
  cities4cities bench-search                time server-side search over the full data set
  cities4cities seed-gen [--source DIR] [--out DIR]
                                            rebuild data/seed from the official source files";

pub async fn run(args: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    match args.first().map(String::as_str) {
        None | Some("serve") => {
            let settings = Settings::load()?;
            let db = prepare_database(&settings).await?;
            crate::startup::serve(settings, db).await
        }
        Some("migrate") => {
            let settings = Settings::load()?;
            prepare_database(&settings).await?;
            Ok(())
        }
        Some("demo") => {
            let settings = Settings::load()?;
            let db = prepare_database(&settings).await?;
            match args.get(1).map(String::as_str) {
                Some("load") => println!(
                    "{} demonstration cards written",
                    crate::profiles::demo::load_demo(&db).await?
                ),
                Some("remove") => println!(
                    "{} demonstration cards removed",
                    crate::profiles::demo::remove_demo(&db).await?
                ),
                _ => return Err(USAGE.into()),
            }
            Ok(())
        }
        Some("admin") => {
            let settings = Settings::load()?;
            let db = prepare_database(&settings).await?;
            admin_create(&db, &args[1..]).await
        }
        Some("partnerships") => {
            let settings = Settings::load()?;
            let db = prepare_database(&settings).await?;
            import_partnerships(app_state(settings, db), &args[1..]).await
        }
        Some("routes") => {
            println!("{:#}", crate::startup::route_table());
            Ok(())
        }
        Some("bench-search") => {
            let settings = Settings::load()?;
            let db = prepare_database(&settings).await?;
            bench_search(app_state(settings, db)).await
        }
        Some("seed-gen") => {
            let mut source = PathBuf::from("../shared/data");
            let mut out = PathBuf::from("data/seed");
            let mut it = args[1..].iter();
            while let Some(flag) = it.next() {
                let value = it.next().ok_or(USAGE)?;
                match flag.as_str() {
                    "--source" => source = value.into(),
                    "--out" => out = value.into(),
                    _ => return Err(USAGE.into()),
                }
            }
            let report = seed::generate::generate(&source, &out)?;
            let total: usize = report.values().sum();
            println!("{total} communities placed on the map:");
            for (method, n) in &report {
                println!("  {method:<14} {n:>5}");
            }
            println!("seed files written to {}", out.display());
            Ok(())
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other}\n{USAGE}").into()),
    }
}

pub async fn prepare_database(settings: &Settings) -> Result<Db, Box<dyn std::error::Error>> {
    let db = Db::connect(&settings.database.url, settings.database.max_connections).await?;
    db.migrate().await?;
    let started = std::time::Instant::now();
    match seed::seed(&db, &seed::EMBEDDED).await? {
        SeedOutcome::Unchanged => tracing::info!("seed data already loaded"),
        SeedOutcome::Loaded {
            communities,
            settlements,
            municipalities,
        } => tracing::info!(
            communities,
            settlements,
            municipalities,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "seed data loaded"
        ),
    }
    if settings.database.demo {
        let n = crate::profiles::demo::load_demo(&db).await?;
        tracing::info!(written = n, "demonstration cards loaded (DEMO_CONTENT)");
    }
    Ok(db)
}

/// `admin create --email … [--name …]`: the first administrator (or another). The password
/// comes from `C4C_ADMIN_PASSWORD` or stdin, never from the command line (it would show in
/// the process list and shell history); the address counts as verified.
async fn admin_create(db: &Db, args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    use crate::accounts::model::normalize_email;
    use crate::accounts::{passwords, store as users};
    if args.first().map(String::as_str) != Some("create") {
        return Err(USAGE.into());
    }
    let (mut email, mut name) = (None, String::from("Administrator"));
    let mut it = args[1..].iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--email" => email = Some(value.clone()),
            "--name" => name = value.clone(),
            _ => return Err(USAGE.into()),
        }
    }
    let email = normalize_email(email.as_deref().ok_or(USAGE)?)
        .map_err(|_| "that is not an email address")?;
    let password = match std::env::var("C4C_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("password for {email} (one line):");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    passwords::check_new("password", &password).map_err(|e| match e {
        crate::error::AppError::Invalid { problems } => format!(
            "password refused ({problems:?}): use {}–{} characters, not a common password",
            passwords::MIN_CHARS,
            passwords::MAX_CHARS
        ),
        other => other.to_string(),
    })?;
    let hash = passwords::hash(&password).await?;
    let role = crate::identity::Role::Admin;
    match users::create(db, &email, &name, &hash, role, "en", true).await? {
        Some(id) => {
            use crate::platform::audit::{record, AuditAction};
            record(
                db,
                None,
                AuditAction::AdminCreated,
                id.as_str(),
                &email,
                "cli",
            )
            .await;
            println!("administrator {email} created; sign in and set up two-factor authentication");
            Ok(())
        }
        None => Err(format!("{email} already has an account").into()),
    }
}

/// Server-side search time over the full data set: every query as a reader types it
/// (each prefix), with typos and in both scripts; prints percentiles.
/// `partnerships import FILE [--dry-run] [--format json]`: one line per row (a JSON object
/// with `--format json`), then `matched M of N rows`.
async fn import_partnerships(
    state: AppState,
    args: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    use crate::partnerships::import::{self, Status};
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("import") {
        return Err(USAGE.into());
    }
    let (mut file, mut dry, mut json) = (None, false, false);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dry-run" => dry = true,
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return Err(USAGE.into()),
            },
            f if file.is_none() && !f.starts_with("--") => file = Some(f.to_string()),
            _ => return Err(USAGE.into()),
        }
    }
    let file = file.ok_or(USAGE)?;
    let bytes = std::fs::read(&file)?;
    if bytes.len() > import::MAX_BYTES {
        return Err(format!("{file}: larger than {} bytes", import::MAX_BYTES).into());
    }
    let body = String::from_utf8(bytes).map_err(|_| format!("{file}: not UTF-8 text"))?;
    let name = std::path::Path::new(&file)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let verdicts = import::check(&state, &body, &name)
        .await
        .map_err(|e| format!("{e:?}"))?
        .map_err(|e| format!("{file}: {e}"))?;
    for v in &verdicts {
        if json {
            println!("{}", serde_json::to_string(v)?);
        } else {
            let status = match v.status {
                Status::Matched => "matched",
                Status::Ambiguous => "ambiguous",
                Status::Rejected => "rejected",
            };
            let mut line = format!("row {}: {status}", v.row);
            if let (Some(c), Some(p)) = (&v.plan.community, &v.plan.partner) {
                line += &format!(
                    " {} ({c}) · {} ({})",
                    v.plan.community_name, p.name, p.country
                );
            }
            if let Some(r) = v.reason {
                line += &format!(" — {}", r.english());
            }
            for c in &v.candidates {
                line += &format!("\n    candidate: {}", c.name);
            }
            println!("{line}");
        }
    }
    if !dry {
        let created = import::record(&state.db, &verdicts, import::Importer::Operator).await?;
        // Standard error in JSON mode: standard output is one object per row.
        if json {
            eprintln!("{created} partnerships created");
        } else {
            println!("{created} partnerships created");
        }
    }
    println!("{}", import::summary(&verdicts));
    Ok(())
}

async fn bench_search(state: AppState) -> Result<(), Box<dyn std::error::Error>> {
    use crate::catalogue::query::CatalogueQuery;
    use std::time::Instant;
    let started = Instant::now();
    let catalogue = crate::catalogue::snapshot(&state)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let places = crate::municipalities::directory(&state)
        .await
        .map_err(|e| format!("{e:?}"))?;
    println!(
        "indexes built in {} ms ({} communities, {} municipalities)",
        started.elapsed().as_millis(),
        catalogue.entries.len(),
        places.items.len()
    );
    let words = [
        "Київ",
        "Kyiv",
        "Kiev",
        "Львів",
        "Lemberg",
        "Lwów",
        "Odessa",
        "Zaporozhye",
        "Харків",
        "Khrakiv",
        "Біла Церква",
        "Bila Tserkva",
        "Kamianets-Podilskyi",
        "Кам'янець",
        "Ґоща",
        "Vynnyky",
        "Trostianets",
        "Buchanskyi",
        "energy",
        "солнце",
        "Khmelntyska",
        "Nova Kakhovka",
        "Wrocław",
        "Breslau",
        "München",
        "Kraków",
        "Göteborg",
        "Strasbourg",
        "село",
        "нова",
    ];
    let mut queries = Vec::new();
    for w in words {
        let chars: Vec<char> = w.chars().collect();
        for n in 1..=chars.len() {
            queries.push(chars[..n].iter().collect::<String>());
        }
    }
    let percentiles = |name: &str, mut t: Vec<f64>| {
        t.sort_by(f64::total_cmp);
        let p = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "{name:<34} n={:<5} p50={:>7.3} ms  p95={:>7.3} ms  max={:>7.3} ms",
            t.len(),
            p(0.5),
            p(0.95),
            t[t.len() - 1]
        );
    };
    let (mut typeahead, mut page, mut munis, mut all) = (vec![], vec![], vec![], vec![]);
    for _round in 0..5 {
        for q in &queries {
            let t0 = Instant::now();
            let snapshot = crate::catalogue::snapshot(&state)
                .await
                .map_err(|e| format!("{e:?}"))?;
            let hits = snapshot.top(q, 10);
            std::hint::black_box(hits.len());
            let t1 = Instant::now();
            let r = snapshot.query(&CatalogueQuery {
                q: q.clone(),
                ..Default::default()
            });
            std::hint::black_box(r.total);
            let t2 = Instant::now();
            std::hint::black_box(places.search(q, "", 10).len());
            let t3 = Instant::now();
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            typeahead.push(ms(t1 - t0));
            page.push(ms(t2 - t1));
            munis.push(ms(t3 - t2));
            all.push(ms(t3 - t0));
        }
    }
    println!(
        "search over {} keystroke queries, 5 rounds (version check included):",
        queries.len()
    );
    percentiles("communities type-ahead", typeahead);
    percentiles("catalogue page (filters, facets)", page);
    percentiles("municipalities type-ahead", munis);
    percentiles("all three together", all);
    Ok(())
}
