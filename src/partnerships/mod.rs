//! Partnerships: requests for a partner, the coordinators' pipeline and the registry (the
//! next issues build them here). For now, the page where a request will be made.

pub mod pages;
