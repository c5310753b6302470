//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the kind
//! every authenticator app reads from an `otpauth://` QR code.

use hmac::{Hmac, Mac};

const STEP: u64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random secret (160 bits), base32 as authenticator apps expect it.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET
            .iter()
            .position(|&a| a as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// The code for one time step.
pub fn code_at(secret: &str, step: u64) -> Option<u32> {
    let key = unbase32(secret)?;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([
        h[offset] & 0x7f,
        h[offset + 1],
        h[offset + 2],
        h[offset + 3],
    ]);
    Some(bin % 1_000_000)
}

/// The current step (for tests and for codes).
pub fn step_now() -> u64 {
    super::now().max(0) as u64 / STEP
}

/// Whether `code` is right now, allowing one step of clock drift either way.
pub fn verify(secret: &str, code: &str) -> bool {
    let code = code.trim().replace(' ', "");
    let Ok(n) = code.parse::<u32>() else {
        return false;
    };
    if code.len() != 6 {
        return false;
    }
    let now = step_now();
    [now.saturating_sub(1), now, now + 1]
        .iter()
        .any(|&s| code_at(secret, s) == Some(n))
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn uri(secret: &str, email: &str) -> String {
    let label = crate::model::catalogue::encode_component(&format!("Cities4Cities:{email}"));
    format!("otpauth://totp/{label}?secret={secret}&issuer=Cities4Cities&digits=6&period=30")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vectors() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 8 digits cut to 6.
        let secret = base32(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(code_at(&secret, 59 / 30), Some(287082));
        assert_eq!(code_at(&secret, 1111111109 / 30), Some(81804));
        assert_eq!(code_at(&secret, 1234567890 / 30), Some(5924));
    }

    #[test]
    fn current_codes_verify_and_others_do_not() {
        let secret = new_secret();
        let code = format!("{:06}", code_at(&secret, step_now()).unwrap());
        assert!(verify(&secret, &code));
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
        assert!(!verify(&secret, &wrong) || code_at(&secret, step_now() + 1) == wrong.parse().ok());
        assert!(!verify(&secret, "abcdef"));
        assert!(!verify(&secret, "12345"));
    }
}
