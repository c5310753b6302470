//! The claims domain's SQL: requests to edit a community, who edits which community, and
//! invitations. Changes take the proof that allows them: the requester's [`SignedIn`], the
//! deciding [`Coordinator`], the inviting [`EditorOf`].

use super::model::{
    CardQueue, ClaimStatus, ClaimView, MyClaim, MyCommunity, QueueCard, QUEUE_SHOWN,
};
use crate::identity::{CommunityCode, Role, UserId};
use crate::platform::db::Db;
use crate::platform::guards::{Coordinator, EditorOf, SignedIn};
use crate::platform::now;
use crate::platform::page_cache::bump;
use crate::platform::secrets::{hash_token, random_id};

/// The community's name in the script of a reader of `lang` (Ukrainian in Cyrillic, every
/// other language in the Latin transliteration) and its slug, for mail.
pub async fn community_name(
    db: &Db,
    code: &CommunityCode,
    lang: &str,
) -> Result<(String, crate::identity::Slug), sqlx::Error> {
    let (uk, latin, slug): (String, String, crate::identity::Slug) =
        sqlx::query_as("SELECT name_uk, name_latin, slug FROM communities WHERE code = $1")
            .bind(code)
            .fetch_one(&db.pool)
            .await?;
    Ok((if lang == "uk" { uk } else { latin }, slug))
}

/// Whether `user` has a request for `community` waiting.
pub async fn has_pending(
    db: &Db,
    user: &UserId,
    community: &CommunityCode,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM claims WHERE user_id = $1 AND community_code = $2 AND status = $3",
    )
    .bind(user)
    .bind(community)
    .bind(ClaimStatus::Pending.key())
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// `who`'s requests waiting for a decision, oldest first.
pub async fn my_pending(db: &Db, who: &SignedIn) -> Result<Vec<MyClaim>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.slug, m.name_uk, m.name_latin, c.created_at FROM claims c \
         JOIN communities m ON m.code = c.community_code \
         WHERE c.user_id = $1 AND c.status = $2 ORDER BY c.created_at",
    )
    .bind(who.id())
    .bind(ClaimStatus::Pending.key())
    .fetch_all(&db.pool)
    .await
}

/// Files a request to edit `community`; an open request of the same person replaces its text.
pub async fn file_claim(
    db: &Db,
    by: &SignedIn,
    community: &CommunityCode,
    position: &str,
    evidence: &str,
    message: &str,
) -> Result<String, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM claims WHERE user_id = $1 AND community_code = $2 AND status = $3")
        .bind(by.id())
        .bind(community)
        .bind(ClaimStatus::Pending.key())
        .execute(&mut *tx)
        .await?;
    let id = random_id();
    sqlx::query(
        "INSERT INTO claims (id, user_id, community_code, position, evidence, message, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(by.id())
    .bind(community)
    .bind(position)
    .bind(evidence)
    .bind(message)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Coordinators and admins with a confirmed address: (address, language), to be told of requests.
pub async fn coordinators(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT email, lang FROM users WHERE role IN ($1, $2) AND email_verified = 1")
        .bind(Role::Coordinator.key())
        .bind(Role::Admin.key())
        .fetch_all(&db.pool)
        .await
}

/// Requests waiting for a decision, oldest first (coordinators only).
pub async fn pending(db: &Db, _: &Coordinator) -> Result<Vec<ClaimView>, sqlx::Error> {
    sqlx::query_as::<_, ClaimView>(
        "SELECT c.id, m.slug AS community_slug, m.name_uk AS community_name, m.name_latin AS community_name_latin, u.name AS user_name, \
                u.email AS user_email, c.position, c.evidence, c.message, c.created_at \
         FROM claims c JOIN communities m ON m.code = c.community_code JOIN users u ON u.id = c.user_id \
         WHERE c.status = $1 ORDER BY c.created_at, c.id",
    )
    .bind(ClaimStatus::Pending.key())
    .fetch_all(&db.pool)
    .await
}

/// Why someone may become an editor of a community: a coordinator approved their request,
/// or they accepted a current editor's invitation. Made only by [`decide`] and
/// [`accept_invitation`]; [`grant`] requires one.
#[derive(Debug)]
pub struct Grant {
    user: UserId,
    community: CommunityCode,
    by: UserId,
}

impl Grant {
    pub fn user(&self) -> &UserId {
        &self.user
    }

    pub fn community(&self) -> &CommunityCode {
        &self.community
    }
}

/// A request that was decided: whose, for which community, and (if approved) the grant.
#[derive(Debug)]
pub struct Decided {
    pub requester: UserId,
    pub community: CommunityCode,
    pub grant: Option<Grant>,
}

/// An invitation that was accepted: by whom it was sent, and the grant it carries (valid
/// only while the inviter may still edit the community: the service checks that first).
#[derive(Debug)]
pub struct Accepted {
    pub inviter: UserId,
    pub grant: Grant,
}

/// Decides a waiting request: `None` if it is not waiting (any more).
pub async fn decide(
    db: &Db,
    by: &Coordinator,
    id: &str,
    approve: bool,
    reason: &str,
) -> Result<Option<Decided>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(UserId, CommunityCode)> =
        sqlx::query_as("SELECT user_id, community_code FROM claims WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(ClaimStatus::Pending.key())
            .fetch_optional(&mut *tx)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let decided = sqlx::query(
        "UPDATE claims SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND status = $6",
    )
    .bind(
        if approve {
            ClaimStatus::Approved
        } else {
            ClaimStatus::Rejected
        }
        .key(),
    )
    .bind(reason)
    .bind(by.id())
    .bind(now())
    .bind(id)
    .bind(ClaimStatus::Pending.key())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if decided != 1 {
        return Ok(None);
    }
    tx.commit().await?;
    let (requester, community) = row;
    let grant = approve.then(|| Grant {
        user: requester.clone(),
        community: community.clone(),
        by: by.id().clone(),
    });
    Ok(Some(Decided {
        requester,
        community,
        grant,
    }))
}

/// Makes the grant's person an editor of its community, and marks the card claimed.
pub async fn grant(db: &Db, grant: Grant) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO editors (user_id, community_code, granted_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, community_code) DO NOTHING",
    )
    .bind(&grant.user)
    .bind(&grant.community)
    .bind(&grant.by)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    trust_row(&mut tx, &grant.community).await?;
    sqlx::query("UPDATE profiles SET claimed = 1 WHERE community_code = $1")
        .bind(&grant.community)
        .execute(&mut *tx)
        .await?;
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(())
}

/// Marks a card verified (with the day checked) or not; a coordinator's decision.
pub async fn set_verified(
    db: &Db,
    _: &Coordinator,
    community: &CommunityCode,
    verified: bool,
    day: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    trust_row(&mut tx, community).await?;
    if verified {
        sqlx::query(
            "UPDATE profiles SET verified = 1, last_verified = $1 WHERE community_code = $2",
        )
        .bind(day)
        .bind(community)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("UPDATE profiles SET verified = 0 WHERE community_code = $1")
            .bind(community)
            .execute(&mut *tx)
            .await?;
    }
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(())
}

/// The trust marks live on the card's row: a community without a card gets an empty one
/// (version 0, official data only) to carry them.
async fn trust_row(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    community: &CommunityCode,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO profiles (community_code, data, version, updated_at) VALUES ($1, '{}', 0, $2) \
         ON CONFLICT (community_code) DO NOTHING",
    )
    .bind(community)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The communities `who` edits.
pub async fn mine(db: &Db, who: &SignedIn) -> Result<Vec<MyCommunity>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.slug, c.name_uk, c.name_latin FROM editors e JOIN communities c ON c.code = e.community_code \
         WHERE e.user_id = $1 ORDER BY c.name_uk",
    )
    .bind(who.id())
    .fetch_all(&db.pool)
    .await
}

/// The community's editors and its invitations not yet used and not expired.
pub async fn team(
    db: &Db,
    by: &EditorOf,
) -> Result<
    (
        Vec<super::model::TeamMember>,
        Vec<super::model::PendingInvitation>,
    ),
    sqlx::Error,
> {
    let mut team: Vec<super::model::TeamMember> = sqlx::query_as(
        "SELECT u.id, u.name, u.email FROM editors e JOIN users u ON u.id = e.user_id \
         WHERE e.community_code = $1 ORDER BY e.created_at, u.id",
    )
    .bind(by.community())
    .fetch_all(&db.pool)
    .await?;
    for m in &mut team {
        m.you = m.id == by.id().as_str();
    }
    let invitations = sqlx::query_as(
        "SELECT token_hash AS id, email, expires_at FROM invitations \
         WHERE community_code = $1 AND used = 0 AND expires_at > $2 ORDER BY expires_at",
    )
    .bind(by.community())
    .bind(now())
    .fetch_all(&db.pool)
    .await?;
    Ok((team, invitations))
}

/// Takes `user` off the community's editors (`by` may be that user: leaving); the card is
/// no longer marked claimed when nobody edits it. `false` if they were not an editor.
pub async fn remove_editor(db: &Db, by: &EditorOf, user: &UserId) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let removed = sqlx::query("DELETE FROM editors WHERE user_id = $1 AND community_code = $2")
        .bind(user)
        .bind(by.community())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        return Ok(false);
    }
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM editors WHERE community_code = $1")
        .bind(by.community())
        .fetch_one(&mut *tx)
        .await?;
    if left == 0 {
        sqlx::query("UPDATE profiles SET claimed = 0 WHERE community_code = $1")
            .bind(by.community())
            .execute(&mut *tx)
            .await?;
    }
    bump(&mut tx).await?;
    tx.commit().await?;
    db.freshness.invalidate();
    Ok(true)
}

/// Withdraws an invitation of the community that was not used yet: its link stops working.
/// Returns the address it was sent to, `None` if there is no such invitation.
pub async fn withdraw_invitation(
    db: &Db,
    by: &EditorOf,
    id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "DELETE FROM invitations WHERE token_hash = $1 AND community_code = $2 AND used = 0 \
         RETURNING email",
    )
    .bind(id)
    .bind(by.community())
    .fetch_optional(&db.pool)
    .await
}

/// An editor invites `email` to edit the same community; returns nothing, the token is the
/// caller's to mail.
pub async fn invite(db: &Db, by: &EditorOf, email: &str, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invitations (token_hash, community_code, email, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(token))
    .bind(by.community())
    .bind(email)
    .bind(by.id())
    .bind(now() + 7 * 24 * 3600)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Uses an invitation addressed to `who`, if it is valid.
pub async fn accept_invitation(
    db: &Db,
    who: &SignedIn,
    token: &str,
) -> Result<Option<Accepted>, sqlx::Error> {
    let row: Option<(CommunityCode, UserId)> = sqlx::query_as(
        "UPDATE invitations SET used = 1 WHERE token_hash = $1 AND used = 0 AND expires_at > $2 AND email = $3 \
         RETURNING community_code, invited_by",
    )
    .bind(hash_token(token.trim()))
    .bind(now())
    .bind(&who.user().email)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(community, inviter)| Accepted {
        grant: Grant {
            user: who.id().clone(),
            community,
            by: inviter.clone(),
        },
        inviter,
    }))
}

/// Cards their community edits (claimed, published at least once, not demo ones).
const EDITED_CARDS: &str = "FROM profiles p JOIN communities c ON c.code = p.community_code \
     WHERE p.claimed = 1 AND p.demo = 0 AND p.version > 0";

async fn queue_list(
    db: &Db,
    condition: &str,
    order: &str,
    before: i64,
) -> Result<(Vec<QueueCard>, i64), sqlx::Error> {
    use sqlx::Row;
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {EDITED_CARDS} AND {condition}"))
        .bind(before)
        .fetch_one(&db.pool)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT c.slug, c.name_uk, c.name_latin, p.updated_at, p.last_verified \
         {EDITED_CARDS} AND {condition} ORDER BY {order}, c.slug LIMIT {QUEUE_SHOWN}"
    ))
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    let cards = rows
        .iter()
        .map(|r| {
            Ok(QueueCard {
                slug: r.try_get("slug")?,
                name: r.try_get("name_uk")?,
                name_latin: r.try_get("name_latin")?,
                updated_at: r.try_get("updated_at")?,
                last_verified: r.try_get("last_verified")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((cards, total))
}

/// The coordinators' queue at `before` (a year ago): cards to verify, newest edit first
/// (never checked, or checked before `before`), and cards not updated since `before`, the
/// oldest first.
pub async fn card_queue(db: &Db, _: &Coordinator, before: i64) -> Result<CardQueue, sqlx::Error> {
    let (to_verify, to_verify_total) = queue_list(
        db,
        "(p.verified = 0 OR p.last_verified IS NULL OR p.last_verified < $1)",
        "p.updated_at DESC",
        before,
    )
    .await?;
    let (stale, stale_total) =
        queue_list(db, "p.updated_at < $1", "p.updated_at ASC", before).await?;
    Ok(CardQueue {
        to_verify,
        to_verify_total,
        stale,
        stale_total,
    })
}
