//! The partnerships domain's pages: asking a community for a partnership, and following a
//! request through its private link.

mod ask;
mod status;

pub use ask::PartnerRequest;
pub use status::{stage_label, RequestStatusPage};
