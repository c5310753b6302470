//! The accounts domain's shared types, and the shape of an address.

use crate::error::{AppError, Problem};
use serde::{Deserialize, Serialize};

/// Longest name we keep.
pub const NAME_MAX: usize = 120;

/// A new second factor being set up: the secret to type in, and its `otpauth://` QR code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    pub qr_svg: String,
    /// The recovery codes that come into force with it.
    pub recovery: Vec<String>,
}

/// An account's recovery codes: how many unused ones are left, and a new set while the
/// account page shows it (empty otherwise).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecoveryState {
    pub left: i64,
    pub codes: Vec<String>,
}

/// Lower-cased, trimmed, and shaped like an address (one `@`, a dot in the domain, no spaces).
pub fn normalize_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid("email", Problem::Required));
    }
    if email.chars().count() > 254 {
        return Err(AppError::invalid("email", Problem::TooLong { max: 254 }));
    }
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(email)
    } else {
        Err(AppError::invalid("email", Problem::Email))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_or_refused() {
        assert_eq!(
            normalize_email("  Olena@Example.UA ").unwrap(),
            "olena@example.ua"
        );
        for bad in [
            "",
            "olena",
            "olena@",
            "@example.ua",
            "o lena@example.ua",
            "o@@x.ua",
            "o@ua",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?}");
        }
    }
}

/// One of the account's sessions, as its owner sees it on the account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    /// Names the session for ending it (never its token).
    pub id: String,
    /// Unix seconds.
    pub started: i64,
    pub last_seen: i64,
    /// The browser and system, as far as the browser said (`Firefox · Windows`).
    pub device: String,
    /// The session of this very browser.
    pub current: bool,
}

/// `Firefox · Windows` from a `User-Agent`: enough to recognise one's devices.
pub fn device_name(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| *n);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| *n);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod device_tests {
    use super::device_name;

    #[test]
    fn names_common_browsers() {
        assert_eq!(
            device_name(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            ),
            "Firefox · Windows"
        );
        assert_eq!(
            device_name("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"),
            "Chrome · Android"
        );
        assert_eq!(
            device_name("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1"),
            "Safari · iOS"
        );
        assert_eq!(device_name("curl/8.5"), "");
    }
}
