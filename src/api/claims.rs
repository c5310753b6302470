//! Roles and claiming: a signed-in person asks to edit a community, a coordinator approves or
//! rejects with a reason (the person is told by mail), editors invite colleagues, coordinators
//! mark cards verified, admins appoint coordinators. Each function checks its caller itself.

use crate::error::AppError;
use crate::model::account::{Access, ClaimView, MyCommunity};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{accounts::*, auth, mail, state::app_state};

#[cfg(feature = "ssr")]
async fn community_name(state: &crate::server::AppState, code: &str) -> Result<String, AppError> {
    Ok(
        sqlx::query_scalar("SELECT name_uk FROM communities WHERE code = $1")
            .bind(code)
            .fetch_one(&state.db.pool)
            .await?,
    )
}

#[cfg(feature = "ssr")]
async fn grant(
    state: &crate::server::AppState,
    user_id: &str,
    code: &str,
    by: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO editors (user_id, community_code, granted_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, community_code) DO NOTHING",
    )
    .bind(user_id)
    .bind(code)
    .bind(by)
    .bind(now())
    .execute(&state.db.pool)
    .await?;
    crate::server::profiles::set_trust(&state.db, code, |t| t.claimed = true)
        .await
        .map_err(AppError::internal)?;
    Ok(())
}

/// What the reader may do on this community's page.
#[server(prefix = "/api", endpoint = "my_access", output = crate::api::Answer)]
pub async fn my_access(slug: String) -> Result<Access, AppError> {
    let state = app_state()?;
    let code = auth::community_code(&state, &slug).await?;
    let Ok(user) = auth::user(&state).await else {
        return Ok(Access::default());
    };
    let editor = auth::is_editor(&state, &user.id, &code).await?;
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM claims WHERE user_id = $1 AND community_code = $2 AND status = 'pending'",
    )
    .bind(&user.id)
    .bind(&code)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(Access {
        signed_in: true,
        can_edit: editor || user.is_coordinator(),
        coordinator: user.is_coordinator(),
        pending_claim: pending > 0,
    })
}

/// Asks to become an editor of a community (confirmed address required).
#[server(prefix = "/api", endpoint = "claim_community", output = crate::api::Answer)]
pub async fn claim_community(
    slug: String,
    position: String,
    evidence: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    auth::answer(async {
        let state = app_state()?;
        let parts = auth::parts()?;
        let user = auth::user(&state).await?;
        let code = auth::community_code(&state, &slug).await?;
        if !user.email_verified {
            return Err(AppError::invalid("email", crate::error::Problem::Unverified));
        }
        let position = auth::text_field("position", &position, true, 200, false)?;
        let evidence = auth::text_field("evidence", &evidence, true, 500, true)?;
        let message = auth::text_field("message", &message, false, 2000, true)?;
        rate_limit::hit(&state.db, &format!("claim:{}", user.id), rate_limit::MAIL_PER_ADDRESS).await?;
        if auth::is_editor(&state, &user.id, &code).await? {
            auth::redirect_localized(&parts, &format!("/c/{slug}"));
            return Ok(());
        }
        // One open request per person and community: a new one replaces the text of the old.
        sqlx::query("DELETE FROM claims WHERE user_id = $1 AND community_code = $2 AND status = 'pending'")
            .bind(&user.id)
            .bind(&code)
            .execute(&state.db.pool)
            .await?;
        let id = random_id();
        sqlx::query(
            "INSERT INTO claims (id, user_id, community_code, position, evidence, message, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&user.id)
        .bind(&code)
        .bind(&position)
        .bind(&evidence)
        .bind(&message)
        .bind(now())
        .execute(&state.db.pool)
        .await?;
        auth::audit(&state, &parts, Some(&user.id), "claim_requested", &code, &id).await;
        // Tell the coordinators.
        let name = community_name(&state, &code).await?;
        let coordinators: Vec<(String, String)> = sqlx::query_as(
            "SELECT email, lang FROM users WHERE role IN ('coordinator', 'admin') AND email_verified = 1",
        )
        .fetch_all(&state.db.pool)
        .await?;
        for (email, lang) in coordinators {
            let m = mail::messages::claim_waiting(&lang, &name, &mail::link(&state.settings, &lang, "/coordinator"));
            mail::enqueue(&state.db, &email, &m.subject, &m.body).await?;
        }
        state.mailer.wake();
        auth::redirect_localized(&parts, &format!("/c/{slug}?done=claim_sent"));
        Ok(())
    }
    .await)
}

/// Requests waiting for a decision (coordinators only), oldest first.
#[server(prefix = "/api", endpoint = "pending_claims", output = crate::api::Answer)]
pub async fn pending_claims() -> Result<Vec<ClaimView>, AppError> {
    auth::answer(async {
        let state = app_state()?;
        auth::coordinator(&state).await?;
        Ok(sqlx::query_as::<_, ClaimView>(
            "SELECT c.id, m.slug AS community_slug, m.name_uk AS community_name, u.name AS user_name, \
                    u.email AS user_email, c.position, c.evidence, c.message, c.created_at \
             FROM claims c JOIN communities m ON m.code = c.community_code JOIN users u ON u.id = c.user_id \
             WHERE c.status = 'pending' ORDER BY c.created_at, c.id",
        )
        .fetch_all(&state.db.pool)
        .await?)
    }
    .await)
}

/// Approves (`decision` = `approve`) or rejects (`reject`, with a reason) a request; the person is told by mail.
#[server(prefix = "/api", endpoint = "decide_claim", output = crate::api::Answer)]
pub async fn decide_claim(
    id: String,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    auth::answer(async {
        let state = app_state()?;
        let parts = auth::parts()?;
        let coordinator = auth::coordinator(&state).await?;
        let approve = match decision.as_str() {
            "approve" => true,
            "reject" => false,
            _ => return Err(AppError::invalid("decision", crate::error::Problem::Required)),
        };
        let reason = auth::text_field("reason", &reason, !approve, 1000, true)?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT user_id, community_code FROM claims WHERE id = $1 AND status = 'pending'",
        )
        .bind(&id)
        .fetch_optional(&state.db.pool)
        .await?;
        let (user_id, code) = row.ok_or(AppError::NotFound)?;
        let decided = sqlx::query(
            "UPDATE claims SET status = $1, reason = $2, decided_by = $3, decided_at = $4 WHERE id = $5 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(&reason)
        .bind(&coordinator.id)
        .bind(now())
        .bind(&id)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
        if decided != 1 {
            return Err(AppError::NotFound);
        }
        if approve {
            grant(&state, &user_id, &code, &coordinator.id).await?;
        }
        auth::audit(&state, &parts, Some(&coordinator.id), if approve { "claim_approved" } else { "claim_rejected" }, &code, &format!("claim {id} of {user_id}"))
        .await;
        if let Some(u) = users::by_id(&state.db, &user_id).await? {
            let name = community_name(&state, &code).await?;
            let slug: String = sqlx::query_scalar("SELECT slug FROM communities WHERE code = $1")
                .bind(&code)
                .fetch_one(&state.db.pool)
                .await?;
            let m = if approve {
                mail::messages::claim_approved(&u.lang, &name, &mail::link(&state.settings, &u.lang, &format!("/c/{slug}/edit")))
            } else {
                mail::messages::claim_rejected(&u.lang, &name, &reason)
            };
            mail::enqueue(&state.db, &u.user.email, &m.subject, &m.body).await?;
            state.mailer.wake();
        }
        auth::redirect_localized(&parts, "/coordinator?done=decided");
        Ok(())
    }
    .await)
}

/// The communities the signed-in user edits.
#[server(prefix = "/api", endpoint = "my_communities", output = crate::api::Answer)]
pub async fn my_communities() -> Result<Vec<MyCommunity>, AppError> {
    let state = app_state()?;
    let user = auth::user(&state).await?;
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.slug, c.name_uk, c.name_latin FROM editors e JOIN communities c ON c.code = e.community_code \
         WHERE e.user_id = $1 ORDER BY c.name_uk",
    )
    .bind(&user.id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name_uk, name_latin)| MyCommunity {
            slug,
            name_uk,
            name_latin,
        })
        .collect())
}

/// An editor invites a colleague by address to edit the same community.
#[server(prefix = "/api", endpoint = "invite_editor", output = crate::api::Answer)]
pub async fn invite_editor(slug: String, email: String) -> Result<(), AppError> {
    auth::answer(async {
        let state = app_state()?;
        let parts = auth::parts()?;
        let (user, code) = auth::editor_of(&state, &slug).await?;
        let email = normalize_email(&email)?;
        rate_limit::hit(&state.db, &format!("mail-user:{}", user.id), rate_limit::MAIL_PER_ADDRESS).await?;
        let token = random_token();
        sqlx::query(
            "INSERT INTO invitations (token_hash, community_code, email, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_token(&token))
        .bind(&code)
        .bind(&email)
        .bind(&user.id)
        .bind(now() + 7 * 24 * 3600)
        .execute(&state.db.pool)
        .await?;
        let lang = leptos_i18n::Locale::as_str(auth::locale(&parts));
        let name = community_name(&state, &code).await?;
        let m = mail::messages::invitation(lang, &user.name, &name, &mail::link(&state.settings, lang, &format!("/account/invitation?token={token}")));
        mail::enqueue(&state.db, &email, &m.subject, &m.body).await?;
        state.mailer.wake();
        auth::audit(&state, &parts, Some(&user.id), "editor_invited", &code, &email).await;
        auth::redirect_localized(&parts, "/account?done=invited");
        Ok(())
    }
    .await)
}

/// Accepts an invitation: the signed-in user's confirmed address must be the invited one.
#[server(prefix = "/api", endpoint = "accept_invitation", output = crate::api::Answer)]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    auth::answer(async {
        let state = app_state()?;
        let parts = auth::parts()?;
        let user = auth::user(&state).await?;
        if !user.email_verified {
            return Err(AppError::invalid("email", crate::error::Problem::Unverified));
        }
        let row: Option<(String, String, String)> = sqlx::query_as(
            "UPDATE invitations SET used = 1 WHERE token_hash = $1 AND used = 0 AND expires_at > $2 AND email = $3 \
             RETURNING community_code, invited_by, email",
        )
        .bind(hash_token(token.trim()))
        .bind(now())
        .bind(&user.email)
        .fetch_optional(&state.db.pool)
        .await?;
        let Some((code, invited_by, _)) = row else {
            return Err(AppError::LinkExpired);
        };
        // The inviter must still be an editor (or coordinator) for the invitation to count.
        let inviter_ok = auth::is_editor(&state, &invited_by, &code).await?
            || users::by_id(&state.db, &invited_by).await?.is_some_and(|u| u.user.is_coordinator());
        if !inviter_ok {
            return Err(AppError::LinkExpired);
        }
        grant(&state, &user.id, &code, &invited_by).await?;
        auth::audit(&state, &parts, Some(&user.id), "invitation_accepted", &code, &invited_by).await;
        auth::redirect_localized(&parts, "/account?done=joined");
        Ok(())
    }
    .await)
}

/// Marks a card verified (or not) by a coordinator, with the date it was checked.
#[server(prefix = "/api", endpoint = "set_verified", output = crate::api::Answer)]
pub async fn set_verified(
    slug: String,
    verified: String,
    #[server(default)] date: String,
) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let coordinator = auth::coordinator(&state).await?;
            let code = auth::community_code(&state, &slug).await?;
            let on = verified == "yes";
            let date = if date.trim().is_empty() {
                chrono::Utc::now().format("%Y-%m-%d").to_string()
            } else {
                chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                    .map_err(|_| AppError::invalid("date", crate::error::Problem::Date))?
                    .format("%Y-%m-%d")
                    .to_string()
            };
            crate::server::profiles::set_trust(&state.db, &code, |t| {
                t.verified = on;
                if on {
                    t.last_verified = Some(date.clone());
                }
            })
            .await
            .map_err(AppError::internal)?;
            auth::audit(
                &state,
                &parts,
                Some(&coordinator.id),
                if on { "verified" } else { "unverified" },
                &code,
                &date,
            )
            .await;
            auth::redirect_localized(&parts, &format!("/c/{slug}?done=verified"));
            Ok(())
        }
        .await,
    )
}

/// An admin gives a role (`member`, `coordinator`, `admin`) to the account with this address.
#[server(prefix = "/api", endpoint = "set_role", output = crate::api::Answer)]
pub async fn set_role(email: String, role: String) -> Result<(), AppError> {
    auth::answer(
        async {
            let state = app_state()?;
            let parts = auth::parts()?;
            let admin = auth::admin(&state).await?;
            let email = normalize_email(&email)?;
            let role = crate::model::account::Role::parse(&role)
                .ok_or_else(|| AppError::invalid("role", crate::error::Problem::Required))?;
            let changed = sqlx::query("UPDATE users SET role = $1 WHERE email = $2 AND id <> $3")
                .bind(role.as_str())
                .bind(&email)
                .bind(&admin.id)
                .execute(&state.db.pool)
                .await?
                .rows_affected();
            if changed != 1 {
                return Err(AppError::invalid("email", crate::error::Problem::Email));
            }
            auth::audit(
                &state,
                &parts,
                Some(&admin.id),
                "role_changed",
                &email,
                role.as_str(),
            )
            .await;
            auth::redirect_localized(&parts, "/coordinator?done=role");
            Ok(())
        }
        .await,
    )
}
