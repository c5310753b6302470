//! Guards: checks of who the caller is that return a proof. The proofs can only be made
//! here (their fields are private), and the store functions that change data take them as
//! arguments — so a state change without the right check does not compile, and the data a
//! proof carries (whose account, which community) is the data the store writes.
//!
//! - [`SignedIn`]: a signed-in account whose second factor, if it has one, was given.
//! - [`Coordinator`]: a coordinator or admin with the second factor in force.
//! - [`Admin`]: an admin with the second factor in force.
//! - [`EditorOf`]: someone who may edit one community's card (its editor, or a coordinator).
//! - [`AnySession`]: any live session, the second factor possibly still owed (to give it,
//!   or to sign out).
//! - [`Requester`]: the person who asked for a partner, by the private link of their
//!   request (no account).
//! - [`PartnershipActor`]: who may add to a partnership's activity log: a coordinator, or an
//!   editor of its community.
//! - [`PairActor`]: who may move one pair of a request and its community: a coordinator, or
//!   an editor of that community.
//! - [`InThread`]: who may read and write a request's conversation besides its requester: a
//!   coordinator, or an editor of a community the request was made to or introduced to.

use super::context::Ctx;
use super::sessions::Session;
use crate::error::AppError;
use crate::identity::{CommunityCode, CurrentUser, Role, Slug, UserId};

/// A live session, with or without its second factor.
#[derive(Clone, Debug)]
pub struct AnySession(Session);

impl AnySession {
    pub fn user(&self) -> &CurrentUser {
        &self.0.user
    }

    /// The stored hash of the session's token.
    pub fn token_hash(&self) -> &str {
        &self.0.token_hash
    }

    pub fn owes_second_factor(&self) -> bool {
        self.0.pending_totp
    }
}

/// A signed-in account (second factor given where it has one).
#[derive(Clone, Debug)]
pub struct SignedIn(Session);

impl SignedIn {
    pub fn user(&self) -> &CurrentUser {
        &self.0.user
    }

    pub fn id(&self) -> &UserId {
        &self.0.user.id
    }

    /// The stored hash of the session's token.
    pub fn token_hash(&self) -> &str {
        &self.0.token_hash
    }

    /// The same session as the weaker proof (a signed-in session is a live one).
    pub fn session(&self) -> AnySession {
        AnySession(self.0.clone())
    }
}

/// A coordinator (or admin) with the second factor in force.
#[derive(Clone, Debug)]
pub struct Coordinator(SignedIn);

impl Coordinator {
    pub fn user(&self) -> &CurrentUser {
        self.0.user()
    }

    pub fn id(&self) -> &UserId {
        self.0.id()
    }
}

/// An admin with the second factor in force.
#[derive(Clone, Debug)]
pub struct Admin(Coordinator);

impl Admin {
    pub fn user(&self) -> &CurrentUser {
        self.0.user()
    }

    pub fn id(&self) -> &UserId {
        self.0.id()
    }
}

/// Someone who may edit this community's card: one of its editors, or a coordinator.
#[derive(Clone, Debug)]
pub struct EditorOf {
    by: SignedIn,
    community: CommunityCode,
    slug: Slug,
}

impl EditorOf {
    pub fn user(&self) -> &CurrentUser {
        self.by.user()
    }

    pub fn id(&self) -> &UserId {
        self.by.id()
    }

    /// The community this proof is for.
    pub fn community(&self) -> &CommunityCode {
        &self.community
    }

    pub fn slug(&self) -> &Slug {
        &self.slug
    }
}

/// The person who asked for a partner, proven by the private link mailed to them.
#[derive(Clone, Debug)]
pub struct Requester {
    request: String,
}

impl Requester {
    /// The request this link opens.
    pub fn request(&self) -> &str {
        &self.request
    }
}

/// A coordinator, or an editor of the pair's community: who may move the pair.
#[derive(Clone, Debug)]
pub struct PairActor {
    by: SignedIn,
    pair: String,
    request: String,
    community: CommunityCode,
    coordinator: bool,
}

impl PairActor {
    pub fn id(&self) -> &UserId {
        self.by.id()
    }

    pub fn pair(&self) -> &str {
        &self.pair
    }

    pub fn request(&self) -> &str {
        &self.request
    }

    pub fn community(&self) -> &CommunityCode {
        &self.community
    }

    /// A coordinator (or admin), not (only) an editor.
    pub fn is_coordinator(&self) -> bool {
        self.coordinator
    }
}

/// A coordinator, or an editor of the partnership's Ukrainian community: who may add to a
/// partnership's activity log.
#[derive(Clone, Debug)]
pub struct PartnershipActor {
    by: SignedIn,
    partnership: String,
}

impl PartnershipActor {
    pub fn id(&self) -> &UserId {
        self.by.id()
    }

    pub fn partnership(&self) -> &str {
        &self.partnership
    }
}

/// A coordinator, or an editor of a community the request is paired with: who may read
/// the request's conversation (with the requester's personal data) and write into it.
#[derive(Clone, Debug)]
pub struct InThread {
    by: SignedIn,
    request: String,
    coordinator: bool,
}

impl InThread {
    pub fn id(&self) -> &UserId {
        self.by.id()
    }

    pub fn request(&self) -> &str {
        &self.request
    }

    pub fn is_coordinator(&self) -> bool {
        self.coordinator
    }
}

impl Ctx {
    /// `pair`, if the signed-in account may move it: a coordinator, or an editor of its
    /// community. An unknown pair is not found.
    pub async fn pair_actor(&self, pair: &str) -> Result<PairActor, AppError> {
        let by = self.signed_in().await?;
        let (request, community): (String, CommunityCode) =
            sqlx::query_as("SELECT request_id, community_code FROM partner_pairs WHERE id = $1")
                .bind(pair)
                .fetch_optional(&self.db().pool)
                .await?
                .ok_or(AppError::NotFound)?;
        let coordinator = by.user().is_coordinator();
        if !coordinator && !is_editor(self.db(), by.id(), &community).await? {
            return Err(self
                .refused(by.id(), &format!("editor of {}", community.as_str()))
                .await);
        }
        Ok(PairActor {
            by,
            pair: pair.to_string(),
            request,
            community,
            coordinator,
        })
    }

    /// `partnership`, if the signed-in account may add to its activity log: a coordinator,
    /// or an editor of its community.
    pub async fn partnership_actor(&self, partnership: &str) -> Result<PartnershipActor, AppError> {
        let by = self.signed_in().await?;
        let community: CommunityCode =
            sqlx::query_scalar("SELECT community_code FROM partnerships WHERE id = $1")
                .bind(partnership)
                .fetch_optional(&self.db().pool)
                .await?
                .ok_or(AppError::NotFound)?;
        if !by.user().is_coordinator() && !is_editor(self.db(), by.id(), &community).await? {
            return Err(self
                .refused(by.id(), &format!("editor of {}", community.as_str()))
                .await);
        }
        Ok(PartnershipActor {
            by,
            partnership: partnership.to_string(),
        })
    }

    /// `request`, if the signed-in account is in its conversation: a coordinator, or an
    /// editor of a community it is paired with.
    pub async fn in_thread(&self, request: &str) -> Result<InThread, AppError> {
        let by = self.signed_in().await?;
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM partner_requests WHERE id = $1")
                .bind(request)
                .fetch_optional(&self.db().pool)
                .await?;
        let request = known.ok_or(AppError::NotFound)?;
        let coordinator = by.user().is_coordinator();
        if !coordinator {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM partner_pairs p JOIN editors e ON e.community_code = p.community_code \
                 WHERE p.request_id = $1 AND e.user_id = $2",
            )
            .bind(&request)
            .bind(by.id())
            .fetch_one(&self.db().pool)
            .await?;
            if n == 0 {
                return Err(self.refused(by.id(), "a community of this request").await);
            }
        }
        Ok(InThread {
            by,
            request,
            coordinator,
        })
    }

    /// The requester whose private link `token` is: not found for a wrong, made-up or
    /// forgotten link (the request's data deleted), which says nothing about whether a
    /// request exists.
    pub async fn requester(&self, token: &str) -> Result<Requester, AppError> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::NotFound);
        }
        let request: Option<String> = sqlx::query_scalar(
            "SELECT r.id FROM request_links l JOIN partner_requests r ON r.id = l.request_id \
             WHERE l.token_hash = $1 AND r.anonymised_at IS NULL",
        )
        .bind(super::secrets::hash_token(token))
        .fetch_optional(&self.db().pool)
        .await?;
        request
            .map(|request| Requester { request })
            .ok_or(AppError::NotFound)
    }

    /// Any live session of the request.
    pub async fn any_session(&self) -> Result<AnySession, AppError> {
        self.session()
            .await?
            .map(AnySession)
            .ok_or(AppError::SignInRequired)
    }

    /// The signed-in account (its second factor given, where it has one).
    pub async fn signed_in(&self) -> Result<SignedIn, AppError> {
        match self.session().await? {
            Some(s) if !s.pending_totp => Ok(SignedIn(s)),
            Some(_) => Err(AppError::SecondFactor),
            None => Err(AppError::SignInRequired),
        }
    }

    /// The signed-in account, if there is one (a visitor is `None`, not an error).
    pub async fn signed_in_or_visitor(&self) -> Result<Option<SignedIn>, AppError> {
        match self.signed_in().await {
            Ok(s) => Ok(Some(s)),
            Err(AppError::SignInRequired | AppError::SecondFactor) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A coordinator or admin with their second factor in force.
    pub async fn coordinator(&self) -> Result<Coordinator, AppError> {
        let s = self.signed_in().await?;
        if s.user().is_coordinator() {
            Ok(Coordinator(s))
        } else if s.user().role.needs_second_factor() {
            Err(AppError::SecondFactor)
        } else {
            Err(self.refused(s.id(), "coordinator").await)
        }
    }

    /// An admin with their second factor in force.
    pub async fn admin(&self) -> Result<Admin, AppError> {
        let c = self.coordinator().await?;
        if c.user().role == Role::Admin {
            Ok(Admin(c))
        } else {
            Err(self.refused(c.id(), "admin").await)
        }
    }

    /// The signed-in account, if it may edit the community of `slug`.
    pub async fn editor_of(&self, slug: &str) -> Result<EditorOf, AppError> {
        let by = self.signed_in().await?;
        self.may_edit(by, slug).await
    }

    /// `by`, if they may edit the community of `slug`: one of its editors, or a coordinator.
    pub async fn may_edit(&self, by: SignedIn, slug: &str) -> Result<EditorOf, AppError> {
        let (slug, community) = self.community(slug).await?;
        if by.user().is_coordinator() || is_editor(self.db(), by.id(), &community).await? {
            Ok(EditorOf {
                by,
                community,
                slug,
            })
        } else {
            Err(self
                .refused(by.id(), &format!("editor of {}", community.as_str()))
                .await)
        }
    }

    /// Records that a signed-in account was refused what it asked for (the audit log shows
    /// probing), and returns the refusal.
    async fn refused(&self, who: &UserId, needed: &str) -> AppError {
        self.audit(
            Some(who),
            super::audit::AuditAction::AccessDenied,
            self.path(),
            &format!("needs {needed}"),
        )
        .await;
        AppError::Forbidden
    }

    /// The community a slug from a URL names (not found unless it is one).
    pub async fn community(&self, slug: &str) -> Result<(Slug, CommunityCode), AppError> {
        let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
        let code = sqlx::query_scalar("SELECT code FROM communities WHERE slug = $1")
            .bind(&slug)
            .fetch_optional(&self.db().pool)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((slug, code))
    }
}

/// Whether `user` is one of the community's editors (the guard's own lookup).
pub async fn is_editor(
    db: &super::db::Db,
    user: &UserId,
    community: &CommunityCode,
) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM editors WHERE user_id = $1 AND community_code = $2",
    )
    .bind(user)
    .bind(community)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}
