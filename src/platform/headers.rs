//! The security and caching headers of every answer.
//!
//! - A Content-Security-Policy on every answer. A page may run its own scripts from `/pkg`
//!   and the inline scripts it was rendered with, each allowed by its SHA-256 hash: hashes
//!   are a property of the bytes, so a page from the shared page cache carries a policy that
//!   fits it (a nonce would be the same for every reader of a stored page, which defeats it).
//!   Everything else (JSON, pictures, files) gets a policy that allows nothing.
//! - HSTS for a year when the site is served over https; `Permissions-Policy` switching off
//!   the browser features no page uses; `Cross-Origin-Opener-Policy: same-origin`.
//! - Caching: an answer to a request carrying a session is `private, no-store` (what a
//!   signed-in reader sees is theirs); a public page may be stored but must be revalidated,
//!   and says what it varies on. Pages carrying a one-time token are never stored and send no
//!   referrer to other sites.

use crate::platform::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Pages larger than this are refused rather than sent without a policy that fits them.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// The policy of everything that is not a page: nothing may run, load or frame it.
pub const NOTHING: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Features no page uses, off for every page and anything it embeds.
pub const PERMISSIONS: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
     geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
     publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

/// The inline scripts of a page (those without `src`), each as `'sha256-…'`.
pub fn inline_script_hashes(html: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find_ci(html, at, b"<script") {
        let Some(tag_end) = start_tag_end(html, start + 7) else {
            break;
        };
        let content_start = tag_end + 1;
        let end = find_ci(html, content_start, b"</script").unwrap_or(html.len());
        if !has_src(&html[start + 7..tag_end]) {
            let digest = Sha256::digest(&html[content_start..end]);
            let hash = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            );
            if !out.contains(&hash) {
                out.push(hash);
            }
        }
        at = end;
    }
    out
}

/// The policy of a page with these inline-script hashes.
pub fn page_policy(hashes: &[String], https: bool) -> String {
    let mut p = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'",
        hashes.join(" ")
    );
    if https {
        p.push_str("; upgrade-insecure-requests");
    }
    p
}

/// Where `needle` (lower case ASCII) starts at or after `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

/// The `>` closing a start tag whose attributes begin at `from` (quoted values may hold `>`).
fn start_tag_end(html: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in html.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a start tag's attributes include `src` (a script loaded from a file).
fn has_src(attrs: &[u8]) -> bool {
    let mut quote = None;
    let mut prev = b' ';
    for (i, &b) in attrs.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, _)
                if prev.is_ascii_whitespace()
                    && attrs[i..].len() >= 3
                    && attrs[i..i + 3].eq_ignore_ascii_case(b"src")
                    && attrs
                        .get(i + 3)
                        .is_none_or(|c| *c == b'=' || c.is_ascii_whitespace()) =>
            {
                return true
            }
            _ => {}
        }
        prev = b;
    }
    false
}

fn is_html(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"))
}

/// Gives every rendered page the policy that fits its inline scripts. Runs inside the page
/// cache, so a stored page keeps its policy.
pub async fn page_policies(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if !is_html(res.headers()) || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        tracing::error!("a page too large to send, or its rendering failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let policy = page_policy(&inline_script_hashes(&bytes), state.settings.https());
    if let Ok(v) = HeaderValue::from_str(&policy) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether the request carries a session cookie (its reader may be signed in).
fn has_session(state: &AppState, h: &HeaderMap) -> bool {
    let name = crate::platform::sessions::cookie_name(&state.settings);
    crate::lang::negotiate::cookies(h).any(|c| c.name() == name)
}

/// The headers every answer gets (outside the page cache and compression).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let session = has_session(&state, req.headers());
    let tokened = req
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|p| p.starts_with("token=")))
        || crate::lang::split(req.uri().path())
            .1
            .starts_with("/requests/");
    let unprefixed = crate::lang::split(req.uri().path()).0 == crate::i18n::Locale::uk;
    let mut res = next.run(req).await;
    let html = is_html(res.headers());
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        // A token page's own forms need their referrer (the answer's language, the way
        // back); no other site ever sees its address.
        HeaderValue::from_static(if tokened {
            "same-origin"
        } else {
            "strict-origin-when-cross-origin"
        }),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NOTHING),
        );
    }
    if state.settings.https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if session || tokened {
        // Whatever was said before (a stored page is never served to a session anyway); a
        // token's answer of any kind (a page, the redirect to the reader's language) too.
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    } else if html && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if html {
        // A page differs with the session cookie; an unprefixed (Ukrainian) address also
        // sends readers who prefer another language to their own.
        h.insert(
            header::VARY,
            HeaderValue::from_static(if unprefixed {
                "Accept-Encoding, Accept-Language, Cookie"
            } else {
                "Accept-Encoding, Cookie"
            }),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(s: &str) -> String {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
        )
    }

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<head><script type="module" nonce="n">import('/pkg/a.js')</script>
            <SCRIPT src="/pkg/x.js"></SCRIPT><script data-x="a>b">one()</script>
            <script></script><script type="application/ld+json">{"a":1}</script>
            <script>one()</script></head>"#;
        assert_eq!(
            inline_script_hashes(html.as_bytes()),
            vec![
                hash("import('/pkg/a.js')"),
                hash("one()"),
                hash(""),
                hash(r#"{"a":1}"#)
            ]
        );
    }

    #[test]
    fn a_script_named_like_src_is_not_a_file() {
        assert!(!has_src(b" data-src=\"x\""));
        assert!(!has_src(b" title=\" src=x\""));
        assert!(has_src(b" type=module src=\"/pkg/x.js\""));
        assert!(has_src(b"\tSRC=/x.js"));
    }

    #[test]
    fn an_unclosed_script_is_hashed_to_the_end() {
        assert_eq!(inline_script_hashes(b"<p><script>tail"), vec![hash("tail")]);
        assert!(inline_script_hashes(b"<script").is_empty());
    }

    #[test]
    fn the_page_policy_allows_no_inline_script_but_by_hash() {
        let p = page_policy(&[hash("x")], true);
        for part in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "upgrade-insecure-requests",
        ] {
            assert!(p.contains(part), "{p}");
        }
        let script = p.split(';').find(|d| d.contains("script-src")).unwrap();
        assert!(!script.contains("unsafe-inline") && script.contains(&hash("x")));
        assert!(!page_policy(&[], false).contains("upgrade"));
    }
}
