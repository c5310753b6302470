//! Builds the committed seed files (`data/seed/*.tsv.gz`) from the official source data:
//! the KATOTTG codifier and GeoNames' European places. Run with
//! `cities4cities seed-gen --source ../shared/data --out data/seed`.
//!
//! Every hromada's administrative centre is the first settlement listed under it (the
//! codifier's convention). Its position comes from GeoNames, tried in this order:
//! 1. the centre's Ukrainian name among GeoNames' alternate names, same oblast;
//! 2. the centre's official romanization against GeoNames' Latin names, same oblast,
//!    tolerant of older spellings;
//! 3. the centroid of whichever of the community's settlements were found (approximate);
//! 4. the centre of its raion (approximate).
//!
//! When a name occurs more than once in an oblast, the candidate nearest to the community's
//! other found settlements wins; a candidate far from them is rejected as a namesake.

use crate::model::translit::{romanize, slugify, APOSTROPHES};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// A centre further than this from the community's other settlements is a namesake elsewhere.
const MAX_CENTRE_DISTANCE_KM: f64 = 50.0;

/// KATOTTG first-level unit (by its Ukrainian name) → GeoNames admin1 code for Ukraine.
const OBLAST_ADMIN1: [(&str, &str); 27] = [
    ("Черкаська", "01"),
    ("Чернігівська", "02"),
    ("Чернівецька", "03"),
    ("Дніпропетровська", "04"),
    ("Донецька", "05"),
    ("Івано-Франківська", "06"),
    ("Харківська", "07"),
    ("Херсонська", "08"),
    ("Хмельницька", "09"),
    ("Кіровоградська", "10"),
    ("Автономна Республіка Крим", "11"),
    ("Київ", "12"),
    ("Київська", "13"),
    ("Луганська", "14"),
    ("Львівська", "15"),
    ("Миколаївська", "16"),
    ("Одеська", "17"),
    ("Полтавська", "18"),
    ("Рівненська", "19"),
    ("Севастополь", "20"),
    ("Сумська", "21"),
    ("Тернопільська", "22"),
    ("Вінницька", "23"),
    ("Волинська", "24"),
    ("Закарпатська", "25"),
    ("Запорізька", "26"),
    ("Житомирська", "27"),
];

pub const CRIMEA_PREFIX: &str = "UA01";
pub const SEVASTOPOL_PREFIX: &str = "UA85";

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("reading {0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}")]
    Data(String),
}

/// Splits one CSV line, honouring double quotes (GeoNames quotes names with commas).
pub fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[derive(Clone, Debug)]
struct Place {
    name: String,
    admin1: String,
    population: i64,
    lat: f64,
    lon: f64,
}

#[derive(Clone, Debug)]
struct Settlement {
    code: String,
    community: String,
    category: String,
    name: String,
    pos: Option<(f64, f64)>,
}

#[derive(Clone, Debug)]
struct Community {
    code: String,
    region: String,
    raion: Option<String>,
    name: String,
    kind: &'static str,
    occupied: bool,
    centre: Option<usize>,
    pos: Option<(f64, f64)>,
    method: &'static str,
    centre_population: Option<i64>,
    aliases: Vec<String>,
}

/// Cyrillic key: lower case, letters only (apostrophes, hyphens and spaces vanish).
fn cyr_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic() && !APOSTROPHES.contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Latin key tolerant of the spellings GeoNames keeps beside the official one
/// (Uzhgorod/Uzhhorod, Mykolayiv/Mykolaiv, Zaporizhia/Zaporizhzhia, Odessa/Odesa).
pub fn loose_latin_key(s: &str) -> String {
    let plain = slugify(s).replace('-', "");
    let s = plain
        .replace("zhzh", "zh")
        .replace("kh", "h")
        .replace('g', "h");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'y' | 'j' => 'i',
            other => other,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

/// The anchor point least disturbed by a few wrong matches: the one with the smallest
/// total distance to all the others.
fn medoid(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    points
        .iter()
        .map(|&p| (p, points.iter().map(|&q| distance_km(p, q)).sum::<f64>()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| p)
}

fn centroid(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    Some((
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    ))
}

/// GeoNames' Ukrainian places indexed per oblast by Cyrillic and loose Latin name.
struct Gazetteer {
    places: Vec<Place>,
    cyr: HashMap<(String, String), Vec<usize>>,
    latin: HashMap<String, Vec<(String, usize)>>,
    latin_by_admin: HashMap<String, Vec<(String, usize)>>,
    alt: Vec<Vec<String>>,
}

impl Gazetteer {
    fn new(places: Vec<Place>, alt: Vec<Vec<String>>) -> Self {
        let mut cyr: HashMap<(String, String), Vec<usize>> = HashMap::new();
        let mut latin: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let mut seen_c = HashSet::new();
            let mut seen_l = HashSet::new();
            for name in std::iter::once(&p.name).chain(alt[i].iter()) {
                if name.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
                    let k = cyr_key(name);
                    if !k.is_empty() && seen_c.insert(k.clone()) {
                        cyr.entry((p.admin1.clone(), k)).or_default().push(i);
                    }
                } else if name.chars().next().is_some_and(char::is_uppercase) {
                    let k = loose_latin_key(name);
                    if k.len() >= 3 && seen_l.insert(k.clone()) {
                        latin.entry(k).or_default().push((p.admin1.clone(), i));
                    }
                }
            }
        }
        let mut latin_by_admin: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (k, v) in &latin {
            for (a, i) in v {
                latin_by_admin
                    .entry(a.clone())
                    .or_default()
                    .push((k.clone(), *i));
            }
        }
        Gazetteer {
            places,
            cyr,
            latin,
            latin_by_admin,
            alt,
        }
    }

    fn by_cyrillic(&self, admin1: &str, name: &str) -> Vec<usize> {
        self.cyr
            .get(&(admin1.to_string(), cyr_key(name)))
            .cloned()
            .unwrap_or_default()
    }

    fn by_latin_exact(&self, admin1: &str, name: &str) -> Vec<usize> {
        self.latin
            .get(&loose_latin_key(&romanize(name)))
            .map(|v| {
                v.iter()
                    .filter(|(a, _)| a == admin1)
                    .map(|(_, i)| *i)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Exact loose-key match first; failing that, names within one edit (two for long names).
    fn by_latin(&self, admin1: &str, name: &str) -> Vec<usize> {
        let key = loose_latin_key(&romanize(name));
        let exact = self.by_latin_exact(admin1, name);
        if !exact.is_empty() || key.len() < 5 {
            return exact;
        }
        let max = if key.len() >= 9 { 2 } else { 1 };
        let mut found: Vec<usize> = self
            .latin_by_admin
            .get(admin1)
            .map(|v| {
                v.iter()
                    .filter(|(k, _)| {
                        k.len().abs_diff(key.len()) <= max && levenshtein(k, &key) <= max
                    })
                    .map(|(_, i)| *i)
                    .collect()
            })
            .unwrap_or_default();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Picks the centre among same-named candidates. With three or more anchors (the community's
/// other settlements found on the map) a candidate must lie near them; fewer anchors are too
/// weak to overrule a name that is unique in the oblast.
fn choose(
    g: &Gazetteer,
    candidates: &[usize],
    anchor: Option<(f64, f64)>,
    anchors: usize,
) -> Option<usize> {
    let dist = |i: usize, a: (f64, f64)| distance_km(a, (g.places[i].lat, g.places[i].lon));
    let nearest = |a: (f64, f64), limit: f64| {
        candidates
            .iter()
            .copied()
            .map(|i| (i, dist(i, a)))
            .filter(|(_, d)| *d <= limit)
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(i, _)| i)
    };
    match (candidates, anchor) {
        ([], _) => None,
        ([only], Some(a)) if anchors >= 3 => {
            nearest(a, MAX_CENTRE_DISTANCE_KM * 1.6).filter(|i| i == only)
        }
        ([only], _) => Some(*only),
        (_, Some(a)) => nearest(a, MAX_CENTRE_DISTANCE_KM),
        (_, None) => candidates
            .iter()
            .copied()
            .max_by_key(|&i| g.places[i].population),
    }
}

fn clean(s: &str) -> String {
    s.trim().replace(['\t', '\n', '\r'], " ")
}

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

/// Counts of communities placed by each method, for the README and the generator's output.
pub type Report = BTreeMap<&'static str, usize>;

/// The names other languages and other times give a community's centre (Lemberg, Lwów, Lvov
/// for Lviv), from GeoNames' alternate names: capitalised Latin or Cyrillic forms, without
/// airport codes, digits or the official names themselves.
fn other_names(alt: &[String], official: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = alt
        .iter()
        .map(|a| clean(a))
        .filter(|a| {
            a.chars().count() >= 3
                && a.chars().next().is_some_and(char::is_uppercase)
                && !a
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '|' || c == '\t')
                && !(a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()))
                && !official.iter().any(|o| o.eq_ignore_ascii_case(a))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

pub fn generate(source: &Path, out: &Path) -> Result<Report, GenError> {
    let read = |name: &str| {
        let p = source.join(name);
        std::fs::read_to_string(&p).map_err(|e| GenError::Io(p.display().to_string(), e))
    };
    let katottg = read("katottg.csv")?;
    let geonames = read("geonames-europe.csv")?;
    std::fs::create_dir_all(out).map_err(|e| GenError::Io(out.display().to_string(), e))?;

    // --- GeoNames ---------------------------------------------------------------------------
    let mut ua_places = Vec::new();
    let mut ua_alt = Vec::new();
    let mut europe: Vec<Vec<String>> = Vec::new();
    for line in geonames.lines().skip(1) {
        let f = split_csv(line);
        if f.len() < 11 {
            return Err(GenError::Data(format!(
                "geonames row with {} fields: {line}",
                f.len()
            )));
        }
        if f[3] == "UA" {
            ua_places.push(Place {
                name: f[1].clone(),
                admin1: f[4].clone(),
                population: f[7].parse().unwrap_or(0),
                lat: f[8].parse().unwrap_or(0.0),
                lon: f[9].parse().unwrap_or(0.0),
            });
            ua_alt.push(
                f[10]
                    .split('|')
                    .map(str::to_string)
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        } else {
            europe.push(f);
        }
    }
    let gaz = Gazetteer::new(ua_places, ua_alt);

    // --- KATOTTG ----------------------------------------------------------------------------
    let admin1: HashMap<&str, &str> = OBLAST_ADMIN1.iter().copied().collect();
    let mut regions: Vec<(String, &'static str, String)> = Vec::new();
    let mut region_admin1: HashMap<String, String> = HashMap::new();
    let mut raions: Vec<(String, String, String)> = Vec::new();
    let mut communities: Vec<Community> = Vec::new();
    let mut settlements: Vec<Settlement> = Vec::new();
    let mut seen = HashSet::new();
    for line in katottg.lines().skip(1) {
        let f = split_csv(line);
        if f.len() < 7 {
            return Err(GenError::Data(format!(
                "katottg row with {} fields: {line}",
                f.len()
            )));
        }
        let (l1, l2, l3, l4, extra, cat, name) = (
            &f[0],
            &f[1],
            &f[2],
            &f[3],
            &f[4],
            f[5].as_str(),
            clean(&f[6]),
        );
        let own = [extra, l4, l3, l2, l1]
            .into_iter()
            .find(|c| !c.is_empty())
            .cloned()
            .unwrap_or_default();
        if !seen.insert((own.clone(), cat.to_string())) {
            continue;
        }
        match cat {
            "O" | "K" => {
                let kind = match (cat, l1.starts_with(CRIMEA_PREFIX)) {
                    ("K", _) => "city",
                    (_, true) => "arc",
                    _ => "oblast",
                };
                let a1 = admin1
                    .get(name.as_str())
                    .ok_or_else(|| GenError::Data(format!("no GeoNames oblast for {name}")))?;
                region_admin1.insert(l1.clone(), a1.to_string());
                regions.push((l1.clone(), kind, name.clone()));
                if cat == "K" {
                    communities.push(Community {
                        code: l1.clone(),
                        region: l1.clone(),
                        raion: None,
                        name: name.clone(),
                        kind: "urban",
                        occupied: l1.starts_with(SEVASTOPOL_PREFIX),
                        centre: None,
                        pos: None,
                        method: "",
                        centre_population: None,
                        aliases: Vec::new(),
                    });
                }
            }
            "P" => raions.push((l2.clone(), l1.clone(), name)),
            "H" => communities.push(Community {
                code: l3.clone(),
                region: l1.clone(),
                raion: Some(l2.clone()),
                name,
                kind: "rural",
                occupied: l1.starts_with(CRIMEA_PREFIX),
                centre: None,
                pos: None,
                method: "",
                centre_population: None,
                aliases: Vec::new(),
            }),
            "M" | "T" | "X" | "C" if extra.is_empty() && !l4.is_empty() => {
                settlements.push(Settlement {
                    code: l4.clone(),
                    community: l3.clone(),
                    category: cat.to_string(),
                    name,
                    pos: None,
                })
            }
            // City districts are the settlements list of Kyiv and Sevastopol only.
            "B" if l2 == l1 => settlements.push(Settlement {
                code: extra.clone(),
                community: l1.clone(),
                category: cat.to_string(),
                name,
                pos: None,
            }),
            _ => {}
        }
    }
    let community_index: HashMap<String, usize> = communities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    let mut members: HashMap<String, Vec<usize>> = HashMap::new();
    // A few places belong to no hromada (Prypiat, in the exclusion zone, sits directly under
    // its oblast): they are not part of any community's list.
    settlements.retain(|s| community_index.contains_key(&s.community));
    for (i, s) in settlements.iter().enumerate() {
        members.entry(s.community.clone()).or_default().push(i);
    }

    // Centre and type: the first settlement listed under a hromada is its centre.
    for c in communities.iter_mut() {
        if let Some(&first) = members.get(&c.code).and_then(|m| m.first()) {
            if settlements[first].category != "B" {
                c.centre = Some(first);
                c.kind = match settlements[first].category.as_str() {
                    "M" => "urban",
                    "T" | "X" => "settlement",
                    _ => "rural",
                };
            }
        }
    }

    // Phase 1: settlements whose name is unique in their oblast give anchor positions.
    for s in settlements.iter_mut() {
        let region = &communities[community_index[&s.community]].region;
        let a1 = &region_admin1[region];
        // Only exact names here: a tolerant match on a village name finds too many namesakes.
        let mut cands = gaz.by_cyrillic(a1, &s.name);
        if cands.is_empty() {
            cands = gaz.by_latin_exact(a1, &s.name);
        }
        if cands.len() == 1 {
            let p = &gaz.places[cands[0]];
            s.pos = Some((p.lat, p.lon));
        }
    }

    // Phase 2: centres, by name, checked against the anchors of their own community: first
    // every centre found by its Ukrainian name, then the rest by Latin name. A place already
    // taken as one community's centre is nobody else's (Zaporizhzhia was once Oleksandrivsk:
    // its historic name must not make it the centre of an Oleksandrivka).
    let mut report: Report = BTreeMap::new();
    let mut used: HashSet<usize> = HashSet::new();
    // A community's anchors are its other settlements placed in phase 1; placing centres
    // below touches only centres, so they are computed once.
    let anchors: Vec<Vec<(f64, f64)>> = communities
        .iter()
        .map(|c| {
            members
                .get(&c.code)
                .map(|m| {
                    m.iter()
                        .filter(|&&i| Some(i) != c.centre)
                        .filter_map(|&i| settlements[i].pos)
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    for pass in ["centre-uk", "centre-latin"] {
        for (c, anchors) in communities.iter_mut().zip(&anchors) {
            if c.pos.is_some() {
                continue;
            }
            let a1 = &region_admin1[&c.region];
            let centre_name = match c.centre {
                Some(i) => settlements[i].name.clone(),
                None => c.name.clone(),
            };
            let anchor = medoid(anchors);
            let candidates: Vec<usize> = if pass == "centre-uk" {
                gaz.by_cyrillic(a1, &centre_name)
            } else {
                gaz.by_latin(a1, &centre_name)
            }
            .into_iter()
            .filter(|i| !used.contains(i))
            .collect();
            if let Some(i) = choose(&gaz, &candidates, anchor, anchors.len()) {
                used.insert(i);
                let p = &gaz.places[i];
                c.pos = Some((p.lat, p.lon));
                c.method = pass;
                c.centre_population = (p.population > 0).then_some(p.population);
                if let Some(ci) = c.centre {
                    settlements[ci].pos = c.pos;
                }
                c.aliases = other_names(&gaz.alt[i], &[&centre_name, &romanize(&centre_name)]);
            }
        }
    }
    for (c, anchors) in communities.iter_mut().zip(&anchors) {
        if c.pos.is_some() {
            continue;
        }
        if let Some(p) = centroid(anchors) {
            c.pos = Some(p);
            c.method = "settlements";
        }
    }

    // Phase 3: the rest take their raion's centre: the placed community named like the raion
    // (Бахчисарайський raion → Бахчисарайська community), else the raion's placed communities' centroid.
    let raion_names: HashMap<&str, &str> = raions
        .iter()
        .map(|(c, _, n)| (c.as_str(), n.as_str()))
        .collect();
    let snapshot = communities.clone();
    for c in communities.iter_mut().filter(|c| c.pos.is_none()) {
        let raion = c.raion.clone().unwrap_or_default();
        let in_raion: Vec<&Community> = snapshot
            .iter()
            .filter(|o| {
                o.raion.as_deref() == Some(raion.as_str()) && o.method.starts_with("centre")
            })
            .collect();
        let stem = |s: &str| cyr_key(s).chars().take(5).collect::<String>();
        let raion_stem = raion_names
            .get(raion.as_str())
            .map(|n| stem(n))
            .unwrap_or_default();
        let namesake = in_raion
            .iter()
            .find(|o| !raion_stem.is_empty() && stem(&o.name) == raion_stem);
        c.pos = namesake
            .and_then(|o| o.pos)
            .or_else(|| centroid(&in_raion.iter().filter_map(|o| o.pos).collect::<Vec<_>>()))
            .or_else(|| {
                centroid(
                    &snapshot
                        .iter()
                        .filter(|o| o.region == c.region)
                        .filter_map(|o| o.pos)
                        .collect::<Vec<_>>(),
                )
            });
        c.method = "raion";
    }
    for c in &communities {
        if c.pos.is_none() {
            return Err(GenError::Data(format!(
                "community {} has no position",
                c.code
            )));
        }
        *report.entry(c.method).or_default() += 1;
    }

    // --- Slugs ------------------------------------------------------------------------------
    let region_names: HashMap<&str, &str> = regions
        .iter()
        .map(|(c, _, n)| (c.as_str(), n.as_str()))
        .collect();
    let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in communities.iter().enumerate() {
        by_base.entry(slugify(&c.name)).or_default().push(i);
    }
    let mut slugs = vec![String::new(); communities.len()];
    for (base, group) in &by_base {
        for &i in group {
            let c = &communities[i];
            slugs[i] = if group.len() == 1 {
                base.clone()
            } else {
                let raion = c
                    .raion
                    .as_deref()
                    .and_then(|r| raion_names.get(r))
                    .copied()
                    .unwrap_or("");
                let same_raion = group
                    .iter()
                    .filter(|&&j| communities[j].raion == c.raion)
                    .count();
                if same_raion == 1 && !raion.is_empty() {
                    format!("{base}-{}", slugify(raion))
                } else {
                    format!(
                        "{base}-{}-{}",
                        slugify(region_names[c.region.as_str()]),
                        c.code.to_lowercase()
                    )
                }
            };
        }
    }
    let unique: HashSet<&String> = slugs.iter().collect();
    if unique.len() != slugs.len() {
        return Err(GenError::Data("community slugs are not unique".into()));
    }

    // --- Files ------------------------------------------------------------------------------
    let mut t = String::new();
    for (code, kind, name) in &regions {
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
    for (code, region, name) in &raions {
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
    for (method, n) in &report {
        writeln!(summary, "{method}\t{n}").ok();
    }
    std::fs::write(out.join("placement.tsv"), summary)
        .map_err(|e| GenError::Io("placement.tsv".into(), e))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quoted_commas() {
        assert_eq!(split_csv(r#"1,"a, b",c"#), vec!["1", "a, b", "c"]);
        assert_eq!(split_csv(r#""say ""hi""",x"#), vec![r#"say "hi""#, "x"]);
    }

    #[test]
    fn loose_latin_keys_forgive_older_spellings() {
        assert_eq!(loose_latin_key("Uzhgorod"), loose_latin_key("Uzhhorod"));
        assert_eq!(loose_latin_key("Odessa"), loose_latin_key("Odesa"));
        assert_eq!(loose_latin_key("Mykolayiv"), loose_latin_key("Mykolaiv"));
        assert_eq!(
            loose_latin_key("Zaporizhia"),
            loose_latin_key("Zaporizhzhia")
        );
        assert_ne!(loose_latin_key("Lviv"), loose_latin_key("Kyiv"));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn distances_are_kilometres() {
        let kyiv = (50.45, 30.52);
        let lviv = (49.84, 24.03);
        let d = distance_km(kyiv, lviv);
        assert!((460.0..480.0).contains(&d), "{d}");
    }
}
