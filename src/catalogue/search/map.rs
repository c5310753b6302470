//! The results of a search on a map: markers grouped by grid cell at the query's zoom.

use super::snapshot::Snapshot;
use crate::catalogue::model::CommunitySummary;
use crate::catalogue::query::{CatalogueQuery, Cluster, MapView};

impl Snapshot {
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
}
