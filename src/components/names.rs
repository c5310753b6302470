//! How communities, numbers and categories read in each interface language.

use crate::i18n::*;
use crate::model::profile::{Situation, Theme};
use crate::model::{is_city_region, CommunitySummary};

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

/// A reactive text derived from a stored value in the current interface language:
/// it re-renders when the reader switches language.
pub fn localized<T: Send + Sync + 'static>(
    value: leptos::prelude::StoredValue<T>,
    f: fn(&T, Locale) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    use leptos::prelude::WithValue;
    let i18n = use_i18n();
    move || value.with_value(|v| f(v, i18n.get_locale()))
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

/// Region name in the reader's script: "Вінницька" / "Vinnytska".
pub fn pick(locale: Locale, uk: &str, latin: &str) -> String {
    match locale {
        Locale::uk => uk.to_string(),
        _ => latin.to_string(),
    }
}

/// Groups thousands: "1 774" (narrow no-break space) in Ukrainian, "1,774" in English.
pub fn format_int(locale: Locale, n: i64) -> String {
    let sep = match locale {
        Locale::uk => '\u{202f}',
        _ => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

pub fn theme_label(locale: Locale, theme: Theme) -> String {
    match theme {
        Theme::CivilProtection => td_string!(locale, theme_civil_protection),
        Theme::Energy => td_string!(locale, theme_energy),
        Theme::Water => td_string!(locale, theme_water),
        Theme::Waste => td_string!(locale, theme_waste),
        Theme::Health => td_string!(locale, theme_health),
        Theme::Social => td_string!(locale, theme_social),
        Theme::Education => td_string!(locale, theme_education),
        Theme::Culture => td_string!(locale, theme_culture),
        Theme::Economy => td_string!(locale, theme_economy),
        Theme::Reconstruction => td_string!(locale, theme_reconstruction),
        Theme::Transport => td_string!(locale, theme_transport),
        Theme::Digital => td_string!(locale, theme_digital),
        Theme::Democracy => td_string!(locale, theme_democracy),
        Theme::EuIntegration => td_string!(locale, theme_eu_integration),
        Theme::Environment => td_string!(locale, theme_environment),
    }
    .to_string()
}

pub fn situation_label(locale: Locale, s: Situation) -> String {
    match s {
        Situation::Occupied => td_string!(locale, situation_occupied),
        Situation::Frontline => td_string!(locale, situation_frontline),
        Situation::Border => td_string!(locale, situation_border),
        Situation::Safe => td_string!(locale, situation_safe),
    }
    .to_string()
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

/// Country names for the countries partners come from; other codes show as they are.
pub fn country_name(locale: Locale, code: &str) -> String {
    let s = match code {
        "PL" => td_string!(locale, country_PL),
        "DE" => td_string!(locale, country_DE),
        "FR" => td_string!(locale, country_FR),
        "SE" => td_string!(locale, country_SE),
        "LT" => td_string!(locale, country_LT),
        "CZ" => td_string!(locale, country_CZ),
        "AT" => td_string!(locale, country_AT),
        "NL" => td_string!(locale, country_NL),
        "IT" => td_string!(locale, country_IT),
        "UA" => td_string!(locale, country_UA),
        _ => return code.to_string(),
    };
    s.to_string()
}

pub fn language_name(locale: Locale, code: &str) -> String {
    let s = match code {
        "uk" => td_string!(locale, lang_uk),
        "en" => td_string!(locale, lang_en),
        "pl" => td_string!(locale, lang_pl),
        "de" => td_string!(locale, lang_de),
        "fr" => td_string!(locale, lang_fr),
        "sv" => td_string!(locale, lang_sv),
        _ => return code.to_string(),
    };
    s.to_string()
}

/// `2026-11-29 14:05 UTC` from Unix seconds (no time-zone database in the browser bundle).
pub fn utc_minute(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
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

    #[test]
    fn thousands() {
        assert_eq!(format_int(Locale::en, 1774), "1,774");
        assert_eq!(format_int(Locale::en, 86257), "86,257");
        assert_eq!(format_int(Locale::uk, 1774), "1\u{202f}774");
        assert_eq!(format_int(Locale::en, 999), "999");
        assert_eq!(format_int(Locale::en, -1000), "-1,000");
    }

    #[test]
    fn dates_from_unix_seconds() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(1_795_996_800 + 3_660), "2026-11-30 01:01 UTC");
        assert_eq!(utc_minute(951_782_400), "2000-02-29 00:00 UTC");
    }
}
