//! The partnerships domain's pages: asking a community (or the coordinators) for a
//! partner, following a request through its private link, the coordinators' desk and case
//! pages, and a community's requests for its editors.

mod ask;
mod case;
mod community;
mod desk;
mod parts;
mod status;

pub use ask::PartnerRequest;
pub use case::CasePage;
pub use community::CommunityRequestsPage;
pub use desk::DeskPage;
pub use status::{stage_label, RequestStatusPage};
