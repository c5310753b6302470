//! Loads the committed seed files into the database: idempotent (a fingerprint of the files
//! is kept in `app_meta`, and every row is an upsert), one transaction, a few seconds.

pub mod generate;

use super::db::{placeholders, Backend, Db};
use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;
use std::io::Read;

/// The seed files, embedded so the binary runs on its own.
pub struct SeedFiles {
    pub regions: &'static [u8],
    pub raions: &'static [u8],
    pub communities: &'static [u8],
    pub settlements: &'static [u8],
    pub municipalities: &'static [u8],
}

pub const EMBEDDED: SeedFiles = SeedFiles {
    regions: include_bytes!("../../../data/seed/regions.tsv.gz"),
    raions: include_bytes!("../../../data/seed/raions.tsv.gz"),
    communities: include_bytes!("../../../data/seed/communities.tsv.gz"),
    settlements: include_bytes!("../../../data/seed/settlements.tsv.gz"),
    municipalities: include_bytes!("../../../data/seed/municipalities.tsv.gz"),
};

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {0} is damaged: {1}")]
    File(&'static str, String),
    #[error("loading {0}: {1}")]
    Table(String, sqlx::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The database already holds exactly these files.
    Unchanged,
    Loaded {
        communities: usize,
        settlements: usize,
        municipalities: usize,
    },
}

const FINGERPRINT_KEY: &str = "seed_fingerprint";

impl SeedFiles {
    fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.regions,
            self.raions,
            self.communities,
            self.settlements,
            self.municipalities,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn rows(name: &'static str, gz: &[u8], cols: usize) -> Result<Vec<Vec<String>>, SeedError> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .map_err(|e| SeedError::File(name, e.to_string()))?;
    text.lines()
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if fields.len() == cols {
                Ok(fields)
            } else {
                Err(SeedError::File(
                    name,
                    format!("expected {cols} fields, found {}: {line}", fields.len()),
                ))
            }
        })
        .collect()
}

/// How a seed column is bound.
#[derive(Clone, Copy)]
enum Col {
    Text,
    OptText,
    Int,
    OptInt,
    Real,
    OptReal,
    Bool,
}

fn bind<'q>(
    mut q: Query<'q, Any, AnyArguments<'q>>,
    kind: Col,
    v: &str,
) -> Query<'q, Any, AnyArguments<'q>> {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    q = match kind {
        Col::Text => q.bind(v.to_string()),
        Col::OptText => q.bind(opt(v)),
        Col::Int => q.bind(v.parse::<i64>().unwrap_or(0)),
        Col::OptInt => q.bind(v.parse::<i64>().ok()),
        Col::Real => q.bind(v.parse::<f64>().unwrap_or(0.0)),
        Col::OptReal => q.bind(v.parse::<f64>().ok()),
        Col::Bool => q.bind(i64::from(v == "1")),
    };
    q
}

/// Upserts rows in chunks; `columns` pairs each table column with the seed field feeding it.
async fn upsert(
    tx: &mut sqlx::Transaction<'_, Any>,
    backend: Backend,
    table: &str,
    key: &str,
    columns: &[(&str, usize, Col)],
    data: &[Vec<String>],
) -> Result<(), SeedError> {
    let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let updates: Vec<String> = names
        .iter()
        .filter(|n| !key.split(", ").any(|k| k == **n))
        .map(|n| format!("{n} = excluded.{n}"))
        .collect();
    let chunk = 10_000 / columns.len();
    for part in data.chunks(chunk) {
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {} ON CONFLICT ({key}) DO UPDATE SET {}",
            names.join(", "),
            placeholders(backend, part.len(), columns.len()),
            updates.join(", ")
        );
        // Not cached: PostgreSQL would keep the parameter types of the first chunk, where a
        // NULL gives a column no type, and refuse the next chunk's values in that position.
        let mut q = sqlx::query(&sql).persistent(false);
        for row in part {
            for &(_, field, kind) in columns {
                q = bind(q, kind, &row[field]);
            }
        }
        q.execute(&mut **tx)
            .await
            .map_err(|e| SeedError::Table(table.to_string(), e))?;
    }
    Ok(())
}

pub async fn seed(db: &Db, files: &SeedFiles) -> Result<SeedOutcome, SeedError> {
    let fingerprint = files.fingerprint();
    let current: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(FINGERPRINT_KEY)
        .fetch_optional(&db.pool)
        .await?;
    if current.as_deref() == Some(fingerprint.as_str()) {
        return Ok(SeedOutcome::Unchanged);
    }
    let regions = rows("regions", files.regions, 5)?;
    let raions = rows("raions", files.raions, 4)?;
    let communities = rows("communities", files.communities, 14)?;
    let settlements = rows("settlements", files.settlements, 8)?;
    let municipalities = rows("municipalities", files.municipalities, 11)?;

    use Col::*;
    let mut tx = db.begin_write().await?;
    upsert(
        &mut tx,
        db.backend,
        "regions",
        "code",
        &[
            ("code", 0, Text),
            ("kind", 1, Text),
            ("name_uk", 2, Text),
            ("name_latin", 3, Text),
            ("slug", 4, Text),
        ],
        &regions,
    )
    .await?;
    upsert(
        &mut tx,
        db.backend,
        "raions",
        "code",
        &[
            ("code", 0, Text),
            ("region_code", 1, Text),
            ("name_uk", 2, Text),
            ("name_latin", 3, Text),
        ],
        &raions,
    )
    .await?;
    upsert(
        &mut tx,
        db.backend,
        "communities",
        "code",
        &[
            ("code", 0, Text),
            ("slug", 1, Text),
            ("kind", 2, Text),
            ("name_uk", 3, Text),
            ("name_latin", 4, Text),
            ("region_code", 5, Text),
            ("raion_code", 6, OptText),
            ("centre_code", 7, OptText),
            ("lat", 8, Real),
            ("lon", 9, Real),
            ("position_method", 10, Text),
            ("occupied", 11, Bool),
            ("centre_population", 12, OptInt),
            ("aliases", 13, Text),
        ],
        &communities,
    )
    .await?;
    upsert(
        &mut tx,
        db.backend,
        "settlements",
        "code",
        &[
            ("code", 0, Text),
            ("community_code", 1, Text),
            ("ord", 2, Int),
            ("category", 3, Text),
            ("name_uk", 4, Text),
            ("name_latin", 5, Text),
            ("lat", 6, OptReal),
            ("lon", 7, OptReal),
        ],
        &settlements,
    )
    .await?;
    upsert(
        &mut tx,
        db.backend,
        "municipalities",
        "geonameid",
        &[
            ("geonameid", 0, Int),
            ("country", 1, Text),
            ("slug", 2, Text),
            ("name", 3, Text),
            ("ascii_name", 4, Text),
            ("admin1", 5, Text),
            ("feature_code", 6, Text),
            ("population", 7, Int),
            ("lat", 8, Real),
            ("lon", 9, Real),
            ("alt_names", 10, Text),
        ],
        &municipalities,
    )
    .await?;
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(FINGERPRINT_KEY)
    .bind(&fingerprint)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(SeedOutcome::Loaded {
        communities: communities.len(),
        settlements: settlements.len(),
        municipalities: municipalities.len(),
    })
}
