//! One file per page.

pub mod about;
pub mod account;
pub mod audit;
pub mod catalogue;
pub mod claims;
pub mod community;
pub mod editor;
pub mod home;
pub mod municipality;
pub mod not_found;
pub mod partner;
pub mod profile_view;
