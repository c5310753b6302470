//! Passwords: argon2id hashes; at least 8 and at most 128 characters, not one of the commonly
//! used passwords (`data/common-passwords.txt`, from the zxcvbn project's list); no other rules.

use crate::error::{AppError, Problem};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
});

/// Whether a new password is acceptable; the error names what to change.
pub fn check_new(field: &str, password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n == 0 {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if n < MIN_CHARS {
        return Err(AppError::invalid(
            field,
            Problem::TooShort { min: MIN_CHARS },
        ));
    }
    if n > MAX_CHARS {
        return Err(AppError::invalid(
            field,
            Problem::TooLong { max: MAX_CHARS },
        ));
    }
    if COMMON.contains(password.to_lowercase().as_str()) {
        return Err(AppError::invalid(field, Problem::CommonPassword));
    }
    Ok(())
}

/// At most this many argon2 computations run at once (19 MiB and one core each); the rest
/// wait their turn (bounded by `MAX_IN_FLIGHT` and the request deadline), so a flood of
/// sign-ins cannot take all memory and every blocking thread.
pub const CONCURRENT_HASHES: usize = 4;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_HASHES);

/// How many argon2 computations run now (for the tests).
pub fn hashing_now() -> usize {
    CONCURRENT_HASHES - HASHING.available_permits()
}

/// argon2id with the library's defaults (19 MiB, 2 passes), off the async threads.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    let _turn = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        use rand::RngCore;
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches the stored hash (false for a malformed hash).
pub async fn verify(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_string(), stored.to_string());
    let Ok(_turn) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// The right password was given for this account.
#[derive(Debug)]
pub struct Verified {
    user: crate::identity::UserId,
}

impl Verified {
    pub fn user(&self) -> &crate::identity::UserId {
        &self.user
    }
}

/// The proof that `password` is this account's (checked against its stored hash).
pub async fn check(
    user: &crate::identity::UserId,
    password: &str,
    stored: &str,
) -> Option<Verified> {
    verify(password, stored)
        .await
        .then(|| Verified { user: user.clone() })
}

/// Verifies against a throwaway hash, for an account that does not exist: the answer then
/// takes as long as for a real one, so timing does not tell which addresses have accounts.
pub async fn verify_nothing(password: &str) {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    if let Ok(h) = DUMMY
        .get_or_try_init(|| async { hash(&crate::platform::secrets::random_token()).await })
        .await
    {
        verify(password, h).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_common_passwords() {
        assert!(check_new("password", "short").is_err());
        assert!(check_new("password", "password123").is_err(), "common");
        assert!(
            check_new("password", "QWERTYUIOP").is_err(),
            "common, any case"
        );
        assert!(check_new("password", &"x".repeat(129)).is_err());
        assert!(check_new("password", "hromada-partner-Lviv").is_ok());
        assert!(
            check_new("password", &"ї".repeat(64)).is_ok(),
            "64 characters of any script"
        );
    }

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash("hromada-partner-Lviv").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("hromada-partner-Lviv", &h).await);
        assert!(!verify("hromada-partner-lviv", &h).await);
        assert!(!verify("anything", "not a hash").await);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashing_is_bounded() {
        let peak = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let watch = {
            let peak = peak.clone();
            tokio::spawn(async move {
                loop {
                    peak.fetch_max(hashing_now(), std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                }
            })
        };
        let all: Vec<_> = (0..3 * CONCURRENT_HASHES)
            .map(|i| tokio::spawn(async move { hash(&format!("password-{i}")).await }))
            .collect();
        for h in all {
            assert!(h.await.unwrap().is_ok());
        }
        watch.abort();
        let peak = peak.load(std::sync::atomic::Ordering::Relaxed);
        assert!((1..=CONCURRENT_HASHES).contains(&peak), "peak {peak}");
    }
}
