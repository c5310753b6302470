//! The server functions the tests call, by their types: a call goes to the function's own
//! path (`ServerFn::PATH`), so renaming an endpoint cannot leave a test calling nothing.

pub use cities4cities::accounts::fns::{
    CancelEmailChange, ChangeEmail, ChangePassword, ConfirmEmail, ConfirmEmailChange,
    DeleteAccount, EndSession, Me, MySessions, RecoveryCodesSeen, RecoveryStatus,
    RenewRecoveryCodes, RequestReset, ResendVerification, ResetPassword, SecondFactor, SignIn,
    SignOutEverywhere, SignUp, TotpBegin, TotpDisable, TotpEnable, TotpPending,
};
pub use cities4cities::admin::fns::{AuditLog, RoleHolders, SetRole};
pub use cities4cities::catalogue::fns::{ChangeShortlist, SearchCatalogue};
pub use cities4cities::claims::fns::{
    AcceptInvitation, ClaimCommunity, DecideClaim, GetCardQueue, InviteEditor, MyAccess, MyClaims,
    MyCommunities, PendingClaims, RemoveEditor, SetVerified, WithdrawInvitation,
};
pub use cities4cities::partnerships::fns::{
    AddActivity, AskPartner, AssignRequest, CloseRequest, ConfirmImport, DeskBulk, ForgetRequest,
    GetCase, GetCommunityRequests, GetQuietPartnerships, Introduce, MovePair, PostToRequest,
    ReachedOutside, WithdrawRequest, WriteToRequest,
};
pub use cities4cities::profiles::fns::{
    DiscardDraft, GetEditable, History, PublishProfile, RemoveImage, RestorePreview,
    RestoreRevision, RevisionChanges, SaveDraft,
};
pub use leptos::server_fn::ServerFn;

/// The path of a server function.
pub fn path<F: ServerFn>() -> &'static str {
    F::PATH
}
