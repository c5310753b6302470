//! Builds the committed seed files (`data/seed/*.tsv.gz`) from the official source data:
//! the KATOTTG codifier and GeoNames' European places. Run with
//! `cities4cities seed-gen --source ../shared/data --out data/seed`.
//!
//! Every hromada's administrative centre is the first settlement listed under it (the
//! codifier's convention). Its position comes from GeoNames, tried in this order:
//! 1. the centre's Ukrainian name among GeoNames' alternate names, same oblast;
//! 2. the centre's official romanization against GeoNames' Latin names, same oblast,
//!    tolerant of older spellings;
//! 3. the centroid of whichever of the community's settlements were found (approximate);
//! 4. the centre of its raion (approximate).
//!
//! When a name occurs more than once in an oblast, the candidate nearest to the community's
//! other found settlements wins; a candidate far from them is rejected as a namesake.
mod gazetteer;
mod placement;
mod slugs;
mod sources;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

/// A centre further than this from the community's other settlements is a namesake elsewhere.
const MAX_CENTRE_DISTANCE_KM: f64 = 50.0;

/// KATOTTG first-level unit (by its Ukrainian name) → GeoNames admin1 code for Ukraine.
const OBLAST_ADMIN1: [(&str, &str); 27] = [
    ("Черкаська", "01"),
    ("Чернігівська", "02"),
    ("Чернівецька", "03"),
    ("Дніпропетровська", "04"),
    ("Донецька", "05"),
    ("Івано-Франківська", "06"),
    ("Харківська", "07"),
    ("Херсонська", "08"),
    ("Хмельницька", "09"),
    ("Кіровоградська", "10"),
    ("Автономна Республіка Крим", "11"),
    ("Київ", "12"),
    ("Київська", "13"),
    ("Луганська", "14"),
    ("Львівська", "15"),
    ("Миколаївська", "16"),
    ("Одеська", "17"),
    ("Полтавська", "18"),
    ("Рівненська", "19"),
    ("Севастополь", "20"),
    ("Сумська", "21"),
    ("Тернопільська", "22"),
    ("Вінницька", "23"),
    ("Волинська", "24"),
    ("Закарпатська", "25"),
    ("Запорізька", "26"),
    ("Житомирська", "27"),
];

pub const CRIMEA_PREFIX: &str = "UA01";
pub const SEVASTOPOL_PREFIX: &str = "UA85";

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("reading {0}: {1}")]
    Io(String, std::io::Error),
    #[error("reading {0}: {1}")]
    Csv(String, csv::Error),
    #[error("{0}")]
    Data(String),
}

/// Counts of communities placed by each method, for the README and the generator's output.
pub type Report = BTreeMap<&'static str, usize>;

fn clean(s: &str) -> String {
    s.trim().replace(['\t', '\n', '\r'], " ")
}

/// Reads the sources, places the communities, gives them slugs and writes the seed files.
pub fn generate(source: &Path, out: &Path) -> Result<Report, GenError> {
    std::fs::create_dir_all(out).map_err(|e| GenError::Io(out.display().to_string(), e))?;
    let geo = sources::geonames(&source.join("geonames-europe.csv"))?;
    let gaz = gazetteer::Gazetteer::new(geo.ua_places, geo.ua_alt);
    let mut codifier = sources::katottg(&source.join("katottg.csv"))?;
    let report = placement::place(&gaz, &mut codifier)?;
    let slugs = slugs::communities(&codifier)?;
    write::files(out, &codifier, &slugs, geo.europe, &report)?;
    Ok(report)
}
