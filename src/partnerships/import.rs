//! Importing partnerships from real-world lists (a CSV file): each row's Ukrainian side is
//! matched to a community with the catalogue's cross-script names, its partner to a
//! municipality of the directory in the row's country. A wrong match is worse than an honest
//! "ambiguous": a row is matched only when exactly one candidate meets the whole name, and
//! everything else is left to a coordinator (with the candidates) or refused (with why).
//! The rules are listed in the README ("Importing partnerships").

use crate::catalogue::search::Snapshot;
use crate::identity::CommunityCode;
use crate::lang::translit::{transcribe, Transcription};
use crate::municipalities::model::Municipality;
use crate::municipalities::places::Places;
use crate::partnerships::model::PARTNERSHIP_KINDS;
use crate::platform::search::fold::fold;
use serde::Serialize;
use std::collections::HashMap;

/// The most rows one file may have (bounded work per request and per run).
pub const MAX_ROWS: usize = 5_000;
/// The largest file read (within the server's 1 MB limit on a request's body).
pub const MAX_BYTES: usize = 900 * 1024;
/// The most candidates a row lists for either side.
const MAX_CANDIDATES: usize = 6;
/// A partner name matching several places of its country is taken to mean the largest when
/// that one has at least this many times the inhabitants of the next (Rybnik the city, not
/// a village of the same name).
const DOMINANT: i64 = 10;

/// One row of a file, as read (every field trimmed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub ukrainian: String,
    pub oblast: String,
    pub partner: String,
    pub country: String,
    pub geonameid: String,
    pub kind: String,
    pub year: String,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Matched,
    Ambiguous,
    Rejected,
}

/// Why a row is not simply matched (or what the match noticed): a key for the pages'
/// translations and an English sentence for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Matched and already in the registry: nothing is created.
    Exists,
    /// The same pair came earlier in the file.
    Repeated,
    /// An oblast is not a community.
    Oblast,
    /// A raion (before 2020 or now) is not a community: a coordinator chooses.
    Raion,
    NoCommunity,
    SeveralCommunities,
    /// Only a village or town inside communities has the name.
    SettlementOnly,
    /// Only names a letter or two away.
    SimilarCommunities,
    UnknownCode,
    NoCountry,
    UnknownCountry,
    NoPartner,
    UnknownGeonameid,
    SeveralPartners,
    SimilarPartners,
    UnknownKind,
    BadYear,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::Exists => "exists",
            Reason::Repeated => "repeated",
            Reason::Oblast => "oblast",
            Reason::Raion => "raion",
            Reason::NoCommunity => "no_community",
            Reason::SeveralCommunities => "several_communities",
            Reason::SettlementOnly => "settlement_only",
            Reason::SimilarCommunities => "similar_communities",
            Reason::UnknownCode => "unknown_code",
            Reason::NoCountry => "no_country",
            Reason::UnknownCountry => "unknown_country",
            Reason::NoPartner => "no_partner",
            Reason::UnknownGeonameid => "unknown_geonameid",
            Reason::SeveralPartners => "several_partners",
            Reason::SimilarPartners => "similar_partners",
            Reason::UnknownKind => "unknown_kind",
            Reason::BadYear => "bad_year",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Reason::Exists => "already in the registry",
            Reason::Repeated => "the same pair is on an earlier row",
            Reason::Oblast => "an oblast, not a community",
            Reason::Raion => "a raion, not a community: choose the community",
            Reason::NoCommunity => "no community of that name",
            Reason::SeveralCommunities => "several communities have that name",
            Reason::SettlementOnly => "only settlements inside communities have that name",
            Reason::SimilarCommunities => "only similar community names",
            Reason::UnknownCode => "no community has that KATOTTG code",
            Reason::NoCountry => "no partner country",
            Reason::UnknownCountry => "unknown partner country",
            Reason::NoPartner => "no municipality of that name in the directory",
            Reason::UnknownGeonameid => "no municipality of the country has that GeoNames id",
            Reason::SeveralPartners => "several municipalities of the country have that name",
            Reason::SimilarPartners => "only similar municipality names",
            Reason::UnknownKind => "unknown partnership type",
            Reason::BadYear => "the start year is not a year",
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.english())
    }
}

/// One side's candidate: a community (by KATOTTG code) or a municipality (by GeoNames id).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<i64>,
    pub name: String,
}

/// The European side as it will be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Partner {
    pub country: String,
    /// In the directory: its slug and GeoNames id.
    pub place: Option<(String, i64)>,
    pub name: String,
    /// A district or other part of it the list names ("Újbuda").
    pub part: String,
}

impl Partner {
    /// The side's key among a community's partnerships (see the migration).
    pub fn key(&self) -> String {
        match &self.place {
            Some((_, id)) => format!("geonames:{id}"),
            None => format!("name:{}", fold(&self.name)),
        }
    }
}

/// What a dry run says of one row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub row: usize,
    pub status: Status,
    /// The KATOTTG code chosen.
    pub community: Option<String>,
    /// The GeoNames id chosen.
    pub municipality: Option<i64>,
    pub candidates: Vec<Candidate>,
    pub reason: Option<Reason>,
    #[serde(skip)]
    pub community_candidates: Vec<Candidate>,
    #[serde(skip)]
    pub partner_candidates: Vec<Candidate>,
    #[serde(skip)]
    pub plan: Plan,
}

/// What a row would record (filled in as far as it could be matched).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub community: Option<CommunityCode>,
    /// The community's name in Ukrainian and in Latin script.
    pub community_name: String,
    pub community_latin: String,
    pub community_part: String,
    pub partner: Option<Partner>,
    pub kind: String,
    /// The first of January of the start year (Unix seconds), when the row has one.
    pub since: Option<i64>,
    pub source: String,
    /// The partner's country (ISO 3166-1 alpha-2), once known.
    pub country: String,
    pub written: (String, String),
}

/// Reads a CSV file's rows: the header names the columns (see [`column_of`]); a column it
/// does not know is ignored. Refuses a file without a Ukrainian side, a partner or a country
/// column, and one with more than [`MAX_ROWS`] rows.
pub fn read(body: &str) -> Result<Vec<Row>, String> {
    let body = body.trim_start_matches('\u{feff}');
    let first = body.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers = r.headers().map_err(|_| "unreadable header".to_string())?;
    let cols: Vec<Option<&'static str>> = headers.iter().map(column_of).collect();
    for needed in ["ukrainian", "partner", "country"] {
        if !cols.contains(&Some(needed)) {
            return Err(format!("no {needed} column"));
        }
    }
    let mut rows = Vec::new();
    for (i, record) in r.records().enumerate() {
        let record = record.map_err(|_| format!("line {}: unreadable", i + 2))?;
        if rows.len() == MAX_ROWS {
            return Err(format!("more than {MAX_ROWS} rows"));
        }
        let mut row = Row {
            line: i + 2,
            ..Row::default()
        };
        for (value, col) in record.iter().zip(&cols) {
            let v = value.trim().to_string();
            match col {
                Some("ukrainian") => row.ukrainian = v,
                Some("oblast") => row.oblast = v,
                Some("partner") => row.partner = v,
                Some("country") => row.country = v,
                Some("geonameid") => row.geonameid = v,
                Some("kind") => row.kind = v,
                Some("year") => row.year = v,
                Some("source") => row.source = v,
                _ => {}
            }
        }
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The column a header names (any case, spaces or underscores).
pub fn column_of(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase().replace([' ', '-'], "_");
    Some(match h.as_str() {
        "ukrainian_city"
        | "ukrainian_community"
        | "community"
        | "hromada"
        | "katottg"
        | "ukrainian_side"
        | "ukrainian" => "ukrainian",
        "oblast" | "ukrainian_oblast" | "region" => "oblast",
        "partner_city" | "partner" | "municipality" | "partner_municipality" => "partner",
        "partner_country" | "country" => "country",
        "geonameid" | "partner_geonameid" | "geonames_id" => "geonameid",
        "type" | "kind" | "partnership_type" => "kind",
        "start_year" | "year" | "since" => "year",
        "source" => "source",
        _ => return None,
    })
}

/// The partnership type a list's word means (a list without a type column is a list of
/// twin towns).
pub fn kind_of(typed: &str) -> Option<&'static str> {
    let t = fold(typed);
    if t.is_empty() {
        return Some("twinning");
    }
    if let Some(k) = PARTNERSHIP_KINDS.iter().find(|k| fold(k) == t) {
        return Some(k);
    }
    // Compared folded, as the typed value is (y and i are one letter there).
    const WORDS: [(&str, &str); 17] = [
        ("twin town", "twinning"),
        ("twin towns", "twinning"),
        ("twin city", "twinning"),
        ("sister city", "twinning"),
        ("sister cities", "twinning"),
        ("partner city", "twinning"),
        ("Partnerstadt", "twinning"),
        ("Städtepartnerschaft", "twinning"),
        ("miasto partnerskie", "twinning"),
        ("jumelage", "twinning"),
        ("cooperation agreement", "cooperation"),
        ("co-operation", "cooperation"),
        ("co-operation agreement", "cooperation"),
        ("solidarity partnership", "solidarity"),
        ("Solidaritätspartnerschaft", "solidarity"),
        ("memorandum of understanding", "memorandum"),
        ("MoU", "memorandum"),
    ];
    WORDS.iter().find(|(w, _)| fold(w) == t).map(|(_, k)| *k)
}

/// How a community meets a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum How {
    /// Its own name (the adjective: "Білоцерківська"), its transcriptions, a name its card
    /// adds.
    Name,
    /// The name of its centre, in any script or spelling the catalogue knows.
    Centre,
    /// The name of another of its settlements.
    Settlement,
}

/// Every community's names folded, for whole-name matching.
pub struct Communities<'a> {
    snapshot: &'a Snapshot,
    names: HashMap<String, Vec<(usize, How)>>,
    by_code: HashMap<String, usize>,
}

impl<'a> Communities<'a> {
    pub fn new(snapshot: &'a Snapshot) -> Self {
        let mut names: HashMap<String, Vec<(usize, How)>> = HashMap::new();
        let mut add = |name: &str, i: usize, how: How| {
            let f = fold(name);
            if f.is_empty() {
                return;
            }
            let v = names.entry(f).or_default();
            if let Some(e) = v.iter_mut().find(|(j, _)| *j == i) {
                e.1 = e.1.min(how);
            } else {
                v.push((i, how));
            }
        };
        for (i, e) in snapshot.entries.iter().enumerate() {
            let s = &e.summary;
            for n in [&s.name_uk, &s.name_latin]
                .into_iter()
                .chain(&e.profile_names)
            {
                add(n, i, How::Name);
            }
            // The other names GeoNames knows are its centre's ("Zaporizhia", "Lemberg").
            for n in &e.aliases {
                add(n, i, How::Centre);
            }
            for system in Transcription::ALL {
                add(&transcribe(&s.name_uk, system), i, How::Name);
            }
            for (j, (uk, latin)) in e.settlements.iter().enumerate() {
                let how = if j == 0 { How::Centre } else { How::Settlement };
                add(uk, i, how);
                add(latin, i, how);
                for system in Transcription::ALL {
                    add(&transcribe(uk, system), i, how);
                }
            }
        }
        let by_code = snapshot
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.to_string(), i))
            .collect();
        Communities {
            snapshot,
            names,
            by_code,
        }
    }

    fn candidate(&self, i: usize) -> Candidate {
        let s = &self.snapshot.entries[i].summary;
        Candidate {
            community: Some(s.code.to_string()),
            municipality: None,
            name: format!("{} ({}), {}", s.name_uk, s.name_latin, s.region_latin),
        }
    }

    /// The communities whose whole name, centre or settlement is `name`, best way first,
    /// in `oblast` when one is given.
    fn named(&self, name: &str, oblast: &str) -> Vec<(usize, How)> {
        let mut found = self.names.get(&fold(name)).cloned().unwrap_or_default();
        if !oblast.trim().is_empty() {
            let o = fold(
                oblast
                    .trim_end_matches(" Oblast")
                    .trim_end_matches(" oblast"),
            );
            found.retain(|(i, _)| {
                let s = &self.snapshot.entries[*i].summary;
                let names = crate::catalogue::labels::oblast_names(&s.region_latin);
                [s.region_uk.as_str(), s.region_latin.as_str()]
                    .into_iter()
                    .chain(names)
                    .any(|n| {
                        let n = fold(n);
                        n == o || n.starts_with(&o) || o.starts_with(&n)
                    })
            });
        }
        found.sort_by_key(|(i, how)| {
            (
                *how,
                std::cmp::Reverse(self.snapshot.entries[*i].summary.population.unwrap_or(0)),
            )
        });
        found
    }

    /// Matches a Ukrainian side: a KATOTTG code, or a name with its messy forms.
    pub fn find(&self, written: &str, oblast: &str) -> Side {
        let w = written.trim();
        if w.len() == 19 && w.starts_with("UA") && w[2..].bytes().all(|b| b.is_ascii_digit()) {
            return match self.by_code.get(w) {
                Some(&i) => Side::One(i, String::new()),
                None => Side::Refused(Reason::UnknownCode),
            };
        }
        let lower = w.to_lowercase();
        if ["oblast", "область", "obwód", "oblast'"]
            .iter()
            .any(|o| lower.ends_with(&format!(" {o}")))
        {
            return Side::Refused(Reason::Oblast);
        }
        for raion in [" raion", " район", " rajon", " district"] {
            if let Some(stem) = lower.strip_suffix(raion) {
                let stem = w.get(..stem.len()).unwrap_or(stem);
                let found = self.named(stem, oblast);
                let found: Vec<usize> = found
                    .into_iter()
                    .filter(|(_, how)| *how != How::Settlement)
                    .map(|(i, _)| i)
                    .collect();
                return if found.is_empty() {
                    Side::Refused(Reason::Raion)
                } else {
                    Side::Several(found, Reason::Raion)
                };
            }
        }
        // "Solomianskyi (Kyiv)": a part and what it is part of; "Gammalsvenskby (Zmiivka)": a
        // name and another name of the same place. The part is tried first.
        if let Some((inner, outer)) = brackets(w) {
            match self.find(inner, oblast) {
                Side::One(i, part) => return Side::One(i, part),
                _ => {
                    return match self.find(outer, oblast) {
                        Side::One(i, _) => Side::One(i, inner.to_string()),
                        other => other,
                    }
                }
            }
        }
        let found = self.named(w, oblast);
        let best: Vec<&(usize, How)> = found
            .iter()
            .filter(|(_, how)| *how != How::Settlement)
            .collect();
        match best.as_slice() {
            [(i, _)] => return Side::One(*i, String::new()),
            [] => {}
            several => {
                // A community's own name beats another's centre of the same name.
                let names: Vec<usize> = several
                    .iter()
                    .filter(|(_, how)| *how == How::Name)
                    .map(|(i, _)| *i)
                    .collect();
                if let [i] = names.as_slice() {
                    return Side::One(*i, String::new());
                }
                // The largest when it has ten times the inhabitants of the next (Chernivtsi the
                // city, not the settlement of Vinnytsia oblast); `found` is by population.
                let pop = |i: usize| self.snapshot.entries[i].summary.population.unwrap_or(0);
                if let [(a, _), (b, _), ..] = several {
                    if pop(*a) >= DOMINANT * pop(*b).max(1) {
                        return Side::One(*a, String::new());
                    }
                }
                return Side::Several(
                    several.iter().map(|(i, _)| *i).collect(),
                    Reason::SeveralCommunities,
                );
            }
        }
        if !found.is_empty() {
            return Side::Several(
                found.iter().map(|(i, _)| *i).collect(),
                Reason::SettlementOnly,
            );
        }
        let similar: Vec<usize> = self
            .snapshot
            .top(w, MAX_CANDIDATES)
            .iter()
            .filter_map(|s| self.by_code.get(s.code.as_str()).copied())
            .collect();
        if similar.is_empty() {
            Side::Refused(Reason::NoCommunity)
        } else {
            Side::Several(similar, Reason::SimilarCommunities)
        }
    }
}

/// One side's match: one (with a part it names), several (and why), or none (and why).
#[derive(Clone, Debug, PartialEq)]
pub enum Side {
    One(usize, String),
    Several(Vec<usize>, Reason),
    Refused(Reason),
}

/// "A (B)" split into A and B.
fn brackets(s: &str) -> Option<(&str, &str)> {
    let open = s.find('(')?;
    let inner = s[..open].trim();
    let outer = s[open + 1..].trim_end().strip_suffix(')')?.trim();
    (!inner.is_empty() && !outer.is_empty()).then_some((inner, outer))
}

/// What a partner's name says it is besides a place of the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// A place (or a district of one): looked for in the directory.
    Place,
    /// A rural gmina: kept as "Gmina X".
    Gmina,
    /// A county or district: kept by the name written.
    AsWritten,
}

/// A partner's name in its messy forms: the names to look for (each with a part of it the
/// record keeps), and what kind of unit the list means.
fn partner_forms(written: &str) -> (Vec<(String, String)>, Unit) {
    let mut w = written.trim().to_string();
    let mut gmina = false;
    for suffix in ["(rural gmina)", "(gmina wiejska)", "(gmina)"] {
        if let Some(s) = w.strip_suffix(suffix) {
            w = s.trim().to_string();
            gmina = true;
        }
    }
    if let Some(s) = w
        .strip_prefix("Gmina ")
        .or_else(|| w.strip_prefix("gmina "))
    {
        w = s.trim().to_string();
        gmina = true;
    }
    // A county (powiat), a district or a district municipality is a unit of its own, never
    // the town it is named after: kept by name as written.
    let lower = w.to_lowercase();
    if [
        " county",
        " district",
        " district municipality",
        " powiat",
        " (county)",
    ]
    .iter()
    .any(|u| lower.ends_with(u))
        || lower.starts_with("powiat ")
    {
        return (vec![(w, String::new())], Unit::AsWritten);
    }
    let mut forms = Vec::new();
    // "Budavár (Budapest)", "Ochota (Warsaw)": a district, then the city.
    if let Some((inner, outer)) = brackets(&w) {
        forms.push((inner.to_string(), String::new()));
        forms.push((outer.to_string(), inner.to_string()));
        return (forms, unit(gmina));
    }
    // "Budapest XI – Újbuda", "Berlin – Charlottenburg-Wilmersdorf".
    for dash in [" – ", " — ", " - "] {
        if let Some((outer, inner)) = w.split_once(dash) {
            let city = outer
                .split_whitespace()
                .filter(|word| !is_roman(word))
                .collect::<Vec<_>>()
                .join(" ");
            forms.push((inner.trim().to_string(), String::new()));
            forms.push((city, inner.trim().to_string()));
            return (forms, unit(gmina));
        }
    }
    forms.push((w, String::new()));
    (forms, unit(gmina))
}

fn unit(gmina: bool) -> Unit {
    if gmina {
        Unit::Gmina
    } else {
        Unit::Place
    }
}

fn is_roman(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    !w.is_empty() && w.chars().all(|c| "IVXLC".contains(c))
}

fn place_candidate(m: &Municipality) -> Candidate {
    Candidate {
        community: None,
        municipality: Some(m.geonameid),
        name: format!("{}, {} ({})", m.name, m.country, m.population),
    }
}

/// Matches a partner in `country`.
fn find_partner(
    places: &Places,
    written: &str,
    country: &str,
    geonameid: &str,
) -> Result<(Partner, Vec<Candidate>), (Reason, Vec<Candidate>)> {
    if !geonameid.is_empty() {
        let id: i64 = geonameid
            .parse()
            .map_err(|_| (Reason::UnknownGeonameid, vec![]))?;
        return match places.by_id(id).filter(|m| m.country == country) {
            Some(m) => Ok((
                Partner {
                    country: country.into(),
                    place: Some((m.slug.clone(), m.geonameid)),
                    name: m.name.clone(),
                    part: String::new(),
                },
                vec![],
            )),
            None => Err((Reason::UnknownGeonameid, vec![])),
        };
    }
    let (forms, unit) = partner_forms(written);
    if unit != Unit::Place {
        // Rural gminas, counties and districts are not places of the directory: kept by
        // name, never as the town they are named after.
        let name = forms.first().map(|f| f.0.clone()).unwrap_or_default();
        return Ok((
            Partner {
                country: country.into(),
                place: None,
                name: if unit == Unit::Gmina {
                    format!("Gmina {name}")
                } else {
                    name
                },
                part: String::new(),
            },
            vec![],
        ));
    }
    let mut several: Vec<Candidate> = Vec::new();
    for (name, part) in &forms {
        let mut exact = places.exact(name, country);
        exact.sort_by_key(|m| std::cmp::Reverse(m.population));
        let chosen = match exact.as_slice() {
            [] => None,
            [one] => Some(*one),
            [a, b, ..] if a.population >= DOMINANT * b.population.max(1) => Some(*a),
            more => {
                if several.is_empty() {
                    several = more
                        .iter()
                        .take(MAX_CANDIDATES)
                        .map(|m| place_candidate(m))
                        .collect();
                }
                None
            }
        };
        if let Some(m) = chosen {
            return Ok((
                Partner {
                    country: country.into(),
                    place: Some((m.slug.clone(), m.geonameid)),
                    name: m.name.clone(),
                    part: part.clone(),
                },
                vec![],
            ));
        }
        if !several.is_empty() {
            return Err((Reason::SeveralPartners, several));
        }
    }
    let similar: Vec<Candidate> = forms
        .iter()
        .flat_map(|(name, _)| places.search(name, country, MAX_CANDIDATES))
        .take(MAX_CANDIDATES)
        .map(|m| place_candidate(&m))
        .collect();
    if similar.is_empty() {
        Err((Reason::NoPartner, vec![]))
    } else {
        Err((Reason::SimilarPartners, similar))
    }
}

/// The dry run: what each row would become. `exists` says whether a matched pair is in the
/// registry already (community code, country, partner key).
pub fn dry_run(
    rows: &[Row],
    communities: &Communities,
    places: &Places,
    file_name: &str,
    exists: &dyn Fn(&str, &str, &str) -> bool,
) -> Vec<Verdict> {
    let mut verdicts: Vec<Verdict> = rows
        .iter()
        .map(|row| judge(row, communities, places, file_name))
        .collect();
    settle(&mut verdicts, exists);
    verdicts
}

/// Marks the matched rows whose pair came on an earlier row, or is in the registry already.
pub fn settle(verdicts: &mut [Verdict], exists: &dyn Fn(&str, &str, &str) -> bool) {
    let mut seen: std::collections::HashSet<(String, String, String)> = Default::default();
    for v in verdicts.iter_mut() {
        if v.status != Status::Matched {
            continue;
        }
        let (Some(c), Some(p)) = (&v.plan.community, &v.plan.partner) else {
            continue;
        };
        let key = (c.to_string(), p.country.clone(), p.key());
        if !seen.insert(key.clone()) {
            v.reason = Some(Reason::Repeated);
        } else if exists(&key.0, &key.1, &key.2) {
            v.reason = Some(Reason::Exists);
        } else if matches!(v.reason, Some(Reason::Repeated | Reason::Exists)) {
            v.reason = None;
        }
    }
}

/// A coordinator's choice for an ambiguous row: `side` `community` (a KATOTTG code) or
/// `municipality` (a GeoNames id, or `written` to keep the partner by its name), which
/// must be one of the row's candidates. The row is matched once both sides are chosen.
/// Returns whether the choice was one the row offered.
pub async fn resolve(
    state: &crate::platform::AppState,
    v: &mut Verdict,
    side: &str,
    value: &str,
) -> Result<bool, crate::error::AppError> {
    if v.status != Status::Ambiguous {
        return Ok(false);
    }
    match side {
        "community" => {
            if !v
                .community_candidates
                .iter()
                .any(|c| c.community.as_deref() == Some(value))
            {
                return Ok(false);
            }
            let snapshot = crate::catalogue::snapshot(state).await?;
            let Some(e) = snapshot.entries.iter().find(|e| e.code.as_str() == value) else {
                return Ok(false);
            };
            v.community = Some(e.code.to_string());
            v.plan.community = Some(e.code.clone());
            v.plan.community_name = e.summary.name_uk.clone();
            v.plan.community_latin = e.summary.name_latin.clone();
            v.community_candidates.clear();
        }
        "municipality" if !v.partner_candidates.is_empty() => {
            let place = if value == "written" {
                None
            } else {
                let Ok(id) = value.parse::<i64>() else {
                    return Ok(false);
                };
                if !v
                    .partner_candidates
                    .iter()
                    .any(|c| c.municipality == Some(id))
                {
                    return Ok(false);
                }
                let places = crate::municipalities::directory(state).await?;
                places.by_id(id).cloned()
            };
            v.municipality = place.as_ref().map(|m| m.geonameid);
            v.plan.partner = Some(Partner {
                country: v.plan.country.clone(),
                name: place
                    .as_ref()
                    .map(|m| m.name.clone())
                    .unwrap_or_else(|| v.plan.written.1.clone()),
                place: place.map(|m| (m.slug, m.geonameid)),
                part: String::new(),
            });
            v.partner_candidates.clear();
        }
        _ => return Ok(false),
    }
    if v.community_candidates.is_empty() && v.partner_candidates.is_empty() {
        v.status = Status::Matched;
        v.reason = None;
    }
    v.candidates = v
        .community_candidates
        .iter()
        .chain(&v.partner_candidates)
        .cloned()
        .collect();
    Ok(true)
}

/// One row's verdict, without looking at the registry.
pub fn judge(row: &Row, communities: &Communities, places: &Places, file_name: &str) -> Verdict {
    let mut v = Verdict {
        row: row.line,
        status: Status::Matched,
        community: None,
        municipality: None,
        candidates: vec![],
        reason: None,
        community_candidates: vec![],
        partner_candidates: vec![],
        plan: Plan {
            // A link or a document's name: 300 characters are plenty.
            source: if row.source.is_empty() {
                file_name.chars().take(300).collect()
            } else {
                row.source.chars().take(300).collect()
            },
            written: (row.ukrainian.clone(), row.partner.clone()),
            ..Plan::default()
        },
    };
    // The worst status wins, with the first reason given for it.
    let worst = |v: &mut Verdict, status: Status, reason: Reason| {
        if status > v.status {
            v.status = status;
            v.reason = Some(reason);
        }
    };
    match kind_of(&row.kind) {
        Some(k) => v.plan.kind = k.to_string(),
        None => worst(&mut v, Status::Rejected, Reason::UnknownKind),
    }
    if !row.year.is_empty() {
        match row.year.get(..4).and_then(|y| y.parse::<i32>().ok()) {
            Some(y) if (1945..=2100).contains(&y) && row.year.len() == 4 => {
                v.plan.since = Some(
                    chrono::NaiveDate::from_ymd_opt(y, 1, 1)
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|d| d.and_utc().timestamp())
                        .unwrap_or(0),
                )
            }
            _ => worst(&mut v, Status::Rejected, Reason::BadYear),
        }
    }
    match communities.find(&row.ukrainian, &row.oblast) {
        Side::One(i, part) => {
            let e = &communities.snapshot.entries[i];
            v.community = Some(e.code.to_string());
            v.plan.community = Some(e.code.clone());
            v.plan.community_name = e.summary.name_uk.clone();
            v.plan.community_latin = e.summary.name_latin.clone();
            v.plan.community_part = part;
        }
        Side::Several(found, reason) => {
            v.community_candidates = found
                .into_iter()
                .take(MAX_CANDIDATES)
                .map(|i| communities.candidate(i))
                .collect();
            worst(&mut v, Status::Ambiguous, reason);
        }
        Side::Refused(reason) => worst(&mut v, Status::Rejected, reason),
    }
    let country = if row.country.is_empty() {
        worst(&mut v, Status::Rejected, Reason::NoCountry);
        None
    } else {
        match crate::lang::names::country_code(&row.country) {
            Some(c) if c != "UA" && c != "RU" && c != "BY" => Some(c),
            _ => {
                worst(&mut v, Status::Rejected, Reason::UnknownCountry);
                None
            }
        }
    };
    if let Some(country) = country {
        v.plan.country = country.to_string();
        match find_partner(places, &row.partner, country, &row.geonameid) {
            Ok((p, _)) => {
                v.municipality = p.place.as_ref().map(|(_, id)| *id);
                v.plan.partner = Some(p);
            }
            Err((reason, candidates)) => {
                let status = if candidates.is_empty() {
                    Status::Rejected
                } else {
                    Status::Ambiguous
                };
                v.partner_candidates = candidates;
                worst(&mut v, status, reason);
            }
        }
    }
    v.candidates = v
        .community_candidates
        .iter()
        .chain(&v.partner_candidates)
        .cloned()
        .collect();
    v
}

/// The line a run ends with.
pub fn summary(verdicts: &[Verdict]) -> String {
    let matched = verdicts
        .iter()
        .filter(|v| v.status == Status::Matched)
        .count();
    format!("matched {matched} of {} rows", verdicts.len())
}

/// Reads `body` and judges every row against the catalogue, the directory and the registry.
pub async fn check(
    state: &crate::platform::AppState,
    body: &str,
    file_name: &str,
) -> Result<Result<Vec<Verdict>, String>, crate::error::AppError> {
    let rows = match read(body) {
        Ok(rows) => rows,
        Err(e) => return Ok(Err(e)),
    };
    let snapshot = crate::catalogue::snapshot(state).await?;
    let places = crate::municipalities::directory(state).await?;
    let keys = crate::partnerships::store::registry::keys(&state.db)
        .await
        .map_err(crate::error::AppError::internal)?;
    let communities = Communities::new(&snapshot);
    let exists = |c: &str, k: &str, p: &str| keys.contains(&(c.into(), k.into(), p.into()));
    Ok(Ok(dry_run(&rows, &communities, places, file_name, &exists)))
}

/// Who confirms an import: a coordinator on the import page, or the operator running the
/// command on the server.
#[derive(Clone, Copy, Debug)]
pub enum Importer<'a> {
    Coordinator(&'a crate::platform::guards::Coordinator),
    Operator,
}

impl Importer<'_> {
    /// What the record keeps as who confirmed it (an account id, or "operator").
    pub fn confirmed_by(&self) -> String {
        match self {
            Importer::Coordinator(c) => c.id().to_string(),
            Importer::Operator => "operator".into(),
        }
    }
}

/// Records the matched rows not in the registry yet; how many were created.
pub async fn record(
    db: &crate::platform::db::Db,
    verdicts: &[Verdict],
    by: Importer<'_>,
) -> Result<u64, sqlx::Error> {
    let plans: Vec<Plan> = verdicts
        .iter()
        .filter(|v| v.status == Status::Matched && v.reason.is_none())
        .map(|v| v.plan.clone())
        .collect();
    crate::partnerships::store::registry::record_imported(db, &plans, by, crate::platform::now())
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_kinds_and_forms() {
        let rows = read("\u{feff}Ukrainian_City,partner_city,Partner Country,Start year\nBar,Rybnik,Poland,1999\n,,,\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].partner, "Rybnik");
        assert_eq!(rows[0].year, "1999");
        assert!(read("a;b\n1;2").unwrap_err().contains("ukrainian"));
        let semi = read("community;partner;country\nBar;Rybnik;PL").unwrap();
        assert_eq!(semi[0].country, "PL");
        assert_eq!(kind_of(""), Some("twinning"));
        assert_eq!(kind_of("Sister city"), Some("twinning"));
        assert_eq!(kind_of("memorandum"), Some("memorandum"));
        assert_eq!(kind_of("friendship"), None);
        let (forms, unit) = partner_forms("Budapest XI – Újbuda");
        assert_eq!(forms[0].0, "Újbuda");
        assert_eq!(forms[1], ("Budapest".into(), "Újbuda".into()));
        assert_eq!(unit, Unit::Place);
        let (forms, unit) = partner_forms("Sanok (rural gmina)");
        assert_eq!(forms[0].0, "Sanok");
        assert_eq!(unit, Unit::Gmina);
        let (forms, unit) = partner_forms("Tarnów County");
        assert_eq!(
            (forms[0].0.as_str(), unit),
            ("Tarnów County", Unit::AsWritten)
        );
        assert_eq!(
            partner_forms("Alytus District Municipality").1,
            Unit::AsWritten
        );
        let (forms, _) = partner_forms("Ochota (Warsaw)");
        assert_eq!(forms[1], ("Warsaw".into(), "Ochota".into()));
        assert_eq!(
            brackets("Solomianskyi (Kyiv)"),
            Some(("Solomianskyi", "Kyiv"))
        );
        assert_eq!(brackets("Kyiv"), None);
    }
}
