//! A catalogue search: what the reader asked (all of it fits in the URL) and what came back.

use super::model::CommunitySummary;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: usize = 50;

/// Population bands for the size filter: (key, lower bound inclusive, upper bound exclusive).
pub const POPULATION_BANDS: [(&str, i64, i64); 6] = [
    ("lt5k", 0, 5_000),
    ("5k-10k", 5_000, 10_000),
    ("10k-20k", 10_000, 20_000),
    ("20k-50k", 20_000, 50_000),
    ("50k-100k", 50_000, 100_000),
    ("gt100k", 100_000, i64::MAX),
];

pub fn population_band(population: Option<i64>) -> Option<&'static str> {
    let p = population?;
    POPULATION_BANDS
        .iter()
        .find(|(_, lo, hi)| p >= *lo && p < *hi)
        .map(|b| b.0)
}

/// Filter names, in the order the form shows them. Each is also a URL parameter.
pub const FILTERS: [&str; 11] = [
    "oblast",
    "raion",
    "kind",
    "pop",
    "offers",
    "needs",
    "situation",
    "seeks",
    "partners",
    "trust",
    "lang_spoken",
];

keyed! {
    /// How a result list is ordered.
    #[derive(Default)]
    pub enum Sort {
        #[default]
        Relevance = "relevance",
        Name = "name",
        Population = "population",
        Updated = "updated",
        /// Nearest to the reader's town (`near`) first.
        Near = "near",
    }
}

impl Sort {
    /// The order a URL's `sort=` asks for (relevance when it names none).
    pub fn of_param(k: &str) -> Sort {
        Sort::from_key(k).unwrap_or_default()
    }
}

/// The great-circle distance between two points (degrees), in kilometres.
pub fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

/// Everything that decides a result page. Empty strings mean "no filter".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueQuery {
    pub q: String,
    /// Oblast (region) slug.
    pub oblast: String,
    /// Raion KATOTTG code.
    pub raion: String,
    /// urban, settlement, rural.
    pub kind: String,
    /// One of [`POPULATION_BANDS`].
    pub pop: String,
    pub offers: String,
    pub needs: String,
    pub situation: String,
    /// ISO country code of a partner sought.
    pub seeks: String,
    /// `has` (has partners) or `seeking` (looking for one).
    pub partners: String,
    /// `claimed` or `verified`.
    pub trust: String,
    /// Language the international contact speaks.
    pub lang_spoken: String,
    pub sort: String,
    /// The reader's town, as typed (`Lüneburg`, `Frankfurt (Oder), DE`): a European
    /// municipality of the directory; the nearest communities come first.
    pub near: String,
    pub page: usize,
    /// Language the names are sorted in (`uk` sorts by Ukrainian names, others by Latin ones).
    pub lang: String,
    /// `list` (default) or `map`.
    pub view: String,
    /// Map zoom level, 0 (all of Ukraine) to [`MAX_ZOOM`].
    pub z: u8,
    /// Map centre as `lat,lon` (empty: the middle of Ukraine).
    pub at: String,
}

pub const MAX_ZOOM: u8 = 4;

/// The longest search text (`q`) read: a name and a few words fit many times over (the
/// search engine, `platform::search::index::MAX_QUERY_CHARS`, reads no more either).
pub const MAX_QUERY_CHARS: usize = 200;
/// The longest value of any other field of [`CatalogueQuery`] (slugs, codes, keys).
pub const MAX_FIELD_CHARS: usize = 100;
/// The highest page number read.
pub const MAX_PAGE: usize = 10_000;

impl CatalogueQuery {
    /// The query, if every field is within its bound (the search text within
    /// [`MAX_QUERY_CHARS`], the rest within [`MAX_FIELD_CHARS`], the page within [`MAX_PAGE`]):
    /// a made-up query cannot make the server do unbounded work.
    pub fn checked(self) -> Result<Self, crate::error::AppError> {
        use crate::error::{AppError, Problem};
        if self.q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::invalid(
                "q",
                Problem::TooLong {
                    max: MAX_QUERY_CHARS,
                },
            ));
        }
        let fields = [
            ("oblast", &self.oblast),
            ("raion", &self.raion),
            ("kind", &self.kind),
            ("pop", &self.pop),
            ("offers", &self.offers),
            ("needs", &self.needs),
            ("situation", &self.situation),
            ("seeks", &self.seeks),
            ("partners", &self.partners),
            ("trust", &self.trust),
            ("lang_spoken", &self.lang_spoken),
            ("sort", &self.sort),
            ("near", &self.near),
            ("lang", &self.lang),
            ("view", &self.view),
            ("at", &self.at),
        ];
        for (name, value) in fields {
            if value.chars().count() > MAX_FIELD_CHARS {
                return Err(AppError::invalid(
                    name,
                    Problem::TooLong {
                        max: MAX_FIELD_CHARS,
                    },
                ));
            }
        }
        if self.page > MAX_PAGE {
            return Err(AppError::invalid(
                "page",
                Problem::TooLong { max: MAX_PAGE },
            ));
        }
        Ok(self)
    }

    pub fn filter(&self, name: &str) -> &str {
        match name {
            "oblast" => &self.oblast,
            "raion" => &self.raion,
            "kind" => &self.kind,
            "pop" => &self.pop,
            "offers" => &self.offers,
            "needs" => &self.needs,
            "situation" => &self.situation,
            "seeks" => &self.seeks,
            "partners" => &self.partners,
            "trust" => &self.trust,
            "lang_spoken" => &self.lang_spoken,
            _ => "",
        }
    }

    pub fn set(&mut self, name: &str, value: String) {
        match name {
            "q" => self.q = value,
            "oblast" => self.oblast = value,
            "raion" => self.raion = value,
            "kind" => self.kind = value,
            "pop" => self.pop = value,
            "offers" => self.offers = value,
            "needs" => self.needs = value,
            "situation" => self.situation = value,
            "seeks" => self.seeks = value,
            "partners" => self.partners = value,
            "trust" => self.trust = value,
            "lang_spoken" => self.lang_spoken = value,
            "sort" => self.sort = value,
            "near" => self.near = value,
            "page" => self.page = value.parse().unwrap_or(1),
            "lang" => self.lang = value,
            "view" => self.view = value,
            "z" => self.z = value.parse::<u8>().unwrap_or(0).min(MAX_ZOOM),
            "at" => self.at = value,
            _ => {}
        }
    }

    /// Reads the query from URL parameters; unknown names are ignored, values are trimmed
    /// and cut to a sane length.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = CatalogueQuery::default();
        for (k, v) in pairs {
            let v: String = v.trim().chars().take(MAX_QUERY_CHARS).collect();
            q.set(k, v);
        }
        q
    }

    /// The URL parameters of this query, without empty ones: a shareable, canonical link.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        for f in FILTERS {
            let v = self.filter(f);
            if !v.is_empty() {
                out.push((f, v.to_string()));
            }
        }
        if !self.sort.is_empty() && self.sort != "relevance" {
            out.push(("sort", self.sort.clone()));
        }
        if !self.near.is_empty() {
            out.push(("near", self.near.clone()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        if self.view == "map" {
            out.push(("view", "map".into()));
            if self.z > 0 {
                out.push(("z", self.z.to_string()));
            }
            if !self.at.is_empty() {
                out.push(("at", self.at.clone()));
            }
        }
        out
    }

    /// `?q=…&oblast=…` (empty when there is nothing to say).
    pub fn to_query_string(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::links::encode(v)))
            .collect();
        format!("?{}", encoded.join("&"))
    }

    /// The catalogue's address for this search (without language prefix).
    pub fn href(&self) -> String {
        format!("{}{}", crate::links::CATALOGUE, self.to_query_string())
    }

    pub fn with_page(&self, page: usize) -> Self {
        CatalogueQuery {
            page,
            ..self.clone()
        }
    }

    /// The order results come in: a town named without another order (none, or relevance)
    /// asks for the nearest.
    pub fn effective_sort(&self) -> Sort {
        // "relevance" is what a form without a choice sends: no order chosen either.
        if !self.near.trim().is_empty() && (self.sort.is_empty() || self.sort == "relevance") {
            Sort::Near
        } else {
            Sort::of_param(&self.sort)
        }
    }

    pub fn has_filters(&self) -> bool {
        FILTERS.iter().any(|f| !self.filter(f).is_empty())
    }
}

/// How many results each value of a filter would give, the other filters staying as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub name: String,
    /// (value, label in Ukrainian, label in Latin script, count), in display order.
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub count: usize,
    /// For oblasts and raions: the names; for coded values, empty (the interface translates).
    pub label_uk: String,
    pub label_latin: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogueResult {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<CommunitySummary>,
    pub facets: Vec<Facet>,
    /// The reader's town the results are ordered from (`near`), when the directory knows it.
    #[serde(default)]
    pub near: Option<crate::municipalities::model::Municipality>,
}

impl CatalogueResult {
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// The whole of Ukraine: (south, north, west, east).
pub const UKRAINE: (f64, f64, f64, f64) = (44.2, 52.5, 22.0, 40.3);

/// The area `public/map/region.svg` covers (south, north, west, east): every view of
/// [`CatalogueQuery::map_bounds`] lies inside it. Kept in step with `scripts/map-region.mjs`.
pub const MAP_REGION: (f64, f64, f64, f64) = (41.9, 54.8, 17.0, 45.5);

/// An oblast's name on the map, at the middle of its communities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionLabel {
    pub lat: f64,
    pub lon: f64,
    pub region_uk: String,
    pub region_latin: String,
}

/// A marker on the results map: one community, or a cluster of several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
    /// Set for a single community.
    pub slug: Option<crate::identity::Slug>,
    pub name_uk: String,
    pub name_latin: String,
}

/// The results map at one zoom level: the visible area and its markers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub total: usize,
    pub shown: usize,
    pub z: u8,
    /// (south, north, west, east)
    pub bounds: (f64, f64, f64, f64),
    pub clusters: Vec<Cluster>,
    /// The oblasts' names inside the view.
    #[serde(default)]
    pub regions: Vec<RegionLabel>,
}

impl CatalogueQuery {
    /// The visible area at this zoom: Ukraine's extent halved per level around the centre,
    /// inside Ukraine's extent.
    pub fn map_bounds(&self) -> (f64, f64, f64, f64) {
        let (s, n, w, e) = UKRAINE;
        let scale = f64::from(1u32 << self.z.min(MAX_ZOOM));
        let (h, wd) = ((n - s) / scale, (e - w) / scale);
        let (mut lat, mut lon) = ((s + n) / 2.0, (w + e) / 2.0);
        // The view stays inside the country's extent: a centre near an edge moves inwards, so
        // no view shows an empty margin (or runs off the drawing under it).
        if let Some((a, b)) = self.at.split_once(',') {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
                lat = a.clamp(s + h / 2.0, n - h / 2.0);
                lon = b.clamp(w + wd / 2.0, e - wd / 2.0);
            }
        }
        (lat - h / 2.0, lat + h / 2.0, lon - wd / 2.0, lon + wd / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_round_trip() {
        let q = CatalogueQuery::from_pairs([
            ("q", "Біла Церква & co"),
            ("offers", "energy"),
            ("page", "3"),
            ("sort", "population"),
            ("bogus", "x"),
        ]);
        let s = q.to_query_string();
        assert_eq!(
            s,
            "?q=%D0%91%D1%96%D0%BB%D0%B0%20%D0%A6%D0%B5%D1%80%D0%BA%D0%B2%D0%B0%20%26%20co&offers=energy&sort=population&page=3"
        );
        assert_eq!(population_band(Some(12_000)), Some("10k-20k"));
        assert_eq!(population_band(None), None);
        assert_eq!(CatalogueQuery::default().to_query_string(), "");
    }

    #[test]
    fn a_town_orders_by_distance_unless_another_order_is_chosen() {
        let near = CatalogueQuery::from_pairs([("near", "Lüneburg")]);
        assert_eq!(near.effective_sort(), Sort::Near);
        assert_eq!(near.to_query_string(), "?near=L%C3%BCneburg");
        let by_name = CatalogueQuery::from_pairs([("near", "Lüneburg"), ("sort", "name")]);
        assert_eq!(by_name.effective_sort(), Sort::Name);
        let sent = CatalogueQuery::from_pairs([("near", "Lüneburg"), ("sort", "relevance")]);
        assert_eq!(sent.effective_sort(), Sort::Near);
        assert_eq!(CatalogueQuery::default().effective_sort(), Sort::Relevance);
        // Kraków to Lviv: about 290 km.
        let d = distance_km((50.06, 19.94), (49.84, 24.03));
        assert!((280.0..300.0).contains(&d), "{d}");
    }

    #[test]
    fn the_page_cache_knows_every_parameter() {
        let names = ["q", "sort", "near", "page", "lang", "view", "z", "at"];
        for name in FILTERS.iter().chain(&names) {
            let mut q = CatalogueQuery::default();
            q.set(name, "2".into());
            assert_ne!(q, CatalogueQuery::default(), "{name} is read");
            assert!(crate::links::PAGE_PARAMS.contains(name), "{name}");
        }
    }
}
