//! Business cards: what a community says about itself (the card's model and its form),
//! the safe Markdown subset of its texts, storing it with versions and drafts, the editor,
//! the history, pictures, and the card as readers see it.

pub mod editor;
pub mod fns;
pub mod form;
pub mod history;
pub mod labels;
pub mod markdown;
pub mod model;
pub mod view;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod pictures;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
