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

/// Groups thousands as CLDR does for each language: "1,774" (English), "1.774" (German),
/// "1 774" with a narrow no-break space (French), with a no-break space (Ukrainian,
/// Swedish); Polish groups only from five digits ("1774", "12 345"). The minus sign is
/// U+2212 in Swedish, as CLDR has it, and `-` elsewhere.
pub fn format_int(locale: Locale, n: i64) -> String {
    let (sep, min_digits) = match locale {
        Locale::en => (',', 4),
        Locale::de => ('.', 4),
        Locale::fr => ('\u{202f}', 4),
        Locale::pl => ('\u{a0}', 5),
        Locale::uk | Locale::sv => ('\u{a0}', 4),
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 3);
    if n < 0 {
        out.push(if locale == Locale::sv {
            '\u{2212}'
        } else {
            '-'
        });
    }
    let group = digits.len() >= min_digits;
    for (i, d) in digits.chars().enumerate() {
        if group && i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

pub use super::names::{country_name, language_name};

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

/// Days from 1970-01-01 to a civil date (the inverse of `civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last Sunday of a month at 01:00 UTC, in Unix seconds: when EU summer time changes.
fn last_sunday_1am(y: i64, m: i64) -> i64 {
    let next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    let last = next - 1;
    // 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on Sundays.
    let sunday = last - (last + 4).rem_euclid(7);
    sunday * 86_400 + 3600
}

/// Kyiv's offset from UTC at an instant, in seconds: +2 h, +3 h in summer time (EU rules,
/// which Ukraine follows: from the last Sunday of March to the last Sunday of October).
pub fn kyiv_offset(secs: i64) -> i64 {
    let (y, _, _) = civil(secs.div_euclid(86_400));
    let summer = (last_sunday_1am(y, 3)..last_sunday_1am(y, 10)).contains(&secs);
    if summer {
        3 * 3600
    } else {
        2 * 3600
    }
}

#[rustfmt::skip]
const MONTHS: [[&str; 12]; 6] = [
    ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
];

/// A day as readers of `locale` write it (CLDR's long form): "2 грудня 2026 р.",
/// "2 December 2026", "2 grudnia 2026", "2. Dezember 2026", "2 décembre 2026",
/// "2 december 2026".
fn long_date(locale: Locale, (y, m, d): (i64, i64, i64)) -> String {
    let month = MONTHS[super::names::column(locale)][(m - 1) as usize];
    match locale {
        Locale::uk => format!("{d} {month} {y} р."),
        Locale::de => format!("{d}. {month} {y}"),
        _ => format!("{d} {month} {y}"),
    }
}

/// A fact's date as the source gave it (`2024`, `2024-01`, `2024-01-31`), written for
/// `locale`: "31. Januar 2024", "01.2024" (Swedish keeps "2024-01"), "2024".
pub fn fact_date(locale: Locale, date: &str) -> String {
    let parts: Vec<i64> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] if (1..=12).contains(m) && (1..=31).contains(d) => {
            long_date(locale, (*y, *m, *d))
        }
        [y, m] if (1..=12).contains(m) => match locale {
            Locale::sv => format!("{y}-{m:02}"),
            Locale::en | Locale::fr => format!("{m:02}/{y}"),
            _ => format!("{m:02}.{y}"),
        },
        _ => date.to_string(),
    }
}

/// The day of an instant in Kyiv, written for `locale`.
pub fn kyiv_date(locale: Locale, secs: i64) -> String {
    let local = secs + kyiv_offset(secs);
    long_date(locale, civil(local.div_euclid(86_400)))
}

/// An instant in Kyiv time, written for `locale` with its zone: "2. Dezember 2026 um 06:12
/// (Kyjiwer Zeit)". Pages mark it up as `<time>` (see `ui::time`), which the browser
/// rewrites in the reader's own zone when it runs scripts.
pub fn kyiv_minute(locale: Locale, secs: i64) -> String {
    let local = secs + kyiv_offset(secs);
    let date = long_date(locale, civil(local.div_euclid(86_400)));
    let rem = local.rem_euclid(86_400);
    let time = format!("{:02}:{:02}", rem / 3600, rem % 3600 / 60);
    let zone = td_string!(locale, time_zone_kyiv);
    match locale {
        Locale::uk => format!("{date} о {time} ({zone})"),
        Locale::en => format!("{date} at {time} ({zone})"),
        Locale::pl => format!("{date} o {time} ({zone})"),
        Locale::de => format!("{date} um {time} ({zone})"),
        Locale::fr => format!("{date} à {time} ({zone})"),
        Locale::sv => format!("{date} kl. {time} ({zone})"),
    }
}

/// An instant as ISO 8601 in UTC (`2026-12-02T04:12:00Z`), for `<time datetime>`.
pub fn iso_utc(secs: i64) -> String {
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        utc_date(secs),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Unix seconds now, on the server and in the browser.
pub fn now_secs() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default()
    }
}

/// Today's date where it is latest (UTC+14), `YYYY-MM-DD`: no date after it can be in the
/// past for anyone, wherever they type it.
pub fn today() -> String {
    utc_date(now_secs() + 14 * 3600)
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
        assert_eq!(format_int(Locale::uk, 1774), "1\u{a0}774");
        assert_eq!(format_int(Locale::de, 1774), "1.774");
        assert_eq!(format_int(Locale::de, 85_000), "85.000");
        assert_eq!(format_int(Locale::fr, 1774), "1\u{202f}774");
        assert_eq!(format_int(Locale::sv, -1774), "\u{2212}1\u{a0}774");
        assert_eq!(format_int(Locale::pl, 1774), "1774");
        assert_eq!(format_int(Locale::pl, 12_345), "12\u{a0}345");
        assert_eq!(format_int(Locale::en, 999), "999");
        assert_eq!(format_int(Locale::en, -1000), "-1,000");
    }

    #[test]
    fn fact_dates_by_locale() {
        assert_eq!(fact_date(Locale::de, "2024-01-31"), "31. Januar 2024");
        assert_eq!(fact_date(Locale::de, "2024-01"), "01.2024");
        assert_eq!(fact_date(Locale::en, "2024-01"), "01/2024");
        assert_eq!(fact_date(Locale::sv, "2024-01"), "2024-01");
        assert_eq!(fact_date(Locale::uk, "2024"), "2024");
    }

    #[test]
    fn kyiv_time_with_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let march_29_0100 = days_from_civil(2026, 3, 29) * 86_400 + 3600;
        assert_eq!(kyiv_offset(march_29_0100 - 1), 7200);
        assert_eq!(kyiv_offset(march_29_0100), 10_800);
        let oct_25_0100 = days_from_civil(2026, 10, 25) * 86_400 + 3600;
        assert_eq!(kyiv_offset(oct_25_0100 - 1), 10_800);
        assert_eq!(kyiv_offset(oct_25_0100), 7200);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        // 2026-12-02 04:12 UTC is 06:12 in Kyiv (winter).
        let t = days_from_civil(2026, 12, 2) * 86_400 + 4 * 3600 + 12 * 60;
        assert_eq!(
            kyiv_minute(Locale::de, t),
            "2. Dezember 2026 um 06:12 (Kyjiwer Zeit)"
        );
        assert_eq!(
            kyiv_minute(Locale::en, t),
            "2 December 2026 at 06:12 (Kyiv time)"
        );
        assert_eq!(kyiv_date(Locale::uk, t), "2 грудня 2026 р.");
        assert_eq!(kyiv_date(Locale::pl, t), "2 grudnia 2026");
        // 23:30 UTC on 1 July is already 2 July in Kyiv.
        let late = days_from_civil(2026, 7, 1) * 86_400 + 23 * 3600 + 1800;
        assert_eq!(kyiv_date(Locale::fr, late), "2 juillet 2026");
        assert_eq!(iso_utc(t), "2026-12-02T04:12:00Z");
    }

    #[test]
    fn dates_from_unix_seconds() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_795_996_800 + 3_660), "2026-11-30");
        assert_eq!(utc_date(951_782_400 + 86_399), "2000-02-29");
    }
}
