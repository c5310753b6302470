//! Link-preview images (`og:image`): a 1200×630 PNG drawn on the server from the card's data,
//! so a link pasted into a messenger shows the community's name, oblast and what it offers;
//! and a QR code of the card's address, for print. Preview images are drawn once per card
//! version (kept by ETag, drawn one at a time off the async runtime).

use crate::catalogue::model::CommunitySummary;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::links;
use crate::platform::json::JsonAnswer as Answer;
use crate::platform::AppState;
use crate::profiles::labels::theme_label;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::sync::OnceLock;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/c/{slug}/card.png", get(card_png))
        .route("/c/{slug}/qr.svg", get(qr_svg))
}

const REGULAR: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Bold.ttf");

fn options() -> &'static resvg::usvg::Options<'static> {
    static OPTIONS: OnceLock<resvg::usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut opt = resvg::usvg::Options {
            font_family: "DejaVu Sans".into(),
            ..Default::default()
        };
        let db = opt.fontdb_mut();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        opt
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Cuts a line to `max` characters, with an ellipsis when cut.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

pub fn svg(c: &CommunitySummary) -> String {
    let title = fit(&c.display_name(Locale::en), 34);
    let native = fit(&c.display_name(Locale::uk), 44);
    let mut place = vec![c.region(Locale::en)];
    place.extend(c.raion(Locale::en));
    let place = fit(&place.join(" · "), 60);
    let offers: Vec<String> = c
        .offers
        .iter()
        .take(3)
        .map(|t| fit(&theme_label(Locale::en, *t), 40))
        .collect();
    let mut lines = String::new();
    if !offers.is_empty() {
        lines.push_str(r##"<text x="80" y="420" font-size="30" fill="#1e3a5f">We offer:</text>"##);
        for (i, o) in offers.iter().enumerate() {
            lines.push_str(&format!(
                r##"<text x="100" y="{}" font-size="30" fill="#0b4f9c">• {}</text>"##,
                465 + i * 42,
                escape(o)
            ));
        }
    } else if c.occupied {
        lines.push_str(
            r##"<text x="80" y="440" font-size="32" fill="#7c2d12">Temporarily occupied</text>"##,
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#f5f5f4"/>
<rect width="1200" height="24" fill="#0057b7"/><rect y="24" width="1200" height="24" fill="#ffd700"/>
<text x="80" y="170" font-size="60" font-weight="bold" fill="#172554">{}</text>
<text x="80" y="235" font-size="36" fill="#44403c">{}</text>
<text x="80" y="300" font-size="32" fill="#44403c">{}</text>
{lines}
<text x="1120" y="590" font-size="30" font-weight="bold" fill="#0b4f9c" text-anchor="end">Cities4Cities</text>
</svg>"##,
        escape(&title),
        escape(&native),
        escape(&place),
    )
}

pub fn render(c: &CommunitySummary) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(&svg(c), options()).map_err(|e| e.to_string())?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(1200, 630).ok_or("pixmap")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Drawn preview images by their ETag (the hash of what they are drawn from, so a new card
/// version is a new entry and an unchanged one is never drawn twice). Bounded by bytes: when
/// full, it starts over.
#[derive(Default)]
struct Drawn {
    images: std::collections::HashMap<String, axum::body::Bytes>,
    bytes: usize,
}

const DRAWN_MAX_BYTES: usize = 32 * 1024 * 1024;

fn drawn() -> &'static std::sync::Mutex<Drawn> {
    static DRAWN: OnceLock<std::sync::Mutex<Drawn>> = OnceLock::new();
    DRAWN.get_or_init(Default::default)
}

fn stored(etag: &str) -> Option<axum::body::Bytes> {
    drawn()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .images
        .get(etag)
        .cloned()
}

fn store(etag: String, png: axum::body::Bytes) {
    let mut d = drawn().lock().unwrap_or_else(|e| e.into_inner());
    if d.bytes + png.len() > DRAWN_MAX_BYTES {
        *d = Drawn::default();
    }
    d.bytes += png.len();
    d.images.insert(etag, png);
}

/// Preview images drawn at once (each takes a core for tens of milliseconds); more wait.
static DRAWING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

async fn card_png(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: axum::http::HeaderMap,
) -> Answer {
    use sha2::{Digest, Sha256};
    let snapshot = super::snapshot(&state).await?;
    let entry = snapshot.entry(&slug).ok_or(AppError::NotFound)?;
    let svg = svg(&entry.summary);
    let etag = format!(
        "\"{}\"",
        crate::platform::secrets::hex(&Sha256::digest(svg.as_bytes())[..12])
    );
    let answer =
        |status: axum::http::StatusCode, png: Option<axum::body::Bytes>, cache: &'static str| {
            let mut res = match png {
                Some(png) => (status, png).into_response(),
                None => status.into_response(),
            };
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            if let Ok(v) = HeaderValue::from_str(&etag) {
                h.insert(header::ETAG, v);
            }
            h.insert("x-card-cache", HeaderValue::from_static(cache));
            res
        };
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged {
        return Ok(answer(axum::http::StatusCode::NOT_MODIFIED, None, "hit"));
    }
    if let Some(png) = stored(&etag) {
        return Ok(answer(axum::http::StatusCode::OK, Some(png), "hit"));
    }
    // One drawing at a time, off the async runtime; whoever waited may find it drawn.
    let _turn = DRAWING.acquire().await.map_err(AppError::internal)?;
    if let Some(png) = stored(&etag) {
        return Ok(answer(axum::http::StatusCode::OK, Some(png), "hit"));
    }
    let summary = entry.summary.clone();
    let png = tokio::task::spawn_blocking(move || render(&summary))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let png = axum::body::Bytes::from(png);
    store(etag.clone(), png.clone());
    Ok(answer(axum::http::StatusCode::OK, Some(png), "miss"))
}

async fn qr_svg(State(state): State<AppState>, Path(slug): Path<String>) -> Answer {
    let snapshot = super::snapshot(&state).await?;
    let entry = snapshot.entry(&slug).ok_or(AppError::NotFound)?;
    let url = format!(
        "{}{}",
        state.settings.server.public_url.trim_end_matches('/'),
        links::community(&entry.summary.slug)
    );
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(AppError::internal)?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}
