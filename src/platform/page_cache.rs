//! Rendered pages for anonymous readers, kept in memory.
//!
//! A public page is the same for every anonymous reader of one URL (the language is part of
//! the URL), and it changes only when the public content changes — which bumps
//! `catalogue_version` in the database. So the first anonymous GET of a page renders it and
//! stores the bytes (plain, brotli and gzip), tagged with the content version it was rendered
//! from; later readers get the stored bytes while that version is current.
//!
//! What is current: [`Freshness`] asks the database at most every [`RECHECK`] (a write on
//! another instance shows here within that time) and at once after a write on this instance.
//! Requests carrying any cookie besides the language choice (a session, later) are never served
//! from or stored into the cache, nor are responses that set cookies, are not HTML, are not
//! 200, or say `Cache-Control: no-store`/`private`. Pages with a one-time `token` in their
//! address are never stored; other parameters than those pages read are not part of the key
//! ([`crate::links::PAGE_PARAMS`]), and an answer to an address with them is not stored.

use super::db::Db;
use crate::lang::LANG_COOKIE;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The public content's version (`catalogue_version`): bumped by every write that changes
/// what a public page or the search shows, in that write's transaction.
pub async fn content_version(db: &Db) -> Result<i64, sqlx::Error> {
    let v = sqlx::query_scalar("SELECT n FROM catalogue_version WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    db.freshness.observe(v);
    Ok(v)
}

/// Bumps the content version inside a write's transaction (call `Freshness::invalidate`
/// after the commit).
pub async fn bump(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE catalogue_version SET n = n + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// How long a known content version is trusted before the database is asked again.
pub const RECHECK: Duration = Duration::from_millis(250);
/// Pages larger than this are not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// The newest content version this instance knows of.
#[derive(Debug)]
pub struct Freshness {
    seen: AtomicI64,
    /// Milliseconds since `epoch` of the last check; 0 = check on next use.
    checked_at: AtomicU64,
    epoch: Instant,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            seen: AtomicI64::new(-1),
            checked_at: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }
}

impl Freshness {
    /// Records a version read from the database.
    pub fn observe(&self, version: i64) {
        self.seen.fetch_max(version, Ordering::AcqRel);
    }

    /// A write on this instance changed the content: ask the database on next use.
    pub fn invalidate(&self) {
        self.checked_at.store(0, Ordering::Release);
    }

    fn now_ms(&self) -> u64 {
        // +1 so that a check in the first millisecond is not mistaken for "never".
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    /// The content version now: the remembered one, or the database's when that is stale.
    pub async fn current(&self, db: &Db) -> Result<i64, sqlx::Error> {
        let checked = self.checked_at.load(Ordering::Acquire);
        if checked != 0 && self.now_ms().saturating_sub(checked) < RECHECK.as_millis() as u64 {
            return Ok(self.seen.load(Ordering::Acquire));
        }
        let started = self.now_ms();
        let v = content_version(db).await?;
        self.observe(v);
        // Only if no invalidation came in while asking.
        let _ =
            self.checked_at
                .compare_exchange(checked, started, Ordering::AcqRel, Ordering::Acquire);
        Ok(self.seen.load(Ordering::Acquire))
    }
}

struct Page {
    version: i64,
    headers: Vec<(HeaderName, HeaderValue)>,
    plain: Bytes,
    br: Bytes,
    gzip: Bytes,
}

/// The stored pages, by path and query. Bounded by total bytes: when full, it starts over.
#[derive(Default)]
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<Page>>>,
    bytes: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageCache")
    }
}

/// At most this many bytes of pages (all encodings) per instance.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl PageCache {
    fn get(&self, key: &str, version: i64) -> Option<Arc<Page>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.get(key).filter(|p| p.version == version).cloned()
    }

    fn put(&self, key: String, page: Page) {
        let size = (page.plain.len() + page.br.len() + page.gzip.len()) as u64;
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if self.bytes.load(Ordering::Relaxed) + size > MAX_BYTES {
            pages.clear();
            self.bytes.store(0, Ordering::Relaxed);
        }
        // Pages of older versions will never be served again.
        let version = page.version;
        if pages.values().next().is_some_and(|p| p.version < version) {
            pages.retain(|_, p| p.version >= version);
            let total = pages
                .values()
                .map(|p| (p.plain.len() + p.br.len() + p.gzip.len()) as u64)
                .sum();
            self.bytes.store(total, Ordering::Relaxed);
        }
        if let Some(old) = pages.insert(key, Arc::new(page)) {
            let old = (old.plain.len() + old.br.len() + old.gzip.len()) as u64;
            self.bytes.fetch_sub(old, Ordering::Relaxed);
        }
        self.bytes.fetch_add(size, Ordering::Relaxed);
    }

    pub fn len(&self) -> usize {
        self.pages.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether this request may be answered from, and stored into, the cache.
fn anonymous_get(req: &Request) -> bool {
    req.method() == Method::GET
        && super::middleware::is_page(req.uri().path())
        && !req.uri().query().is_some_and(|q| {
            q.split('&').any(|p| p.starts_with("token=")) || super::echo::is_outcome_query(q)
        })
        && !req.headers().contains_key(header::AUTHORIZATION)
        && crate::lang::negotiate::cookies(req.headers()).all(|c| c.name() == LANG_COOKIE)
}

/// The key of a page: its path and the parameters pages read, in their order; and whether
/// that is all the address holds. An address with other parameters is answered from the
/// stored page of its key, but its own rendering is not stored (nothing a made-up parameter
/// changes is kept for other readers).
fn cache_key(uri: &axum::http::Uri) -> (String, bool) {
    let mut key = uri.path().to_string();
    let Some(query) = uri.query() else {
        return (key, true);
    };
    let mut clean = true;
    let mut first = true;
    for pair in query.split('&') {
        let name = pair.split('=').next().unwrap_or("");
        if crate::links::PAGE_PARAMS.contains(&name) {
            key.push(if first { '?' } else { '&' });
            key.push_str(pair);
            first = false;
        } else {
            clean = false;
        }
    }
    (key, clean)
}

/// The language cookie the renderer sets (the page's language, remembered for unprefixed
/// links). It is the same for every reader of a URL, so it does not stop a page being stored;
/// it is set again on every answer from the store.
fn is_language_cookie(v: &HeaderValue) -> bool {
    v.to_str().is_ok_and(is_language_pair)
}

/// `i18n_pref_locale=…`, the language choice.
fn is_language_pair(cookie: &str) -> bool {
    cookie
        .strip_prefix(LANG_COOKIE)
        .is_some_and(|rest| rest.starts_with('='))
}

fn cacheable(res: &Response) -> bool {
    let h = res.headers();
    let text = |name| h.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    res.status() == StatusCode::OK
        && h.get_all(header::SET_COOKIE).iter().all(is_language_cookie)
        && !h.contains_key(header::CONTENT_ENCODING)
        && text(header::CONTENT_TYPE).is_some_and(|t| t.starts_with("text/html"))
        && !text(header::CACHE_CONTROL)
            .is_some_and(|c| c.contains("no-store") || c.contains("private"))
}

enum Encoding {
    Br,
    Gzip,
    Plain,
}

fn accepted(headers: &HeaderMap) -> Encoding {
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let offers = |name: &str| {
        accept.split(',').any(|part| {
            let mut it = part.split(';');
            it.next().is_some_and(|t| t.trim() == name)
                && !it.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0))
                })
        })
    };
    if offers("br") {
        Encoding::Br
    } else if offers("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Plain
    }
}

fn respond(page: &Page, headers: &HeaderMap) -> Response {
    let (body, encoding) = match accepted(headers) {
        Encoding::Br => (page.br.clone(), Some("br")),
        Encoding::Gzip => (page.gzip.clone(), Some("gzip")),
        Encoding::Plain => (page.plain.clone(), None),
    };
    let length = body.len();
    let mut res = Response::new(Body::from(body));
    let h = res.headers_mut();
    for (k, v) in &page.headers {
        h.append(k.clone(), v.clone());
    }
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    h.insert("x-page-cache", HeaderValue::from_static("hit"));
    res
}

fn compress(plain: &[u8]) -> (Bytes, Bytes) {
    let mut br = Vec::with_capacity(plain.len() / 4);
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 6, 22);
        let _ = w.write_all(plain);
    }
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 3),
        flate2::Compression::default(),
    );
    let _ = gz.write_all(plain);
    (
        Bytes::from(br),
        Bytes::from(gz.finish().unwrap_or_default()),
    )
}

/// The middleware: serve a stored page, or render and store it.
pub async fn layer(State(state): State<super::AppState>, req: Request, next: Next) -> Response {
    if !anonymous_get(&req) {
        return next.run(req).await;
    }
    let Ok(version) = state.db.freshness.current(&state.db).await else {
        return next.run(req).await;
    };
    let (key, clean) = cache_key(req.uri());
    let headers = req.headers().clone();
    let language = {
        use leptos_i18n::Locale as _;
        let locale = crate::lang::split(req.uri().path()).0;
        HeaderValue::from_str(&format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            LANG_COOKIE,
            locale.as_str()
        ))
        .ok()
    };
    if let Some(page) = state.pages.get(&key, version) {
        let mut res = respond(&page, &headers);
        if let Some(c) = language {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
        return res;
    }
    let res = next.run(req).await;
    if !cacheable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(plain) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // Too large to keep (or the body failed): the reader gets an error page rather than half a page.
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .unwrap_or_default();
    };
    let kept: Vec<(HeaderName, HeaderValue)> = parts
        .headers
        .iter()
        .filter(|(k, _)| {
            **k != header::CONTENT_LENGTH
                && **k != header::TRANSFER_ENCODING
                && **k != header::SET_COOKIE
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let (br, gzip) = {
        let plain = plain.clone();
        tokio::task::spawn_blocking(move || compress(&plain))
            .await
            .unwrap_or_default()
    };
    let page = Page {
        version,
        headers: kept,
        plain,
        br,
        gzip,
    };
    let mut res = respond(&page, &headers);
    res.headers_mut()
        .insert("x-page-cache", HeaderValue::from_static("miss"));
    if let Some(c) = language {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    if clean && !page.br.is_empty() && !page.gzip.is_empty() {
        state.pages.put(key, page);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_parameters_are_not_part_of_the_key() {
        let key = |u: &str| cache_key(&u.parse().unwrap());
        assert_eq!(key("/en/about"), ("/en/about".into(), true));
        assert_eq!(
            key("/communities?q=lviv&page=2"),
            ("/communities?q=lviv&page=2".into(), true)
        );
        assert_eq!(
            key("/communities?x=1&q=lviv&utm_source=y"),
            ("/communities?q=lviv".into(), false)
        );
        assert_eq!(key("/en/about?x=2"), ("/en/about".into(), false));
        assert_eq!(key("/en/about?"), ("/en/about".into(), false));
    }

    #[test]
    fn picks_the_best_accepted_encoding() {
        let mut h = HeaderMap::new();
        assert!(matches!(accepted(&h), Encoding::Plain));
        h.insert(
            header::ACCEPT_ENCODING,
            "gzip, deflate, br".parse().unwrap(),
        );
        assert!(matches!(accepted(&h), Encoding::Br));
        h.insert(header::ACCEPT_ENCODING, "br;q=0, gzip".parse().unwrap());
        assert!(matches!(accepted(&h), Encoding::Gzip));
        h.insert(header::ACCEPT_ENCODING, "identity".parse().unwrap());
        assert!(matches!(accepted(&h), Encoding::Plain));
    }

    #[test]
    fn compressed_bodies_decode_to_the_page() {
        use std::io::Read;
        let page = "<html>".repeat(1000);
        let (br, gz) = compress(page.as_bytes());
        assert!(br.len() < page.len() / 10 && gz.len() < page.len() / 10);
        let mut out = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
        out.clear();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
    }
}
