//! Pieces shared by several pages.

pub mod lang;
pub mod layout;
pub mod names;
pub mod status;
