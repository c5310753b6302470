//! The partnerships domain's SQL: requests, their private links, pairs and their moves, and
//! each request's conversation. What the requester does takes the [`Requester`] proof its
//! link gave; what coordinators and editors do (`pipeline`) takes a `Coordinator`,
//! `PairActor` or `InThread` proof.

mod pipeline;
pub mod registry;
pub mod stats;
pub use pipeline::*;

use super::model::{EventView, MessageView, PairView, RequestStatus};
use super::stage::Stage;
use crate::identity::CommunityCode;
use crate::platform::db::Db;
use crate::platform::guards::Requester;
use crate::platform::now;
use crate::platform::secrets::{hash_token, random_id, random_token};
use sqlx::Row;

/// A request as filed: who asks, for which community (none: a general request), from which
/// municipality.
#[derive(Clone, Debug)]
pub struct NewRequest {
    pub community: Option<CommunityCode>,
    /// A general request's wishes, as JSON (`{}` for a named one).
    pub preferences: String,
    pub country: String,
    pub municipality_slug: Option<String>,
    pub municipality: String,
    pub contact_name: String,
    pub contact_role: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub themes: Vec<String>,
    pub message: String,
    pub lang: String,
}

/// A community's name in both scripts.
pub async fn community_names(
    db: &Db,
    code: &CommunityCode,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT name_uk, name_latin FROM communities WHERE code = $1")
        .bind(code)
        .fetch_one(&db.pool)
        .await
}

/// The oblasts (not Kyiv or the occupied Crimea's special kinds): slug and both names.
pub async fn oblasts(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, name_uk, name_latin FROM regions WHERE kind = 'oblast' ORDER BY name_latin",
    )
    .fetch_all(&db.pool)
    .await
}

/// The open request of this address for this community (a general one: `None`), if there
/// is one.
pub async fn open_request_of(
    db: &Db,
    email: &str,
    community: Option<&CommunityCode>,
) -> Result<Option<String>, sqlx::Error> {
    const OPEN: &str = "closed_at IS NULL AND anonymised_at IS NULL";
    match community {
        Some(c) => {
            sqlx::query_scalar(&format!(
                "SELECT id FROM partner_requests WHERE email = $1 AND community_code = $2 AND {OPEN}"
            ))
            .bind(email)
            .bind(c)
            .fetch_optional(&db.pool)
            .await
        }
        None => {
            sqlx::query_scalar(&format!(
                "SELECT id FROM partner_requests WHERE email = $1 AND community_code IS NULL AND {OPEN}"
            ))
            .bind(email)
            .fetch_optional(&db.pool)
            .await
        }
    }
}

/// The editors of a community: (address, language) of each, for mail.
pub async fn community_editors(
    db: &Db,
    community: &CommunityCode,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.lang FROM editors e JOIN users u ON u.id = e.user_id \
         WHERE e.community_code = $1 AND u.email_verified = 1",
    )
    .bind(community)
    .fetch_all(&db.pool)
    .await
}

/// A new private link to `request`; returns the token (only its hash is stored).
pub async fn new_link(db: &Db, request: &str) -> Result<String, sqlx::Error> {
    let token = random_token();
    sqlx::query(
        "INSERT INTO request_links (token_hash, request_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(hash_token(&token))
    .bind(request)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// Files a request: the request, for a named community its one pair (at "new", moved
/// there by the requester), and its first private link, in one transaction. Returns the
/// request's id and the link's token.
pub async fn file(db: &Db, r: &NewRequest) -> Result<(String, String), sqlx::Error> {
    let t = now();
    let id = random_id();
    let token = random_token();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO partner_requests (id, community_code, municipality_country, municipality_slug, \
         municipality_name, contact_name, contact_role, email, phone, languages, themes, message, \
         lang, stage, consent_at, created_at, last_activity_at, preferences) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15, $16)",
    )
    .bind(&id)
    .bind(&r.community)
    .bind(&r.country)
    .bind(&r.municipality_slug)
    .bind(&r.municipality)
    .bind(&r.contact_name)
    .bind(&r.contact_role)
    .bind(&r.email)
    .bind(&r.phone)
    .bind(r.languages.join(","))
    .bind(r.themes.join(","))
    .bind(&r.message)
    .bind(&r.lang)
    .bind(Stage::New.key())
    .bind(t)
    .bind(&r.preferences)
    .execute(&mut *tx)
    .await?;
    if let Some(community) = &r.community {
        let pair = random_id();
        sqlx::query(
            "INSERT INTO partner_pairs (id, request_id, community_code, stage, created_at, last_activity_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&pair)
        .bind(&id)
        .bind(community)
        .bind(Stage::New.key())
        .bind(t)
        .execute(&mut *tx)
        .await?;
        record_move(&mut tx, &pair, None, Stage::New, "requester", None, "", t).await?;
    }
    sqlx::query(
        "INSERT INTO request_links (token_hash, request_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(hash_token(&token))
    .bind(&id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((id, token))
}

/// The request's municipality, and whether the request is closed: what a requester's
/// action needs to know of it.
pub async fn headline(db: &Db, by: &Requester) -> Result<(String, bool), sqlx::Error> {
    let (municipality, closed): (String, Option<i64>) =
        sqlx::query_as("SELECT municipality_name, closed_at FROM partner_requests WHERE id = $1")
            .bind(by.request())
            .fetch_one(&db.pool)
            .await?;
    Ok((municipality, closed.is_some()))
}

/// The request as its requester sees it: no internal notes.
pub async fn status(db: &Db, by: &Requester) -> Result<RequestStatus, sqlx::Error> {
    let r = sqlx::query(
        "SELECT municipality_name, municipality_country, contact_name, email, message, \
         created_at, closed_at FROM partner_requests WHERE id = $1",
    )
    .bind(by.request())
    .fetch_one(&db.pool)
    .await?;
    let pairs = sqlx::query(
        "SELECT p.id, p.stage, c.slug, c.name_uk, c.name_latin FROM partner_pairs p \
         JOIN communities c ON c.code = p.community_code WHERE p.request_id = $1 ORDER BY p.created_at, p.id",
    )
    .bind(by.request())
    .fetch_all(&db.pool)
    .await?;
    let mut events = events_of(db, by.request()).await?;
    let mut views = Vec::with_capacity(pairs.len());
    for p in pairs {
        let id: String = p.try_get("id")?;
        let events = events.remove(&id).unwrap_or_default();
        views.push(PairView {
            slug: p.try_get("slug")?,
            name_uk: p.try_get("name_uk")?,
            name_latin: p.try_get("name_latin")?,
            stage: stage(&p.try_get::<String, _>("stage")?),
            events,
        });
    }
    let contact_name: String = r.try_get("contact_name")?;
    let messages = sqlx::query(
        "SELECT m.author, m.body, m.at, COALESCE(u.name, '') AS name FROM request_messages m \
         LEFT JOIN users u ON u.id = m.user_id WHERE m.request_id = $1 AND m.internal = 0 \
         ORDER BY m.at, m.seq, m.id",
    )
    .bind(by.request())
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|m| {
        let author: String = m.try_get("author")?;
        let name: String = m.try_get("name")?;
        Ok(MessageView {
            internal: false,
            name: if author == "requester" {
                contact_name.clone()
            } else {
                name
            },
            author,
            body: m.try_get("body")?,
            at: m.try_get("at")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(RequestStatus {
        municipality: r.try_get("municipality_name")?,
        country: r.try_get("municipality_country")?,
        contact_name,
        email: r.try_get("email")?,
        message: r.try_get("message")?,
        created_at: r.try_get("created_at")?,
        closed: r.try_get::<Option<i64>, _>("closed_at")?.is_some(),
        pairs: views,
        messages,
    })
}

/// Every move of every pair of a request, by pair, oldest first: one query.
async fn events_of(
    db: &Db,
    request: &str,
) -> Result<std::collections::HashMap<String, Vec<EventView>>, sqlx::Error> {
    let mut by_pair: std::collections::HashMap<String, Vec<EventView>> = Default::default();
    let rows = sqlx::query(
        "SELECT e.pair_id, e.to_stage, e.actor, e.at, e.note FROM pair_events e \
         JOIN partner_pairs p ON p.id = e.pair_id WHERE p.request_id = $1 ORDER BY e.at, e.seq, e.id",
    )
    .bind(request)
    .fetch_all(&db.pool)
    .await?;
    for e in rows {
        by_pair
            .entry(e.try_get("pair_id")?)
            .or_default()
            .push(EventView {
                to: stage(&e.try_get::<String, _>("to_stage")?),
                actor: e.try_get("actor")?,
                at: e.try_get("at")?,
                note: e.try_get("note")?,
            });
    }
    Ok(by_pair)
}

/// A move of a pair, recorded inside the transaction that makes it: from (`None` when the
/// pair is made), to, by whom (`requester`, `editor`, `coordinator`; the account, if any),
/// the note, when.
#[allow(clippy::too_many_arguments)]
async fn record_move(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    pair: &str,
    from: Option<Stage>,
    to: Stage,
    actor: &str,
    user: Option<&crate::identity::UserId>,
    note: &str,
    t: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pair_events (id, pair_id, from_stage, to_stage, actor, user_id, note, at, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM pair_events WHERE pair_id = $2))",
    )
    .bind(random_id())
    .bind(pair)
    .bind(from.map(Stage::key))
    .bind(to.key())
    .bind(actor)
    .bind(user)
    .bind(note)
    .bind(t)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored stage; an unknown key (never written by this code) reads as new.
fn stage(key: &str) -> Stage {
    Stage::parse(key).unwrap_or(Stage::New)
}

/// The requester's message into the conversation.
pub async fn add_requester_message(db: &Db, by: &Requester, body: &str) -> Result<(), sqlx::Error> {
    let t = now();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO request_messages (id, request_id, author, body, internal, at, seq) \
         VALUES ($1, $2, 'requester', $3, 0, $4, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM request_messages WHERE request_id = $2))",
    )
    .bind(random_id())
    .bind(by.request())
    .bind(body)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, by.request(), t).await?;
    tx.commit().await
}

/// A message is activity of the request and of its pairs still on their way (they are not
/// quiet after it), inside the transaction that writes it.
async fn touch(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    request: &str,
    t: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE partner_requests SET last_activity_at = $1 WHERE id = $2")
        .bind(t)
        .bind(request)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE partner_pairs SET last_activity_at = $1 WHERE request_id = $2 \
         AND stage NOT IN ('declined', 'withdrawn', 'dormant')",
    )
    .bind(t)
    .bind(request)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The requester takes the request back: the request and each pair still open (or dormant)
/// move to withdrawn, each move recorded with the note. Returns the communities of the
/// pairs that moved; nothing when the request was closed already.
pub async fn withdraw(
    db: &Db,
    by: &Requester,
    note: &str,
) -> Result<Vec<CommunityCode>, sqlx::Error> {
    use super::stage::{check_move, Actor};
    let t = now();
    let mut tx = db.begin_write().await?;
    // Closing first, guarded by "not closed yet": of two withdrawals at once, one moves.
    let closed = sqlx::query(
        "UPDATE partner_requests SET stage = $1, closed_at = $2, last_activity_at = $2 \
         WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(Stage::Withdrawn.key())
    .bind(t)
    .bind(by.request())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if closed == 0 {
        return Ok(vec![]);
    }
    let pairs =
        sqlx::query("SELECT id, stage, community_code FROM partner_pairs WHERE request_id = $1")
            .bind(by.request())
            .fetch_all(&mut *tx)
            .await?;
    let mut moved = vec![];
    for p in pairs {
        let from = stage(&p.try_get::<String, _>("stage")?);
        if check_move(from, Stage::Withdrawn, Actor::Requester).is_err() {
            continue;
        }
        let id: String = p.try_get("id")?;
        sqlx::query("UPDATE partner_pairs SET stage = $1, last_activity_at = $2 WHERE id = $3")
            .bind(Stage::Withdrawn.key())
            .bind(t)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        record_move(
            &mut tx,
            &id,
            Some(from),
            Stage::Withdrawn,
            "requester",
            None,
            note,
            t,
        )
        .await?;
        moved.push(p.try_get("community_code")?);
    }
    tx.commit().await?;
    Ok(moved)
}

/// Blanks the requester's personal data of one request: name, role, address, phone, what
/// they wrote, and their private links. The request's facts (municipality, community,
/// stages, dates) stay for the statistics.
async fn anonymise(db: &Db, request: &str, t: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE partner_requests SET contact_name = '', contact_role = '', email = '', \
         phone = '', message = '', anonymised_at = $1 WHERE id = $2",
    )
    .bind(t)
    .bind(request)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE request_messages SET body = '' WHERE request_id = $1 AND author = 'requester'",
    )
    .bind(request)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM request_links WHERE request_id = $1")
        .bind(request)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// The clean-up's part: requests closed before `before` lose their requester's data.
/// Returns how many did.
pub async fn anonymise_closed_before(db: &Db, before: i64, t: i64) -> Result<u64, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM partner_requests WHERE anonymised_at IS NULL AND closed_at < $1",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    for id in &ids {
        anonymise(db, id, t).await?;
    }
    Ok(ids.len() as u64)
}

/// At the requester's wish: the request is withdrawn (if still open) and their data
/// blanked now; the link stops working.
pub async fn forget(db: &Db, by: &Requester) -> Result<Vec<CommunityCode>, sqlx::Error> {
    let moved = withdraw(db, by, "").await?;
    anonymise(db, by.request(), now()).await?;
    Ok(moved)
}
