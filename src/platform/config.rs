//! Runtime settings: `Leptos.toml` (or the file named by `C4C_CONFIG`), each key
//! overridable by an environment variable. Build settings for cargo-leptos stay in `Cargo.toml`.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub storage: StorageSettings,
    pub mail: MailSettings,
    pub sessions: SessionSettings,
    pub requests: RequestSettings,
    pub operator: OperatorSettings,
}

/// Who runs this installation, as the imprint, the contact and the accessibility statement
/// name them (every public site must say so; the EU's web accessibility directive asks
/// public-sector sites for a way to report barriers and the body that enforces it).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OperatorSettings {
    /// `OPERATOR_NAME`: the organisation responsible for the site.
    pub name: String,
    /// `OPERATOR_ADDRESS`: its postal address (one line; commas separate the lines shown).
    pub address: String,
    /// `OPERATOR_EMAIL`: where readers write, barriers on the site included.
    pub email: String,
    /// `ACCESSIBILITY_AUTHORITY_URL`: the enforcement body readers may turn to when an
    /// accessibility complaint gets no satisfactory answer.
    pub accessibility_authority_url: String,
}

/// How long a partnership request's personal data outlives the request.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestSettings {
    /// `REQUEST_RETENTION_DAYS`: a request declined or withdrawn this many days ago loses
    /// its requester's name, role, address, phone and messages.
    pub retention_days: i64,
}

impl Default for RequestSettings {
    fn default() -> Self {
        RequestSettings {
            retention_days: 180,
        }
    }
}

/// How long sessions last. Coordinators and administrators see personal data and decide
/// claims: their sessions are short (as GitLab and Discourse do for administrators).
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    /// `SESSION_IDLE_SECS`: a member's session ends after this long unused.
    pub idle_secs: i64,
    /// `SESSION_ABSOLUTE_SECS`: … and this long after signing in, used or not.
    pub absolute_secs: i64,
    /// `STAFF_SESSION_IDLE_SECS`: the same for coordinators and administrators.
    pub staff_idle_secs: i64,
    /// `STAFF_SESSION_ABSOLUTE_SECS`
    pub staff_absolute_secs: i64,
    /// `SECOND_FACTOR_SECS`: a session that passed the password waits this long for the code.
    pub second_factor_secs: i64,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_secs: 7 * 24 * 3600,
            absolute_secs: 30 * 24 * 3600,
            staff_idle_secs: 30 * 60,
            staff_absolute_secs: 12 * 3600,
            second_factor_secs: 10 * 60,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// `LEPTOS_SITE_ADDR`
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder holding `pkg/` (the built CSS, JS and WASM) and public files.
    pub site_root: String,
    /// `PUBLIC_URL`: the address visitors use; decides `Secure` cookies and absolute links.
    pub public_url: String,
    /// `REQUEST_TIMEOUT_SECS`
    pub request_timeout_secs: u64,
    /// `MAX_BODY_BYTES`: largest accepted request body outside uploads.
    pub max_body_bytes: usize,
    /// `UPLOAD_TIMEOUT_SECS`: the deadline of a picture upload, the transfer included.
    pub upload_timeout_secs: u64,
    /// `TRUSTED_PROXIES`: how many proxies (load balancers) stand before the server and add
    /// to `X-Forwarded-For`; the client's address is that many entries from the end. 0 (the
    /// default) never reads the header: the connection's peer is the client.
    pub trusted_proxies: usize,
    /// `MAX_IN_FLIGHT`: requests served at once; more are answered at once with 503 and
    /// `Retry-After` (load shedding) instead of queueing until everything times out.
    pub max_in_flight: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `DATABASE_URL`: `sqlite://path` (created on first start) or `postgres://…`.
    pub url: String,
    /// `DATABASE_MAX_CONNECTIONS`
    pub max_connections: u32,
    /// `DEMO_CONTENT`: load demonstration business cards for a few communities (marked as demo).
    /// Off by default: demo content never mixes into real data unless asked for.
    pub demo: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageSettings {
    /// `DATA_DIR`
    pub data_dir: PathBuf,
    /// `UPLOAD_DIR`
    pub upload_dir: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    /// `SMTP_URL`: empty means messages are written as `.eml` files under `<data_dir>/outbox`.
    pub smtp_url: String,
    /// `MAIL_FROM`
    pub from: String,
    /// `MAIL_RETENTION_DAYS`: sent (or given-up) mail is deleted after this many days.
    pub retention_days: i64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_url: String::new(),
            from: "Cities4Cities <noreply@localhost>".into(),
            retention_days: 30,
        }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: "target/site".into(),
            public_url: "http://127.0.0.1:3000".into(),
            request_timeout_secs: 30,
            max_body_bytes: 1024 * 1024,
            upload_timeout_secs: 120,
            trusted_proxies: 0,
            max_in_flight: 512,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings {
            url: "sqlite://data/cities4cities.db".into(),
            max_connections: 8,
            demo: false,
        }
    }
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings {
            data_dir: "data".into(),
            upload_dir: "data/uploads".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{0}: {1}")]
    Parse(String, String),
    #[error("environment variable {0}: {1}")]
    Env(&'static str, String),
}

impl Settings {
    /// Reads `C4C_CONFIG` or `./Leptos.toml` when present, then applies environment overrides.
    pub fn load() -> Result<Self, ConfigError> {
        let path = std::env::var("C4C_CONFIG").unwrap_or_else(|_| "Leptos.toml".into());
        let mut settings = match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_toml(&text).map_err(|e| ConfigError::Parse(path.clone(), e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(ConfigError::Read(path, e)),
        };
        settings.apply_env(|k| std::env::var(k).ok())?;
        Ok(settings)
    }

    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Environment overrides, read through `get` so tests need not touch the process environment.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(key: &'static str, v: String) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            v.parse()
                .map_err(|e: T::Err| ConfigError::Env(key, e.to_string()))
        }
        if let Some(v) = get("LEPTOS_SITE_ADDR") {
            self.server.site_addr = parse("LEPTOS_SITE_ADDR", v)?;
        }
        if let Some(v) = get("LEPTOS_SITE_ROOT") {
            self.server.site_root = v;
        }
        if let Some(v) = get("PUBLIC_URL") {
            self.server.public_url = v;
        }
        if let Some(v) = get("REQUEST_TIMEOUT_SECS") {
            self.server.request_timeout_secs = parse("REQUEST_TIMEOUT_SECS", v)?;
        }
        if let Some(v) = get("MAX_BODY_BYTES") {
            self.server.max_body_bytes = parse("MAX_BODY_BYTES", v)?;
        }
        if let Some(v) = get("UPLOAD_TIMEOUT_SECS") {
            self.server.upload_timeout_secs = parse("UPLOAD_TIMEOUT_SECS", v)?;
        }
        if let Some(v) = get("TRUSTED_PROXIES") {
            self.server.trusted_proxies = parse("TRUSTED_PROXIES", v)?;
        }
        if let Some(v) = get("MAX_IN_FLIGHT") {
            self.server.max_in_flight = parse("MAX_IN_FLIGHT", v)?;
        }
        if let Some(v) = get("DATABASE_URL") {
            self.database.url = v;
        }
        if let Some(v) = get("DATABASE_MAX_CONNECTIONS") {
            self.database.max_connections = parse("DATABASE_MAX_CONNECTIONS", v)?;
        }
        if let Some(v) = get("DEMO_CONTENT") {
            self.database.demo = match v.as_str() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" | "" => false,
                _ => return Err(ConfigError::Env("DEMO_CONTENT", "use 1 or 0".into())),
            };
        }
        if let Some(v) = get("DATA_DIR") {
            self.storage.data_dir = v.into();
        }
        if let Some(v) = get("UPLOAD_DIR") {
            self.storage.upload_dir = v.into();
        }
        if let Some(v) = get("SMTP_URL") {
            self.mail.smtp_url = v;
        }
        if let Some(v) = get("MAIL_FROM") {
            self.mail.from = v;
        }
        if let Some(v) = get("MAIL_RETENTION_DAYS") {
            self.mail.retention_days = parse("MAIL_RETENTION_DAYS", v)?;
        }
        for (key, field) in [
            ("OPERATOR_NAME", &mut self.operator.name),
            ("OPERATOR_ADDRESS", &mut self.operator.address),
            ("OPERATOR_EMAIL", &mut self.operator.email),
            (
                "ACCESSIBILITY_AUTHORITY_URL",
                &mut self.operator.accessibility_authority_url,
            ),
        ] {
            if let Some(v) = get(key) {
                *field = v;
            }
        }
        if let Some(v) = get("REQUEST_RETENTION_DAYS") {
            self.requests.retention_days = parse("REQUEST_RETENTION_DAYS", v)?;
        }
        for (key, field) in [
            ("SESSION_IDLE_SECS", &mut self.sessions.idle_secs),
            ("SESSION_ABSOLUTE_SECS", &mut self.sessions.absolute_secs),
            (
                "STAFF_SESSION_IDLE_SECS",
                &mut self.sessions.staff_idle_secs,
            ),
            (
                "STAFF_SESSION_ABSOLUTE_SECS",
                &mut self.sessions.staff_absolute_secs,
            ),
            ("SECOND_FACTOR_SECS", &mut self.sessions.second_factor_secs),
        ] {
            if let Some(v) = get(key) {
                *field = parse(key, v)?;
            }
        }
        Ok(())
    }

    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub fn https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }
}

/// The built CSS, JS and WASM are served under `/pkg/<build id>/`, the id being a hash of
/// their contents: browsers may cache them for a year and still never run a stale bundle.
pub fn build_id(site_root: &str) -> String {
    use sha2::{Digest, Sha256};
    let dir = std::path::Path::new(site_root).join("pkg");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut h = Sha256::new();
    for f in &files {
        if matches!(
            f.extension().and_then(|e| e.to_str()),
            Some("css" | "js" | "wasm")
        ) {
            h.update(
                f.file_name()
                    .map(|n| n.as_encoded_bytes())
                    .unwrap_or_default(),
            );
            h.update(std::fs::read(f).unwrap_or_default());
        }
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The leptos options for these settings (the site folder, the build id, the address).
pub fn leptos_options(settings: &Settings) -> leptos::prelude::LeptosOptions {
    use leptos::prelude::*;
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("cities4cities"))
        .site_root(settings.server.site_root.as_str())
        .site_pkg_dir(format!("pkg/{}", build_id(&settings.server.site_root)))
        .site_addr(settings.server.site_addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_then_environment_overrides() {
        let mut s = Settings::from_toml(
            "[server]\nsite_addr = \"0.0.0.0:8080\"\n[database]\nurl = \"sqlite://x.db\"\n",
        )
        .unwrap();
        assert_eq!(s.server.site_addr.port(), 8080);
        assert_eq!(s.database.url, "sqlite://x.db");
        s.apply_env(|k| match k {
            "DATABASE_URL" => Some("postgres://db/c4c".into()),
            "LEPTOS_SITE_ADDR" => Some("127.0.0.1:9000".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.database.url, "postgres://db/c4c");
        assert_eq!(s.server.site_addr.port(), 9000);
        assert_eq!(s.storage.upload_dir, PathBuf::from("data/uploads"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        assert!(Settings::from_toml("[server]\nsite_adr = \"x\"\n").is_err());
        let mut s = Settings::default();
        assert!(s
            .apply_env(|k| (k == "LEPTOS_SITE_ADDR").then(|| "nonsense".into()))
            .is_err());
    }
}
