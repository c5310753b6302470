//! European municipalities (GeoNames, about 86,000): a type-ahead by any of their names.
//! The directory only changes with the seed data, so the index is built once per process.

use super::model::Municipality;
use crate::platform::db::Db;
use crate::platform::search::index::{Builder, Index};

pub struct Places {
    pub items: Vec<Municipality>,
    alt: Vec<Vec<String>>,
    index: Index,
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Places({})", self.items.len())
    }
}

/// Indexes the directory by every name of every place.
pub async fn load(db: &Db) -> Result<Places, sqlx::Error> {
    let rows = super::store::all(db).await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut alt = Vec::with_capacity(rows.len());
    let mut b = Builder::default();
    for (i, (m, ascii, names)) in rows.into_iter().enumerate() {
        let doc = i as u32;
        b.add_name(doc, 0, &m.name);
        if ascii != m.name {
            b.add_name(doc, 0, &ascii);
        }
        let others: Vec<String> = names
            .split('|')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        for (j, n) in others.iter().enumerate() {
            b.add(doc, 1, j as u32 + 1, n);
        }
        items.push(m);
        alt.push(others);
    }
    Ok(Places {
        items,
        alt,
        index: b.build(),
    })
}

impl Places {
    /// The municipality at `/m/{country}/{slug}`.
    pub fn find(&self, country: &str, slug: &str) -> Option<&Municipality> {
        self.items
            .iter()
            .find(|m| m.country.eq_ignore_ascii_case(country) && m.slug == slug)
    }

    /// The municipality with GeoNames id `id`.
    pub fn by_id(&self, id: i64) -> Option<&Municipality> {
        self.items.iter().find(|m| m.geonameid == id)
    }

    /// The municipalities of `country` one of whose names is `name` (whole, in any case,
    /// with or without diacritics).
    pub fn exact(&self, name: &str, country: &str) -> Vec<&Municipality> {
        use crate::platform::search::fold::fold;
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Municipality> = Vec::new();
        for h in self.index.search(name, false) {
            let i = h.doc as usize;
            let m = &self.items[i];
            if m.country.eq_ignore_ascii_case(country)
                && (fold(&m.name) == wanted || self.alt[i].iter().any(|a| fold(a) == wanted))
                && !found.iter().any(|f| f.geonameid == m.geonameid)
            {
                found.push(m);
            }
        }
        found
    }

    /// The municipality a reader means by `typed`: a name in any language ("Lüneburg",
    /// "Breslau"), optionally with its country after a comma ("Frankfurt (Oder), DE",
    /// "Frankfurt, Germany"); the best match, the most populous among equals.
    pub fn resolve(&self, typed: &str) -> Option<Municipality> {
        let typed = typed.trim();
        let (name, country) = match typed.rsplit_once(',') {
            Some((n, c)) => match crate::lang::names::country_code(c.trim()) {
                Some(code) => (n.trim(), code),
                None => (typed, ""),
            },
            None => (typed, ""),
        };
        // A place called exactly so (by any of its names) before one whose name only starts
        // so ("Krakau" is Kraków, not Krakaudorf); the most populous of those.
        use crate::platform::search::fold::fold;
        let wanted = fold(name);
        let found = self.search(name, country, 20);
        found
            .iter()
            .filter(|m| {
                fold(&m.name) == wanted || m.via.as_deref().map(fold) == Some(wanted.clone())
            })
            .max_by_key(|m| m.population)
            .cloned()
            .or_else(|| found.into_iter().next())
    }

    /// The best `limit` municipalities for what the reader typed, optionally in one country.
    pub fn search(&self, q: &str, country: &str, limit: usize) -> Vec<Municipality> {
        let mut hits = self.index.search(q, true);
        if !country.is_empty() {
            hits.retain(|h| {
                self.items[h.doc as usize]
                    .country
                    .eq_ignore_ascii_case(country)
            });
        }
        let order = |a: &crate::platform::search::index::Hit,
                     b: &crate::platform::search::index::Hit| {
            a.rank.cmp(&b.rank).then(
                self.items[b.doc as usize]
                    .population
                    .cmp(&self.items[a.doc as usize].population),
            )
        };
        // Only the best few are shown: select them, then sort just those.
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits.into_iter()
            .take(limit)
            .map(|h| {
                let mut m = self.items[h.doc as usize].clone();
                if h.via.0 == 1 {
                    m.via = self.alt[h.doc as usize].get(h.via.1 as usize - 1).cloned();
                }
                m
            })
            .collect()
    }
}
