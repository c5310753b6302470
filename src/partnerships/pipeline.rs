//! What coordinators and a community's editors do with requests: the desk, a request's case
//! with its shortlist, introductions, moves, the conversation and internal notes,
//! assignment, bulk actions, and the weekly digest of quiet pairs. Each function takes its
//! proof from a guard first; the stage rules are `stage`'s.

use super::mail;
use super::model::{
    border_oblasts, CaseView, CommunityRequests, Desk, DeskFilter, MESSAGE_MAX, NEAR_BORDER,
    PARTNERSHIP_KINDS, QUIET_DAYS,
};
use super::stage::{needs_note, Refused, Stage};
use super::store::{self, Outcome};
use crate::catalogue::query::CatalogueQuery;
use crate::error::{AppError, Problem};
use crate::identity::{CommunityCode, UserId};
use crate::links::{self, Notice};
use crate::platform::input::text_field;
use crate::platform::mail::{enqueue, link};
use crate::platform::{now, rate_limit, AppState, Ctx};

/// The most pairs one bulk action moves, and the most communities one introduction reaches.
pub const BULK_MAX: usize = 100;
pub const INTRODUCE_MAX: usize = 20;

/// The coordinators' desk, filtered.
pub async fn desk(ctx: &Ctx, f: &DeskFilter) -> Result<Desk, AppError> {
    let by = ctx.coordinator().await?;
    // Every value is a key, a code or an id: longer ones match nothing and are cut.
    let cut = |v: &str| v.chars().take(100).collect::<String>();
    let f = DeskFilter {
        stage: cut(&f.stage),
        country: cut(&f.country),
        oblast: cut(&f.oblast),
        theme: cut(&f.theme),
        coordinator: cut(&f.coordinator),
        older: cut(&f.older),
        quiet: cut(&f.quiet),
        view: cut(&f.view),
    };
    let rows = store::desk(ctx.db(), &by, &f, now()).await?;
    let (countries, oblasts) = store::desk_choices(ctx.db(), &by).await?;
    Ok(Desk {
        rows,
        coordinators: store::coordinator_list(ctx.db()).await?,
        countries,
        oblasts,
    })
}

/// The shortlist search a general request starts from: its preferred region, size and
/// kind as the catalogue's filters (what the coordinator typed, once they search).
fn shortlist_query(
    case: &super::model::Case,
    asked: CatalogueQuery,
    searched: bool,
) -> CatalogueQuery {
    if searched {
        return asked;
    }
    let p = &case.preferences;
    let oblast = if p.region == NEAR_BORDER {
        border_oblasts(&case.country)[0].to_string()
    } else {
        p.region.clone()
    };
    CatalogueQuery {
        oblast,
        kind: p.kind.clone(),
        pop: p.size.clone(),
        ..CatalogueQuery::default()
    }
}

/// A request as its case page shows it to a coordinator (with the shortlist search), or
/// to an editor of a community it is paired with.
pub async fn case(
    ctx: &Ctx,
    request: &str,
    asked: CatalogueQuery,
    searched: bool,
) -> Result<CaseView, AppError> {
    let by = ctx.in_thread(request).await?;
    let case = store::case(ctx.db(), &by, now()).await?;
    let (shortlist, found) = if by.is_coordinator() && !case.closed {
        let q = shortlist_query(&case, asked, searched).checked()?;
        let found = crate::catalogue::snapshot(&ctx.state).await?.query(&q);
        (q, found)
    } else {
        (CatalogueQuery::default(), Default::default())
    };
    Ok(CaseView {
        case,
        shortlist,
        found,
    })
}

/// The requests a community's editors answer.
pub async fn community_requests(ctx: &Ctx, slug: &str) -> Result<CommunityRequests, AppError> {
    let by = ctx.editor_of(slug).await?;
    let (name_uk, name_latin) = store::community_names(ctx.db(), by.community()).await?;
    Ok(CommunityRequests {
        slug: by.slug().clone(),
        name_uk,
        name_latin,
        cases: store::community_cases(ctx.db(), &by, now()).await?,
    })
}

/// Where a pipeline form sends its sender back to: the community's page (`from=community`)
/// or the request's case page.
async fn back(
    ctx: &Ctx,
    from: &str,
    request: &str,
    community: Option<&CommunityCode>,
) -> Result<String, AppError> {
    match (from, community) {
        ("community", Some(code)) => {
            let (_, slug) = crate::claims::store::community_name(ctx.db(), code, "en").await?;
            Ok(links::community_requests(&slug))
        }
        _ => Ok(links::desk_case(request)),
    }
}

/// Mail to the requester: a fresh private link to their request (only hashes are kept,
/// so each mail carries a new one; they all stop working when the data is deleted).
async fn mail_requester(
    ctx: &Ctx,
    request: &str,
    h: &store::Headline,
    make: impl FnOnce(&str, &str) -> crate::platform::mail::Mail,
) -> Result<(), AppError> {
    if let Some((to, lang)) = &h.requester {
        let token = store::new_link(ctx.db(), request).await?;
        let m = make(
            lang,
            &link(&ctx.state.settings, lang, &links::request_status(&token)),
        );
        enqueue(ctx.db(), to, &m).await?;
    }
    Ok(())
}

/// The coordinators a request's news goes to: its assigned coordinator, or all of them.
async fn coordinators_of(
    ctx: &Ctx,
    h: &store::Headline,
) -> Result<Vec<(String, String)>, AppError> {
    match &h.assigned {
        Some(a) => Ok(vec![a.clone()]),
        None => Ok(crate::claims::store::coordinators(ctx.db()).await?),
    }
}

/// Moves a pair (a coordinator, or an editor of its community), with a note where the move
/// needs one and the partnership's type at "agreement signed"; the other side is told.
pub async fn move_pair(
    ctx: &Ctx,
    pair: &str,
    to: &str,
    note: &str,
    kind: &str,
    from: &str,
) -> Result<(), AppError> {
    let by = ctx.pair_actor(pair).await?;
    if to.is_empty() {
        return Err(AppError::invalid("to", Problem::Required));
    }
    let to = Stage::parse(to).ok_or_else(|| AppError::invalid("to", Problem::Move))?;
    let current = store::pair_stage(ctx.db(), &by).await?;
    let note = text_field("note", note, needs_note(current, to), 1000, true)?;
    let kind = if to == Stage::AgreementSigned {
        PARTNERSHIP_KINDS
            .iter()
            .find(|k| **k == kind)
            .ok_or_else(|| AppError::invalid("kind", Problem::Required))?
    } else {
        ""
    };
    match store::move_pair(ctx.db(), &by, to, &note, kind, now()).await? {
        Outcome::Moved(_) => {}
        Outcome::Refused(Refused::SameStage) | Outcome::Raced => {
            return Err(AppError::invalid("to", Problem::Moved))
        }
        Outcome::Refused(_) => return Err(AppError::invalid("to", Problem::Move)),
    }
    let request = by.request().to_string();
    let h = store::headline_of(ctx.db(), &request)
        .await?
        .ok_or(AppError::NotFound)?;
    let municipality = h.municipality.clone();
    let names = store::community_names(ctx.db(), by.community()).await?;
    let community = |lang: &str| {
        if lang == "uk" {
            names.0.clone()
        } else {
            names.1.clone()
        }
    };
    mail_requester(ctx, &request, &h, |lang, url| {
        mail::stage_changed(lang, &municipality, &community(lang), to, url)
    })
    .await?;
    if by.is_coordinator() {
        let (_, slug) =
            crate::claims::store::community_name(ctx.db(), by.community(), "en").await?;
        for (to_addr, lang) in store::community_editors(ctx.db(), by.community()).await? {
            let url = link(
                &ctx.state.settings,
                &lang,
                &links::community_requests(&slug),
            );
            let m = mail::stage_changed(&lang, &municipality, &community(&lang), to, &url);
            enqueue(ctx.db(), &to_addr, &m).await?;
        }
    } else {
        for (to_addr, lang) in coordinators_of(ctx, &h).await? {
            let url = link(&ctx.state.settings, &lang, &links::desk_case(&request));
            let m = mail::stage_changed(&lang, &municipality, &community(&lang), to, &url);
            enqueue(ctx.db(), &to_addr, &m).await?;
        }
    }
    ctx.state.mailer.wake();
    let back = back(ctx, from, &request, Some(by.community())).await?;
    ctx.redirect(&Notice::PairMoved.on(&back));
    Ok(())
}

/// Coordinators introduce a request to communities (by slug): a pair for each, its editors
/// told; a community without editors is flagged on the case page.
pub async fn introduce(
    ctx: &Ctx,
    request: &str,
    slugs: &[String],
    note: &str,
) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let thread = ctx.in_thread(request).await?;
    let note = text_field("note", note, false, 1000, true)?;
    let h = store::headline_of(ctx.db(), thread.request())
        .await?
        .ok_or(AppError::NotFound)?;
    if h.closed {
        return Err(AppError::invalid("communities", Problem::Closed));
    }
    let mut codes = vec![];
    for slug in slugs.iter().take(INTRODUCE_MAX) {
        if let Ok((_, code)) = ctx.community(slug).await {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    if codes.is_empty() {
        return Err(AppError::invalid("communities", Problem::Nothing));
    }
    let made = store::introduce(ctx.db(), &by, thread.request(), &codes, &note, now()).await?;
    for (_, code) in &made {
        for (to, lang) in store::community_editors(ctx.db(), code).await? {
            let (name, slug) = crate::claims::store::community_name(ctx.db(), code, &lang).await?;
            let url = link(
                &ctx.state.settings,
                &lang,
                &links::community_requests(&slug),
            );
            enqueue(
                ctx.db(),
                &to,
                &mail::introduced(&lang, &name, &h.municipality, &url),
            )
            .await?;
        }
    }
    ctx.state.mailer.wake();
    ctx.redirect(&Notice::IntroducedTo.on(&links::desk_case(thread.request())));
    Ok(())
}

/// Coordinators record that they reached a pair's community outside the platform.
pub async fn reached_outside(ctx: &Ctx, pair: &str) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let pair = ctx.pair_actor(pair).await?;
    store::reached_outside(ctx.db(), &by, &pair, now()).await?;
    ctx.redirect(&Notice::ReachedOutside.on(&links::desk_case(pair.request())));
    Ok(())
}

/// Coordinators assign a request to one of them (`user` empty: to nobody).
pub async fn assign(ctx: &Ctx, request: &str, user: &str) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let to = (!user.is_empty()).then(|| UserId::new(user));
    if !store::assign(ctx.db(), &by, request, to.as_ref()).await? {
        return Err(AppError::invalid("user", Problem::Choose));
    }
    ctx.redirect(&Notice::Assigned.on(&links::desk_case(request)));
    Ok(())
}

/// A coordinator or an editor writes into the conversation; a coordinator may keep an
/// internal note instead (nobody is mailed about it). Everyone else in the thread is told,
/// in their language, with a link and without the text.
pub async fn post(
    ctx: &Ctx,
    request: &str,
    body: &str,
    internal: bool,
    from: &str,
) -> Result<(), AppError> {
    let by = ctx.in_thread(request).await?;
    let body = text_field("body", body, true, MESSAGE_MAX, true)?;
    let h = store::headline_of(ctx.db(), by.request())
        .await?
        .ok_or(AppError::NotFound)?;
    if h.closed && !internal {
        return Err(AppError::invalid("body", Problem::Closed));
    }
    rate_limit::hit(
        ctx.db(),
        &format!("thread:{}:{}", by.request(), by.id()),
        rate_limit::MESSAGES_PER_REQUEST,
    )
    .await?;
    let internal = internal && by.is_coordinator();
    store::add_message(ctx.db(), &by, &body, internal, now()).await?;
    let editors = store::thread_editors(ctx.db(), by.request()).await?;
    if !internal {
        mail_requester(ctx, by.request(), &h, mail::reply).await?;
        for (user, to, lang, slug) in &editors {
            if user == by.id() {
                continue;
            }
            let url = link(&ctx.state.settings, lang, &links::community_requests(slug));
            enqueue(
                ctx.db(),
                to,
                &mail::new_message(lang, &h.municipality, &url),
            )
            .await?;
        }
        if !by.is_coordinator() {
            for (to, lang) in coordinators_of(ctx, &h).await? {
                let url = link(&ctx.state.settings, &lang, &links::desk_case(by.request()));
                enqueue(
                    ctx.db(),
                    &to,
                    &mail::new_message(&lang, &h.municipality, &url),
                )
                .await?;
            }
        }
        ctx.state.mailer.wake();
    }
    // An editor goes back to their community's page (the first of this request's they edit).
    let community = if from == "community" {
        let mine: Vec<_> = editors.iter().filter(|e| &e.0 == by.id()).collect();
        match mine.first() {
            Some(e) => Some(ctx.community(e.3.as_str()).await?.1),
            None => None,
        }
    } else {
        None
    };
    let back = back(ctx, from, by.request(), community.as_ref()).await?;
    ctx.redirect(&Notice::MessageSent.on(&back));
    Ok(())
}

/// Coordinators close a request for which no partner was found (a note saying why).
pub async fn close(ctx: &Ctx, request: &str, note: &str) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let thread = ctx.in_thread(request).await?;
    let note = text_field("note", note, true, 1000, true)?;
    if store::close_request(ctx.db(), &by, thread.request(), &note, now()).await? {
        let h = store::headline_of(ctx.db(), thread.request())
            .await?
            .ok_or(AppError::NotFound)?;
        mail_requester(ctx, thread.request(), &h, |lang, url| {
            mail::stage_changed(lang, &h.municipality, "—", Stage::Declined, url)
        })
        .await?;
        ctx.state.mailer.wake();
    }
    ctx.redirect(&Notice::RequestClosed.on(&links::desk_case(thread.request())));
    Ok(())
}

/// A bulk action of the desk on the pairs ticked: `assign:<id>` (or `assign:` for nobody)
/// assigns their requests; `move:<stage>` moves each pair the rules allow (the others are
/// left as they are).
pub async fn bulk(ctx: &Ctx, pairs: &[String], action: &str, note: &str) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    if pairs.is_empty() {
        return Err(AppError::invalid("pairs", Problem::Nothing));
    }
    let note = text_field("note", note, false, 1000, true)?;
    let pairs = &pairs[..pairs.len().min(BULK_MAX)];
    if let Some(user) = action.strip_prefix("assign:") {
        let to = (!user.is_empty()).then(|| UserId::new(user));
        let mut done = std::collections::HashSet::new();
        for pair in pairs {
            let Ok(p) = ctx.pair_actor(pair).await else {
                continue;
            };
            if done.insert(p.request().to_string())
                && !store::assign(ctx.db(), &by, p.request(), to.as_ref()).await?
            {
                return Err(AppError::invalid("action", Problem::Choose));
            }
        }
    } else if let Some(to) = action.strip_prefix("move:").and_then(Stage::parse) {
        let t = now();
        for pair in pairs {
            let Ok(p) = ctx.pair_actor(pair).await else {
                continue;
            };
            let from = store::pair_stage(ctx.db(), &p).await?;
            if needs_note(from, to) && note.is_empty() {
                return Err(AppError::invalid("note", Problem::Required));
            }
            let kind = if to == Stage::AgreementSigned {
                PARTNERSHIP_KINDS[1]
            } else {
                ""
            };
            store::move_pair(ctx.db(), &p, to, &note, kind, t).await?;
        }
    } else {
        return Err(AppError::invalid("action", Problem::Choose));
    }
    ctx.redirect(&Notice::BulkDone.on(links::DESK));
    Ok(())
}

/// The weekly digest: each coordinator gets one mail listing the quiet pairs of the
/// requests assigned to them (unassigned ones go to every coordinator). Runs once a week
/// however many instances call it (`platform::jobs::claim`). Returns the mails queued.
pub async fn quiet_digest(state: &AppState, t: i64) -> Result<usize, sqlx::Error> {
    let db = &state.db;
    if !crate::platform::jobs::claim(db, "quiet-digest", t, 7 * 86_400).await? {
        return Ok(0);
    }
    let quiet = store::quiet_pairs(db, t - QUIET_DAYS * 86_400).await?;
    if quiet.is_empty() {
        return Ok(0);
    }
    let everyone = crate::claims::store::coordinators(db).await?;
    let mut by_recipient: std::collections::BTreeMap<(String, String), Vec<&store::QuietPair>> =
        Default::default();
    for q in &quiet {
        match &q.assigned {
            Some(a) => by_recipient.entry(a.clone()).or_default().push(q),
            None => {
                for c in &everyone {
                    by_recipient.entry(c.clone()).or_default().push(q);
                }
            }
        }
    }
    let mut sent = 0;
    for ((to, lang), pairs) in by_recipient {
        let lines: String = pairs
            .iter()
            .map(|q| {
                let community = if lang == "uk" {
                    &q.community_uk
                } else {
                    &q.community_latin
                };
                let days = (t - q.last_activity_at) / 86_400;
                format!(
                    "- {} — {community} ({days}): {}\n",
                    q.municipality,
                    link(&state.settings, &lang, &links::desk_case(&q.request))
                )
            })
            .collect();
        let desk = link(&state.settings, &lang, &format!("{}?quiet=1", links::DESK));
        enqueue(db, &to, &mail::digest(&lang, pairs.len(), &lines, &desk)).await?;
        sent += 1;
    }
    state.mailer.wake();
    Ok(sent)
}

/// Offers the weekly digest every hour for the life of the server; `quiet_digest` decides
/// whether it is due (and which instance sends it). The registry's "dormant?" reminders
/// go out in the same round (each partnership's once per quiet spell).
pub fn spawn_digest(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(crate::platform::cleanup::EVERY);
        loop {
            tick.tick().await;
            match quiet_digest(&state, now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(mails = n, "quiet-pair digest sent"),
                Err(e) => tracing::error!(error = %e, "quiet-pair digest failed"),
            }
            match super::registry::remind_dormant(&state, now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(partnerships = n, "dormant partnerships reminded"),
                Err(e) => tracing::error!(error = %e, "dormant reminders failed"),
            }
        }
    });
}
