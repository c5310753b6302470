//! The in-memory search engine the catalogue and the directory of municipalities build their
//! indexes with: text folded to one Latin form (`fold`), and an index of names and words that
//! finds exact, prefix and misspelt matches (`index`).

pub mod fold;
pub mod index;
