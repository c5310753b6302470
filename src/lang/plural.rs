//! Plural categories by CLDR's rules for the six interface languages (integers): English,
//! German, Swedish: one (1), other; French: one (0, 1), other; Ukrainian and Polish: one
//! (Polish: only 1; Ukrainian: 1, 21, 31… but not 11), few (2–4, 22–24… not 12–14), many
//! (the rest). Messages with a count have a key per category they need (`…_one`, `…_few`,
//! `…_many`, and the plain key for the rest).

use crate::i18n::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

pub fn category(locale: Locale, n: i64) -> Plural {
    let n = n.unsigned_abs();
    let (m10, m100) = (n % 10, n % 100);
    let few = (2..=4).contains(&m10) && !(12..=14).contains(&m100);
    match locale {
        Locale::en | Locale::de | Locale::sv => {
            if n == 1 {
                Plural::One
            } else {
                Plural::Other
            }
        }
        Locale::fr => {
            if n <= 1 {
                Plural::One
            } else {
                Plural::Other
            }
        }
        Locale::uk => {
            if m10 == 1 && m100 != 11 {
                Plural::One
            } else if few {
                Plural::Few
            } else {
                Plural::Many
            }
        }
        Locale::pl => {
            if n == 1 {
                Plural::One
            } else if few {
                Plural::Few
            } else {
                Plural::Many
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_categories() {
        assert_eq!(category(Locale::de, 1), Plural::One);
        assert_eq!(category(Locale::de, 2), Plural::Other);
        assert_eq!(category(Locale::fr, 0), Plural::One);
        assert_eq!(category(Locale::uk, 21), Plural::One);
        assert_eq!(category(Locale::uk, 11), Plural::Many);
        assert_eq!(category(Locale::uk, 23), Plural::Few);
        assert_eq!(category(Locale::uk, 13), Plural::Many);
        assert_eq!(category(Locale::pl, 21), Plural::Many);
        assert_eq!(category(Locale::pl, 22), Plural::Few);
        assert_eq!(category(Locale::pl, 1), Plural::One);
    }
}
