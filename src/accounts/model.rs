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
