//! The directory's SQL: every municipality, read once to build the index.

use super::model::Municipality;
use crate::platform::db::Db;
use sqlx::Row;

/// Every municipality with its ASCII name and its other names (`|`-separated).
pub async fn all(db: &Db) -> Result<Vec<(Municipality, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT geonameid, country, slug, name, ascii_name, admin1, population, lat, lon, alt_names \
         FROM municipalities ORDER BY geonameid",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let m = Municipality {
                geonameid: row.try_get("geonameid")?,
                country: row.try_get("country")?,
                slug: row.try_get("slug")?,
                name: row.try_get("name")?,
                admin1: row.try_get("admin1")?,
                population: row.try_get("population")?,
                lat: row.try_get("lat")?,
                lon: row.try_get("lon")?,
                via: None,
            };
            Ok((m, row.try_get("ascii_name")?, row.try_get("alt_names")?))
        })
        .collect()
}
