//! The registry's SQL: partnerships for the open data (no personal data in any of it).

use crate::partnerships::model::{PartnershipRecord, RegistryFilter};
use crate::platform::db::Db;
use sqlx::Row;

const SELECT: &str = "SELECT p.id, p.community_code, c.slug, c.name_uk, c.name_latin, \
     g.slug AS oblast, p.municipality_country, p.municipality_slug, p.municipality_name, \
     p.geonameid, p.kind, p.themes, p.signed_on, p.state, p.origin, p.source \
     FROM partnerships p JOIN communities c ON c.code = p.community_code \
     JOIN regions g ON g.code = c.region_code";

/// `($1 = '' OR …)` for each filter, bound in [`bind`]'s order.
const WHERE: &str = "($1 = '' OR p.municipality_country = $1) AND ($2 = '' OR g.slug = $2) \
     AND ($3 = '' OR p.kind = $3) AND ($4 = '' OR p.state = $4) AND ($5 = '' OR p.origin = $5) \
     AND ($6 = '' OR (',' || p.themes || ',') LIKE ('%,' || $6 || ',%'))";

fn record(r: &sqlx::any::AnyRow) -> Result<PartnershipRecord, sqlx::Error> {
    let themes: String = r.try_get("themes")?;
    Ok(PartnershipRecord {
        id: r.try_get("id")?,
        community_code: r.try_get("community_code")?,
        community_slug: r.try_get("slug")?,
        community_uk: r.try_get("name_uk")?,
        community_latin: r.try_get("name_latin")?,
        oblast: r.try_get("oblast")?,
        country: r.try_get("municipality_country")?,
        municipality_slug: r.try_get("municipality_slug")?,
        municipality: r.try_get("municipality_name")?,
        geonameid: r.try_get("geonameid")?,
        kind: r.try_get("kind")?,
        themes: themes
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        since: r.try_get("signed_on")?,
        state: r.try_get("state")?,
        origin: r.try_get("origin")?,
        source: r.try_get("source")?,
    })
}

/// The partnerships `f` keeps, newest first: `limit` of them from `offset`, and how many
/// there are in all.
pub async fn partnerships(
    db: &Db,
    f: &RegistryFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<PartnershipRecord>, i64), sqlx::Error> {
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM partnerships p JOIN communities c ON c.code = p.community_code \
         JOIN regions g ON g.code = c.region_code WHERE {WHERE}"
    ))
    .bind(&f.country)
    .bind(&f.oblast)
    .bind(&f.kind)
    .bind(&f.state)
    .bind(&f.origin)
    .bind(&f.theme)
    .fetch_one(&db.pool)
    .await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE {WHERE} ORDER BY p.signed_on DESC, p.id LIMIT {limit} OFFSET {offset}"
    ))
    .bind(&f.country)
    .bind(&f.oblast)
    .bind(&f.kind)
    .bind(&f.state)
    .bind(&f.origin)
    .bind(&f.theme)
    .fetch_all(&db.pool)
    .await?;
    Ok((rows.iter().map(record).collect::<Result<_, _>>()?, total))
}

/// One partnership.
pub async fn partnership(db: &Db, id: &str) -> Result<Option<PartnershipRecord>, sqlx::Error> {
    sqlx::query(&format!("{SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(record)
        .transpose()
}
