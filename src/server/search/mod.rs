//! Search: folding, the word index, and the two things searched — the catalogue of communities
//! and the directory of European municipalities.

pub mod catalogue;
pub mod fold;
pub mod index;
pub mod places;
