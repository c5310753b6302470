//! The business card: what a community says about itself, beside the official data.
//!
//! Stored as one JSON document per community. Text a reader sees is [`Text`]: one string per
//! language, read with a fallback to English, then Ukrainian. Every fact carries its source
//! and date.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The interface languages, which are also the languages a profile text may be written in.
pub const LANGUAGES: [&str; 6] = ["uk", "en", "pl", "de", "fr", "sv"];

/// Most pixels an uploaded picture may have, in megapixels (any camera's photo; far more
/// than the pages show). A bigger one is refused from its header, never decoded.
pub const MAX_MEGAPIXELS: u64 = 40;

/// Text in several languages, keyed by language code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

/// A text read in one language: the words, and the language they are really in
/// (different from the one asked for when the text fell back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: &'a str,
}

impl Localized<'_> {
    pub fn is_fallback(&self, asked: &str) -> bool {
        self.lang != asked
    }
}

impl Text {
    pub fn new(pairs: &[(&str, &str)]) -> Self {
        Text(
            pairs
                .iter()
                .map(|(l, t)| (l.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// The text in `lang`, else English, else Ukrainian, else any language it has.
    pub fn get<'a>(&'a self, lang: &str) -> Option<Localized<'a>> {
        let found = |l: &str| {
            self.0
                .get_key_value(l)
                .filter(|(_, t)| !t.trim().is_empty())
        };
        found(lang)
            .or_else(|| found("en"))
            .or_else(|| found("uk"))
            .or_else(|| self.0.iter().find(|(_, t)| !t.trim().is_empty()))
            .map(|(l, t)| Localized { text: t, lang: l })
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }

    /// Every language's text, for the search index.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}

keyed! {
    /// The shared list of themes: what communities offer, need, and look for in a partner.
    pub enum Theme {
        CivilProtection = "civil_protection",
        Energy = "energy",
        Water = "water",
        Waste = "waste",
        Health = "health",
        Social = "social",
        Education = "education",
        Culture = "culture",
        Economy = "economy",
        Reconstruction = "reconstruction",
        Transport = "transport",
        Digital = "digital",
        Democracy = "democracy",
        EuIntegration = "eu_integration",
        Environment = "environment",
    }
}

keyed! {
    /// Whether visits can happen. Occupation comes from official data; the rest the
    /// community states.
    pub enum Situation {
        Occupied = "occupied",
        Frontline = "frontline",
        Border = "border",
        Safe = "safe",
    }
}

/// A number with where it comes from and when it was true.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    pub source: String,
    /// ISO date (`2024-01-01`) or month (`2024-01`).
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherName {
    pub name: String,
    /// Language of the form (`de`, `pl`, …), if known.
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub historic: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: Text,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Languages the person speaks, as language codes.
    #[serde(default)]
    pub languages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub alt: Text,
    /// A smaller rendition for lists and cards (photos only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub theme: Theme,
    pub title: Text,
    #[serde(default)]
    pub text: Text,
}

keyed! {
    /// Where a priority project stands.
    pub enum ProjectStatus {
        Idea = "idea",
        Planned = "planned",
        Funding = "funding",
        Underway = "underway",
        Done = "done",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub title: Text,
    pub theme: Theme,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub budget_eur: Option<i64>,
    pub status: ProjectStatus,
    /// Urgent needs are shown apart from long-term themes.
    #[serde(default)]
    pub urgent: bool,
}

keyed! {
    /// What kind of partnership an existing partner has.
    pub enum PartnerKind {
        Formal = "formal",
        Solidarity = "solidarity",
        Intent = "intent",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default)]
    pub since: Option<i32>,
    pub kind: PartnerKind,
}

/// What partner the community looks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seeking {
    /// Whether the community is looking for (another) partner now.
    #[serde(default)]
    pub active: bool,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// `formal`, `informal` or either (`None`).
    #[serde(default)]
    pub formal: Option<bool>,
    #[serde(default)]
    pub note: Text,
}

/// Everything a community writes on its card. Every field may be empty: an unclaimed
/// community has an empty profile and shows official data only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub other_names: Vec<OtherName>,
    pub website: Option<String>,
    pub logo: Option<Image>,
    pub photos: Vec<Image>,
    pub situation: Option<Situation>,
    pub population: Option<Fact<i64>>,
    pub area_km2: Option<Fact<f64>>,
    pub idps: Option<Fact<i64>>,
    pub budget_per_resident_uah: Option<Fact<i64>>,
    /// Who we are.
    pub about: Text,
    /// Why partner with us.
    pub why_partner: Text,
    /// Main sectors and assets of the economy.
    pub economy: Text,
    pub head: Option<Person>,
    /// People to contact about partnerships (an older card's single `contact` reads as one).
    #[serde(alias = "contact", deserialize_with = "one_or_many")]
    pub contacts: Vec<Person>,
    pub can_host_delegation: Option<bool>,
    pub needs_interpreting: Option<bool>,
    pub offers: Vec<Offer>,
    pub projects: Vec<Project>,
    pub partners: Vec<Partner>,
    pub seeking: Seeking,
}

/// A list, also read from a single value or `null` (cards saved before lists existed).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Person>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Person>),
        One(Person),
        None(()),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        Some(OneOrMany::Many(v)) => v,
        Some(OneOrMany::One(p)) => vec![p],
        Some(OneOrMany::None(())) | None => Vec::new(),
    })
}

impl Profile {
    /// Whether the community has written anything at all.
    pub fn is_blank(&self) -> bool {
        self == &Profile::default()
    }

    /// Whether the ways to reach the community are the same in both: website, head and
    /// contacts (what coordinators check before they mark a card verified).
    pub fn same_contacts(&self, other: &Profile) -> bool {
        self.website == other.website && self.head == other.head && self.contacts == other.contacts
    }

    /// What a reader deciding whether to write looks for, and whether the card has it: a
    /// picture, who we are, why partner with us, the economy, what we offer, what we need,
    /// someone to write to, the population, the situation, the partner sought or existing
    /// partners, the website. (The editor's meter and the catalogue's first view read it.)
    pub fn checklist(&self) -> [(&'static str, bool); 11] {
        [
            ("picture", !self.photos.is_empty()),
            ("about", !self.about.is_empty()),
            ("why", !self.why_partner.is_empty()),
            ("economy", !self.economy.is_empty()),
            ("offers", !self.offers.is_empty()),
            ("needs", !self.projects.is_empty()),
            ("contact", self.head.is_some() || !self.contacts.is_empty()),
            ("population", self.population.is_some()),
            ("situation", self.situation.is_some()),
            ("partners", self.seeking.active || !self.partners.is_empty()),
            ("website", self.website.is_some()),
        ]
    }

    /// How complete the card is, in per cent of [`Profile::checklist`].
    pub fn completeness(&self) -> u8 {
        let list = self.checklist();
        let done = list.iter().filter(|(_, d)| *d).count();
        (done * 100 / list.len()) as u8
    }

    /// The languages the card's texts are written in (any text in a language counts), in
    /// no particular order.
    pub fn languages(&self) -> Vec<String> {
        let texts = [
            &self.about,
            &self.why_partner,
            &self.economy,
            &self.seeking.note,
        ]
        .into_iter()
        .chain(self.offers.iter().flat_map(|o| [&o.title, &o.text]))
        .chain(
            self.projects
                .iter()
                .flat_map(|p| [&p.title, &p.description]),
        );
        let mut langs: Vec<String> = texts
            .flat_map(|t| t.0.iter())
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(l, _)| l.clone())
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }

    pub fn offered_themes(&self) -> Vec<Theme> {
        let mut t: Vec<Theme> = self.offers.iter().map(|o| o.theme).collect();
        t.sort();
        t.dedup();
        t
    }

    pub fn needed_themes(&self) -> Vec<Theme> {
        let mut t: Vec<Theme> = self.projects.iter().map(|p| p.theme).collect();
        t.sort();
        t.dedup();
        t
    }
}

/// Trust and freshness of a card, kept beside the document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trust {
    pub claimed: bool,
    pub verified: bool,
    /// The day coordinators last checked the card (Unix seconds of its midnight, UTC).
    pub last_verified: Option<i64>,
    /// When the card last changed (Unix seconds).
    pub updated_at: Option<i64>,
    /// Demonstration content, loaded only when asked for and always marked as such.
    pub demo: bool,
}

// ---- Editing: what the editor is given and the history shows ----

/// A card as its editor gets it: the published fields and version, and their own draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editable {
    pub slug: crate::identity::Slug,
    pub name_uk: String,
    pub name_latin: String,
    /// The published version (0 = never written).
    pub version: i64,
    pub published: crate::profiles::form::Fields,
    pub draft: Option<Draft>,
    /// Who published the current version, and when (none for the official data alone).
    #[serde(default)]
    pub published_by: Option<String>,
    #[serde(default)]
    pub published_at: Option<i64>,
    /// Pictures are published as they are uploaded, apart from the form.
    pub logo: Option<crate::profiles::model::Image>,
    pub photos: Vec<crate::profiles::model::Image>,
}

/// Unpublished edits kept on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub fields: crate::profiles::form::Fields,
    /// The version the edits started from; older than the published one means a conflict.
    pub base_version: i64,
    pub updated_at: i64,
}

/// One published version in a card's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionEntry {
    pub version: i64,
    pub author: String,
    pub created_at: i64,
    pub restored_from: Option<i64>,
    /// Fields that changed from the version before.
    pub changed: Vec<String>,
}

/// A card's history: whose it is (names in both scripts) and its versions, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardHistory {
    pub name_uk: String,
    pub name_latin: String,
    pub versions: Vec<RevisionEntry>,
}

/// One field's value before and after a revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_contact_reads_as_a_list() {
        let old: Profile = serde_json::from_str(r#"{"contact": {"name": "Olena"}}"#).unwrap();
        assert_eq!(old.contacts.len(), 1);
        assert_eq!(old.contacts[0].name, "Olena");
        let new: Profile =
            serde_json::from_str(r#"{"contacts": [{"name": "A"}, {"name": "B"}]}"#).unwrap();
        assert_eq!(new.contacts.len(), 2);
        let none: Profile = serde_json::from_str(r#"{"contact": null}"#).unwrap();
        assert!(none.contacts.is_empty());
        assert!(serde_json::to_string(&new)
            .unwrap()
            .contains("\"contacts\""));
    }

    #[test]
    fn text_falls_back_to_english_then_ukrainian() {
        let t = Text::new(&[("uk", "Громада"), ("en", "Community")]);
        assert_eq!(t.get("de").unwrap().text, "Community");
        assert!(t.get("de").unwrap().is_fallback("de"));
        assert_eq!(t.get("uk").unwrap().text, "Громада");
        let only_uk = Text::new(&[("uk", "Громада"), ("en", "  ")]);
        assert_eq!(only_uk.get("fr").unwrap().lang, "uk");
        assert!(Text::default().get("en").is_none());
    }

    #[test]
    fn theme_keys_round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.key())
            );
        }
        assert!(Profile::default().is_blank());
    }
}
