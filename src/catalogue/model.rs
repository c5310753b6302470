//! The catalogue's types, shared by the server and the browser: a community as the catalogue
//! lists it, as its page shows it, and the home page's counts.

use crate::identity::Slug;
use crate::profiles::model::{Profile, Situation, Theme, Trust};
use serde::{Deserialize, Serialize};

/// Live counts for the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Stats {
    pub communities: i64,
    pub oblasts: i64,
    pub settlements: i64,
    pub municipalities: i64,
}

/// One row of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunitySummary {
    /// The KATOTTG code: the key that joins the catalogue to any other dataset.
    #[serde(default)]
    pub code: crate::identity::CommunityCode,
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    pub kind: String,
    pub region_kind: String,
    pub region_uk: String,
    pub region_latin: String,
    pub raion_uk: Option<String>,
    pub raion_latin: Option<String>,
    pub occupied: bool,
    /// Stated by the community, else GeoNames' figure for its centre (see `population_is_centre`).
    #[serde(default)]
    pub population: Option<i64>,
    #[serde(default)]
    pub population_is_centre: bool,
    #[serde(default)]
    pub situation: Option<Situation>,
    #[serde(default)]
    pub offers: Vec<Theme>,
    #[serde(default)]
    pub needs: Vec<Theme>,
    #[serde(default)]
    pub partners: usize,
    #[serde(default)]
    pub seeking: bool,
    #[serde(default)]
    pub claimed: bool,
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub demo: bool,
    /// When the card was last changed (Unix seconds).
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub lat: f64,
    #[serde(default)]
    pub lon: f64,
    /// Why a search found it, when not by its own name: a settlement, the raion, the profile text.
    #[serde(default)]
    pub via: Option<Via>,
    /// How far it is from the reader's town, when results are ordered by it (kilometres).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<u32>,
}

/// What matched a search, when it was not the community's own name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Via {
    /// `settlement`, `other_name`, `place` (raion or oblast) or `text`.
    pub kind: String,
    pub name_uk: String,
    pub name_latin: String,
}

/// A settlement of a community, as the codifier lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Settlement {
    pub code: String,
    pub category: String,
    pub name_uk: String,
    pub name_latin: String,
}

/// A community as its page and the open data show it: the catalogue's summary, the official
/// details and settlements, and the card with its trust marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub summary: CommunitySummary,
    pub centre_uk: Option<String>,
    pub centre_latin: Option<String>,
    pub position_method: String,
    pub centre_population: Option<i64>,
    pub settlements: Vec<Settlement>,
    /// Names other languages and other times give the centre (GeoNames).
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub trust: Trust,
}

impl CommunityDetail {
    /// Positions not taken from the centre itself are estimates.
    pub fn approximate(&self) -> bool {
        !self.position_method.starts_with("centre")
    }
}

/// A special-status city (Kyiv, Sevastopol) is a community of its own, named without "hromada".
pub fn is_city_region(region_kind: &str) -> bool {
    region_kind == "city"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Server-rendered resources reach the browser as JSON: what is written must read back.
    #[test]
    fn community_detail_round_trips_through_json() {
        let detail = CommunityDetail {
            summary: CommunitySummary {
                code: crate::identity::CommunityCode::new("UA00000000000000001"),
                slug: Slug::new("x"),
                name_uk: "Х".into(),
                name_latin: "X".into(),
                kind: "rural".into(),
                region_kind: "oblast".into(),
                region_uk: "О".into(),
                region_latin: "O".into(),
                raion_uk: None,
                raion_latin: None,
                occupied: false,
                population: Some(5),
                population_is_centre: true,
                situation: Some(Situation::Safe),
                offers: vec![Theme::Energy],
                needs: vec![],
                partners: 1,
                seeking: true,
                claimed: true,
                verified: false,
                demo: false,
                updated_at: None,
                lat: 50.5,
                lon: 30.25,
                via: None,
                distance_km: None,
            },
            centre_uk: None,
            centre_latin: None,
            position_method: "raion".into(),
            centre_population: None,
            settlements: vec![],
            aliases: vec!["Y".into()],
            profile: Profile::default(),
            trust: Trust::default(),
        };
        let json = serde_json::to_string(&detail).unwrap();
        let back: CommunityDetail = serde_json::from_str(&json).unwrap();
        assert_eq!(back, detail);
    }
}

/// The type-ahead's answer: what was asked, and the best matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchAnswer {
    pub query: String,
    pub items: Vec<CommunitySummary>,
}
