//! The statistics' SQL: counts over the registry and the pipeline (no personal data).

use crate::platform::db::Db;

/// Partnerships by partner country, most first.
pub async fn by_country(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT municipality_country, COUNT(*) AS n FROM partnerships \
         GROUP BY municipality_country ORDER BY n DESC, municipality_country",
    )
    .fetch_all(&db.pool)
    .await
}

/// Partnerships by oblast (slug, Ukrainian and Latin names), most first.
pub async fn by_oblast(db: &Db) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.slug, g.name_uk, g.name_latin, COUNT(*) AS n FROM partnerships p \
         JOIN communities c ON c.code = p.community_code JOIN regions g ON g.code = c.region_code \
         GROUP BY g.slug, g.name_uk, g.name_latin ORDER BY n DESC, g.slug",
    )
    .fetch_all(&db.pool)
    .await
}

/// The start of every partnership dated to the day.
pub async fn dated_starts(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT signed_on FROM partnerships WHERE since_precision = 'day'")
        .fetch_all(&db.pool)
        .await
}

/// Every pair's stage events: (pair, stage reached, when), and each pair's request's
/// creation time.
pub async fn pair_events(db: &Db) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.pair_id, e.to_stage, e.at, r.created_at FROM pair_events e \
         JOIN partner_pairs p ON p.id = e.pair_id JOIN partner_requests r ON r.id = p.request_id \
         ORDER BY e.pair_id, e.at, e.seq",
    )
    .fetch_all(&db.pool)
    .await
}

/// Every partnership's community, state and last activity.
pub async fn states(
    db: &Db,
) -> Result<Vec<(crate::identity::CommunityCode, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT community_code, state, last_activity_at FROM partnerships")
        .fetch_all(&db.pool)
        .await
}
