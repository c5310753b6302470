//! The catalogue held in memory: every community with its card's facets and a word index over
//! names, settlements, places and profile text, rebuilt when the content version moves.

use crate::catalogue::model::CommunitySummary;
use crate::catalogue::query::{population_band, FILTERS};
use crate::catalogue::store;
use crate::i18n::Locale;
use crate::identity::CommunityCode;
use crate::lang::translit::{transcribe, Transcription};
use crate::platform::db::Db;
use crate::platform::page_cache::content_version;
use crate::platform::search::index::{Builder, Index};
use crate::profiles::model::{Profile, Situation, Theme, Trust};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Field classes, best first (see [`Index`]).
pub(super) const NAME: u8 = 0;
pub(super) const SETTLEMENT: u8 = 1;
pub(super) const PLACE: u8 = 2;
pub(super) const TEXT: u8 = 3;
/// `aux` numbers of class NAME: 0 Ukrainian, 1 Latin, then other names.
pub(super) const OTHER_NAME_AUX: u32 = 1000;
pub(super) const PROFILE_NAME_AUX: u32 = 2000;

pub struct Entry {
    pub summary: CommunitySummary,
    pub code: CommunityCode,
    pub region_slug: String,
    pub raion_code: String,
    pub settlements: Vec<(String, String)>,
    pub aliases: Vec<String>,
    pub profile_names: Vec<String>,
    pub seeks: Vec<String>,
    pub languages: Vec<String>,
    /// How complete its card is (per cent): the catalogue's first view leads with the best.
    pub completeness: u8,
    /// Whether its card names an urgent need.
    pub urgent: bool,
    /// The entry's values for each of [`FILTERS`], computed once per snapshot.
    pub(super) facets: Vec<Vec<String>>,
}

pub struct Snapshot {
    pub version: i64,
    pub entries: Vec<Entry>,
    /// The oblasts' names on the map (`map::region_labels`).
    pub(super) regions: Vec<crate::catalogue::query::RegionLabel>,
    pub(super) index: Index,
    pub(super) by_slug: HashMap<String, usize>,
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

impl Catalogue {
    /// The snapshot matching the database now, rebuilt first if a profile changed.
    pub async fn current(&self, db: &Db) -> Result<Arc<Snapshot>, sqlx::Error> {
        let v = content_version(db).await?;
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
    let version = content_version(db).await?;
    let rows = store::index_rows(db).await?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut by_code: HashMap<CommunityCode, usize> = HashMap::new();
    for row in rows {
        let mut summary = CommunitySummary {
            code: row.code.clone(),
            slug: row.slug,
            name_uk: row.name_uk,
            name_latin: row.name_latin,
            kind: row.kind,
            region_kind: row.region_kind,
            region_uk: row.region_uk,
            region_latin: row.region_latin,
            raion_uk: row.raion_uk,
            raion_latin: row.raion_latin,
            occupied: row.occupied,
            population: row.centre_population,
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
            lat: row.lat,
            lon: row.lon,
            via: None,
            distance_km: None,
        };
        summary.situation = summary.occupied.then_some(Situation::Occupied);
        by_code.insert(row.code.clone(), entries.len());
        entries.push(Entry {
            summary,
            code: row.code,
            region_slug: row.region_slug,
            raion_code: row.raion_code.unwrap_or_default(),
            settlements: Vec::new(),
            aliases: row
                .aliases
                .split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            profile_names: Vec::new(),
            seeks: Vec::new(),
            languages: Vec::new(),
            completeness: 0,
            urgent: false,
            facets: Vec::new(),
        });
    }
    for (code, name_uk, name_latin) in store::settlement_names(db).await? {
        if let Some(&i) = by_code.get(&code) {
            entries[i].settlements.push((name_uk, name_latin));
        }
    }
    let cities: std::collections::HashSet<usize> = store::city_centred(db)
        .await?
        .iter()
        .filter_map(|c| by_code.get(c).copied())
        .collect();
    drop_borrowed_aliases(&mut entries, &cities);
    let mut profiles: HashMap<usize, Profile> = HashMap::new();
    for (code, card) in crate::profiles::store::all(db).await? {
        let Some(&i) = by_code.get(&code) else {
            continue;
        };
        let (profile, trust) = match card {
            Ok(card) => card,
            Err(e) => {
                tracing::error!(community = %code, error = %e, "unreadable profile skipped");
                continue;
            }
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
        .map(|(i, e)| (e.summary.slug.to_string(), i))
        .collect();
    let regions = super::map::region_labels(&entries);
    Ok(Snapshot {
        version,
        regions,
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
    s.updated_at = trust.updated_at;
    e.profile_names = p.other_names.iter().map(|n| n.name.clone()).collect();
    e.seeks = p.seeking.countries.clone();
    e.languages = p
        .contacts
        .iter()
        .flat_map(|c| c.languages.clone())
        .collect();
    e.languages.sort();
    e.languages.dedup();
    e.completeness = p.completeness();
    e.urgent = p.projects.iter().any(|x| x.urgent);
}

/// Drops the other names a community took from a city nearby: the gazetteer sometimes
/// matched a village centre with the city (Novooleksandrivka near Melitopol carried
/// "Мелітополь", "Melitopol'", "Melitopoli" and outranked the city's own community). When a
/// community not centred on a city has another name that is the name of another
/// community's city centre, all its other names came from that wrong match; none is kept.
/// (Cities keep theirs: Ivano-Frankivsk stays "Stanislav" though a village is so named.)
fn drop_borrowed_aliases(entries: &mut [Entry], cities: &std::collections::HashSet<usize>) {
    use crate::platform::search::fold::fold;
    let centre = |e: &Entry| {
        e.settlements
            .first()
            .map(|(uk, latin)| (fold(uk), fold(latin)))
    };
    let mut city_names: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let (true, Some((uk, latin))) = (cities.contains(&i), centre(e)) {
            city_names.entry(uk).or_insert(i);
            city_names.entry(latin).or_insert(i);
        }
    }
    for (i, e) in entries.iter_mut().enumerate() {
        if cities.contains(&i) {
            continue;
        }
        let own = centre(e);
        let borrowed = e.aliases.iter().any(|a| {
            let a = fold(a);
            let mine = own
                .as_ref()
                .is_some_and(|(uk, latin)| *uk == a || *latin == a);
            !mine && city_names.get(&a).is_some_and(|&j| j != i)
        });
        if borrowed {
            tracing::debug!(community = %e.summary.slug, "other names of a city nearby dropped");
            e.aliases.clear();
        }
    }
}

fn theme_words(t: Theme) -> String {
    use leptos_i18n::Locale as _;
    Locale::get_all()
        .iter()
        .map(|l| crate::profiles::labels::theme_label(*l, t))
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
            for system in Transcription::ALL {
                b.add(doc, SETTLEMENT, j as u32, &transcribe(uk, system));
            }
        }
        // The German, Polish and French spellings of the name ("Tschernihiwska").
        for system in Transcription::ALL {
            b.add_name(doc, 0, &transcribe(&s.name_uk, system));
        }
        for name in super::super::labels::oblast_names(&s.region_latin) {
            b.add(doc, PLACE, 0, name);
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
pub(super) fn values<'a>(e: &'a Entry, filter: &str) -> &'a [String] {
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

impl Snapshot {
    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.by_slug.get(slug).map(|&i| &self.entries[i])
    }
}
