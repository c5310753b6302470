//! Writing the seed files (`*.tsv.gz`, tab-separated, gzip'd) and the placement summary.

use super::sources::Codifier;
use super::{clean, GenError, Report};
use crate::lang::translit::{romanize, slugify};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

fn gz(path: &Path, text: &str) -> Result<(), GenError> {
    let file =
        std::fs::File::create(path).map_err(|e| GenError::Io(path.display().to_string(), e))?;
    let mut enc = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    enc.write_all(text.as_bytes())
        .and_then(|_| enc.finish().map(|_| ()))
        .map_err(|e| GenError::Io(path.display().to_string(), e))
}

fn fmt_pos(p: Option<(f64, f64)>) -> (String, String) {
    match p {
        Some((lat, lon)) => (format!("{lat:.5}"), format!("{lon:.5}")),
        None => (String::new(), String::new()),
    }
}

pub(super) fn files(
    out: &Path,
    c: &Codifier,
    slugs: &[String],
    mut europe: Vec<Vec<String>>,
    report: &Report,
) -> Result<(), GenError> {
    let Codifier {
        regions,
        raions,
        communities,
        settlements,
        members,
        ..
    } = c;
    let mut t = String::new();
    for (code, kind, name) in regions.iter() {
        writeln!(
            t,
            "{code}\t{kind}\t{name}\t{}\t{}",
            romanize(name),
            slugify(name)
        )
        .ok();
    }
    gz(&out.join("regions.tsv.gz"), &t)?;

    t.clear();
    for (code, region, name) in raions.iter() {
        writeln!(t, "{code}\t{region}\t{name}\t{}", romanize(name)).ok();
    }
    gz(&out.join("raions.tsv.gz"), &t)?;

    t.clear();
    for (i, c) in communities.iter().enumerate() {
        let (lat, lon) = fmt_pos(c.pos);
        let centre = c.centre.map(|i| settlements[i].code.as_str()).unwrap_or("");
        writeln!(
            t,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.code,
            slugs[i],
            c.kind,
            c.name,
            romanize(&c.name),
            c.region,
            c.raion.as_deref().unwrap_or(""),
            centre,
            lat,
            lon,
            c.method,
            u8::from(c.occupied),
            c.centre_population
                .map(|p| p.to_string())
                .unwrap_or_default(),
            clean(&c.aliases.join("|")),
        )
        .ok();
    }
    gz(&out.join("communities.tsv.gz"), &t)?;

    t.clear();
    for (code, idx) in members.iter().collect::<BTreeMap<_, _>>() {
        for (ord, &i) in idx.iter().enumerate() {
            let s = &settlements[i];
            let (lat, lon) = fmt_pos(s.pos);
            writeln!(
                t,
                "{}\t{code}\t{ord}\t{}\t{}\t{}\t{lat}\t{lon}",
                s.code,
                s.category,
                s.name,
                romanize(&s.name)
            )
            .ok();
        }
    }
    gz(&out.join("settlements.tsv.gz"), &t)?;

    // European municipalities: the largest of a country's namesakes gets the plain slug.
    europe.sort_by_key(|f| {
        (
            f[3].clone(),
            -f[7].parse::<i64>().unwrap_or(0),
            f[0].parse::<i64>().unwrap_or(0),
        )
    });
    let mut taken: HashSet<(String, String)> = HashSet::new();
    t.clear();
    for f in &europe {
        let base = match slugify(&f[2]) {
            s if s.is_empty() => f[0].clone(),
            s => s,
        };
        let mut slug = base.clone();
        if taken.contains(&(f[3].clone(), slug.clone())) && !f[4].is_empty() {
            slug = format!("{base}-{}", slugify(&f[4]));
        }
        if taken.contains(&(f[3].clone(), slug.clone())) {
            slug = format!("{base}-{}", f[0]);
        }
        taken.insert((f[3].clone(), slug.clone()));
        let alt: Vec<&str> = f[10]
            .split('|')
            .filter(|a| {
                !a.is_empty()
                    && *a != f[1]
                    && !(a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()))
            })
            .collect();
        writeln!(
            t,
            "{}\t{}\t{slug}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            f[0],
            f[3],
            clean(&f[1]),
            clean(&f[2]),
            f[4],
            f[6],
            f[7].parse::<i64>().unwrap_or(0),
            f[8],
            f[9],
            clean(&alt.join("|")),
        )
        .ok();
    }
    gz(&out.join("municipalities.tsv.gz"), &t)?;

    let mut summary = String::new();
    for (method, n) in report {
        writeln!(summary, "{method}\t{n}").ok();
    }
    std::fs::write(out.join("placement.tsv"), summary)
        .map_err(|e| GenError::Io("placement.tsv".into(), e))?;
    Ok(())
}
