//! The public catalogue: counts, pages of communities, one community.

use crate::error::AppError;
use crate::model::{CataloguePage, CommunityDetail, Stats};
use leptos::prelude::*;

pub const PER_PAGE: i64 = 50;

#[server(prefix = "/api", endpoint = "stats")]
pub async fn get_stats() -> Result<Stats, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::stats(&state.db).await?)
}

#[server(prefix = "/api", endpoint = "communities")]
pub async fn list_communities(page: i64) -> Result<CataloguePage, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::page(&state.db, page).await?)
}

#[server(prefix = "/api", endpoint = "community")]
pub async fn get_community(slug: String) -> Result<CommunityDetail, AppError> {
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let state = crate::server::state::app_state()?;
    queries::detail(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// How many communities were placed on the map by each method (see the seed generator).
#[server(prefix = "/api", endpoint = "placement")]
pub async fn get_placement() -> Result<Vec<(String, i64)>, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(queries::placement(&state.db).await?)
}

#[cfg(feature = "ssr")]
pub use queries::count_communities;

#[cfg(feature = "ssr")]
pub mod queries {
    use super::PER_PAGE;
    use crate::model::{CataloguePage, CommunityDetail, CommunitySummary, Stats};
    use crate::server::db::{flag, Db};
    use sqlx::any::AnyRow;
    use sqlx::{FromRow, Row};

    // Written out because the Any driver has no boolean type: flags are stored as 0/1.
    impl FromRow<'_, AnyRow> for CommunitySummary {
        fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
            Ok(CommunitySummary {
                slug: row.try_get("slug")?,
                name_uk: row.try_get("name_uk")?,
                name_latin: row.try_get("name_latin")?,
                kind: row.try_get("kind")?,
                region_kind: row.try_get("region_kind")?,
                region_uk: row.try_get("region_uk")?,
                region_latin: row.try_get("region_latin")?,
                raion_uk: row.try_get("raion_uk")?,
                raion_latin: row.try_get("raion_latin")?,
                occupied: flag(row, "occupied")?,
            })
        }
    }

    impl FromRow<'_, AnyRow> for CommunityDetail {
        fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
            Ok(CommunityDetail {
                summary: CommunitySummary::from_row(row)?,
                code: row.try_get("code")?,
                centre_uk: row.try_get("centre_uk")?,
                centre_latin: row.try_get("centre_latin")?,
                lat: row.try_get("lat")?,
                lon: row.try_get("lon")?,
                position_method: row.try_get("position_method")?,
                centre_population: row.try_get("centre_population")?,
                settlements: Vec::new(),
            })
        }
    }

    pub async fn count_communities(db: &Db) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM communities")
            .fetch_one(&db.pool)
            .await
    }

    pub async fn stats(db: &Db) -> Result<Stats, sqlx::Error> {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM communities) AS communities, \
                    (SELECT COUNT(*) FROM regions WHERE kind = 'oblast') AS oblasts, \
                    (SELECT COUNT(*) FROM settlements WHERE category <> 'B') AS settlements, \
                    (SELECT COUNT(*) FROM municipalities) AS municipalities",
        )
        .fetch_one(&db.pool)
        .await
    }

    pub async fn placement(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT position_method, COUNT(*) AS n FROM communities \
             GROUP BY position_method ORDER BY COUNT(*) DESC, position_method",
        )
        .fetch_all(&db.pool)
        .await
    }

    const SUMMARY_FROM: &str = "FROM communities c JOIN regions r ON r.code = c.region_code \
        LEFT JOIN raions ra ON ra.code = c.raion_code";

    const SUMMARY_COLUMNS: &str =
        "c.slug, c.name_uk, c.name_latin, c.kind, r.kind AS region_kind, \
        r.name_uk AS region_uk, r.name_latin AS region_latin, \
        ra.name_uk AS raion_uk, ra.name_latin AS raion_latin, c.occupied";

    /// Page `page` (1-based, clamped) in codifier order, occupied communities last.
    pub async fn page(db: &Db, page: i64) -> Result<CataloguePage, sqlx::Error> {
        let total = count_communities(db).await?;
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        let page = page.clamp(1, pages);
        let items: Vec<CommunitySummary> = sqlx::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} \
             ORDER BY c.occupied, c.code LIMIT $1 OFFSET $2"
        ))
        .bind(PER_PAGE)
        .bind((page - 1) * PER_PAGE)
        .fetch_all(&db.pool)
        .await?;
        Ok(CataloguePage {
            total,
            page,
            per_page: PER_PAGE,
            items,
        })
    }

    pub async fn detail(db: &Db, slug: &str) -> Result<Option<CommunityDetail>, sqlx::Error> {
        let found: Option<CommunityDetail> = sqlx::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS}, c.code, s.name_uk AS centre_uk, s.name_latin AS centre_latin, \
                    c.lat, c.lon, c.position_method, c.centre_population \
             {SUMMARY_FROM} LEFT JOIN settlements s ON s.code = c.centre_code \
             WHERE c.slug = $1"
        ))
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?;
        let Some(mut detail) = found else {
            return Ok(None);
        };
        detail.settlements = sqlx::query_as(
            "SELECT code, category, name_uk, name_latin FROM settlements WHERE community_code = $1 ORDER BY ord",
        )
        .bind(&detail.code)
        .fetch_all(&db.pool)
        .await?;
        Ok(Some(detail))
    }
}
