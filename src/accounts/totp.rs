//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the kind
//! every authenticator app reads from an `otpauth://` QR code. The codes are computed by the
//! `totp-rs` crate; this module keeps our secrets' format (base32) and the step arithmetic.

use totp_rs::{Algorithm, Builder, Secret, Totp};

const STEP: u64 = 30;

/// A new random secret (160 bits), base32 as authenticator apps expect it.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

/// Bytes as base32 (RFC 4648, no padding), the form authenticator apps read.
pub fn base32(bytes: &[u8]) -> String {
    Secret::new(bytes.into()).to_base32()
}

fn totp(secret: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP)
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .build()
        .ok()
}

/// The code for one time step.
pub fn code_at(secret: &str, step: u64) -> Option<String> {
    Some(totp(secret)?.generate(step * STEP).to_string())
}

/// The current step (for tests and for codes).
pub fn step_now() -> u64 {
    crate::platform::now().max(0) as u64 / STEP
}

/// The time step `code` belongs to, if it is right now (one step of clock drift allowed
/// either way).
pub fn matching_step(secret: &str, code: &str) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret)?.check(&code, step_now() * STEP)
}

/// A code that is right now for this account's secret, and its time step.
#[derive(Debug)]
pub struct Matched {
    user: crate::identity::UserId,
    step: u64,
}

impl Matched {
    pub fn user(&self) -> &crate::identity::UserId {
        &self.user
    }

    pub fn step(&self) -> u64 {
        self.step
    }
}

/// The proof that `code` is right now for `user`'s `secret`.
pub fn matching(user: &crate::identity::UserId, secret: &str, code: &str) -> Option<Matched> {
    matching_step(secret, code).map(|step| Matched {
        user: user.clone(),
        step,
    })
}

/// Whether `code` is right now.
pub fn verify(secret: &str, code: &str) -> bool {
    matching_step(secret, code).is_some()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn uri(secret: &str, email: &str) -> String {
    let label = crate::links::encode(&format!("Cities4Cities:{email}"));
    format!("otpauth://totp/{label}?secret={secret}&issuer=Cities4Cities&digits=6&period=30")
}

/// How many recovery codes a set holds.
pub const RECOVERY_CODES: usize = 10;

/// The recovery codes of set `set` for this secret: ten codes of ten base32 letters (50 bits
/// each), shown as `abcde-fghij`. They are derived from the secret (which the server keeps
/// anyway to check the app's codes), so the page can show a new set until its holder says it
/// is written down, without keeping the codes themselves; the store keeps only their hashes,
/// and a used one is deleted.
pub fn recovery_codes(secret: &str, set: i64) -> Vec<String> {
    use sha2::{Digest, Sha256};
    (0..RECOVERY_CODES)
        .map(|i| {
            let digest = Sha256::digest(format!("{secret}:recovery:{set}:{i}").as_bytes());
            let code = base32(&digest[..8]).to_lowercase();
            format!("{}-{}", &code[..5], &code[5..10])
        })
        .collect()
}

/// A typed recovery code in its stored form (spaces, dashes and case dropped), if it has the
/// shape of one.
pub fn recovery_form(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (code.len() == 10
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)))
    .then_some(code)
}

/// What the store keeps of a recovery code.
pub fn recovery_hash(typed: &str) -> Option<String> {
    recovery_form(typed).map(|c| crate::platform::secrets::hash_token(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vectors() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 8 digits cut to 6.
        let secret = base32(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(code_at(&secret, 59 / 30).as_deref(), Some("287082"));
        assert_eq!(code_at(&secret, 1111111109 / 30).as_deref(), Some("081804"));
        assert_eq!(code_at(&secret, 1234567890 / 30).as_deref(), Some("005924"));
    }

    #[test]
    fn current_codes_verify_and_others_do_not() {
        let secret = new_secret();
        let code = code_at(&secret, step_now()).unwrap();
        assert_eq!(matching_step(&secret, &code), Some(step_now()));
        let near: Vec<String> = (step_now() - 1..=step_now() + 1)
            .filter_map(|s| code_at(&secret, s))
            .collect();
        let wrong = (0..1_000_000)
            .map(|n| format!("{n:06}"))
            .find(|c| !near.contains(c))
            .unwrap();
        assert!(!verify(&secret, &wrong));
        assert!(!verify(&secret, "abcdef"));
        assert!(!verify(&secret, "12345"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_per_set_and_typed_loosely() {
        let secret = new_secret();
        let codes = recovery_codes(&secret, 0);
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert!(codes
            .iter()
            .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'));
        assert_eq!(codes, recovery_codes(&secret, 0));
        assert!(recovery_codes(&secret, 1)
            .iter()
            .all(|c| !codes.contains(c)));
        assert!(recovery_codes(&new_secret(), 0)
            .iter()
            .all(|c| !codes.contains(c)));
        let typed = format!(" {} ", codes[3].to_uppercase().replace('-', " "));
        assert_eq!(recovery_hash(&typed), recovery_hash(&codes[3]));
        assert!(recovery_hash(&codes[3]).is_some());
        assert_eq!(recovery_form("123456"), None);
        assert_eq!(recovery_form("abcde-fghi1"), None);
    }
}
