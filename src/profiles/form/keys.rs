//! The names of the card's form fields, typed. A field's name (`offer3_title_en`,
//! `population_value`, `seeking_theme_energy`) is parsed in one place ([`FieldKey::parse`])
//! and written in one place ([`FieldKey::name`]); what kind of value each field holds — and
//! so how it is checked — is one table ([`FieldKey::kind`]). The card's conversion to and
//! from fields, the checks in the browser and on the server, and the editor's labels all go
//! through these types.

use crate::profiles::model::{Theme, LANGUAGES};

/// A language a text of the card is written in (one of [`LANGUAGES`]).
pub type Lang = &'static str;

fn lang(code: &str) -> Option<Lang> {
    LANGUAGES.iter().copied().find(|l| *l == code)
}

keyed! {
    /// The long texts, each in every language.
    pub enum LongText {
        About = "about",
        WhyPartner = "why_partner",
        Economy = "economy",
    }
}

keyed! {
    /// The facts, each with a value, a source and a date.
    pub enum FactName {
        Population = "population",
        Area = "area_km2",
        Idps = "idps",
        Budget = "budget_per_resident_uah",
    }
}

keyed! {
    /// The three parts of a fact.
    pub enum FactPart {
        Value = "value",
        Source = "source",
        Date = "date",
    }
}

/// Whose details: the head of the community, or one of the contacts for partnerships.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Who {
    Head,
    Contact(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonPart {
    Name,
    Role(Lang),
    Email,
    Phone,
    Languages,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OfferPart {
    Theme,
    Title(Lang),
    Text(Lang),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProjectPart {
    Theme,
    Status,
    Title(Lang),
    Description(Lang),
    BudgetEur,
    Urgent,
}

keyed! {
    /// The parts of an existing partner.
    pub enum PartnerPart {
        Name = "name",
        Country = "country",
        Since = "since",
        Kind = "kind",
    }
}

keyed! {
    /// The parts of another name of the community.
    pub enum NamePart {
        Name = "name",
        Lang = "lang",
        Historic = "historic",
    }
}

/// One field of the card's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKey {
    Long(LongText, Lang),
    Website,
    Situation,
    CanHostDelegation,
    NeedsInterpreting,
    Fact(FactName, FactPart),
    Person(Who, PersonPart),
    OtherName(usize, NamePart),
    Offer(usize, OfferPart),
    Project(usize, ProjectPart),
    Partner(usize, PartnerPart),
    SeekingActive,
    SeekingCountries,
    SeekingTheme(Theme),
    SeekingFormal,
    SeekingNote(Lang),
}

/// What a field holds, and so how it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, up to [`super::SHORT_MAX`] characters.
    Short,
    /// Paragraphs (Markdown where the card shows it), up to [`super::LONG_MAX`].
    Long,
    /// An `http(s)://` address.
    Url,
    Email,
    /// A whole number within bounds (spaces between digit groups allowed).
    Integer {
        min: i64,
        max: i64,
    },
    /// A decimal number from 0 below `max` (a comma or a dot).
    Decimal {
        max: i64,
    },
    /// `2024`, `2024-01` or `2024-01-31`.
    FactDate,
    /// A country of the list (`lang::names`), kept as its ISO code; a name is understood.
    Country,
    /// One of a fixed set of keys (themes, statuses, yes/no…), chosen from a list.
    Choice,
    /// A box: `yes` or nothing.
    Flag,
    /// A comma-separated list of countries (codes or names), kept as ISO codes.
    Countries,
    /// A comma-separated list of languages (codes or names), kept as ISO 639-1 codes.
    Languages,
}

fn row(name: &str, prefix: &str) -> Option<(usize, String)> {
    let rest = name.strip_prefix(prefix)?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let n: usize = digits.parse().ok()?;
    if n >= super::MAX_ROWS {
        return None;
    }
    let rest = rest[digits.len()..].strip_prefix('_')?;
    Some((n, rest.to_string()))
}

fn with_lang(rest: &str, base: &str) -> Option<Lang> {
    lang(rest.strip_prefix(base)?.strip_prefix('_')?)
}

fn person_part(rest: &str) -> Option<PersonPart> {
    Some(match rest {
        "name" => PersonPart::Name,
        "email" => PersonPart::Email,
        "phone" => PersonPart::Phone,
        "languages" => PersonPart::Languages,
        r => PersonPart::Role(with_lang(r, "role")?),
    })
}

impl FieldKey {
    /// The field a form's name stands for, if any.
    pub fn parse(name: &str) -> Option<FieldKey> {
        use FieldKey as K;
        Some(match name {
            "website" => K::Website,
            "situation" => K::Situation,
            "can_host_delegation" => K::CanHostDelegation,
            "needs_interpreting" => K::NeedsInterpreting,
            "seeking_active" => K::SeekingActive,
            "seeking_countries" => K::SeekingCountries,
            "seeking_formal" => K::SeekingFormal,
            _ => {
                if let Some(t) = name.strip_prefix("seeking_theme_") {
                    return Theme::from_key(t).map(K::SeekingTheme);
                }
                if let Some(l) = with_lang(name, "seeking_note") {
                    return Some(K::SeekingNote(l));
                }
                for t in LongText::ALL {
                    if let Some(l) = with_lang(name, t.key()) {
                        return Some(K::Long(t, l));
                    }
                }
                for f in FactName::ALL {
                    if let Some(p) = name
                        .strip_prefix(f.key())
                        .and_then(|r| r.strip_prefix('_'))
                        .and_then(FactPart::from_key)
                    {
                        return Some(K::Fact(f, p));
                    }
                }
                if let Some(rest) = name.strip_prefix("head_") {
                    return person_part(rest).map(|p| K::Person(Who::Head, p));
                }
                if let Some((i, rest)) = row(name, "contact") {
                    return person_part(&rest).map(|p| K::Person(Who::Contact(i), p));
                }
                if let Some((i, rest)) = row(name, "offer") {
                    let part = match rest.as_str() {
                        "theme" => OfferPart::Theme,
                        r => with_lang(r, "title")
                            .map(OfferPart::Title)
                            .or_else(|| with_lang(r, "text").map(OfferPart::Text))?,
                    };
                    return Some(K::Offer(i, part));
                }
                if let Some((i, rest)) = row(name, "project") {
                    let part = match rest.as_str() {
                        "theme" => ProjectPart::Theme,
                        "status" => ProjectPart::Status,
                        "budget_eur" => ProjectPart::BudgetEur,
                        "urgent" => ProjectPart::Urgent,
                        r => with_lang(r, "title").map(ProjectPart::Title).or_else(|| {
                            with_lang(r, "description").map(ProjectPart::Description)
                        })?,
                    };
                    return Some(K::Project(i, part));
                }
                if let Some((i, rest)) = row(name, "partner") {
                    return PartnerPart::from_key(&rest).map(|p| K::Partner(i, p));
                }
                if let Some((i, rest)) = row(name, "name") {
                    return NamePart::from_key(&rest).map(|p| K::OtherName(i, p));
                }
                return None;
            }
        })
    }

    /// The field's name in the form.
    pub fn name(&self) -> String {
        use FieldKey as K;
        let person = |p: &PersonPart| match p {
            PersonPart::Name => "name".to_string(),
            PersonPart::Role(l) => format!("role_{l}"),
            PersonPart::Email => "email".to_string(),
            PersonPart::Phone => "phone".to_string(),
            PersonPart::Languages => "languages".to_string(),
        };
        match self {
            K::Long(t, l) => format!("{}_{l}", t.key()),
            K::Website => "website".into(),
            K::Situation => "situation".into(),
            K::CanHostDelegation => "can_host_delegation".into(),
            K::NeedsInterpreting => "needs_interpreting".into(),
            K::Fact(f, p) => format!("{}_{}", f.key(), p.key()),
            K::Person(Who::Head, p) => format!("head_{}", person(p)),
            K::Person(Who::Contact(i), p) => format!("contact{i}_{}", person(p)),
            K::OtherName(i, p) => format!("name{i}_{}", p.key()),
            K::Offer(i, p) => match p {
                OfferPart::Theme => format!("offer{i}_theme"),
                OfferPart::Title(l) => format!("offer{i}_title_{l}"),
                OfferPart::Text(l) => format!("offer{i}_text_{l}"),
            },
            K::Project(i, p) => match p {
                ProjectPart::Theme => format!("project{i}_theme"),
                ProjectPart::Status => format!("project{i}_status"),
                ProjectPart::Title(l) => format!("project{i}_title_{l}"),
                ProjectPart::Description(l) => format!("project{i}_description_{l}"),
                ProjectPart::BudgetEur => format!("project{i}_budget_eur"),
                ProjectPart::Urgent => format!("project{i}_urgent"),
            },
            K::Partner(i, p) => format!("partner{i}_{}", p.key()),
            K::SeekingActive => "seeking_active".into(),
            K::SeekingCountries => "seeking_countries".into(),
            K::SeekingTheme(t) => format!("seeking_theme_{}", t.key()),
            K::SeekingFormal => "seeking_formal".into(),
            K::SeekingNote(l) => format!("seeking_note_{l}"),
        }
    }

    /// What the field holds: the one table the checks read.
    pub fn kind(&self) -> FieldKind {
        use FieldKey as K;
        use FieldKind::*;
        match self {
            K::Long(..) | K::SeekingNote(_) => Long,
            K::Offer(_, OfferPart::Text(_)) | K::Project(_, ProjectPart::Description(_)) => Long,
            K::Website => Url,
            K::Person(_, PersonPart::Email) => Email,
            K::Person(_, PersonPart::Languages) => Languages,
            K::SeekingCountries => Countries,
            K::Fact(FactName::Area, FactPart::Value) => Decimal { max: 1_000_000 },
            K::Fact(_, FactPart::Value) | K::Project(_, ProjectPart::BudgetEur) => Integer {
                min: 0,
                max: 1_000_000_000_000,
            },
            K::Fact(_, FactPart::Date) => FactDate,
            K::Partner(_, PartnerPart::Since) => Integer {
                min: 1900,
                max: 2100,
            },
            K::Partner(_, PartnerPart::Country) => Country,
            K::Situation
            | K::CanHostDelegation
            | K::NeedsInterpreting
            | K::SeekingFormal
            | K::Offer(_, OfferPart::Theme)
            | K::Project(_, ProjectPart::Theme | ProjectPart::Status)
            | K::Partner(_, PartnerPart::Kind) => Choice,
            K::SeekingActive
            | K::SeekingTheme(_)
            | K::Project(_, ProjectPart::Urgent)
            | K::OtherName(_, NamePart::Historic) => Flag,
            _ => Short,
        }
    }

    /// The row of a list this field belongs to, if it is in one.
    pub fn row(&self) -> Option<usize> {
        match self {
            FieldKey::Person(Who::Contact(i), _)
            | FieldKey::OtherName(i, _)
            | FieldKey::Offer(i, _)
            | FieldKey::Project(i, _)
            | FieldKey::Partner(i, _) => Some(*i),
            _ => None,
        }
    }

    /// The language of the text this field holds, if it is one of the card's texts.
    pub fn lang(&self) -> Option<Lang> {
        use FieldKey as K;
        match self {
            K::Long(_, l)
            | K::SeekingNote(l)
            | K::Person(_, PersonPart::Role(l))
            | K::Offer(_, OfferPart::Title(l) | OfferPart::Text(l))
            | K::Project(_, ProjectPart::Title(l) | ProjectPart::Description(l)) => Some(l),
            _ => None,
        }
    }
}

impl std::fmt::Display for FieldKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in [
            "about_uk",
            "why_partner_sv",
            "economy_en",
            "website",
            "situation",
            "can_host_delegation",
            "population_value",
            "area_km2_date",
            "budget_per_resident_uah_source",
            "head_name",
            "head_role_de",
            "contact3_email",
            "contact0_languages",
            "name2_historic",
            "offer0_theme",
            "offer12_title_en",
            "offer1_text_fr",
            "project4_description_pl",
            "project0_budget_eur",
            "project0_urgent",
            "partner5_since",
            "seeking_theme_energy",
            "seeking_note_uk",
            "seeking_countries",
        ] {
            let key = FieldKey::parse(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(key.name(), name);
        }
        for bad in [
            "about",
            "about_xx",
            "offer_title_en",
            "offer20_theme",
            "offer1_title",
            "project1_colour",
            "seeking_theme_weather",
            "contact1_role",
            "population",
            "fields",
        ] {
            assert_eq!(FieldKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn kinds_decide_the_checks() {
        let kind = |n: &str| FieldKey::parse(n).unwrap().kind();
        assert_eq!(kind("website"), FieldKind::Url);
        assert_eq!(kind("contact0_email"), FieldKind::Email);
        assert_eq!(kind("offer0_text_uk"), FieldKind::Long);
        assert_eq!(kind("offer0_title_uk"), FieldKind::Short);
        assert_eq!(kind("population_date"), FieldKind::FactDate);
        assert_eq!(kind("partner0_country"), FieldKind::Country);
        assert_eq!(FieldKey::parse("offer3_title_en").unwrap().row(), Some(3));
        assert_eq!(FieldKey::parse("about_fr").unwrap().lang(), Some("fr"));
    }
}
