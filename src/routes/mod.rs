//! One file per page.

pub mod about;
pub mod catalogue;
pub mod community;
pub mod home;
pub mod not_found;
