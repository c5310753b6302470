//! GeoNames' Ukrainian places, indexed per oblast by Cyrillic and loose Latin name, and the
//! arithmetic of matching names to places: keys, edit distance, distances on the globe.

use super::MAX_CENTRE_DISTANCE_KM;
use crate::lang::translit::{romanize, slugify, APOSTROPHES};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug)]
pub(super) struct Place {
    pub name: String,
    pub admin1: String,
    pub population: i64,
    pub lat: f64,
    pub lon: f64,
}

/// Cyrillic key: lower case, letters only (apostrophes, hyphens and spaces vanish).
pub(super) fn cyr_key(s: &str) -> String {
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

pub(super) fn levenshtein(a: &str, b: &str) -> usize {
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

pub(super) fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
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
pub(super) fn medoid(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    points
        .iter()
        .map(|&p| (p, points.iter().map(|&q| distance_km(p, q)).sum::<f64>()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| p)
}

pub(super) fn centroid(points: &[(f64, f64)]) -> Option<(f64, f64)> {
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
pub(super) struct Gazetteer {
    pub places: Vec<Place>,
    cyr: HashMap<(String, String), Vec<usize>>,
    latin: HashMap<String, Vec<(String, usize)>>,
    latin_by_admin: HashMap<String, Vec<(String, usize)>>,
    pub alt: Vec<Vec<String>>,
}

impl Gazetteer {
    pub fn new(places: Vec<Place>, alt: Vec<Vec<String>>) -> Self {
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

    pub fn by_cyrillic(&self, admin1: &str, name: &str) -> Vec<usize> {
        self.cyr
            .get(&(admin1.to_string(), cyr_key(name)))
            .cloned()
            .unwrap_or_default()
    }

    pub fn by_latin_exact(&self, admin1: &str, name: &str) -> Vec<usize> {
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
    pub fn by_latin(&self, admin1: &str, name: &str) -> Vec<usize> {
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
pub(super) fn choose(
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
/// The names other languages and other times give a community's centre (Lemberg, Lwów, Lvov
/// for Lviv), from GeoNames' alternate names: capitalised Latin or Cyrillic forms, without
/// airport codes, digits or the official names themselves.
pub(super) fn other_names(alt: &[String], official: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = alt
        .iter()
        .map(|a| super::clean(a))
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
#[cfg(test)]
mod tests {
    use super::*;

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
