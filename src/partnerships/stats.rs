//! The registry's and the pipeline's statistics (`/stats`, its CSVs, the home page's
//! counters), computed from the database on every request: they change as soon as the data
//! does, on every instance.

use super::model::{looks_dormant, Bar, Counters, Stats};
use super::stage::Stage;
use super::store::stats as store;
use crate::catalogue::query::{population_band, POPULATION_BANDS};
use crate::error::AppError;
use crate::platform::AppState;
use std::collections::{HashMap, HashSet};

/// The stages a pair goes through on its way, in order (the funnel's steps).
pub const FUNNEL: [Stage; 7] = [
    Stage::New,
    Stage::Introduced,
    Stage::FirstMeeting,
    Stage::LetterOfIntent,
    Stage::FirstJointAction,
    Stage::AgreementSigned,
    Stage::Active,
];

/// The middle value (the mean of the two middle ones for an even count).
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn bar(key: impl Into<String>, value: i64, of: Option<i64>) -> Bar {
    Bar {
        key: key.into(),
        uk: String::new(),
        latin: String::new(),
        value,
        of,
    }
}

/// The step of the funnel a stage counts as (matching is a step of "asked").
fn step(stage: Stage) -> Option<usize> {
    let s = if stage == Stage::Matching {
        Stage::New
    } else {
        stage
    };
    FUNNEL.iter().position(|f| *f == s)
}

/// The month ("2026-05") of a Unix time.
fn month(t: i64) -> String {
    crate::lang::labels::utc_date(t)[..7].to_string()
}

/// Every statistic at `t`.
pub async fn compute(state: &AppState, t: i64) -> Result<Stats, AppError> {
    let db = &state.db;
    let countries = store::by_country(db)
        .await?
        .into_iter()
        .map(|(c, n)| bar(c, n, None))
        .collect();
    let oblasts = store::by_oblast(db)
        .await?
        .into_iter()
        .map(|(slug, uk, latin, n)| Bar {
            key: slug,
            uk,
            latin,
            value: n,
            of: None,
        })
        .collect();

    // The last 24 months, oldest first, each with its count (zeros included).
    let mut months: Vec<Bar> = Vec::new();
    let (mut y, mut m): (i64, i64) = {
        let now = month(t);
        (
            now[..4].parse().unwrap_or(2026),
            now[5..].parse().unwrap_or(1),
        )
    };
    for _ in 0..24 {
        months.push(bar(format!("{y:04}-{m:02}"), 0, None));
        m -= 1;
        if m == 0 {
            m = 12;
            y -= 1;
        }
    }
    months.reverse();
    for start in store::dated_starts(db).await? {
        let k = month(start);
        if let Some(b) = months.iter_mut().find(|b| b.key == k) {
            b.value += 1;
        }
    }

    // The funnel: each pair counts for every step up to the furthest it reached.
    let mut furthest: HashMap<String, usize> = HashMap::new();
    let mut introduced_at: HashMap<String, (i64, i64)> = HashMap::new();
    let mut signed_at: HashMap<String, i64> = HashMap::new();
    for (pair, to, at, asked) in store::pair_events(db).await? {
        let stage = Stage::ALL
            .into_iter()
            .find(|s| s.key() == to)
            .unwrap_or(Stage::New);
        if let Some(i) = step(stage) {
            let f = furthest.entry(pair.clone()).or_insert(0);
            *f = (*f).max(i);
        }
        if stage == Stage::Introduced {
            introduced_at.entry(pair.clone()).or_insert((at, asked));
        }
        if stage == Stage::AgreementSigned {
            signed_at.entry(pair).or_insert(at);
        }
    }
    let mut reached = vec![0i64; FUNNEL.len()];
    for f in furthest.values() {
        for r in reached.iter_mut().take(f + 1) {
            *r += 1;
        }
    }
    let funnel = FUNNEL
        .iter()
        .enumerate()
        .map(|(i, s)| bar(s.key(), reached[i], (i > 0).then(|| reached[i - 1])))
        .collect();
    let day = 86_400.0;
    let to_intro = median(
        introduced_at
            .values()
            .map(|(at, asked)| (at - asked) as f64 / day)
            .collect(),
    );
    let to_agreement = median(
        signed_at
            .iter()
            .filter_map(|(pair, signed)| {
                introduced_at
                    .get(pair)
                    .map(|(at, _)| (signed - at) as f64 / day)
            })
            .collect(),
    );

    let rows = store::states(db).await?;
    let bands = bands(state, &rows).await?;
    let states = states(&rows, t);

    Ok(Stats {
        countries,
        oblasts,
        months,
        funnel,
        median_days_to_introduction: to_intro,
        median_days_to_agreement: to_agreement,
        bands,
        states,
    })
}

/// Communities with a partnership in each population band (`of`: the band's communities),
/// from every partnership's (community, state, last activity).
async fn bands(
    state: &AppState,
    rows: &[(crate::identity::CommunityCode, String, i64)],
) -> Result<Vec<Bar>, AppError> {
    let partnered: HashSet<&str> = rows.iter().map(|(c, _, _)| c.as_str()).collect();
    let snapshot = crate::catalogue::snapshot(state).await?;
    let mut bands: Vec<Bar> = POPULATION_BANDS
        .iter()
        .map(|(k, _, _)| bar(*k, 0, Some(0)))
        .collect();
    for e in &snapshot.entries {
        let Some(k) = population_band(e.summary.population) else {
            continue;
        };
        if let Some(b) = bands.iter_mut().find(|b| b.key == k) {
            b.of = Some(b.of.unwrap_or(0) + 1);
            if partnered.contains(e.code.as_str()) {
                b.value += 1;
            }
        }
    }
    Ok(bands)
}

/// Partnerships active, dormant ("dormant?" included) and ended at `t`.
fn states(rows: &[(crate::identity::CommunityCode, String, i64)], t: i64) -> Vec<Bar> {
    let mut states = vec![
        bar("active", 0, None),
        bar("dormant", 0, None),
        bar("ended", 0, None),
    ];
    for (_, s, last) in rows {
        let i = match s.as_str() {
            "ended" => 2,
            s if looks_dormant(s, *last, t) => 1,
            _ => 0,
        };
        states[i].value += 1;
    }
    states
}

/// The home page's counters: only what they need (not the pipeline's funnel and medians).
pub async fn counters(state: &AppState) -> Result<Counters, AppError> {
    let rows = store::states(&state.db).await?;
    let bands = bands(state, &rows).await?;
    let partnerships = rows.len() as i64;
    let communities: i64 = bands.iter().map(|b| b.value).sum();
    let countries = store::by_country(&state.db).await?.len() as i64;
    let share = |keys: &[&str]| {
        let (n, of) = bands
            .iter()
            .filter(|b| keys.contains(&b.key.as_str()))
            .fold((0, 0), |(n, of), b| (n + b.value, of + b.of.unwrap_or(0)));
        if of == 0 {
            0.0
        } else {
            (n as f64) * 100.0 / (of as f64)
        }
    };
    Ok(Counters {
        partnerships,
        communities,
        countries,
        small_share: share(&["lt5k", "5k-10k"]),
        large_share: share(&["50k-100k", "gt100k"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_steps() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(step(Stage::Matching), Some(0));
        assert_eq!(step(Stage::AgreementSigned), Some(5));
        assert_eq!(step(Stage::Declined), None);
        assert_eq!(month(0), "1970-01");
    }
}
