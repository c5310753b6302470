//! What the claims domain's server functions do: claiming a community, the coordinators'
//! decisions, invitations by editors, and the verified mark.

use super::mail;
use super::model::{Access, CardQueue, ClaimView, MyClaim, MyCommunity, QUEUE_STALE_DAYS};
use super::store;
use crate::accounts::model::normalize_email;
use crate::error::{AppError, Checks, Problem};
use crate::links::{self, Notice};
use crate::platform::audit::AuditAction;
use crate::platform::input::text_field;
use crate::platform::mail::{enqueue, link};
use crate::platform::secrets::random_token;
use crate::platform::{guards, rate_limit, Ctx};

/// What the reader may do on this community's page.
pub async fn my_access(ctx: &Ctx, slug: &str) -> Result<Access, AppError> {
    let (_, code) = ctx.community(slug).await?;
    let Some(who) = ctx.signed_in_or_visitor().await? else {
        return Ok(Access::default());
    };
    let editor = guards::is_editor(ctx.db(), who.id(), &code).await?;
    Ok(Access {
        signed_in: true,
        can_edit: editor || who.user().is_coordinator(),
        coordinator: who.user().is_coordinator(),
        pending_claim: store::has_pending(ctx.db(), who.id(), &code).await?,
    })
}

/// Asks to become an editor of a community (confirmed address required).
pub async fn claim_community(
    ctx: &Ctx,
    slug: &str,
    position: &str,
    evidence: &str,
    message: &str,
) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    let (slug, code) = ctx.community(slug).await?;
    if !who.user().email_verified {
        return Err(AppError::invalid("email", Problem::Unverified));
    }
    let mut checks = Checks::default();
    let position = checks.field(text_field("position", position, true, 200, false))?;
    let evidence = checks.field(text_field("evidence", evidence, true, 500, true))?;
    let message = checks.field(text_field("message", message, false, 2000, true))?;
    checks.done()?;
    rate_limit::hit(
        ctx.db(),
        &format!("claim:{}", who.id()),
        rate_limit::MAIL_PER_ADDRESS,
    )
    .await?;
    if guards::is_editor(ctx.db(), who.id(), &code).await? {
        ctx.redirect(&links::community(&slug));
        return Ok(());
    }
    // One request at a time: a second one while the first waits changes nothing and mails
    // nobody; the person is shown that the first is waiting.
    if store::has_pending(ctx.db(), who.id(), &code).await? {
        ctx.redirect(&Notice::ClaimPending.on(&links::community(&slug)));
        return Ok(());
    }
    let id = store::file_claim(ctx.db(), &who, &code, &position, &evidence, &message).await?;
    ctx.audit(
        Some(who.id()),
        AuditAction::ClaimRequested,
        code.as_str(),
        &id,
    )
    .await;
    for (email, lang) in store::coordinators(ctx.db()).await? {
        let (name, _) = store::community_name(ctx.db(), &code, &lang).await?;
        let m = mail::claim_waiting(
            &lang,
            &name,
            &link(&ctx.state.settings, &lang, links::COORDINATOR),
        );
        enqueue(ctx.db(), &email, &m).await?;
    }
    ctx.state.mailer.wake();
    ctx.redirect(&Notice::ClaimSent.on(&links::community(&slug)));
    Ok(())
}

/// Requests waiting for a decision (coordinators only), oldest first.
/// The coordinators' queue of cards to check (coordinators only).
pub async fn card_queue(ctx: &Ctx) -> Result<CardQueue, AppError> {
    let by = ctx.coordinator().await?;
    let before = crate::platform::now() - QUEUE_STALE_DAYS * 86_400;
    Ok(store::card_queue(ctx.db(), &by, before).await?)
}

pub async fn pending_claims(ctx: &Ctx) -> Result<Vec<ClaimView>, AppError> {
    let by = ctx.coordinator().await?;
    Ok(store::pending(ctx.db(), &by).await?)
}

/// Approves or rejects (with a reason) a request; the person is told by mail.
pub async fn decide_claim(
    ctx: &Ctx,
    id: &str,
    decision: &str,
    reason: &str,
) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::invalid("decision", Problem::Required)),
    };
    let reason = text_field("reason", reason, !approve, 1000, true)?;
    let decided = store::decide(ctx.db(), &by, id, approve, &reason)
        .await?
        .ok_or(AppError::NotFound)?;
    let (requester, code) = (decided.requester.clone(), decided.community.clone());
    if let Some(grant) = decided.grant {
        store::grant(ctx.db(), grant).await?;
    }
    let action = if approve {
        AuditAction::ClaimApproved
    } else {
        AuditAction::ClaimRejected
    };
    ctx.audit(
        Some(by.id()),
        action,
        code.as_str(),
        &format!("claim {id} of {requester}"),
    )
    .await;
    if let Some(u) = crate::accounts::store::by_id(ctx.db(), &requester).await? {
        let (name, slug) = store::community_name(ctx.db(), &code, &u.lang).await?;
        let m = if approve {
            mail::claim_approved(
                &u.lang,
                &name,
                &link(&ctx.state.settings, &u.lang, &links::editor(&slug)),
            )
        } else {
            mail::claim_rejected(&u.lang, &name, &reason)
        };
        enqueue(ctx.db(), &u.user.email, &m).await?;
        ctx.state.mailer.wake();
    }
    ctx.redirect(&Notice::Decided.on(links::COORDINATOR));
    Ok(())
}

/// The signed-in user's requests to edit that wait for a coordinator.
pub async fn my_claims(ctx: &Ctx) -> Result<Vec<MyClaim>, AppError> {
    let who = ctx.signed_in().await?;
    Ok(store::my_pending(ctx.db(), &who).await?)
}

/// The communities the signed-in user edits.
pub async fn my_communities(ctx: &Ctx) -> Result<Vec<MyCommunity>, AppError> {
    let who = ctx.signed_in().await?;
    let mut mine = store::mine(ctx.db(), &who).await?;
    for c in &mut mine {
        let by = ctx.may_edit(who.clone(), c.slug.as_str()).await?;
        (c.team, c.invitations) = store::team(ctx.db(), &by).await?;
    }
    Ok(mine)
}

/// Takes an editor off a community (any of its editors, or a coordinator, may; one may take
/// oneself off). Audited; the person is told by mail.
pub async fn remove_editor(ctx: &Ctx, slug: &str, user: &str) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    let user = crate::identity::UserId::new(user.trim());
    if !store::remove_editor(ctx.db(), &by, &user).await? {
        return Err(AppError::NotFound);
    }
    ctx.audit(
        Some(by.id()),
        AuditAction::EditorRemoved,
        by.community().as_str(),
        user.as_str(),
    )
    .await;
    if &user != by.id() {
        if let Some(u) = crate::accounts::store::by_id(ctx.db(), &user).await? {
            let (name, _) = store::community_name(ctx.db(), by.community(), &u.lang).await?;
            let m = mail::editor_removed(&u.lang, &name, &by.user().name);
            enqueue(ctx.db(), &u.user.email, &m).await?;
            ctx.state.mailer.wake();
        }
    }
    ctx.redirect(&Notice::EditorRemoved.on(links::ACCOUNT));
    Ok(())
}

/// Withdraws an invitation not yet accepted: its link stops working. Audited.
pub async fn withdraw_invitation(ctx: &Ctx, slug: &str, id: &str) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    let email = store::withdraw_invitation(ctx.db(), &by, id.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.audit(
        Some(by.id()),
        AuditAction::InvitationWithdrawn,
        by.community().as_str(),
        &email,
    )
    .await;
    ctx.redirect(&Notice::InvitationWithdrawn.on(links::ACCOUNT));
    Ok(())
}

/// An editor invites a colleague by address to edit the same community.
pub async fn invite_editor(ctx: &Ctx, slug: &str, email: &str) -> Result<(), AppError> {
    let by = ctx.editor_of(slug).await?;
    if !by.user().email_verified {
        return Err(AppError::invalid("email", Problem::Unverified));
    }
    let email = normalize_email(email)?;
    rate_limit::hit(
        ctx.db(),
        &format!("mail-user:{}", by.id()),
        rate_limit::MAIL_PER_ADDRESS,
    )
    .await?;
    let token = random_token();
    store::invite(ctx.db(), &by, &email, &token).await?;
    let lang = ctx.lang();
    let (name, _) = store::community_name(ctx.db(), by.community(), lang).await?;
    let m = mail::invitation(
        lang,
        &by.user().name,
        &name,
        &link(&ctx.state.settings, lang, &links::invitation(&token)),
    );
    enqueue(ctx.db(), &email, &m).await?;
    ctx.state.mailer.wake();
    ctx.audit(
        Some(by.id()),
        AuditAction::EditorInvited,
        by.community().as_str(),
        &email,
    )
    .await;
    ctx.redirect(&Notice::Invited.on(links::ACCOUNT));
    Ok(())
}

/// Accepts an invitation: the signed-in user's confirmed address must be the invited one,
/// and the inviter must still be an editor (or a coordinator).
pub async fn accept_invitation(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let who = ctx.signed_in().await?;
    if !who.user().email_verified {
        return Err(AppError::invalid("email", Problem::Unverified));
    }
    let accepted = store::accept_invitation(ctx.db(), &who, token)
        .await?
        .ok_or(AppError::LinkExpired)?;
    let community = accepted.grant.community().clone();
    let inviter_ok = guards::is_editor(ctx.db(), &accepted.inviter, &community).await?
        || crate::accounts::store::by_id(ctx.db(), &accepted.inviter)
            .await?
            .is_some_and(|u| u.user.is_coordinator());
    if !inviter_ok {
        return Err(AppError::LinkExpired);
    }
    let inviter = accepted.inviter.clone();
    store::grant(ctx.db(), accepted.grant).await?;
    ctx.audit(
        Some(who.id()),
        AuditAction::InvitationAccepted,
        community.as_str(),
        inviter.as_str(),
    )
    .await;
    ctx.redirect(&Notice::Joined.on(links::ACCOUNT));
    Ok(())
}

/// Marks a card verified (or not) by a coordinator, with the date it was checked.
pub async fn set_verified(
    ctx: &Ctx,
    slug: &str,
    verified: &str,
    date: &str,
) -> Result<(), AppError> {
    let by = ctx.coordinator().await?;
    let (slug, code) = ctx.community(slug).await?;
    let on = verified == "yes";
    let day = if date.trim().is_empty() {
        chrono::Utc::now().date_naive()
    } else {
        chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::invalid("date", Problem::Date))?
    };
    if day.format("%Y-%m-%d").to_string() > crate::lang::labels::today() {
        return Err(AppError::invalid("date", Problem::FutureDate));
    }
    let secs = day
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .ok_or_else(|| AppError::invalid("date", Problem::Date))?;
    store::set_verified(ctx.db(), &by, &code, on, secs).await?;
    let action = if on {
        AuditAction::Verified
    } else {
        AuditAction::Unverified
    };
    ctx.audit(
        Some(by.id()),
        action,
        code.as_str(),
        &day.format("%Y-%m-%d").to_string(),
    )
    .await;
    ctx.redirect(&Notice::CardVerified.on(&links::community(&slug)));
    Ok(())
}
