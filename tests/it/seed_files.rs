//! The committed seed files are exactly what the generator makes from the official sources.

use cities4cities::platform::seed::generate::generate;
use std::path::Path;

#[test]
fn committed_seed_matches_the_generator() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !source.join("katottg.csv").exists() {
        eprintln!("{} not present; skipping", source.display());
        return;
    }
    let out = std::env::temp_dir().join(format!("c4c-seed-{}", std::process::id()));
    let report = generate(&source, &out).expect("generator runs");
    assert_eq!(
        report.values().sum::<usize>(),
        1774,
        "every community placed: {report:?}"
    );
    let by_centre =
        report.get("centre-uk").unwrap_or(&0) + report.get("centre-latin").unwrap_or(&0);
    assert!(
        by_centre * 3 >= 1774 * 2,
        "at least two thirds placed at their centre: {report:?}"
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed");
    for file in [
        "regions",
        "raions",
        "communities",
        "settlements",
        "municipalities",
    ] {
        let name = format!("{file}.tsv.gz");
        let fresh = std::fs::read(out.join(&name)).unwrap();
        let stored = std::fs::read(committed.join(&name)).unwrap();
        assert!(
            fresh == stored,
            "{name} differs from the generator's output: run `make seed`"
        );
    }
    std::fs::remove_dir_all(out).ok();
}
