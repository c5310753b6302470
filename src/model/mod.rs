//! Types shared by the server and the browser.

pub mod translit;

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
    pub slug: String,
    pub name_uk: String,
    pub name_latin: String,
    pub kind: String,
    pub region_kind: String,
    pub region_uk: String,
    pub region_latin: String,
    pub raion_uk: Option<String>,
    pub raion_latin: Option<String>,
    pub occupied: bool,
}

/// A page of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub items: Vec<CommunitySummary>,
}

impl CataloguePage {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
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

/// Everything known of a community so far: official data only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub summary: CommunitySummary,
    pub code: String,
    pub centre_uk: Option<String>,
    pub centre_latin: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub position_method: String,
    pub centre_population: Option<i64>,
    pub settlements: Vec<Settlement>,
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
