//! Demonstration cards for a handful of communities (`data/demo/profiles.json`): loaded only
//! when asked for (`DEMO_CONTENT=1`, `cities4cities demo load`), marked as demo everywhere,
//! never over a card a community wrote, and removable.

use super::model::{Profile, Trust};
pub use super::store::remove_demo;
use super::store::{code_of, load, save, SaveError};
use crate::platform::db::Db;

/// Demonstration cards for a handful of communities (`data/demo/profiles.json`), keyed by slug.
const DEMO: &str = include_str!("../../data/demo/profiles.json");

#[derive(serde::Deserialize)]
struct DemoCard {
    slug: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    last_verified: Option<String>,
    updated_at: String,
    profile: Profile,
}

/// Loads the demonstration cards, marked as demo, over whatever those communities had —
/// but never over a card a community wrote itself. Returns how many were written.
pub async fn load_demo(db: &Db) -> Result<usize, SaveError> {
    let cards: Vec<DemoCard> = serde_json::from_str(DEMO)?;
    let mut written = 0;
    for card in cards {
        let code = code_of(db, &card.slug)
            .await?
            .ok_or_else(|| SaveError::UnknownSlug(card.slug.clone()))?;
        let stored = load(db, &code).await?;
        // A card the community wrote, or one it claimed, is never overwritten by demo content.
        if (stored.version > 0 || stored.trust.claimed) && !stored.trust.demo {
            continue;
        }
        if stored.version > 0 && stored.profile == card.profile {
            continue;
        }
        let trust = Trust {
            claimed: true,
            verified: card.verified,
            last_verified: card.last_verified.as_deref().and_then(unix_seconds),
            updated_at: unix_seconds(&card.updated_at),
            demo: true,
        };
        save(db, &code, &card.profile, &trust, stored.version).await?;
        written += 1;
    }
    Ok(written)
}

/// Unix seconds of an ISO date (`2026-05-01`) or time (`2026-05-01T10:00:00Z`), as the demo
/// file writes them.
fn unix_seconds(iso: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(iso)
        .map(|t| t.timestamp())
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_dates_read_as_unix_seconds() {
        assert_eq!(super::unix_seconds("1970-01-02"), Some(86_400));
        assert_eq!(super::unix_seconds("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(super::unix_seconds("soon"), None);
    }
}
