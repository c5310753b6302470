//! The directory's shared type: a European municipality from GeoNames.

use serde::{Deserialize, Serialize};

/// A European municipality from the GeoNames directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Municipality {
    /// GeoNames' id: the key that joins the directory to any other dataset.
    #[serde(default)]
    pub geonameid: i64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub slug: String,
    pub name: String,
    pub admin1: String,
    pub population: i64,
    pub lat: f64,
    pub lon: f64,
    /// The other name a search matched (Breslau for Wrocław), if any.
    #[serde(default)]
    pub via: Option<String>,
}
