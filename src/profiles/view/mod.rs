//! The card as readers see it: its sections, its trust marks, and sharing it. Used by the
//! community's page and by the editor's preview.

mod sections;
mod share;
mod trust;

pub use sections::{rendered, CardLanguages, ProfileSections};
pub use share::ShareBox;
pub use trust::TrustLine;
