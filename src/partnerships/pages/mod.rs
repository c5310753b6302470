//! The partnerships domain's pages: asking a community (or the coordinators) for a
//! partner, following a request through its private link, the coordinators' desk and case
//! pages, a community's requests for its editors, the open registry of partnerships and
//! coordinators' imports into it.

mod ask;
mod case;
mod community;
mod desk;
mod import;
mod parts;
mod registry;
mod stats;
mod status;

pub use ask::PartnerRequest;
pub use case::CasePage;
pub use community::CommunityRequestsPage;
pub use desk::DeskPage;
pub use import::{ImportBatchPage, ImportPage};
pub use registry::{
    CommunityPartnerships, MunicipalityPartners, PartnershipPage, QuietPartnershipsQueue,
    RegistryPage,
};
pub use stats::{HomeCounters, StatsPage};
pub use status::{stage_label, RequestStatusPage};
