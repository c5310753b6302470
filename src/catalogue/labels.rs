//! How communities and the catalogue's filters read in each interface language.

use super::model::{is_city_region, CommunitySummary};
use crate::i18n::*;
use crate::lang::labels::{country_name, language_name, pick};
use crate::profiles::labels::{situation_label, theme_label};
use crate::profiles::model::{Situation, Theme};

/// The summary in the reader's language.
impl CommunitySummary {
    pub fn display_name(&self, l: Locale) -> String {
        community_name(
            l,
            &self.name_uk,
            &self.name_latin,
            &self.kind,
            &self.region_kind,
        )
    }

    pub fn other_script_name(&self, l: Locale) -> String {
        other_script_name(l, &self.name_uk, &self.name_latin)
    }

    pub fn kind_label(&self, l: Locale) -> String {
        kind_label(l, &self.kind, &self.region_kind)
    }

    pub fn region(&self, l: Locale) -> String {
        pick(l, &self.region_uk, &self.region_latin)
    }

    pub fn raion(&self, l: Locale) -> Option<String> {
        Some(pick(
            l,
            self.raion_uk.as_deref()?,
            self.raion_latin.as_deref()?,
        ))
    }
}

/// Full name of a community: "Андріївська сільська громада" / "Andriivska rural hromada";
/// the special-status cities are just "Київ" / "Kyiv".
pub fn community_name(
    locale: Locale,
    name_uk: &str,
    name_latin: &str,
    kind: &str,
    region_kind: &str,
) -> String {
    let name = match locale {
        Locale::uk => name_uk,
        _ => name_latin,
    };
    if is_city_region(region_kind) {
        return name.to_string();
    }
    match kind {
        "urban" => td_string!(locale, hromada_urban, name).to_string(),
        "settlement" => td_string!(locale, hromada_settlement, name).to_string(),
        _ => td_string!(locale, hromada_rural, name).to_string(),
    }
}

/// The same name in the other script, shown beside the main one.
pub fn other_script_name(locale: Locale, name_uk: &str, name_latin: &str) -> String {
    match locale {
        Locale::uk => name_latin.to_string(),
        _ => name_uk.to_string(),
    }
}

pub fn kind_label(locale: Locale, kind: &str, region_kind: &str) -> String {
    if is_city_region(region_kind) {
        return td_string!(locale, kind_city).to_string();
    }
    match kind {
        "urban" => td_string!(locale, kind_urban).to_string(),
        "settlement" => td_string!(locale, kind_settlement).to_string(),
        _ => td_string!(locale, kind_rural).to_string(),
    }
}

pub fn category_label(locale: Locale, category: &str) -> String {
    match category {
        "M" => td_string!(locale, category_M).to_string(),
        "T" => td_string!(locale, category_T).to_string(),
        "X" => td_string!(locale, category_X).to_string(),
        "B" => td_string!(locale, category_B).to_string(),
        _ => td_string!(locale, category_C).to_string(),
    }
}

/// The label of one value of a catalogue filter (oblasts and raions carry their own names).
pub fn filter_value_label(locale: Locale, filter: &str, value: &str) -> String {
    let s = match (filter, value) {
        ("kind", "urban") => td_string!(locale, kind_urban),
        ("kind", "settlement") => td_string!(locale, kind_settlement),
        ("kind", "rural") => td_string!(locale, kind_rural),
        ("pop", "lt5k") => td_string!(locale, pop_lt5k),
        ("pop", "5k-10k") => td_string!(locale, pop_5k_10k),
        ("pop", "10k-20k") => td_string!(locale, pop_10k_20k),
        ("pop", "20k-50k") => td_string!(locale, pop_20k_50k),
        ("pop", "50k-100k") => td_string!(locale, pop_50k_100k),
        ("pop", "gt100k") => td_string!(locale, pop_gt100k),
        ("partners", "has") => td_string!(locale, partners_has),
        ("partners", "seeking") => td_string!(locale, partners_seeking),
        ("trust", "claimed") => td_string!(locale, trust_claimed),
        ("trust", "verified") => td_string!(locale, trust_verified),
        ("offers" | "needs", v) => {
            return Theme::from_key(v)
                .map(|t| theme_label(locale, t))
                .unwrap_or_default()
        }
        ("situation", v) => {
            return Situation::from_key(v)
                .map(|s| situation_label(locale, s))
                .unwrap_or_default()
        }
        ("seeks", v) => return country_name(locale, v),
        ("lang_spoken", v) => return language_name(locale, v),
        _ => return value.to_string(),
    };
    s.to_string()
}

pub fn filter_label(locale: Locale, filter: &str) -> String {
    match filter {
        "oblast" => td_string!(locale, filter_oblast),
        "raion" => td_string!(locale, filter_raion),
        "kind" => td_string!(locale, filter_kind),
        "pop" => td_string!(locale, filter_pop),
        "offers" => td_string!(locale, filter_offers),
        "needs" => td_string!(locale, filter_needs),
        "situation" => td_string!(locale, filter_situation),
        "seeks" => td_string!(locale, filter_seeks),
        "partners" => td_string!(locale, filter_partners),
        "trust" => td_string!(locale, filter_trust),
        _ => td_string!(locale, filter_lang_spoken),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_per_language() {
        assert_eq!(
            community_name(Locale::uk, "Андріївська", "Andriivska", "rural", "oblast"),
            "Андріївська сільська громада"
        );
        assert_eq!(
            community_name(Locale::en, "Андріївська", "Andriivska", "urban", "oblast"),
            "Andriivska urban hromada"
        );
        assert_eq!(
            community_name(Locale::en, "Київ", "Kyiv", "urban", "city"),
            "Kyiv"
        );
    }
}
