//! Addresses: the romanized name (`lvivska`), namesakes with their raion
//! (`andriivska-bakhchysaraiskyi`), within one raion with their oblast and code; European
//! municipalities by name within their country, the largest namesake taking the plain slug.

use super::sources::Codifier;
use super::GenError;
use crate::lang::translit::slugify;
use std::collections::{HashMap, HashSet};

/// Every community's slug, in the codifier's order.
pub(super) fn communities(c: &Codifier) -> Result<Vec<String>, GenError> {
    let Codifier {
        regions,
        raions,
        communities,
        ..
    } = c;
    let raion_names: HashMap<&str, &str> = raions
        .iter()
        .map(|(c, _, n)| (c.as_str(), n.as_str()))
        .collect();
    let region_names: HashMap<&str, &str> = regions
        .iter()
        .map(|(c, _, n)| (c.as_str(), n.as_str()))
        .collect();
    let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in communities.iter().enumerate() {
        by_base.entry(slugify(&c.name)).or_default().push(i);
    }
    let mut slugs = vec![String::new(); communities.len()];
    for (base, group) in &by_base {
        for &i in group {
            let c = &communities[i];
            slugs[i] = if group.len() == 1 {
                base.clone()
            } else {
                let raion = c
                    .raion
                    .as_deref()
                    .and_then(|r| raion_names.get(r))
                    .copied()
                    .unwrap_or("");
                let same_raion = group
                    .iter()
                    .filter(|&&j| communities[j].raion == c.raion)
                    .count();
                if same_raion == 1 && !raion.is_empty() {
                    format!("{base}-{}", slugify(raion))
                } else {
                    format!(
                        "{base}-{}-{}",
                        slugify(region_names[c.region.as_str()]),
                        c.code.to_lowercase()
                    )
                }
            };
        }
    }
    let unique: HashSet<&String> = slugs.iter().collect();
    if unique.len() != slugs.len() {
        return Err(GenError::Data("community slugs are not unique".into()));
    }
    Ok(slugs)
}
