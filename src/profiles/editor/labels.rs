//! The label of each form field in the reader's language, for conflicts and the history.

use crate::i18n::*;
use crate::lang::labels::language_name;
use crate::profiles::form::keys::{
    FactName, FactPart, FieldKey, LongText, NamePart, OfferPart, PartnerPart, PersonPart,
    ProjectPart, Who,
};
use crate::profiles::labels::theme_label;

/// The label of a form field, for conflicts and history: "Who we are (English)",
/// "Offer 2: title (Ukrainian)". A name that is no field of the card reads as it is.
pub fn field_label(locale: Locale, name: &str) -> String {
    match FieldKey::parse(name) {
        Some(key) => key_label(locale, key),
        // The pictures, which the history lists beside the form's fields.
        None if name == "logo" => td_string!(locale, picture_logo).to_string(),
        None if name == "photos" => td_string!(locale, history_photos).to_string(),
        None => name.to_string(),
    }
}

fn key_label(l: Locale, key: FieldKey) -> String {
    use FieldKey as K;
    let t = |s: &str| s.to_string();
    let row = |what: &str, i: usize, part: String| format!("{what} {}: {part}", i + 1);
    let person_part = |p: PersonPart| match p {
        PersonPart::Name => t(td_string!(l, field_name)),
        PersonPart::Role(_) => t(td_string!(l, field_role)),
        PersonPart::Email => t(td_string!(l, field_email)),
        PersonPart::Phone => t(td_string!(l, field_phone)),
        PersonPart::Languages => t(td_string!(l, contact_languages)),
    };
    let label = match key {
        K::Long(LongText::About, _) => t(td_string!(l, section_about)),
        K::Long(LongText::WhyPartner, _) => t(td_string!(l, section_why)),
        K::Long(LongText::Economy, _) => t(td_string!(l, edit_economy)),
        K::Website => t(td_string!(l, field_website)),
        K::Situation => t(td_string!(l, field_situation)),
        K::CanHostDelegation => t(td_string!(l, field_host_delegation)),
        K::NeedsInterpreting => t(td_string!(l, field_needs_interpreting)),
        K::Fact(name, part) => {
            let name = match name {
                FactName::Population => td_string!(l, fact_population),
                FactName::Area => td_string!(l, fact_area),
                FactName::Idps => td_string!(l, fact_idps),
                FactName::Budget => td_string!(l, fact_budget),
            };
            let part = match part {
                FactPart::Value => td_string!(l, field_value),
                FactPart::Source => td_string!(l, field_source),
                FactPart::Date => td_string!(l, field_date),
            };
            format!("{name}: {part}")
        }
        K::Person(Who::Head, p) => format!("{}: {}", td_string!(l, edit_head), person_part(p)),
        K::Person(Who::Contact(i), p) => row(td_string!(l, edit_contact), i, person_part(p)),
        K::OtherName(i, p) => row(
            td_string!(l, edit_other_names),
            i,
            t(match p {
                NamePart::Name => td_string!(l, field_title),
                NamePart::Lang => td_string!(l, field_name_lang),
                NamePart::Historic => td_string!(l, field_historic),
            }),
        ),
        K::Offer(i, p) => row(
            td_string!(l, section_offers),
            i,
            t(match p {
                OfferPart::Theme => td_string!(l, field_theme),
                OfferPart::Title(_) => td_string!(l, field_title),
                OfferPart::Text(_) => td_string!(l, field_description),
            }),
        ),
        K::Project(i, p) => row(
            td_string!(l, section_needs),
            i,
            t(match p {
                ProjectPart::Theme => td_string!(l, field_theme),
                ProjectPart::Status => td_string!(l, field_status),
                ProjectPart::Title(_) => td_string!(l, field_title),
                ProjectPart::Description(_) => td_string!(l, field_description),
                ProjectPart::BudgetEur => td_string!(l, field_budget),
                ProjectPart::Urgent => td_string!(l, project_urgent),
            }),
        ),
        K::Partner(i, p) => row(
            td_string!(l, section_partners),
            i,
            t(match p {
                PartnerPart::Name => td_string!(l, field_title),
                PartnerPart::Country => td_string!(l, field_country),
                PartnerPart::Since => td_string!(l, field_since),
                PartnerPart::Kind => td_string!(l, field_kind),
            }),
        ),
        K::SeekingActive => t(td_string!(l, field_seeking_active)),
        K::SeekingCountries => t(td_string!(l, seeking_countries)),
        K::SeekingTheme(theme) => format!(
            "{}: {}",
            td_string!(l, seeking_themes),
            theme_label(l, theme)
        ),
        K::SeekingFormal => t(td_string!(l, field_formal)),
        K::SeekingNote(_) => t(td_string!(l, field_note)),
    };
    match key.lang() {
        Some(lang) => format!("{label} ({})", language_name(l, lang)),
        None => label,
    }
}

/// A field's value as the reader should see it in a history or a conflict: the label of a
/// chosen option ("Culture", "Planned", "Yes"), names of countries and languages, the text
/// itself otherwise; "—" for nothing.
pub fn value_label(l: Locale, name: &str, value: &str) -> String {
    use super::widgets::{
        formal_options, partner_kind_options, situation_options, status_options, theme_options,
        tri_options,
    };
    use crate::lang::names::{country_code, language_code};
    use crate::profiles::form::keys::FieldKind;
    use FieldKey as K;
    let v = value.trim();
    if v.is_empty() {
        return "—".to_string();
    }
    let Some(key) = FieldKey::parse(name) else {
        return v.to_string();
    };
    let chosen = |options: Vec<(String, String)>| {
        options
            .into_iter()
            .find(|(k, _)| k == v)
            .map(|(_, text)| text)
            .unwrap_or_else(|| v.to_string())
    };
    let names = |code: fn(&str) -> Option<&'static str>, name: fn(Locale, &str) -> String| {
        v.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| code(c).map(|c| name(l, c)).unwrap_or_else(|| c.to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match key {
        K::Situation => chosen(situation_options(l)),
        K::CanHostDelegation | K::NeedsInterpreting => chosen(tri_options(l)),
        K::SeekingFormal => chosen(formal_options(l)),
        K::Offer(_, OfferPart::Theme) | K::Project(_, ProjectPart::Theme) => {
            chosen(theme_options(l))
        }
        K::Project(_, ProjectPart::Status) => chosen(status_options(l)),
        K::Partner(_, PartnerPart::Kind) => chosen(partner_kind_options(l)),
        _ => match key.kind() {
            FieldKind::Flag => td_string!(l, option_yes).to_string(),
            FieldKind::Country | FieldKind::Countries => {
                names(country_code, crate::lang::names::country_name)
            }
            FieldKind::Languages => names(language_code, crate::lang::names::language_name),
            _ => v.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_row_part_and_language() {
        assert_eq!(
            field_label(Locale::en, "offer1_title_uk"),
            "What we offer 2: Title (Ukrainian)"
        );
        assert_eq!(field_label(Locale::en, "about_en"), "Who we are (English)");
        assert_eq!(field_label(Locale::en, "nonsense"), "nonsense");
    }
}
