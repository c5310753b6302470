//! The request context: built once per request from the application state and the
//! request's parts, the same way inside a server function (from leptos' context) and in a
//! plain axum handler (as an extractor). It knows who is asking from where and in which
//! language, and carries the response's side effects (cookies, redirects). The guards that
//! prove who the caller is are in [`super::guards`].

use super::audit::{self, AuditAction};
use super::sessions::{self, Session};
use super::AppState;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::identity::UserId;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue};
use leptos::prelude::*;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// Who is asking, from where, in which language — for one request.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    parts: Arc<Parts>,
    /// The language the reader is using: that of the page a form came from, else theirs.
    pub locale: Locale,
    /// The client's address: the peer, or the last `X-Forwarded-For` hop behind a trusted proxy.
    pub ip: String,
    /// The request's session, looked up at most once.
    session: Arc<OnceCell<Option<Session>>>,
}

impl Ctx {
    fn new(state: AppState, parts: Parts) -> Self {
        let locale = crate::lang::negotiate::request_locale(&parts.headers);
        let ip = client_ip(&parts, &state);
        Ctx {
            state,
            parts: Arc::new(parts),
            locale,
            ip,
            session: Arc::default(),
        }
    }

    /// The context of the server function (or server-rendered page) being run.
    pub fn current() -> Result<Ctx, AppError> {
        let state = use_context::<AppState>()
            .ok_or_else(|| AppError::internal("application state missing from context"))?;
        let parts = use_context::<Parts>()
            .ok_or_else(|| AppError::internal("request parts missing from context"))?;
        Ok(Ctx::new(state, parts))
    }

    pub fn db(&self) -> &super::db::Db {
        &self.state.db
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// The client's network: its IPv4 address, or the /64 of its IPv6 address (one household
    /// or office; a device changes its IPv6 address within it).
    pub fn network(&self) -> String {
        network_of(&self.ip)
    }

    /// The interface language's code (`uk`, `en`, …): the language of mail to this reader.
    pub fn lang(&self) -> &'static str {
        leptos_i18n::Locale::as_str(self.locale)
    }

    pub fn user_agent(&self) -> &str {
        self.parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The live session the request carries, if any (the second factor may still be owed).
    pub async fn session(&self) -> Result<Option<Session>, AppError> {
        let found = self
            .session
            .get_or_try_init(|| async {
                match sessions::token_from(&self.parts.headers, &self.state.settings) {
                    Some(token) => {
                        sessions::find(&self.state.db, &token, &self.state.settings.sessions).await
                    }
                    None => Ok(None),
                }
            })
            .await?;
        Ok(found.clone())
    }

    /// Records what this request did in the audit log, with the client's address.
    /// The path the request was sent to (a server function's, or a page's).
    pub fn path(&self) -> &str {
        self.parts.uri.path()
    }

    pub async fn audit(
        &self,
        actor: Option<&UserId>,
        action: AuditAction,
        target: &str,
        detail: &str,
    ) {
        audit::record(&self.state.db, actor, action, target, detail, &self.ip).await
    }

    /// Adds a `Set-Cookie` header to the server function's response.
    pub fn set_cookie(&self, value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            res.append_header(header::SET_COOKIE, v);
        }
    }

    /// Sends the browser on to `path` (a path of this site, without language prefix) in the
    /// reader's language, after a server function succeeded.
    pub fn redirect(&self, path: &str) {
        let target = crate::lang::localize(self.locale, path);
        match super::middleware::safe_redirect(&target) {
            Some(t) => leptos_axum::redirect(&t),
            None => leptos_axum::redirect(&crate::lang::localize(self.locale, "/")),
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Ctx::new(state.clone(), parts.clone()))
    }
}

/// The network of an address: IPv4 as it is, IPv6 cut to its /64.
pub fn network_of(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_string(),
    }
}

/// The client's address: the connection's peer; behind `trusted_proxies` proxies, the entry
/// of `X-Forwarded-For` that many from the end, across all such headers (each proxy appends
/// the address it was reached from; what comes before is the client's to write and is never
/// believed). A header too short for the proxies configured yields the peer.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    let peer = || {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "local".into())
    };
    forwarded_client(&parts.headers, state.settings.server.trusted_proxies).unwrap_or_else(peer)
}

/// The client's entry of `X-Forwarded-For` behind `hops` trusted proxies, if there is one
/// and it is an address.
pub fn forwarded_client(headers: &HeaderMap, hops: usize) -> Option<String> {
    if hops == 0 {
        return None;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let entry = entries.len().checked_sub(hops).map(|i| entries[i])?;
    entry
        .parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn networks_of_addresses() {
        assert_eq!(super::network_of("203.0.113.7"), "203.0.113.7");
        assert_eq!(
            super::network_of("2001:db8:aa:bb:1:2:3:4"),
            "2001:db8:aa:bb::/64"
        );
        assert_eq!(
            super::network_of("2001:db8:aa:bb::9"),
            "2001:db8:aa:bb::/64"
        );
    }
}
