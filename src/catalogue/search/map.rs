//! The results of a search on a map: markers grouped by grid cell at the query's zoom.

use super::snapshot::{Entry, Snapshot};
use crate::catalogue::model::is_city_region;
use crate::catalogue::model::CommunitySummary;
use crate::catalogue::query::{CatalogueQuery, Cluster, MapView, RegionLabel};

impl Snapshot {
    /// The results on a map: markers grouped by grid cell at the query's zoom level.
    pub fn map(&self, q: &CatalogueQuery) -> MapView {
        // By reference: cloning every matching row for a map was most of a page's cost.
        let matched = self.select(q, false, None).0;
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
            regions: self
                .regions
                .iter()
                .filter(|r| r.lat > s && r.lat < n && r.lon > w && r.lon < e)
                .cloned()
                .collect(),
        }
    }
}

/// Each oblast's name (Crimea's too: the codifier lists its communities) at the mean position
/// of all its communities, made once per snapshot whatever the search; the cities with
/// special status are their own markers.
pub(super) fn region_labels(entries: &[Entry]) -> Vec<RegionLabel> {
    let mut sums: std::collections::BTreeMap<&str, (f64, f64, usize, &str)> = Default::default();
    for c in entries.iter().map(|e| &e.summary) {
        if is_city_region(&c.region_kind) {
            continue;
        }
        let sum =
            sums.entry(c.region_latin.as_str())
                .or_insert((0.0, 0.0, 0, c.region_uk.as_str()));
        sum.0 += c.lat;
        sum.1 += c.lon;
        sum.2 += 1;
    }
    sums.into_iter()
        .map(|(latin, (lat, lon, count, uk))| RegionLabel {
            lat: lat / count as f64,
            lon: lon / count as f64,
            region_uk: uk.to_string(),
            region_latin: latin.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::catalogue::query::{CatalogueQuery, MAP_REGION, MAX_ZOOM, UKRAINE};

    /// The drawing covers the region `MAP_REGION` says, in the maps' projection, and every
    /// view a query can ask for (centres anywhere, even outside the country) lies inside it.
    #[test]
    fn the_drawing_covers_every_view() {
        let svg = include_str!("../../../public/map/region.svg");
        let view_box = svg.split("viewBox=\"").nth(1).unwrap();
        let numbers: Vec<f64> = view_box[..view_box.find('"').unwrap()]
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let (s, n, w, e) = MAP_REGION;
        let k = 48.5f64.to_radians().cos();
        assert!((numbers[2] / numbers[3] - (e - w) * k / (n - s)).abs() < 0.005);
        assert!(svg.contains("preserveAspectRatio=\"none\""));
        let (us, un, uw, ue) = UKRAINE;
        for z in 0..=MAX_ZOOM {
            for at in [
                format!("{us},{uw}"),
                format!("{un},{ue}"),
                format!("{us},{ue}"),
                format!("{un},{uw}"),
                "91,181".to_string(),
                "-90,-180".to_string(),
            ] {
                let q = CatalogueQuery {
                    z,
                    at,
                    ..Default::default()
                };
                let (bs, bn, bw, be) = q.map_bounds();
                assert!(
                    bs >= s && bn <= n && bw >= w && be <= e,
                    "z {z}: {bs} {bn} {bw} {be}"
                );
            }
        }
    }
}
