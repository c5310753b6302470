//! Accounts: users, passwords, sessions, one-time links, second factor, rate limits and the
//! audit log. Everything lives in the database, so any app instance serves any user.

pub mod audit;
pub mod passwords;
pub mod rate_limit;
pub mod sessions;
pub mod tokens;
pub mod totp;
pub mod users;

use sha2::{Digest, Sha256};

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// A random token of 256 bits, URL-safe (hex).
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A random id for rows (128 bits, hex).
pub fn random_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database keeps of a token: its SHA-256, so a leaked table opens nothing.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Lower-cased, trimmed, and shaped like an address (one `@`, a dot in the domain, no spaces).
pub fn normalize_email(raw: &str) -> Result<String, crate::error::AppError> {
    use crate::error::{AppError, Problem};
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
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64, "256 bits");
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

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
