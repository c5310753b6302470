//! Reading the official sources with the `csv` crate: GeoNames' European places (the
//! Ukrainian ones become the gazetteer, the rest the directory of municipalities) and the
//! KATOTTG codifier (regions, raions, communities and their settlements, each community's
//! centre and type).

use super::gazetteer::Place;
use super::{clean, GenError, CRIMEA_PREFIX, OBLAST_ADMIN1, SEVASTOPOL_PREFIX};
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Clone, Debug)]
pub(super) struct Settlement {
    pub code: String,
    pub community: String,
    pub category: String,
    pub name: String,
    pub pos: Option<(f64, f64)>,
}

#[derive(Clone, Debug)]
pub(super) struct Community {
    pub code: String,
    pub region: String,
    pub raion: Option<String>,
    pub name: String,
    pub kind: &'static str,
    pub occupied: bool,
    pub centre: Option<usize>,
    pub pos: Option<(f64, f64)>,
    pub method: &'static str,
    pub centre_population: Option<i64>,
    pub aliases: Vec<String>,
}

/// The rows of a CSV file after its header, each at least `min` fields long.
fn rows(path: &Path, min: usize) -> Result<Vec<Vec<String>>, GenError> {
    let name = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| GenError::Csv(name.clone(), e))?;
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| GenError::Csv(name.clone(), e))?;
            let f: Vec<String> = r.iter().map(str::to_string).collect();
            if f.len() < min {
                return Err(GenError::Data(format!(
                    "{name}: row with {} fields: {}",
                    f.len(),
                    f.join(",")
                )));
            }
            Ok(f)
        })
        .collect()
}

/// GeoNames' places: the Ukrainian ones with their other names, and every other row.
pub(super) struct GeoNames {
    pub ua_places: Vec<Place>,
    pub ua_alt: Vec<Vec<String>>,
    pub europe: Vec<Vec<String>>,
}

pub(super) fn geonames(path: &Path) -> Result<GeoNames, GenError> {
    let mut ua_places = Vec::new();
    let mut ua_alt = Vec::new();
    let mut europe: Vec<Vec<String>> = Vec::new();
    for f in rows(path, 11)? {
        if f[3] == "UA" {
            ua_places.push(Place {
                name: f[1].clone(),
                admin1: f[4].clone(),
                population: f[7].parse().unwrap_or(0),
                lat: f[8].parse().unwrap_or(0.0),
                lon: f[9].parse().unwrap_or(0.0),
            });
            ua_alt.push(
                f[10]
                    .split('|')
                    .map(str::to_string)
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        } else {
            europe.push(f);
        }
    }
    Ok(GeoNames {
        ua_places,
        ua_alt,
        europe,
    })
}

/// The codifier: regions (code, kind, name), raions (code, region, name), communities and
/// settlements; each community's settlements in the codifier's order (`members`).
pub(super) struct Codifier {
    pub regions: Vec<(String, &'static str, String)>,
    pub region_admin1: HashMap<String, String>,
    pub raions: Vec<(String, String, String)>,
    pub communities: Vec<Community>,
    pub settlements: Vec<Settlement>,
    pub community_index: HashMap<String, usize>,
    pub members: HashMap<String, Vec<usize>>,
}

pub(super) fn katottg(path: &Path) -> Result<Codifier, GenError> {
    let admin1: HashMap<&str, &str> = OBLAST_ADMIN1.iter().copied().collect();
    let mut regions: Vec<(String, &'static str, String)> = Vec::new();
    let mut region_admin1: HashMap<String, String> = HashMap::new();
    let mut raions: Vec<(String, String, String)> = Vec::new();
    let mut communities: Vec<Community> = Vec::new();
    let mut settlements: Vec<Settlement> = Vec::new();
    let mut seen = HashSet::new();
    for f in rows(path, 7)? {
        let (l1, l2, l3, l4, extra, cat, name) = (
            &f[0],
            &f[1],
            &f[2],
            &f[3],
            &f[4],
            f[5].as_str(),
            clean(&f[6]),
        );
        let own = [extra, l4, l3, l2, l1]
            .into_iter()
            .find(|c| !c.is_empty())
            .cloned()
            .unwrap_or_default();
        if !seen.insert((own.clone(), cat.to_string())) {
            continue;
        }
        match cat {
            "O" | "K" => {
                let kind = match (cat, l1.starts_with(CRIMEA_PREFIX)) {
                    ("K", _) => "city",
                    (_, true) => "arc",
                    _ => "oblast",
                };
                let a1 = admin1
                    .get(name.as_str())
                    .ok_or_else(|| GenError::Data(format!("no GeoNames oblast for {name}")))?;
                region_admin1.insert(l1.clone(), a1.to_string());
                regions.push((l1.clone(), kind, name.clone()));
                if cat == "K" {
                    communities.push(Community {
                        code: l1.clone(),
                        region: l1.clone(),
                        raion: None,
                        name: name.clone(),
                        kind: "urban",
                        occupied: l1.starts_with(SEVASTOPOL_PREFIX),
                        centre: None,
                        pos: None,
                        method: "",
                        centre_population: None,
                        aliases: Vec::new(),
                    });
                }
            }
            "P" => raions.push((l2.clone(), l1.clone(), name)),
            "H" => communities.push(Community {
                code: l3.clone(),
                region: l1.clone(),
                raion: Some(l2.clone()),
                name,
                kind: "rural",
                occupied: l1.starts_with(CRIMEA_PREFIX),
                centre: None,
                pos: None,
                method: "",
                centre_population: None,
                aliases: Vec::new(),
            }),
            "M" | "T" | "X" | "C" if extra.is_empty() && !l4.is_empty() => {
                settlements.push(Settlement {
                    code: l4.clone(),
                    community: l3.clone(),
                    category: cat.to_string(),
                    name,
                    pos: None,
                })
            }
            // City districts are the settlements list of Kyiv and Sevastopol only.
            "B" if l2 == l1 => settlements.push(Settlement {
                code: extra.clone(),
                community: l1.clone(),
                category: cat.to_string(),
                name,
                pos: None,
            }),
            _ => {}
        }
    }
    let community_index: HashMap<String, usize> = communities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    let mut members: HashMap<String, Vec<usize>> = HashMap::new();
    // A few places belong to no hromada (Prypiat, in the exclusion zone, sits directly under
    // its oblast): they are not part of any community's list.
    settlements.retain(|s| community_index.contains_key(&s.community));
    for (i, s) in settlements.iter().enumerate() {
        members.entry(s.community.clone()).or_default().push(i);
    }

    // Centre and type: the first settlement listed under a hromada is its centre.
    for c in communities.iter_mut() {
        if let Some(&first) = members.get(&c.code).and_then(|m| m.first()) {
            if settlements[first].category != "B" {
                c.centre = Some(first);
                c.kind = match settlements[first].category.as_str() {
                    "M" => "urban",
                    "T" | "X" => "settlement",
                    _ => "rural",
                };
            }
        }
    }
    Ok(Codifier {
        regions,
        region_admin1,
        raions,
        communities,
        settlements,
        community_index,
        members,
    })
}
