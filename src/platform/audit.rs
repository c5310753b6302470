//! The audit log: who did what, when, from where — sign-ins, role changes, claims and their
//! decisions, invitations, verification, publications and restores.

use super::db::Db;
use super::now;
use super::secrets::random_id;
use crate::identity::UserId;

keyed! {
    /// Every kind of event the log records (the key is what the `action` column holds).
    pub enum AuditAction {
        SignUp = "sign_up",
        EmailVerified = "email_verified",
        SignIn = "sign_in",
        SignInFailed = "sign_in_failed",
        SignInSecondFactor = "sign_in_second_factor",
        SecondFactorFailed = "second_factor_failed",
        ReauthFailed = "reauth_failed",
        SignOut = "sign_out",
        SignOutEverywhere = "sign_out_everywhere",
        SessionEnded = "session_ended",
        ResetRequested = "reset_requested",
        PasswordReset = "password_reset",
        PasswordChanged = "password_changed",
        EmailChangeRequested = "email_change_requested",
        EmailChanged = "email_changed",
        EmailChangeCancelled = "email_change_cancelled",
        TotpEnabled = "totp_enabled",
        TotpDisabled = "totp_disabled",
        RecoveryCodeUsed = "recovery_code_used",
        RecoveryCodesRenewed = "recovery_codes_renewed",
        AdminCreated = "admin_created",
        RoleChanged = "role_changed",
        ClaimRequested = "claim_requested",
        ClaimApproved = "claim_approved",
        ClaimRejected = "claim_rejected",
        EditorInvited = "editor_invited",
        InvitationAccepted = "invitation_accepted",
        Verified = "verified",
        Unverified = "unverified",
        Published = "published",
        Restored = "restored",
        AccessDenied = "access_denied",
        PartnershipRequested = "partnership_requested",
        PartnershipWithdrawn = "partnership_withdrawn",
        PartnershipForgotten = "partnership_forgotten",
        EditorRemoved = "editor_removed",
        InvitationWithdrawn = "invitation_withdrawn",
        AccountDeleted = "account_deleted",
        VerifiedMarkDropped = "verified_mark_dropped",
    }
}

/// Records an event. Failing to record is logged, never shown to the user.
pub async fn record(
    db: &Db,
    actor: Option<&UserId>,
    action: AuditAction,
    target: &str,
    detail: &str,
    ip: &str,
) {
    let result = sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random_id())
    .bind(now())
    .bind(actor)
    .bind(action.key())
    .bind(target)
    .bind(detail)
    .bind(ip)
    .execute(&db.pool)
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, action = action.key(), "audit log write failed");
    }
}
