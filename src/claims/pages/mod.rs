//! Claiming a community, the coordinators' desk, accepting an invitation, and the actions a
//! signed-in reader has on a community's page.

mod actions;
mod claim;
mod desk;
mod invitation;
mod mine;

pub use actions::CommunityActions;
pub use claim::ClaimPage;
pub use desk::CoordinatorPage;
pub use invitation::InvitationPage;
pub use mine::MyCommunities;
