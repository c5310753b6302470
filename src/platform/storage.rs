//! Where stored pictures live. One interface: the local folder (`UPLOAD_DIR`, default
//! `data/uploads`) is the default; several instances need a shared store (a network folder
//! mounted at the same path on each, or another implementation of [`Storage`], such as an
//! object store) — nothing else changes.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[error("storage: {0}")]
pub struct StorageError(String);

pub trait Storage: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key` (a content-hash file name) and returns the public URL path.
    fn put(&self, key: &str, bytes: &[u8]) -> Result<String, StorageError>;
    /// The stored bytes, if any.
    fn get(&self, key: &str) -> Option<Vec<u8>>;
}

/// Files in a local folder, served at `/media/{key}`.
#[derive(Debug)]
pub struct LocalFolder {
    pub dir: PathBuf,
}

/// Keys are hex hashes with an extension: nothing else can name a file.
pub fn valid_key(key: &str) -> bool {
    let (stem, ext) = key.split_once('.').unwrap_or((key, ""));
    stem.len() >= 16
        && stem.len() <= 80
        && stem.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && matches!(ext, "jpg" | "png")
}

impl Storage for LocalFolder {
    fn put(&self, key: &str, bytes: &[u8]) -> Result<String, StorageError> {
        if !valid_key(key) {
            return Err(StorageError(format!("bad key {key}")));
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| StorageError(format!("{}: {e}", self.dir.display())))?;
        let path = self.dir.join(key);
        // Write then rename: a reader never sees half a file.
        let tmp = self.dir.join(format!(".{key}.tmp"));
        std::fs::write(&tmp, bytes).map_err(|e| StorageError(format!("{}: {e}", tmp.display())))?;
        std::fs::rename(&tmp, &path)
            .map_err(|e| StorageError(format!("{}: {e}", path.display())))?;
        Ok(crate::links::media(key))
    }

    fn get(&self, key: &str) -> Option<Vec<u8>> {
        if !valid_key(key) {
            return None;
        }
        std::fs::read(self.dir.join(key)).ok()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_cannot_escape_the_folder() {
        assert!(super::valid_key("0123456789abcdef0123-1600.jpg"));
        for bad in [
            "../etc/passwd",
            "0123456789abcdef.exe",
            "0123456789abcdef/../x.jpg",
            "short.png",
            ".png",
        ] {
            assert!(!super::valid_key(bad), "{bad}");
        }
    }
}
