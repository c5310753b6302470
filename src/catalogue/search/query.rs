//! Searching the snapshot: ranked matches, filters with facet counts, sorting and pages.

use super::snapshot::{
    values, Entry, Snapshot, NAME, OTHER_NAME_AUX, PLACE, PROFILE_NAME_AUX, SETTLEMENT,
};
use crate::catalogue::model::{CommunitySummary, Via};
use crate::catalogue::query::{
    CatalogueQuery, CatalogueResult, Facet, FacetValue, Sort, FILTERS, PER_PAGE, POPULATION_BANDS,
};
use crate::platform::search::index::Rank;
use crate::profiles::model::{Situation, Theme};
use std::collections::HashMap;

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
    pub(super) fn select<'a>(
        &'a self,
        q: &CatalogueQuery,
        with_facets: bool,
        origin: Option<(f64, f64)>,
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
        match (q.effective_sort(), origin) {
            (Sort::Near, Some(from)) => matched.sort_by_cached_key(|(i, _)| {
                let s = &self.entries[*i].summary;
                // Metres: a whole number sorts without the trouble of floats.
                (super::super::query::distance_km(from, (s.lat, s.lon)) * 1000.0) as u64
            }),
            // Without words, the first view leads with the cards a reader can decide on:
            // verified, then the most complete; the rest in the codifier's order (stable).
            (Sort::Relevance | Sort::Near, _) if q.q.trim().is_empty() => {
                matched.sort_by_key(|(i, _)| {
                    let e = &self.entries[*i];
                    (!e.summary.verified, std::cmp::Reverse(e.completeness))
                })
            }
            (Sort::Relevance | Sort::Near, _) => {}
            (Sort::Name, _) => matched.sort_by_cached_key(|(i, _)| {
                let s = &self.entries[*i].summary;
                collation_key(
                    if ukrainian { &s.name_uk } else { &s.name_latin },
                    ukrainian,
                )
            }),
            (Sort::Population, _) => matched.sort_by_key(|(i, _)| {
                std::cmp::Reverse(self.entries[*i].summary.population.unwrap_or(-1))
            }),
            (Sort::Updated, _) => matched.sort_by(|(a, _), (b, _)| {
                let (a, b) = (&self.entries[*a].summary, &self.entries[*b].summary);
                b.updated_at
                    .cmp(&a.updated_at)
                    .then(b.population.cmp(&a.population))
            }),
        }

        (matched, counts)
    }

    /// The communities of a shortlist that the catalogue knows, in the list's order.
    pub fn compare(
        &self,
        slugs: &[crate::identity::Slug],
    ) -> Vec<crate::catalogue::shortlist::Compared> {
        slugs
            .iter()
            .filter_map(|s| self.by_slug.get(s.as_str()))
            .map(|&i| {
                let e = &self.entries[i];
                crate::catalogue::shortlist::Compared {
                    summary: e.summary.clone(),
                    completeness: e.completeness,
                    seeks: e.seeks.clone(),
                    languages: e.languages.clone(),
                    urgent: e.urgent,
                }
            })
            .collect()
    }

    /// Up to `n` communities whose cards name an urgent need, the verified and most complete
    /// first (the home page shows them).
    pub fn urgent(&self, n: usize) -> Vec<CommunitySummary> {
        let mut found: Vec<&super::snapshot::Entry> =
            self.entries.iter().filter(|e| e.urgent).collect();
        found.sort_by_key(|e| (!e.summary.verified, std::cmp::Reverse(e.completeness)));
        found
            .into_iter()
            .take(n)
            .map(|e| e.summary.clone())
            .collect()
    }

    pub fn query(&self, q: &CatalogueQuery) -> CatalogueResult {
        self.query_near(q, None)
    }

    /// A result page ordered from the reader's town (`near`, resolved from the directory):
    /// each community says how far it is.
    pub fn query_near(
        &self,
        q: &CatalogueQuery,
        near: Option<crate::municipalities::model::Municipality>,
    ) -> CatalogueResult {
        let origin = near.as_ref().map(|m| (m.lat, m.lon));
        let (matched, counts) = self.select(q, true, origin);
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
                s.distance_km = origin
                    .map(|o| super::super::query::distance_km(o, (s.lat, s.lon)).round() as u32);
                s
            })
            .collect();
        CatalogueResult {
            total,
            page,
            per_page: PER_PAGE,
            items,
            facets: self.facets(q, counts),
            near,
        }
    }

    /// Every row of a filtered, sorted result (for exports and the map).
    pub fn all(&self, q: &CatalogueQuery) -> Vec<CommunitySummary> {
        self.select(q, false, None)
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
