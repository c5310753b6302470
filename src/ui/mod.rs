//! Components every page shares: the layout around pages, form controls with their errors,
//! notices after a form succeeded, loading and error states, and the page for unknown
//! addresses. Nothing here knows a domain: pages hand their parts in (see `app.rs`).

pub mod forms;
pub mod layout;
pub mod not_found;
pub mod notice;
pub mod privacy;
pub mod site;
pub mod status;
pub mod time;
