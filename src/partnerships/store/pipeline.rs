//! The pipeline's SQL: the coordinators' desk, a request's case as coordinators and the
//! community's editors see it, introductions, moves (checked by `stage::check_move` inside
//! the transaction that writes them), the conversation's messages and internal notes, and
//! the partnership a signed agreement becomes.

use super::{events_of, record_move, stage, touch};
use crate::identity::{CommunityCode, Slug, UserId};
use crate::partnerships::model::{
    Case, CasePair, DeskFilter, DeskRow, MessageView, Preferences, QUIET_DAYS,
};
use crate::partnerships::stage::{check_move, moves, Actor, Refused, Stage};
use crate::platform::db::{flag, Db};
use crate::platform::guards::{Coordinator, EditorOf, InThread, PairActor};
use crate::platform::secrets::random_id;
use sqlx::Row;

/// The stages of pairs still on their way, as SQL (constants, never input).
const OPEN: &str = "('new', 'matching', 'introduced', 'first_meeting', 'letter_of_intent', \
                    'first_joint_action', 'agreement_signed', 'active')";

/// The most rows the desk shows at once (filters narrow it).
pub const DESK_ROWS: i64 = 500;

/// Whether a pair at `stage`, last active at `last`, is quiet at `t`.
pub fn is_quiet(stage: Stage, last: i64, t: i64) -> bool {
    stage.is_open() && last < t - QUIET_DAYS * 86_400
}

/// Coordinators and admins: (id, name or address), by name.
pub async fn coordinator_list(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, CASE WHEN name = '' THEN email ELSE name END AS shown FROM users \
         WHERE role IN ('coordinator', 'admin') ORDER BY shown, id",
    )
    .fetch_all(&db.pool)
    .await
}

/// The desk's rows for `f` at `t`: every pair, and every open general request not yet
/// introduced to anyone; most recently active first.
pub async fn desk(
    db: &Db,
    _: &Coordinator,
    f: &DeskFilter,
    t: i64,
) -> Result<Vec<DeskRow>, sqlx::Error> {
    let older = f
        .older
        .parse::<i64>()
        .ok()
        .filter(|d| *d > 0)
        .map_or(i64::MAX, |d| t - d * 86_400);
    const FILTERS: &str = "($2 = '' OR r.municipality_country = $2) \
         AND ($4 = '' OR (',' || r.themes || ',') LIKE ('%,' || $4 || ',%')) \
         AND ($5 = '' OR ($5 = 'none' AND r.assigned_to IS NULL) OR r.assigned_to = $5) \
         AND r.created_at <= $6";
    let pairs = sqlx::query(&format!(
        "SELECT r.id AS request_id, p.id AS pair_id, r.municipality_name, r.municipality_country, \
         r.community_code AS named, c.slug, c.name_uk, c.name_latin, g.name_uk AS oblast_uk, \
         g.name_latin AS oblast_latin, p.stage, u.name AS assigned, u.email AS assigned_email, \
         r.created_at, p.last_activity_at \
         FROM partner_pairs p JOIN partner_requests r ON r.id = p.request_id \
         JOIN communities c ON c.code = p.community_code JOIN regions g ON g.code = c.region_code \
         LEFT JOIN users u ON u.id = r.assigned_to \
         WHERE ($1 = '' OR p.stage = $1) AND ($3 = '' OR g.slug = $3) AND {FILTERS} \
         ORDER BY p.last_activity_at DESC, p.id LIMIT {DESK_ROWS}"
    ))
    .bind(&f.stage)
    .bind(&f.country)
    .bind(&f.oblast)
    .bind(&f.theme)
    .bind(&f.coordinator)
    .bind(older)
    .fetch_all(&db.pool)
    .await?;
    let waiting = sqlx::query(&format!(
        "SELECT r.id AS request_id, r.municipality_name, r.municipality_country, r.stage, \
         u.name AS assigned, u.email AS assigned_email, r.created_at, r.last_activity_at \
         FROM partner_requests r LEFT JOIN users u ON u.id = r.assigned_to \
         WHERE r.community_code IS NULL AND r.closed_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM partner_pairs p WHERE p.request_id = r.id) \
         AND ($1 = '' OR r.stage = $1) AND $3 = '' AND {FILTERS} \
         ORDER BY r.last_activity_at DESC, r.id LIMIT {DESK_ROWS}"
    ))
    .bind(&f.stage)
    .bind(&f.country)
    .bind(&f.oblast)
    .bind(&f.theme)
    .bind(&f.coordinator)
    .bind(older)
    .fetch_all(&db.pool)
    .await?;
    let assigned = |r: &sqlx::any::AnyRow| -> Result<Option<String>, sqlx::Error> {
        let name: Option<String> = r.try_get("assigned")?;
        let email: Option<String> = r.try_get("assigned_email")?;
        Ok(match (name, email) {
            (Some(n), _) if !n.is_empty() => Some(n),
            (_, e) => e,
        })
    };
    let mut rows = Vec::with_capacity(pairs.len() + waiting.len());
    for r in &waiting {
        let s = stage(&r.try_get::<String, _>("stage")?);
        let last: i64 = r.try_get("last_activity_at")?;
        rows.push(DeskRow {
            request: r.try_get("request_id")?,
            pair: None,
            municipality: r.try_get("municipality_name")?,
            country: r.try_get("municipality_country")?,
            community: None,
            oblast_uk: String::new(),
            oblast_latin: String::new(),
            stage: s,
            assigned: assigned(r)?,
            created_at: r.try_get("created_at")?,
            last_activity_at: last,
            quiet: is_quiet(s, last, t),
            general: true,
        });
    }
    for r in &pairs {
        let s = stage(&r.try_get::<String, _>("stage")?);
        let last: i64 = r.try_get("last_activity_at")?;
        rows.push(DeskRow {
            request: r.try_get("request_id")?,
            pair: Some(r.try_get("pair_id")?),
            municipality: r.try_get("municipality_name")?,
            country: r.try_get("municipality_country")?,
            community: Some((
                r.try_get("slug")?,
                r.try_get("name_uk")?,
                r.try_get("name_latin")?,
            )),
            oblast_uk: r.try_get("oblast_uk")?,
            oblast_latin: r.try_get("oblast_latin")?,
            stage: s,
            assigned: assigned(r)?,
            created_at: r.try_get("created_at")?,
            last_activity_at: last,
            quiet: is_quiet(s, last, t),
            general: r.try_get::<Option<String>, _>("named")?.is_none(),
        });
    }
    if f.quiet == "1" {
        rows.retain(|r| r.quiet);
    }
    Ok(rows)
}

/// What the desk's filter form offers: the partner countries of all requests, and the
/// oblasts of all paired communities (slug, names).
#[allow(clippy::type_complexity)]
pub async fn desk_choices(
    db: &Db,
    _: &Coordinator,
) -> Result<(Vec<String>, Vec<(String, String, String)>), sqlx::Error> {
    let countries = sqlx::query_scalar(
        "SELECT DISTINCT municipality_country FROM partner_requests ORDER BY municipality_country",
    )
    .fetch_all(&db.pool)
    .await?;
    let oblasts = sqlx::query_as(
        "SELECT DISTINCT g.slug, g.name_uk, g.name_latin FROM partner_pairs p \
         JOIN communities c ON c.code = p.community_code JOIN regions g ON g.code = c.region_code \
         ORDER BY g.name_latin",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok((countries, oblasts))
}

/// A request as a coordinator sees it (everything, internal notes included), or as an
/// editor sees it (the pair of their community only, no internal notes).
pub async fn case(db: &Db, by: &InThread, t: i64) -> Result<Case, sqlx::Error> {
    case_for(db, by.request(), by.is_coordinator(), None, t).await
}

/// The requests of the proof's community, newest first (at most fifty), each as a case
/// showing only this community's pair.
pub async fn community_cases(db: &Db, by: &EditorOf, t: i64) -> Result<Vec<Case>, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT request_id FROM partner_pairs WHERE community_code = $1 \
         ORDER BY created_at DESC, id LIMIT 50",
    )
    .bind(by.community())
    .fetch_all(&db.pool)
    .await?;
    let mut cases = Vec::with_capacity(ids.len());
    for id in ids {
        // Here the coordinator acts as the community's editor: its page answers for it.
        cases.push(case_for(db, &id, false, Some(by.community()), t).await?);
    }
    Ok(cases)
}

async fn case_for(
    db: &Db,
    request: &str,
    coordinator: bool,
    only: Option<&CommunityCode>,
    t: i64,
) -> Result<Case, sqlx::Error> {
    let r = sqlx::query(
        "SELECT id, community_code, municipality_country, municipality_slug, municipality_name, \
         contact_name, contact_role, email, phone, languages, themes, message, preferences, \
         created_at, closed_at, anonymised_at, assigned_to FROM partner_requests WHERE id = $1",
    )
    .bind(request)
    .fetch_one(&db.pool)
    .await?;
    let actor = if coordinator {
        Actor::Coordinator
    } else {
        Actor::Editor
    };
    let mut events = events_of(db, request).await?;
    let mut pairs = vec![];
    for p in sqlx::query(
        "SELECT p.id, p.stage, p.reached_outside, p.last_activity_at, p.community_code, c.slug, \
         c.name_uk, c.name_latin, \
         (SELECT COUNT(*) FROM editors e WHERE e.community_code = p.community_code) AS editors \
         FROM partner_pairs p JOIN communities c ON c.code = p.community_code \
         WHERE p.request_id = $1 ORDER BY p.created_at, p.id",
    )
    .bind(request)
    .fetch_all(&db.pool)
    .await?
    {
        let code: CommunityCode = p.try_get("community_code")?;
        if only.is_some_and(|o| *o != code) {
            continue;
        }
        let id: String = p.try_get("id")?;
        let s = stage(&p.try_get::<String, _>("stage")?);
        pairs.push(CasePair {
            events: events.remove(&id).unwrap_or_default(),
            id,
            slug: p.try_get("slug")?,
            name_uk: p.try_get("name_uk")?,
            name_latin: p.try_get("name_latin")?,
            stage: s,
            has_editors: p.try_get::<i64, _>("editors")? > 0,
            reached_outside: flag(&p, "reached_outside")?,
            quiet: is_quiet(s, p.try_get("last_activity_at")?, t),
            moves: moves(s, actor),
        });
    }
    let contact_name: String = r.try_get("contact_name")?;
    let messages = sqlx::query(
        "SELECT m.author, m.body, m.at, m.internal, COALESCE(u.name, '') AS name, \
         COALESCE(u.email, '') AS email FROM request_messages m \
         LEFT JOIN users u ON u.id = m.user_id WHERE m.request_id = $1 ORDER BY m.at, m.seq, m.id",
    )
    .bind(request)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|m| {
        let author: String = m.try_get("author")?;
        let name: String = m.try_get("name")?;
        let email: String = m.try_get("email")?;
        Ok(MessageView {
            internal: flag(&m, "internal")?,
            name: match (author.as_str(), name.is_empty()) {
                ("requester", _) => contact_name.clone(),
                (_, true) => email,
                _ => name,
            },
            author,
            body: m.try_get("body")?,
            at: m.try_get("at")?,
        })
    })
    .filter(|m: &Result<MessageView, sqlx::Error>| {
        coordinator || m.as_ref().map_or(true, |m| !m.internal)
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let list = |v: String| -> Vec<String> {
        v.split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let preferences: String = r.try_get("preferences")?;
    let slug: Option<String> = r.try_get("municipality_slug")?;
    let country: String = r.try_get("municipality_country")?;
    Ok(Case {
        id: r.try_get("id")?,
        municipality: r.try_get("municipality_name")?,
        place: slug.map(|s| format!("{country}/{s}")),
        country,
        contact_name,
        contact_role: r.try_get("contact_role")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        languages: list(r.try_get("languages")?),
        themes: list(r.try_get("themes")?),
        message: r.try_get("message")?,
        preferences: serde_json::from_str::<Preferences>(&preferences).unwrap_or_default(),
        general: r.try_get::<Option<String>, _>("community_code")?.is_none(),
        created_at: r.try_get("created_at")?,
        closed: r.try_get::<Option<i64>, _>("closed_at")?.is_some(),
        anonymised: r.try_get::<Option<i64>, _>("anonymised_at")?.is_some(),
        assigned_to: r.try_get("assigned_to")?,
        pairs,
        messages,
        coordinator,
        coordinators: if coordinator {
            coordinator_list(db).await?
        } else {
            vec![]
        },
    })
}

/// What came of a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Moved, from this stage.
    Moved(Stage),
    /// `stage::check_move` says no.
    Refused(Refused),
    /// Someone moved the pair meanwhile (nothing written).
    Raced,
}

/// Moves the proof's pair to `to` with `note`, if `stage::check_move` allows it for the
/// proof's actor: the move, its event and the request's activity in one transaction, the
/// pair's stage guarded against a concurrent move. At "agreement signed" the pair becomes
/// a partnership of `kind` (once, even if revived and signed again). A named request whose
/// pairs are all closed is closed with them (its retention period starts).
pub async fn move_pair(
    db: &Db,
    by: &PairActor,
    to: Stage,
    note: &str,
    kind: &str,
    t: i64,
) -> Result<Outcome, sqlx::Error> {
    let actor = if by.is_coordinator() {
        Actor::Coordinator
    } else {
        Actor::Editor
    };
    let mut tx = db.begin_write().await?;
    let from: String = sqlx::query_scalar("SELECT stage FROM partner_pairs WHERE id = $1")
        .bind(by.pair())
        .fetch_one(&mut *tx)
        .await?;
    let from = stage(&from);
    if let Err(why) = check_move(from, to, actor) {
        return Ok(Outcome::Refused(why));
    }
    let moved = sqlx::query(
        "UPDATE partner_pairs SET stage = $1, last_activity_at = $2 WHERE id = $3 AND stage = $4",
    )
    .bind(to.key())
    .bind(t)
    .bind(by.pair())
    .bind(from.key())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(Outcome::Raced);
    }
    let who = if by.is_coordinator() {
        "coordinator"
    } else {
        "editor"
    };
    record_move(
        &mut tx,
        by.pair(),
        Some(from),
        to,
        who,
        Some(by.id()),
        note,
        t,
    )
    .await?;
    sqlx::query("UPDATE partner_requests SET last_activity_at = $1 WHERE id = $2")
        .bind(t)
        .bind(by.request())
        .execute(&mut *tx)
        .await?;
    if to == Stage::AgreementSigned {
        sqlx::query(
            "INSERT INTO partnerships (id, community_code, municipality_country, municipality_slug, \
             municipality_name, kind, themes, signed_on, pair_id, created_at, origin, geonameid, \
             partner_key, last_activity_at) \
             SELECT $1, p.community_code, r.municipality_country, r.municipality_slug, \
             r.municipality_name, $2, r.themes, $3, p.id, $3, 'pipeline', m.geonameid, \
             COALESCE('geonames:' || CAST(m.geonameid AS TEXT), 'pair:' || p.id), $3 \
             FROM partner_pairs p JOIN partner_requests r ON r.id = p.request_id \
             LEFT JOIN municipalities m ON m.country = r.municipality_country \
             AND m.slug = r.municipality_slug WHERE p.id = $4 \
             ON CONFLICT DO NOTHING",
        )
        .bind(random_id())
        .bind(kind)
        .bind(t)
        .bind(by.pair())
        .execute(&mut *tx)
        .await?;
        // Both communities' pages list their partnerships: cached pages are rebuilt.
        crate::platform::page_cache::bump(&mut tx).await?;
    }
    if to.is_closed() {
        sqlx::query(
            "UPDATE partner_requests SET stage = $1, closed_at = $2 WHERE id = $3 \
             AND closed_at IS NULL AND community_code IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM partner_pairs WHERE request_id = $3 AND stage NOT IN ('declined', 'withdrawn'))",
        )
        .bind(Stage::Declined.key())
        .bind(t)
        .bind(by.request())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    if to == Stage::AgreementSigned {
        db.freshness.invalidate();
    }
    Ok(Outcome::Moved(from))
}

/// Introduces a request to communities: a pair at "matching" for each community it is not
/// paired with yet (its editors to accept or decline), the move recorded with `note`.
/// Returns the pairs made.
pub async fn introduce(
    db: &Db,
    by: &Coordinator,
    request: &str,
    communities: &[CommunityCode],
    note: &str,
    t: i64,
) -> Result<Vec<(String, CommunityCode)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut made = vec![];
    for code in communities {
        let pair = random_id();
        let n = sqlx::query(
            "INSERT INTO partner_pairs (id, request_id, community_code, stage, created_at, \
             last_activity_at, introduced_at) VALUES ($1, $2, $3, $4, $5, $5, $5) \
             ON CONFLICT (request_id, community_code) DO NOTHING",
        )
        .bind(&pair)
        .bind(request)
        .bind(code)
        .bind(Stage::Matching.key())
        .bind(t)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            continue;
        }
        record_move(
            &mut tx,
            &pair,
            None,
            Stage::Matching,
            "coordinator",
            Some(by.id()),
            note,
            t,
        )
        .await?;
        made.push((pair, code.clone()));
    }
    if !made.is_empty() {
        sqlx::query("UPDATE partner_requests SET stage = $1, last_activity_at = $2 WHERE id = $3")
            .bind(Stage::Matching.key())
            .bind(t)
            .bind(request)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(made)
}

/// Records that a coordinator reached the pair's community outside the platform (it has
/// no editors to answer here).
pub async fn reached_outside(
    db: &Db,
    _: &Coordinator,
    by: &PairActor,
    t: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE partner_pairs SET reached_outside = 1, last_activity_at = $1 WHERE id = $2",
    )
    .bind(t)
    .bind(by.pair())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Assigns a request to a coordinator (`None`: to nobody). False when `to` is not a
/// coordinator or admin, or the request is unknown.
pub async fn assign(
    db: &Db,
    _: &Coordinator,
    request: &str,
    to: Option<&UserId>,
) -> Result<bool, sqlx::Error> {
    let n = match to {
        Some(u) => sqlx::query(
            "UPDATE partner_requests SET assigned_to = $1 WHERE id = $2 AND EXISTS \
             (SELECT 1 FROM users WHERE id = $1 AND role IN ('coordinator', 'admin'))",
        )
        .bind(u)
        .bind(request)
        .execute(&db.pool)
        .await?
        .rows_affected(),
        None => sqlx::query("UPDATE partner_requests SET assigned_to = NULL WHERE id = $1")
            .bind(request)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    };
    Ok(n == 1)
}

/// A coordinator's or an editor's message into the conversation; an internal note when a
/// coordinator asks for one (an editor's message is never internal).
pub async fn add_message(
    db: &Db,
    by: &InThread,
    body: &str,
    internal: bool,
    t: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO request_messages (id, request_id, author, user_id, body, internal, at, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM request_messages WHERE request_id = $2))",
    )
    .bind(random_id())
    .bind(by.request())
    .bind(if by.is_coordinator() {
        "coordinator"
    } else {
        "editor"
    })
    .bind(by.id())
    .bind(body)
    .bind(i64::from(internal && by.is_coordinator()))
    .bind(t)
    .execute(&mut *tx)
    .await?;
    if !internal {
        touch(&mut tx, by.request(), t).await?;
    }
    tx.commit().await
}

/// Coordinators close a request no partner was found for: the request and each of its
/// pairs still open or dormant move to declined with `note`. False when it was closed.
pub async fn close_request(
    db: &Db,
    by: &Coordinator,
    request: &str,
    note: &str,
    t: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let closed = sqlx::query(
        "UPDATE partner_requests SET stage = $1, closed_at = $2, last_activity_at = $2 \
         WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(Stage::Declined.key())
    .bind(t)
    .bind(request)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if closed == 0 {
        return Ok(false);
    }
    let pairs = sqlx::query(
        "SELECT id, stage FROM partner_pairs WHERE request_id = $1 AND stage NOT IN ('declined', 'withdrawn')",
    )
    .bind(request)
    .fetch_all(&mut *tx)
    .await?;
    for p in pairs {
        let id: String = p.try_get("id")?;
        let from: String = p.try_get("stage")?;
        sqlx::query("UPDATE partner_pairs SET stage = $1, last_activity_at = $2 WHERE id = $3")
            .bind(Stage::Declined.key())
            .bind(t)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let from = stage(&from);
        record_move(
            &mut tx,
            &id,
            Some(from),
            Stage::Declined,
            "coordinator",
            Some(by.id()),
            note,
            t,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// What mail about a request needs: the municipality, the requester's address and
/// language (empty once their data is deleted), the assigned coordinator's address and
/// language, and whether the request is closed.
#[derive(Clone, Debug)]
pub struct Headline {
    pub municipality: String,
    pub requester: Option<(String, String)>,
    pub assigned: Option<(String, String)>,
    pub closed: bool,
    pub general: bool,
}

pub async fn headline_of(db: &Db, request: &str) -> Result<Option<Headline>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT r.municipality_name, r.email, r.lang, r.closed_at, r.community_code, \
         u.email AS assigned_email, u.lang AS assigned_lang FROM partner_requests r \
         LEFT JOIN users u ON u.id = r.assigned_to WHERE r.id = $1",
    )
    .bind(request)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let email: String = r.try_get("email")?;
    let assigned: Option<String> = r.try_get("assigned_email")?;
    Ok(Some(Headline {
        municipality: r.try_get("municipality_name")?,
        requester: if email.is_empty() {
            None
        } else {
            Some((email, r.try_get::<String, _>("lang")?))
        },
        assigned: match assigned {
            Some(a) => Some((
                a,
                r.try_get::<Option<String>, _>("assigned_lang")?
                    .unwrap_or_default(),
            )),
            None => None,
        },
        closed: r.try_get::<Option<i64>, _>("closed_at")?.is_some(),
        general: r.try_get::<Option<String>, _>("community_code")?.is_none(),
    }))
}

/// The editors of every community the request is paired with: (account, address,
/// language, community slug).
pub async fn thread_editors(
    db: &Db,
    request: &str,
) -> Result<Vec<(UserId, String, String, Slug)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.email, u.lang, c.slug FROM partner_pairs p \
         JOIN editors e ON e.community_code = p.community_code JOIN users u ON u.id = e.user_id \
         JOIN communities c ON c.code = p.community_code \
         WHERE p.request_id = $1 AND u.email_verified = 1 ORDER BY c.slug, u.email",
    )
    .bind(request)
    .fetch_all(&db.pool)
    .await
}

/// A pair gone quiet: for the weekly digest.
#[derive(Clone, Debug)]
pub struct QuietPair {
    pub request: String,
    pub municipality: String,
    pub community_uk: String,
    pub community_latin: String,
    pub last_activity_at: i64,
    /// The assigned coordinator's address and language (`None`: unassigned).
    pub assigned: Option<(String, String)>,
}

/// Pairs on their way with no activity since `before`, longest quiet first.
pub async fn quiet_pairs(db: &Db, before: i64) -> Result<Vec<QuietPair>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT r.id, r.municipality_name, c.name_uk, c.name_latin, p.last_activity_at, \
         u.email, u.lang FROM partner_pairs p JOIN partner_requests r ON r.id = p.request_id \
         JOIN communities c ON c.code = p.community_code LEFT JOIN users u ON u.id = r.assigned_to \
         WHERE p.stage IN {OPEN} AND p.last_activity_at < $1 ORDER BY p.last_activity_at, p.id"
    ))
    .bind(before)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| {
        let email: Option<String> = r.try_get("email")?;
        let lang: Option<String> = r.try_get("lang")?;
        Ok(QuietPair {
            request: r.try_get("id")?,
            municipality: r.try_get("municipality_name")?,
            community_uk: r.try_get("name_uk")?,
            community_latin: r.try_get("name_latin")?,
            last_activity_at: r.try_get("last_activity_at")?,
            assigned: email.map(|e| (e, lang.unwrap_or_default())),
        })
    })
    .collect()
}

/// Where the proof's pair stands now.
pub async fn pair_stage(db: &Db, by: &PairActor) -> Result<Stage, sqlx::Error> {
    let s: String = sqlx::query_scalar("SELECT stage FROM partner_pairs WHERE id = $1")
        .bind(by.pair())
        .fetch_one(&db.pool)
        .await?;
    Ok(stage(&s))
}
