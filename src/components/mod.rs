//! Pieces shared by several pages.

pub mod forms;
pub mod lang;
pub mod layout;
pub mod names;
pub mod status;
