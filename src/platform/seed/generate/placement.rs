//! Placing every community on the map: settlements unique in their oblast give anchor
//! positions; centres are found by name (Ukrainian, then Latin) near their anchors; the rest
//! take the centroid of their placed settlements, else their raion's centre.

use super::gazetteer::{centroid, choose, cyr_key, medoid, other_names, Gazetteer};
use super::sources::{Codifier, Community};
use super::{GenError, Report};
use crate::lang::translit::romanize;
use std::collections::{BTreeMap, HashMap, HashSet};

pub(super) fn place(gaz: &Gazetteer, c: &mut Codifier) -> Result<Report, GenError> {
    let Codifier {
        region_admin1,
        raions,
        communities,
        settlements,
        community_index,
        members,
        ..
    } = c;
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
            if let Some(i) = choose(gaz, &candidates, anchor, anchors.len()) {
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
    for c in communities.iter() {
        if c.pos.is_none() {
            return Err(GenError::Data(format!(
                "community {} has no position",
                c.code
            )));
        }
        *report.entry(c.method).or_default() += 1;
    }
    Ok(report)
}
