//! How numbers, dates, countries and languages read in each interface language, and reactive
//! text that follows the reader's language. Labels of a domain's own terms (themes,
//! community kinds, filters) live in that domain's `labels.rs`.

use crate::i18n::*;

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

/// (year, month, day) of a day counted from 1970-01-01.
fn civil(days: i64) -> (i64, i64, i64) {
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
    (y, m, d)
}

/// `2026-11-29 14:05 UTC` from Unix seconds (no time-zone database in the browser bundle).
pub fn utc_minute(secs: i64) -> String {
    let rem = secs.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} UTC",
        utc_date(secs),
        rem / 3600,
        rem % 3600 / 60
    )
}

/// `2026-11-29`, the day (UTC) of Unix seconds.
pub fn utc_date(secs: i64) -> String {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(utc_date(951_782_400 + 86_399), "2000-02-29");
    }
}
