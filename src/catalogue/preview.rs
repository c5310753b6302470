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

/// A glyph's average advance in DejaVu Sans, as a share of the font size (bold is wider;
/// measured on Latin and Cyrillic text, capitals included, with a margin).
const GLYPH_WIDTH: f32 = 0.62;
const GLYPH_WIDTH_BOLD: f32 = 0.68;

/// The width the texts may take: the image less its margins.
const TEXT_WIDTH: f32 = 1040.0;

/// `s` broken at spaces and hyphens into lines of at most `max` characters, or `None` when
/// it needs more than `lines` lines (or a word alone is longer than a line).
fn wrap(s: &str, max: usize, lines: usize) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    // Words keep the hyphen they were split after ("Ivano-" / "Frankivsk").
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        let mut rest = w;
        while let Some(i) = rest.find('-').filter(|i| i + 1 < rest.len()) {
            words.push(rest[..=i].to_string());
            rest = &rest[i + 1..];
        }
        words.push(rest.to_string());
    }
    for w in words {
        if w.chars().count() > max {
            return None;
        }
        let glue = if line.is_empty() || line.ends_with('-') {
            ""
        } else {
            " "
        };
        if line.chars().count() + glue.len() + w.chars().count() <= max {
            line.push_str(glue);
            line.push_str(&w);
        } else {
            out.push(std::mem::take(&mut line));
            line = w;
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    (out.len() <= lines).then_some(out)
}

/// `s` set in the largest of `sizes` at which it fits in `lines` lines; at the smallest
/// size, cut with an ellipsis if even that does not fit (no community name is that long).
fn fitted(s: &str, sizes: &[f32], lines: usize, bold: bool) -> (f32, Vec<String>) {
    let glyph = if bold { GLYPH_WIDTH_BOLD } else { GLYPH_WIDTH };
    for &size in sizes {
        let max = (TEXT_WIDTH / (size * glyph)) as usize;
        if let Some(l) = wrap(s, max, lines) {
            return (size, l);
        }
    }
    let size = sizes.last().copied().unwrap_or(30.0);
    let max = (TEXT_WIDTH / (size * glyph)) as usize;
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    (size, vec![format!("{cut}…")])
}

/// The preview image of a card, written in `l`: the name as the reader's script writes it
/// (wrapped, never clipped), the other script's, the oblast and raion, what it offers.
pub fn svg(c: &CommunitySummary, l: Locale) -> String {
    let mut body = String::new();
    let mut y = 100.0_f32;
    let mut text = |y: &mut f32, size: f32, lines: Vec<String>, style: &str| {
        for line in lines {
            *y += size * 1.2;
            body.push_str(&format!(
                r##"<text x="80" y="{:.0}" font-size="{size:.0}" {style}>{}</text>"##,
                *y,
                escape(&line)
            ));
        }
    };
    let (size, title) = fitted(&c.display_name(l), &[64.0, 56.0, 48.0, 40.0], 2, true);
    text(
        &mut y,
        size,
        title,
        r##"font-weight="bold" fill="#172554""##,
    );
    y += 8.0;
    let (size, other) = fitted(&c.other_script_name(l), &[36.0, 30.0], 1, false);
    text(&mut y, size, other, r##"fill="#44403c""##);
    let mut place = vec![c.region(l)];
    place.extend(c.raion(l));
    let (size, place) = fitted(&place.join(" · "), &[32.0, 28.0], 2, false);
    text(&mut y, size, place, r##"fill="#44403c""##);
    y += 30.0;
    let offers: Vec<String> = c
        .offers
        .iter()
        .take(3)
        .map(|t| theme_label(l, *t))
        .collect();
    if !offers.is_empty() {
        let room = ((560.0 - y) / 40.0).max(1.0) as usize;
        text(
            &mut y,
            30.0,
            vec![crate::i18n::td_string!(l, preview_we_offer).to_string()],
            r##"fill="#1e3a5f""##,
        );
        let items: Vec<String> = offers
            .iter()
            .take(room.saturating_sub(1).max(1))
            .map(|o| format!("• {}", fitted(o, &[30.0], 1, false).1.concat()))
            .collect();
        text(&mut y, 30.0, items, r##"fill="#0b4f9c""##);
    } else if c.occupied {
        text(
            &mut y,
            32.0,
            vec![crate::i18n::td_string!(l, occupied).to_string()],
            r##"fill="#7c2d12""##,
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#f5f5f4"/>
<rect width="1200" height="24" fill="#0057b7"/><rect y="24" width="1200" height="24" fill="#ffd700"/>
{body}
<text x="1120" y="600" font-size="30" font-weight="bold" fill="#0b4f9c" text-anchor="end">Cities4Cities</text>
</svg>"##
    )
}

pub fn render(svg: &str) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(svg, options()).map_err(|e| e.to_string())?;
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

/// `?lang=` of the preview image: the language of the page that links it.
#[derive(serde::Deserialize)]
struct ImageLanguage {
    #[serde(default)]
    lang: String,
}

async fn card_png(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    axum::extract::Query(language): axum::extract::Query<ImageLanguage>,
    headers: axum::http::HeaderMap,
) -> Answer {
    use sha2::{Digest, Sha256};
    let snapshot = super::snapshot(&state).await?;
    let entry = snapshot.entry(&slug).ok_or(AppError::NotFound)?;
    let svg = svg(&entry.summary, crate::lang::locale_of(&language.lang));
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
    let png = tokio::task::spawn_blocking(move || render(&svg))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_and_are_never_cut() {
        let name = "Novooleksandrivska silska terytorialna hromada Dnipropetrovskoi oblasti";
        let (size, lines) = fitted(name, &[64.0, 56.0, 48.0, 40.0], 2, true);
        assert!(lines.len() <= 2, "{lines:?}");
        assert_eq!(lines.join(" "), name, "nothing is cut");
        for line in &lines {
            let width = line.chars().count() as f32 * size * GLYPH_WIDTH_BOLD;
            assert!(width <= TEXT_WIDTH, "{line:?} at {size} is {width} px wide");
        }
        let words = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            wrap("Ivano-Frankivska miska", 12, 3),
            Some(words(&["Ivano-", "Frankivska", "miska"]))
        );
        assert_eq!(wrap("Ivano-Frankivska miska", 12, 2), None);
        assert_eq!(
            wrap("Ivano-Frankivska miska", 30, 1),
            Some(words(&["Ivano-Frankivska miska"]))
        );
    }

    #[test]
    fn the_image_speaks_the_page_language() {
        let c: CommunitySummary = serde_json::from_value(serde_json::json!({
            "slug": "hoshchanska", "name_uk": "Гощанська селищна громада",
            "name_latin": "Hoshchanska selyshchna hromada", "kind": "settlement",
            "region_kind": "oblast", "region_uk": "Рівненська", "region_latin": "Rivnenska",
            "raion_uk": null, "raion_latin": null, "occupied": false, "offers": ["energy"],
        }))
        .unwrap();
        let de = svg(&c, Locale::de);
        assert!(
            de.contains(crate::i18n::td_string!(Locale::de, preview_we_offer)),
            "{de}"
        );
        assert!(de.contains(&theme_label(
            Locale::de,
            crate::profiles::model::Theme::Energy
        )));
        let uk = svg(&c, Locale::uk);
        assert!(uk.contains("Гощанська"), "{uk}");
        assert!(!uk.contains(crate::i18n::td_string!(Locale::de, preview_we_offer)));
    }
}
