//! The catalogue held in memory: every community with its card's facets and a word index over
//! names, settlements, places and profile text. One code path serves both databases, so results
//! are identical on SQLite and PostgreSQL.
//!
//! Each instance keeps its own snapshot and compares its version with `catalogue_version` in
//! the database before answering; a profile change bumps that number in its own transaction,
//! so every instance behind a load balancer sees the change on its next search.

use super::index::{Builder, Index, Rank};
use crate::i18n::Locale;
use crate::model::catalogue::{
    population_band, CatalogueQuery, CatalogueResult, Cluster, Facet, FacetValue, MapView, Sort,
    FILTERS, PER_PAGE, POPULATION_BANDS,
};
use crate::model::profile::{Profile, Situation, Theme, Trust};
use crate::model::{CommunitySummary, Via};
use crate::server::db::{flag, Db};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Field classes, best first (see [`Index`]).
const NAME: u8 = 0;
const SETTLEMENT: u8 = 1;
const PLACE: u8 = 2;
const TEXT: u8 = 3;
/// `aux` numbers of class NAME: 0 Ukrainian, 1 Latin, then other names.
const OTHER_NAME_AUX: u32 = 1000;
const PROFILE_NAME_AUX: u32 = 2000;

pub struct Entry {
    pub summary: CommunitySummary,
    pub code: String,
    pub region_slug: String,
    pub raion_code: String,
    pub settlements: Vec<(String, String)>,
    pub aliases: Vec<String>,
    pub profile_names: Vec<String>,
    pub seeks: Vec<String>,
    pub languages: Vec<String>,
    /// The entry's values for each of [`FILTERS`], computed once per snapshot.
    facets: Vec<Vec<String>>,
}

pub struct Snapshot {
    pub version: i64,
    pub entries: Vec<Entry>,
    index: Index,
    by_slug: HashMap<String, usize>,
}

pub struct Catalogue {
    current: RwLock<Option<Arc<Snapshot>>>,
    rebuild: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalogue")
    }
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue {
            current: RwLock::new(None),
            rebuild: tokio::sync::Mutex::new(()),
        }
    }
}

pub async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    let v = sqlx::query_scalar("SELECT n FROM catalogue_version WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    db.freshness.observe(v);
    Ok(v)
}

impl Catalogue {
    /// The snapshot matching the database now, rebuilt first if a profile changed.
    pub async fn current(&self, db: &Db) -> Result<Arc<Snapshot>, sqlx::Error> {
        let v = version(db).await?;
        if let Some(s) = self.cached(v) {
            return Ok(s);
        }
        let _guard = self.rebuild.lock().await;
        if let Some(s) = self.cached(v) {
            return Ok(s);
        }
        let started = std::time::Instant::now();
        let snapshot = Arc::new(load(db).await?);
        tracing::info!(
            version = snapshot.version,
            terms = snapshot.index.terms(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "catalogue index built"
        );
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(snapshot.clone());
        Ok(snapshot)
    }

    fn cached(&self, version: i64) -> Option<Arc<Snapshot>> {
        let guard = self.current.read().unwrap_or_else(|e| e.into_inner());
        guard.as_ref().filter(|s| s.version >= version).cloned()
    }
}

async fn load(db: &Db) -> Result<Snapshot, sqlx::Error> {
    // Read the version first: a change landing during the load is picked up next time.
    let version = version(db).await?;
    let rows = sqlx::query(
        "SELECT c.code, c.slug, c.kind, c.name_uk, c.name_latin, c.occupied, c.lat, c.lon, \
                c.centre_population, c.aliases, r.kind AS region_kind, r.name_uk AS region_uk, \
                r.name_latin AS region_latin, r.slug AS region_slug, c.raion_code, \
                ra.name_uk AS raion_uk, ra.name_latin AS raion_latin \
         FROM communities c JOIN regions r ON r.code = c.region_code \
         LEFT JOIN raions ra ON ra.code = c.raion_code ORDER BY c.occupied, c.code",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut by_code = HashMap::new();
    for row in rows {
        let code: String = row.try_get("code")?;
        let aliases: String = row.try_get("aliases")?;
        let mut summary = CommunitySummary {
            slug: row.try_get("slug")?,
            name_uk: row.try_get("name_uk")?,
            name_latin: row.try_get("name_latin")?,
            kind: row.try_get("kind")?,
            region_kind: row.try_get("region_kind")?,
            region_uk: row.try_get("region_uk")?,
            region_latin: row.try_get("region_latin")?,
            raion_uk: row.try_get("raion_uk")?,
            raion_latin: row.try_get("raion_latin")?,
            occupied: flag(&row, "occupied")?,
            population: row.try_get("centre_population")?,
            population_is_centre: true,
            situation: None,
            offers: Vec::new(),
            needs: Vec::new(),
            partners: 0,
            seeking: false,
            claimed: false,
            verified: false,
            demo: false,
            updated_at: None,
            lat: row.try_get("lat")?,
            lon: row.try_get("lon")?,
            via: None,
        };
        summary.situation = summary.occupied.then_some(Situation::Occupied);
        by_code.insert(code.clone(), entries.len());
        entries.push(Entry {
            summary,
            code,
            region_slug: row.try_get("region_slug")?,
            raion_code: row
                .try_get::<Option<String>, _>("raion_code")?
                .unwrap_or_default(),
            settlements: Vec::new(),
            aliases: aliases
                .split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            profile_names: Vec::new(),
            seeks: Vec::new(),
            languages: Vec::new(),
            facets: Vec::new(),
        });
    }
    let settlements = sqlx::query(
        "SELECT community_code, name_uk, name_latin FROM settlements ORDER BY community_code, ord",
    )
    .fetch_all(&db.pool)
    .await?;
    for row in settlements {
        let code: String = row.try_get("community_code")?;
        if let Some(&i) = by_code.get(&code) {
            entries[i]
                .settlements
                .push((row.try_get("name_uk")?, row.try_get("name_latin")?));
        }
    }
    let mut profiles: HashMap<usize, Profile> = HashMap::new();
    for row in sqlx::query(
        "SELECT community_code, data, claimed, verified, last_verified, updated_at, demo FROM profiles",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let code: String = row.try_get("community_code")?;
        let Some(&i) = by_code.get(&code) else {
            continue;
        };
        let data: String = row.try_get("data")?;
        let profile: Profile = match serde_json::from_str(&data) {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(community = %code, error = %e, "unreadable profile skipped");
                continue;
            }
        };
        let trust = Trust {
            claimed: flag(&row, "claimed")?,
            verified: flag(&row, "verified")?,
            last_verified: row.try_get("last_verified")?,
            updated_at: row.try_get("updated_at")?,
            demo: flag(&row, "demo")?,
        };
        apply_profile(&mut entries[i], &profile, &trust);
        profiles.insert(i, profile);
    }

    for e in entries.iter_mut() {
        e.facets = FILTERS
            .iter()
            .map(|f| {
                compute_values(e, f)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
    }
    let index = build_index(&entries, &profiles);
    let by_slug = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.summary.slug.clone(), i))
        .collect();
    Ok(Snapshot {
        version,
        entries,
        index,
        by_slug,
    })
}

/// Copies what filters and lists need from a card onto its catalogue entry.
pub fn apply_profile(e: &mut Entry, p: &Profile, trust: &Trust) {
    let s = &mut e.summary;
    if let Some(pop) = &p.population {
        s.population = Some(pop.value);
        s.population_is_centre = false;
    }
    s.situation = if s.occupied {
        Some(Situation::Occupied)
    } else {
        p.situation
    };
    s.offers = p.offered_themes();
    s.needs = p.needed_themes();
    s.partners = p.partners.len();
    s.seeking = p.seeking.active;
    s.claimed = trust.claimed;
    s.verified = trust.verified;
    s.demo = trust.demo;
    s.updated_at = trust.updated_at.clone();
    e.profile_names = p.other_names.iter().map(|n| n.name.clone()).collect();
    e.seeks = p.seeking.countries.clone();
    e.languages = p
        .contacts
        .iter()
        .flat_map(|c| c.languages.clone())
        .collect();
    e.languages.sort();
    e.languages.dedup();
}

fn theme_words(t: Theme) -> String {
    use leptos_i18n::Locale as _;
    Locale::get_all()
        .iter()
        .map(|l| crate::components::names::theme_label(*l, t))
        .collect::<Vec<_>>()
        .join(" ")
}

fn build_index(entries: &[Entry], profiles: &HashMap<usize, Profile>) -> Index {
    let mut b = Builder::default();
    let kind_words = |kind: &str| match kind {
        "urban" => "міська громада urban hromada city",
        "settlement" => "селищна громада settlement hromada",
        _ => "сільська громада rural hromada village",
    };
    for (i, e) in entries.iter().enumerate() {
        let doc = i as u32;
        let s = &e.summary;
        b.add_name(doc, 0, &s.name_uk);
        b.add_name(doc, 1, &s.name_latin);
        for (j, a) in e.aliases.iter().enumerate() {
            b.add_name(doc, OTHER_NAME_AUX + j as u32, a);
        }
        for (j, a) in e.profile_names.iter().enumerate() {
            b.add_name(doc, PROFILE_NAME_AUX + j as u32, a);
        }
        for (j, (uk, latin)) in e.settlements.iter().enumerate() {
            b.add(doc, SETTLEMENT, j as u32, uk);
            b.add(doc, SETTLEMENT, j as u32, latin);
        }
        for place in [
            Some(s.region_uk.as_str()),
            Some(s.region_latin.as_str()),
            s.raion_uk.as_deref(),
            s.raion_latin.as_deref(),
            Some(kind_words(&s.kind)),
        ]
        .into_iter()
        .flatten()
        {
            b.add(doc, PLACE, 0, place);
        }
        if let Some(p) = profiles.get(&i) {
            for text in [&p.about, &p.why_partner, &p.economy, &p.seeking.note] {
                for t in text.all() {
                    b.add(doc, TEXT, 0, t);
                }
            }
            for o in &p.offers {
                b.add(doc, TEXT, 0, &theme_words(o.theme));
                for t in o.title.all().chain(o.text.all()) {
                    b.add(doc, TEXT, 0, t);
                }
            }
            for pr in &p.projects {
                b.add(doc, TEXT, 0, &theme_words(pr.theme));
                for t in pr.title.all().chain(pr.description.all()) {
                    b.add(doc, TEXT, 0, t);
                }
            }
            for partner in &p.partners {
                b.add(doc, TEXT, 0, &partner.name);
            }
        }
    }
    b.build()
}

/// The values an entry has for a filter (several for themes, countries, languages).
fn values<'a>(e: &'a Entry, filter: &str) -> &'a [String] {
    FILTERS
        .iter()
        .position(|f| *f == filter)
        .and_then(|i| e.facets.get(i))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn compute_values<'a>(e: &'a Entry, filter: &str) -> Vec<&'a str> {
    let s = &e.summary;
    match filter {
        "oblast" => vec![e.region_slug.as_str()],
        "raion" => vec![e.raion_code.as_str()],
        "kind" => vec![s.kind.as_str()],
        "pop" => population_band(s.population).into_iter().collect(),
        "offers" => s.offers.iter().map(|t| t.key()).collect(),
        "needs" => s.needs.iter().map(|t| t.key()).collect(),
        "situation" => s.situation.map(|x| x.key()).into_iter().collect(),
        "seeks" => e.seeks.iter().map(String::as_str).collect(),
        "partners" => {
            let mut v = Vec::new();
            if s.partners > 0 {
                v.push("has");
            }
            if s.seeking {
                v.push("seeking");
            }
            v
        }
        "trust" => {
            let mut v = Vec::new();
            if s.claimed {
                v.push("claimed");
            }
            if s.verified {
                v.push("verified");
            }
            v
        }
        "lang_spoken" => e.languages.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Ukrainian alphabetical order (і, ї, є and ґ where Ukrainian puts them, not where Unicode does).
fn collation_key(s: &str, ukrainian: bool) -> Vec<u32> {
    const ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            if ukrainian {
                if let Some(i) = ALPHABET.chars().position(|a| a == c) {
                    return 0x10000 + i as u32;
                }
            }
            c as u32
        })
        .collect()
}

impl Snapshot {
    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.by_slug.get(slug).map(|&i| &self.entries[i])
    }

    fn via(&self, e: &Entry, (class, aux): (u8, u32)) -> Option<Via> {
        let v = |kind: &str, uk: &str, latin: &str| {
            Some(Via {
                kind: kind.into(),
                name_uk: uk.into(),
                name_latin: latin.into(),
            })
        };
        match class {
            NAME if aux >= PROFILE_NAME_AUX => e
                .profile_names
                .get((aux - PROFILE_NAME_AUX) as usize)
                .and_then(|n| v("other_name", n, n)),
            NAME if aux >= OTHER_NAME_AUX => e
                .aliases
                .get((aux - OTHER_NAME_AUX) as usize)
                .and_then(|n| v("other_name", n, n)),
            NAME => None,
            SETTLEMENT => e
                .settlements
                .get(aux as usize)
                .and_then(|(uk, latin)| v("settlement", uk, latin)),
            PLACE => v("place", "", ""),
            _ => v("text", "", ""),
        }
    }

    /// Matches best first, with the raw (class, aux) of what matched: turned into text only
    /// for the rows shown.
    fn ranked(&self, q: &str) -> Vec<(usize, Rank, (u8, u32))> {
        let mut hits: Vec<_> = self
            .index
            .search(q, true)
            .into_iter()
            .map(|h| (h.doc as usize, h.rank, h.via))
            .collect();
        hits.sort_by(|a, b| {
            let (ea, eb) = (&self.entries[a.0], &self.entries[b.0]);
            a.1.cmp(&b.1)
                .then(eb.summary.population.cmp(&ea.summary.population))
                .then(ea.code.cmp(&eb.code))
        });
        hits
    }

    /// The best `limit` matches (the type-ahead).
    pub fn top(&self, q: &str, limit: usize) -> Vec<CommunitySummary> {
        self.ranked(q)
            .into_iter()
            .take(limit)
            .map(|(i, _, via)| {
                let e = &self.entries[i];
                let mut s = e.summary.clone();
                s.via = self.via(e, via);
                s
            })
            .collect()
    }

    /// The matching entries, filtered and sorted, with the facet counts when asked for.
    #[allow(clippy::type_complexity)]
    fn select<'a>(
        &'a self,
        q: &CatalogueQuery,
        with_facets: bool,
    ) -> (
        Vec<(usize, Option<(u8, u32)>)>,
        HashMap<&'a str, HashMap<&'a str, usize>>,
    ) {
        // Candidates in relevance order (codifier order, occupied last, without a query).
        let candidates: Vec<(usize, Option<(u8, u32)>)> = if q.q.trim().is_empty() {
            (0..self.entries.len()).map(|i| (i, None)).collect()
        } else {
            self.ranked(&q.q)
                .into_iter()
                .map(|(i, _, via)| (i, Some(via)))
                .collect()
        };

        let active: Vec<(&str, &str)> = FILTERS
            .iter()
            .map(|f| (*f, q.filter(f)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let mut counts: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
        let mut matched = Vec::new();
        for (i, via) in candidates {
            let e = &self.entries[i];
            let failing: Vec<&str> = active
                .iter()
                .filter(|(f, v)| !values(e, f).iter().any(|x| x == v))
                .map(|(f, _)| *f)
                .collect();
            // A facet counts what choosing each of its values would give, the others kept.
            // Only result pages show facets; exports and maps skip the counting.
            let dims: &[&str] = match failing.as_slice() {
                _ if !with_facets => &[],
                [] => &FILTERS,
                [one] => std::slice::from_ref(one),
                _ => &[],
            };
            for &d in dims {
                let c = counts.entry(d).or_default();
                for v in values(e, d) {
                    if !v.is_empty() {
                        *c.entry(v.as_str()).or_default() += 1;
                    }
                }
            }
            if failing.is_empty() {
                matched.push((i, via));
            }
        }

        let ukrainian = q.lang.is_empty() || q.lang == "uk";
        match Sort::from_key(&q.sort) {
            Sort::Relevance => {}
            Sort::Name => matched.sort_by_cached_key(|(i, _)| {
                let s = &self.entries[*i].summary;
                collation_key(
                    if ukrainian { &s.name_uk } else { &s.name_latin },
                    ukrainian,
                )
            }),
            Sort::Population => matched.sort_by_key(|(i, _)| {
                std::cmp::Reverse(self.entries[*i].summary.population.unwrap_or(-1))
            }),
            Sort::Updated => matched.sort_by(|(a, _), (b, _)| {
                let (a, b) = (&self.entries[*a].summary, &self.entries[*b].summary);
                b.updated_at
                    .cmp(&a.updated_at)
                    .then(b.population.cmp(&a.population))
            }),
        }

        (matched, counts)
    }

    pub fn query(&self, q: &CatalogueQuery) -> CatalogueResult {
        let (matched, counts) = self.select(q, true);
        let total = matched.len();
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = q.page.clamp(1, pages);
        let items = matched
            .into_iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|(i, via)| {
                let e = &self.entries[i];
                let mut s = e.summary.clone();
                s.via = via.and_then(|v| self.via(e, v));
                s
            })
            .collect();
        CatalogueResult {
            total,
            page,
            per_page: PER_PAGE,
            items,
            facets: self.facets(q, counts),
        }
    }

    /// Every row of a filtered, sorted result (for exports and the map).
    pub fn all(&self, q: &CatalogueQuery) -> Vec<CommunitySummary> {
        self.select(q, false)
            .0
            .into_iter()
            .map(|(i, via)| {
                let e = &self.entries[i];
                let mut s = e.summary.clone();
                s.via = via.and_then(|v| self.via(e, v));
                s
            })
            .collect()
    }

    /// The results on a map: markers grouped by grid cell at the query's zoom level.
    pub fn map(&self, q: &CatalogueQuery) -> MapView {
        // By reference: cloning every matching row for a map was most of a page's cost.
        let matched = self.select(q, false).0;
        let all: Vec<&CommunitySummary> = matched
            .iter()
            .map(|(i, _)| &self.entries[*i].summary)
            .collect();
        let bounds = q.map_bounds();
        let (s, n, w, e) = bounds;
        // A 16-column grid: every marker sits at the centre of its cell, so markers never come
        // closer than a cell (at least 24 px on screen, WCAG 2.2 target size).
        let cell = (e - w) / 16.0;
        let mut cells: std::collections::BTreeMap<(i64, i64), Vec<&CommunitySummary>> =
            Default::default();
        for &c in &all {
            if c.lat < s || c.lat > n || c.lon < w || c.lon > e {
                continue;
            }
            let key = (((c.lat - s) / cell) as i64, ((c.lon - w) / cell) as i64);
            cells.entry(key).or_default().push(c);
        }
        let mut shown = 0;
        let clusters = cells
            .into_iter()
            .map(|((row, col), members)| {
                shown += members.len();
                let count = members.len();
                // A cluster is named after its largest community.
                let top = members
                    .iter()
                    .max_by_key(|c| c.population.unwrap_or(0))
                    .expect("non-empty cell");
                Cluster {
                    lat: s + (row as f64 + 0.5) * cell,
                    lon: w + (col as f64 + 0.5) * cell,
                    count,
                    slug: (count == 1).then(|| top.slug.clone()),
                    name_uk: top.name_uk.clone(),
                    name_latin: top.name_latin.clone(),
                }
            })
            .collect();
        MapView {
            total: all.len(),
            shown,
            z: q.z,
            bounds,
            clusters,
        }
    }

    fn facets(
        &self,
        q: &CatalogueQuery,
        counts: HashMap<&str, HashMap<&str, usize>>,
    ) -> Vec<Facet> {
        let count = |f: &str, v: &str| counts.get(f).and_then(|c| c.get(v)).copied().unwrap_or(0);
        let coded = |f: &str, keys: &mut dyn Iterator<Item = &str>| Facet {
            name: f.to_string(),
            values: keys
                .map(|k| FacetValue {
                    value: k.to_string(),
                    count: count(f, k),
                    label_uk: String::new(),
                    label_latin: String::new(),
                })
                .collect(),
        };
        let mut out = Vec::new();
        // Oblasts, and the raions of the chosen oblast, by name.
        let mut oblasts: Vec<(&Entry, usize)> = Vec::new();
        let mut raions: Vec<(&Entry, usize)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in &self.entries {
            if seen.insert(("o", e.region_slug.as_str())) {
                oblasts.push((e, count("oblast", &e.region_slug)));
            }
            if e.region_slug == q.oblast
                && !e.raion_code.is_empty()
                && seen.insert(("r", e.raion_code.as_str()))
            {
                raions.push((e, count("raion", &e.raion_code)));
            }
        }
        oblasts.sort_by_key(|(e, _)| collation_key(&e.summary.region_uk, true));
        raions
            .sort_by_key(|(e, _)| collation_key(e.summary.raion_uk.as_deref().unwrap_or(""), true));
        out.push(Facet {
            name: "oblast".into(),
            values: oblasts
                .into_iter()
                .map(|(e, n)| FacetValue {
                    value: e.region_slug.clone(),
                    count: n,
                    label_uk: e.summary.region_uk.clone(),
                    label_latin: e.summary.region_latin.clone(),
                })
                .collect(),
        });
        out.push(Facet {
            name: "raion".into(),
            values: raions
                .into_iter()
                .map(|(e, n)| FacetValue {
                    value: e.raion_code.clone(),
                    count: n,
                    label_uk: e.summary.raion_uk.clone().unwrap_or_default(),
                    label_latin: e.summary.raion_latin.clone().unwrap_or_default(),
                })
                .collect(),
        });
        out.push(coded(
            "kind",
            &mut ["urban", "settlement", "rural"].into_iter(),
        ));
        out.push(coded("pop", &mut POPULATION_BANDS.iter().map(|b| b.0)));
        out.push(coded("offers", &mut Theme::ALL.iter().map(|t| t.key())));
        out.push(coded("needs", &mut Theme::ALL.iter().map(|t| t.key())));
        out.push(coded(
            "situation",
            &mut Situation::ALL.iter().map(|s| s.key()),
        ));
        for f in ["seeks", "lang_spoken"] {
            let mut v: Vec<(&str, usize)> = counts
                .get(f)
                .map(|c| c.iter().map(|(k, n)| (*k, *n)).collect())
                .unwrap_or_default();
            let chosen = q.filter(f);
            if !chosen.is_empty() && !v.iter().any(|(k, _)| *k == chosen) {
                v.push((chosen, 0));
            }
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            out.push(coded(f, &mut v.into_iter().map(|(k, _)| k)));
        }
        out.push(coded("partners", &mut ["has", "seeking"].into_iter()));
        out.push(coded("trust", &mut ["claimed", "verified"].into_iter()));
        out
    }
}
