//! The catalogue's pages: home, the catalogue itself, a community's page, the reader's
//! shortlist, and about the data.

pub mod about;
pub mod catalogue;
pub mod community;
pub mod home;
pub mod shortlist;
