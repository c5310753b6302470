//! The administrators' pages: the audit log, and the roles form on the coordinators' desk.

mod audit;
mod roles;

pub use audit::{action_label, AuditPage};
pub use roles::AdminSection;
