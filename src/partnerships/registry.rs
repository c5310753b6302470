//! The open registry's use cases: its list and map, a partnership's page and activity log,
//! both sides' lists, the "dormant?" reminders, and coordinators' imports (dry run,
//! resolution, confirmation).

use super::import::{self, Importer, Verdict};
use super::mail;
use super::model::{
    Activity, PartnershipRecord, PartnershipView, QuietPartnerships, RegistryFilter, RegistryPage,
    ACTIVITY_KINDS, REGISTRY_SORTS,
};
use super::store::registry as store;
use crate::error::{AppError, Problem};
use crate::links::{self, Notice};
use crate::platform::input::text_field;
use crate::platform::mail::{enqueue, link};
use crate::platform::secrets::random_id;
use crate::platform::{now, AppState, Ctx};

/// Partnerships a page of the registry shows.
pub const PER_PAGE: i64 = 25;
/// The most lines the registry's map draws.
pub const MAP_LINES: i64 = 2_000;
/// The longest text of a joint action.
pub const ACTIVITY_TEXT_MAX: usize = 600;
/// The largest amount a joint action may carry (euros).
pub const AMOUNT_MAX: i64 = 1_000_000_000;
/// How long an uploaded list waits for its confirmation.
pub const IMPORT_TTL_SECS: i64 = 86_400;

/// The filter as the store reads it (each value cut to what a key or code can be, an
/// unknown sort dropped), and the page asked for.
fn clean(f: RegistryFilter) -> (RegistryFilter, i64) {
    let page = f
        .page
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let mut f = RegistryFilter::from_params(|k| match k {
        "country" => Some(f.country.to_uppercase()),
        "oblast" => Some(f.oblast.clone()),
        "kind" => Some(f.kind.clone()),
        "theme" => Some(f.theme.clone()),
        "state" => Some(f.state.clone()),
        "origin" => Some(f.origin.clone()),
        "year" => Some(f.year.clone()),
        "sort" => Some(f.sort.clone()),
        _ => None,
    });
    if !REGISTRY_SORTS.contains(&f.sort.as_str()) {
        f.sort.clear();
    }
    (f, page)
}

/// A page of the registry with its map and the filters' choices.
pub async fn page(ctx: &Ctx, f: RegistryFilter) -> Result<RegistryPage, AppError> {
    let (f, page) = clean(f);
    let (items, total) = store::partnerships(ctx.db(), &f, (page - 1) * PER_PAGE, PER_PAGE).await?;
    let lines = store::lines(ctx.db(), &f, MAP_LINES).await?;
    let (countries, oblasts, years) = store::choices(ctx.db()).await?;
    Ok(RegistryPage {
        items,
        total,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        lines,
        countries,
        oblasts,
        years,
        now: now(),
    })
}

/// How many of the newest partnerships the home page lists.
const HOME_RECENT: i64 = 4;

/// The newest partnerships (the registry's default order), and the time now.
pub async fn recent(ctx: &Ctx) -> Result<(Vec<PartnershipRecord>, i64), AppError> {
    let (f, _) = clean(RegistryFilter::default());
    let (items, _) = store::partnerships(ctx.db(), &f, 0, HOME_RECENT).await?;
    Ok((items, now()))
}

/// A partnership with its activity log; `may_add` for its community's editors and
/// coordinators.
pub async fn view(ctx: &Ctx, id: &str) -> Result<PartnershipView, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound);
    }
    let record = store::partnership(ctx.db(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let activities = store::activities(ctx.db(), id).await?;
    let may_add = match ctx.signed_in_or_visitor().await? {
        Some(by) => {
            by.user().is_coordinator()
                || crate::platform::guards::is_editor(ctx.db(), by.id(), &record.community_code)
                    .await?
        }
        None => false,
    };
    Ok(PartnershipView {
        dormant: record.dormant(now()),
        record,
        activities,
        may_add,
    })
}

/// The partnerships of a community (its card) or of a European municipality (its page).
pub async fn of_side(
    ctx: &Ctx,
    community: &str,
    country: &str,
    municipality: &str,
) -> Result<Vec<PartnershipRecord>, AppError> {
    let cut = |v: &str| v.chars().take(100).collect::<String>();
    let rows = if !community.is_empty() {
        store::of_side(ctx.db(), Some(&cut(community)), None).await?
    } else {
        store::of_side(ctx.db(), None, Some((&cut(country), &cut(municipality)))).await?
    };
    Ok(rows)
}

/// How many quiet partnerships the coordinators' queue shows.
pub const QUIET_SHOWN: i64 = 20;

/// The coordinators' queue: active partnerships without a joint action for
/// [`super::model::DORMANT_AFTER_DAYS`] (coordinators only).
pub async fn quiet(ctx: &Ctx) -> Result<QuietPartnerships, AppError> {
    let by = ctx.coordinator().await?;
    let before = now() - super::model::DORMANT_AFTER_DAYS * 86_400;
    let (shown, total) = store::quiet(ctx.db(), &by, before, QUIET_SHOWN).await?;
    Ok(QuietPartnerships { shown, total })
}

/// Adds a joint action to a partnership's log (its community's editors, coordinators).
pub async fn add_activity(
    ctx: &Ctx,
    id: &str,
    on: &str,
    kind: &str,
    text: &str,
    amount: &str,
) -> Result<(), AppError> {
    let by = ctx.partnership_actor(id).await?;
    let t = now();
    let on = chrono::NaiveDate::parse_from_str(on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1990")
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .ok_or(AppError::invalid("on", Problem::Date))?;
    if on > t {
        return Err(AppError::invalid("on", Problem::FutureDate));
    }
    if !ACTIVITY_KINDS.contains(&kind) {
        return Err(AppError::invalid("kind", Problem::Required));
    }
    let text = text_field("text", text, true, ACTIVITY_TEXT_MAX, true)?;
    let amount = amount.trim().replace([' ', '\u{a0}'], "");
    let amount_eur = if amount.is_empty() {
        None
    } else {
        match amount.parse::<i64>() {
            Ok(a) if (0..=AMOUNT_MAX).contains(&a) => Some(a),
            _ => {
                return Err(AppError::invalid(
                    "amount",
                    Problem::Number {
                        min: 0,
                        max: AMOUNT_MAX,
                    },
                ))
            }
        }
    };
    let a = Activity {
        id: random_id(),
        on,
        kind: kind.to_string(),
        text,
        amount_eur,
    };
    store::add_activity(ctx.db(), &by, &a, t).await?;
    ctx.redirect(&Notice::ActivityAdded.on(&links::partnership(id)));
    Ok(())
}

/// Reminds the editors of each partnership that has turned quiet, once per quiet spell, in
/// their language. Returns how many partnerships were reminded of.
pub async fn remind_dormant(state: &AppState, t: i64) -> Result<usize, AppError> {
    let quiet = store::claim_dormant(&state.db, t).await?;
    for (id, community, partner) in &quiet {
        for (to, lang) in super::store::community_editors(&state.db, community).await? {
            let url = link(&state.settings, &lang, &links::partnership(id));
            enqueue(&state.db, &to, &mail::dormant(&lang, partner, &url)).await?;
        }
    }
    if !quiet.is_empty() {
        state.mailer.wake();
    }
    Ok(quiet.len())
}

/// A coordinator's uploaded list: kept for its confirmation, and its dry run.
pub async fn upload(ctx: &Ctx, file_name: &str, body: &str) -> Result<String, AppError> {
    let by = ctx.coordinator().await?;
    if body.len() > import::MAX_BYTES {
        return Err(AppError::invalid("file", Problem::Csv));
    }
    if let Err(_why) = import::read(body) {
        return Err(AppError::invalid("file", Problem::Csv));
    }
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let id = store::keep_import(ctx.db(), &by, &name, body, now(), IMPORT_TTL_SECS).await?;
    Ok(id)
}

/// An uploaded list's dry run (its coordinator only).
pub async fn batch(ctx: &Ctx, id: &str) -> Result<(String, Vec<Verdict>), AppError> {
    let by = ctx.coordinator().await?;
    let (name, body) = store::import_of(ctx.db(), &by, id, now() - IMPORT_TTL_SECS)
        .await?
        .ok_or(AppError::NotFound)?;
    let verdicts = import::check(&ctx.state, &body, &name)
        .await?
        .map_err(|_| AppError::invalid("file", Problem::Csv))?;
    Ok((name, verdicts))
}

/// Confirms an uploaded list: its matched rows, and the ambiguous rows the coordinator
/// resolved (`choices`: `row:community:CODE` or `row:municipality:ID`, each one of that
/// row's candidates), are recorded; the list is then forgotten.
pub async fn confirm(ctx: &Ctx, id: &str, choices: &[String]) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let (_, mut verdicts) = batch(ctx, id).await?;
    for c in choices
        .iter()
        .filter(|c| !c.is_empty())
        .take(import::MAX_ROWS * 2)
    {
        let mut parts = c.splitn(3, ':');
        let (Some(row), Some(side), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(AppError::invalid("choices", Problem::Choose));
        };
        let row: usize = row
            .parse()
            .map_err(|_| AppError::invalid("choices", Problem::Choose))?;
        let v = verdicts
            .iter_mut()
            .find(|v| v.row == row)
            .ok_or(AppError::invalid("choices", Problem::Choose))?;
        import::resolve(&ctx.state, v, side, value)
            .await?
            .then_some(())
            .ok_or(AppError::invalid("choices", Problem::Choose))?;
    }
    let keys = store::keys(ctx.db()).await?;
    import::settle(&mut verdicts, &|c, k, p| {
        keys.contains(&(c.into(), k.into(), p.into()))
    });
    import::record(ctx.db(), &verdicts, Importer::Coordinator(&by)).await?;
    store::forget_import(ctx.db(), &by, id).await?;
    ctx.redirect(&Notice::Imported.on(links::IMPORT));
    Ok(())
}

/// An uploaded list's dry run as the import page shows it.
pub async fn import_view(ctx: &Ctx, id: &str) -> Result<super::model::ImportView, AppError> {
    let (file_name, verdicts) = batch(ctx, id).await?;
    let pairs = |c: &[import::Candidate]| -> Vec<(String, String)> {
        c.iter()
            .map(|c| {
                let value = c
                    .community
                    .clone()
                    .or(c.municipality.map(|m| m.to_string()))
                    .unwrap_or_default();
                (value, c.name.clone())
            })
            .collect()
    };
    let rows = verdicts
        .iter()
        .map(|v| (v, v.status == import::Status::Ambiguous))
        .map(|(v, ambiguous)| super::model::ImportRow {
            row: v.row,
            status: match v.status {
                import::Status::Matched => "matched",
                import::Status::Ambiguous => "ambiguous",
                import::Status::Rejected => "rejected",
            }
            .to_string(),
            reason: v.reason.map(|r| r.key().to_string()).unwrap_or_default(),
            written: v.plan.written.clone(),
            community: (
                v.plan.community_name.clone(),
                v.plan.community_latin.clone(),
            ),
            community_part: v.plan.community_part.clone(),
            partner: v
                .plan
                .partner
                .as_ref()
                .map(|p| format!("{}, {}", p.name, p.country))
                .unwrap_or_default(),
            partner_part: v
                .plan
                .partner
                .as_ref()
                .map(|p| p.part.clone())
                .unwrap_or_default(),
            // Only an ambiguous row is resolved on the page.
            community_candidates: if ambiguous {
                pairs(&v.community_candidates)
            } else {
                vec![]
            },
            partner_candidates: if ambiguous {
                pairs(&v.partner_candidates)
            } else {
                vec![]
            },
        })
        .collect();
    Ok(super::model::ImportView {
        id: id.to_string(),
        file_name,
        rows,
    })
}
