//! The registry's SQL: partnerships for the open data (no personal data in any of it).

use crate::partnerships::model::{PartnershipRecord, RegistryFilter};
use crate::platform::db::Db;
use crate::platform::guards::{Coordinator, PartnershipActor};
use sqlx::Row;

const SELECT: &str = "SELECT p.id, p.community_code, c.slug, c.name_uk, c.name_latin, \
     g.slug AS oblast, p.municipality_country, p.municipality_slug, p.municipality_name, \
     p.geonameid, p.kind, p.themes, p.signed_on, p.since_precision, p.state, p.origin, \
     p.source, p.community_part, p.partner_part, p.last_activity_at \
     FROM partnerships p JOIN communities c ON c.code = p.community_code \
     JOIN regions g ON g.code = c.region_code";

/// `($1 = '' OR …)` for each filter, bound in [`filtered`]'s order; the year as the range of its
/// start times ($7, $8; both 0 for any year).
const WHERE: &str = "($1 = '' OR p.municipality_country = $1) AND ($2 = '' OR g.slug = $2) \
     AND ($3 = '' OR p.kind = $3) AND ($4 = '' OR p.state = $4) AND ($5 = '' OR p.origin = $5) \
     AND ($6 = '' OR (',' || p.themes || ',') LIKE ('%,' || $6 || ',%')) \
     AND ($8 = 0 OR (p.since_precision <> 'unknown' AND p.signed_on >= $7 AND p.signed_on < $8))";

/// The start and end of `year` in Unix seconds (0, 0 for none or not a year).
fn year_range(year: &str) -> (i64, i64) {
    let start = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc().timestamp())
    };
    match year
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
    {
        Some(y) => (start(y).unwrap_or(0), start(y + 1).unwrap_or(0)),
        None => (0, 0),
    }
}

fn record(r: &sqlx::any::AnyRow) -> Result<PartnershipRecord, sqlx::Error> {
    let themes: String = r.try_get("themes")?;
    let precision: String = r.try_get("since_precision")?;
    let since: i64 = r.try_get("signed_on")?;
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
        since: (precision != "unknown").then_some(since),
        since_precision: precision,
        state: r.try_get("state")?,
        origin: r.try_get("origin")?,
        source: r.try_get("source")?,
        community_part: r.try_get("community_part")?,
        partner_part: r.try_get("partner_part")?,
        last_activity: r.try_get("last_activity_at")?,
    })
}

/// The ORDER BY of a sort (constants, never input).
fn order(sort: &str) -> &'static str {
    match sort {
        "oldest" => "p.since_precision = 'unknown', p.signed_on, p.id",
        "community" => "c.name_uk, p.municipality_name, p.id",
        "country" => "p.municipality_country, p.municipality_name, p.id",
        _ => "p.since_precision = 'unknown', p.signed_on DESC, p.id",
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `sql` (whose WHERE is [`WHERE`]) with the filter's values bound in their order.
fn filtered<'q>(sql: &'q str, f: &'q RegistryFilter) -> AnyQuery<'q> {
    let (from, to) = year_range(&f.year);
    sqlx::query(sql)
        .bind(&f.country)
        .bind(&f.oblast)
        .bind(&f.kind)
        .bind(&f.state)
        .bind(&f.origin)
        .bind(&f.theme)
        .bind(from)
        .bind(to)
}

/// The partnerships `f` keeps in its order: `limit` of them from `offset`, and how many
/// there are in all.
pub async fn partnerships(
    db: &Db,
    f: &RegistryFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<PartnershipRecord>, i64), sqlx::Error> {
    let count = format!(
        "SELECT COUNT(*) AS n FROM partnerships p JOIN communities c ON c.code = p.community_code \
         JOIN regions g ON g.code = c.region_code WHERE {WHERE}"
    );
    let total: i64 = filtered(&count, f)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    let page = format!(
        "{SELECT} WHERE {WHERE} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        order(&f.sort)
    );
    let rows = filtered(&page, f).fetch_all(&db.pool).await?;
    Ok((rows.iter().map(record).collect::<Result<_, _>>()?, total))
}

/// The map's lines for the partnerships `f` keeps whose both sides have a position (the
/// community's centre, the directory's place), at most `limit`.
pub async fn lines(
    db: &Db,
    f: &RegistryFilter,
    limit: i64,
) -> Result<Vec<crate::partnerships::model::MapLine>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, c.lat, c.lon, m.lat AS mlat, m.lon AS mlon, c.name_latin, \
         p.municipality_name FROM partnerships p JOIN communities c ON c.code = p.community_code \
         JOIN regions g ON g.code = c.region_code \
         JOIN municipalities m ON m.geonameid = p.geonameid WHERE {WHERE} \
         ORDER BY p.id LIMIT {limit}"
    );
    let rows = filtered(&sql, f).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let (a, b): (String, String) =
                (r.try_get("name_latin")?, r.try_get("municipality_name")?);
            Ok(crate::partnerships::model::MapLine {
                id: r.try_get("id")?,
                from: (r.try_get("lat")?, r.try_get("lon")?),
                to: (r.try_get("mlat")?, r.try_get("mlon")?),
                label: format!("{a} – {b}"),
            })
        })
        .collect()
}

/// The values the registry's filters offer: countries, oblasts (slug, Latin name) and start
/// years that have partnerships.
#[allow(clippy::type_complexity)]
pub async fn choices(
    db: &Db,
) -> Result<(Vec<String>, Vec<(String, String, String)>, Vec<i64>), sqlx::Error> {
    let countries = sqlx::query_scalar(
        "SELECT DISTINCT municipality_country FROM partnerships ORDER BY municipality_country",
    )
    .fetch_all(&db.pool)
    .await?;
    let oblasts = sqlx::query_as(
        "SELECT DISTINCT g.slug, g.name_uk, g.name_latin FROM partnerships p \
         JOIN communities c ON c.code = p.community_code JOIN regions g ON g.code = c.region_code \
         ORDER BY g.name_latin",
    )
    .fetch_all(&db.pool)
    .await?;
    let starts: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT signed_on FROM partnerships WHERE since_precision <> 'unknown'",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut years: Vec<i64> = starts
        .iter()
        .filter_map(|t| crate::lang::labels::utc_date(*t)[..4].parse().ok())
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok((countries, oblasts, years))
}

/// The partnerships of a community (by slug) or of a municipality (country and slug).
pub async fn of_side(
    db: &Db,
    community: Option<&str>,
    municipality: Option<(&str, &str)>,
) -> Result<Vec<PartnershipRecord>, sqlx::Error> {
    let rows = match (community, municipality) {
        (Some(slug), _) => {
            let sql =
                format!("{SELECT} WHERE c.slug = $1 ORDER BY p.state, p.municipality_name, p.id");
            sqlx::query(&sql)
                .bind(slug.to_string())
                .fetch_all(&db.pool)
                .await?
        }
        (None, Some((country, slug))) => {
            let sql = format!(
                "{SELECT} WHERE p.municipality_country = $1 AND p.municipality_slug = $2 \
                 ORDER BY p.state, c.name_uk, p.id"
            );
            sqlx::query(&sql)
                .bind(country.to_uppercase())
                .bind(slug.to_string())
                .fetch_all(&db.pool)
                .await?
        }
        (None, None) => return Ok(vec![]),
    };
    rows.iter().map(record).collect()
}

/// Active partnerships without a joint action since `before`, the longest quiet first (the
/// first `limit`), and how many there are: the coordinators' queue.
pub async fn quiet(
    db: &Db,
    _: &Coordinator,
    before: i64,
    limit: i64,
) -> Result<(Vec<PartnershipRecord>, i64), sqlx::Error> {
    const QUIET: &str = "p.state = 'active' AND p.last_activity_at < $1";
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM partnerships p WHERE {QUIET}"
    ))
    .bind(before)
    .fetch_one(&db.pool)
    .await?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE {QUIET} ORDER BY p.last_activity_at, p.id LIMIT {limit}"
    ))
    .bind(before)
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

/// A partnership's activity log, newest first.
pub async fn activities(
    db: &Db,
    id: &str,
) -> Result<Vec<crate::partnerships::model::Activity>, sqlx::Error> {
    let rows: Vec<(String, i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, happened_on, kind, text, amount_eur FROM partnership_activities \
         WHERE partnership_id = $1 ORDER BY happened_on DESC, created_at DESC, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, on, kind, text, amount_eur)| crate::partnerships::model::Activity {
                id,
                on,
                kind,
                text,
                amount_eur,
            },
        )
        .collect())
}

/// Records a joint action (the guard's proof: an editor of the partnership's community or a
/// coordinator); the partnership is active from it, and a later quiet spell gets its own
/// reminder.
pub async fn add_activity(
    db: &Db,
    by: &PartnershipActor,
    a: &crate::partnerships::model::Activity,
    t: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO partnership_activities (id, partnership_id, happened_on, kind, text, \
         amount_eur, added_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&a.id)
    .bind(by.partnership())
    .bind(a.on)
    .bind(&a.kind)
    .bind(&a.text)
    .bind(a.amount_eur)
    .bind(by.id())
    .bind(t)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE partnerships SET last_activity_at = CASE WHEN last_activity_at < $1 THEN $1 \
         ELSE last_activity_at END, reminded_at = NULL, \
         state = CASE WHEN state = 'dormant' THEN 'active' ELSE state END WHERE id = $2",
    )
    .bind(a.on.min(t))
    .bind(by.partnership())
    .execute(&mut *tx)
    .await?;
    crate::platform::page_cache::bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(())
}

/// Active partnerships quiet for [`DORMANT_AFTER_DAYS`] whose editors have not been reminded
/// in this quiet spell, marked reminded at `t` by the one statement that finds them: (id,
/// community code, partner name). A concurrent instance finds none of them (the guarded
/// UPDATE re-checks `reminded_at` on each row it would change).
///
/// [`DORMANT_AFTER_DAYS`]: crate::partnerships::model::DORMANT_AFTER_DAYS
pub async fn claim_dormant(
    db: &Db,
    t: i64,
) -> Result<Vec<(String, crate::identity::CommunityCode, String)>, sqlx::Error> {
    let before = t - crate::partnerships::model::DORMANT_AFTER_DAYS * 86_400;
    sqlx::query_as(
        "UPDATE partnerships SET reminded_at = $2 \
         WHERE state = 'active' AND last_activity_at < $1 AND reminded_at IS NULL \
         RETURNING id, community_code, municipality_name",
    )
    .bind(before)
    .bind(t)
    .fetch_all(&db.pool)
    .await
}

/// Keeps an uploaded list for its confirmation (lists older than `ttl` are removed first).
pub async fn keep_import(
    db: &Db,
    by: &Coordinator,
    file_name: &str,
    body: &str,
    t: i64,
    ttl: i64,
) -> Result<String, sqlx::Error> {
    let id = crate::platform::secrets::random_id();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM partnership_imports WHERE created_at < $1")
        .bind(t - ttl)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO partnership_imports (id, created_by, created_at, file_name, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(by.id())
    .bind(t)
    .bind(file_name)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An uploaded list of this coordinator's, newer than `since`: its file name and text.
pub async fn import_of(
    db: &Db,
    by: &Coordinator,
    id: &str,
    since: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT file_name, body FROM partnership_imports \
         WHERE id = $1 AND created_by = $2 AND created_at >= $3",
    )
    .bind(id)
    .bind(by.id())
    .bind(since)
    .fetch_optional(&db.pool)
    .await
}

/// Forgets a confirmed list.
pub async fn forget_import(db: &Db, by: &Coordinator, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM partnership_imports WHERE id = $1 AND created_by = $2")
        .bind(id)
        .bind(by.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Every partnership's key (community code, country, partner key): what an import checks
/// its rows against.
pub async fn keys(
    db: &Db,
) -> Result<std::collections::HashSet<(String, String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT community_code, municipality_country, partner_key FROM partnerships",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, k, p)| Some((c, k, p?)))
        .collect())
}

/// Records the matched rows of an import in one transaction; a pair the registry has
/// already is left as it is. Returns how many were created.
pub async fn record_imported(
    db: &Db,
    plans: &[crate::partnerships::import::Plan],
    by: crate::partnerships::import::Importer<'_>,
    t: i64,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut created = 0;
    for p in plans {
        let (Some(code), Some(partner)) = (&p.community, &p.partner) else {
            continue;
        };
        let (slug, geonameid) = match &partner.place {
            Some((slug, id)) => (Some(slug.clone()), Some(*id)),
            None => (None, None),
        };
        created += sqlx::query(
            "INSERT INTO partnerships (id, community_code, municipality_country, municipality_slug, \
             municipality_name, kind, themes, signed_on, created_at, origin, source, confirmed_by, \
             geonameid, partner_key, community_part, partner_part, since_precision, last_activity_at) \
             VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, 'imported', $9, $10, $11, $12, $13, $14, $15, $8) \
             ON CONFLICT (community_code, municipality_country, partner_key) DO NOTHING",
        )
        .bind(crate::platform::secrets::random_id())
        .bind(code.as_str())
        .bind(&partner.country)
        .bind(slug)
        .bind(&partner.name)
        .bind(&p.kind)
        .bind(p.since.unwrap_or(0))
        .bind(t)
        .bind(&p.source)
        .bind(by.confirmed_by())
        .bind(geonameid)
        .bind(partner.key())
        .bind(&p.community_part)
        .bind(&partner.part)
        .bind(if p.since.is_some() { "year" } else { "unknown" })
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    crate::platform::page_cache::bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(created)
}
