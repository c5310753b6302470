//! The reader's language from their request, where the URL does not say it: their earlier
//! choice (the language cookie), else the best of `Accept-Language`; and, for a form posted
//! from a page, the language of that page (its `Referer`).

use super::{split, LANG_COOKIE};
use crate::i18n::Locale;
use http::{header, HeaderMap};
use leptos_i18n::Locale as _;

/// Every cookie of the request's `Cookie` headers, parsed by the `cookie` crate.
pub fn cookies(headers: &HeaderMap) -> impl Iterator<Item = cookie::Cookie<'_>> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
}

/// The value of the cookie `name`, if the request carries it.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    cookies(headers)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// The reader's language: the remembered choice, else the best of `Accept-Language`.
pub fn preferred_locale(headers: &HeaderMap) -> Locale {
    if let Some(l) = cookie_value(headers, LANG_COOKIE).and_then(|v| v.parse::<Locale>().ok()) {
        return l;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut ranked: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .filter(|(q, _)| *q > 0.0)
        .find_map(|(_, tag)| {
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            Locale::get_all()
                .iter()
                .copied()
                .find(|l| l.as_str() == primary)
        })
        .unwrap_or(Locale::uk)
}

/// The language the reader is using: that of the page they are on (the `Referer`), else
/// their preference. Server functions answer forms in it.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| split(&rest[i..]).0))
        .unwrap_or_else(|| preferred_locale(headers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn choice_then_accept_language() {
        assert_eq!(preferred_locale(&headers(&[])), Locale::uk);
        assert_eq!(
            preferred_locale(&headers(&[("accept-language", "de-DE,de;q=0.9,en;q=0.8")])),
            Locale::de
        );
        assert_eq!(
            preferred_locale(&headers(&[("accept-language", "it, sv;q=0.5, en;q=0.7")])),
            Locale::en
        );
        assert_eq!(
            preferred_locale(&headers(&[
                ("accept-language", "de"),
                ("cookie", "a=b; i18n_pref_locale=fr")
            ])),
            Locale::fr
        );
    }

    #[test]
    fn the_page_a_form_came_from() {
        let h = headers(&[
            ("referer", "https://c4c.example/pl/account"),
            ("accept-language", "de"),
        ]);
        assert_eq!(request_locale(&h), Locale::pl);
        let h = headers(&[("referer", "https://c4c.example/account")]);
        assert_eq!(request_locale(&h), Locale::uk);
    }
}
