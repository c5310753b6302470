//! `POST /api/upload/{slug}` (multipart: `kind` = `logo` or `photo`, `alt_uk`, `alt_en`,
//! `file`): an editor adds a picture to the card, published at once as a new version.
//! A plain form posts here without JavaScript (the answer is a redirect back to the editor);
//! the editor's script posts with progress and cancel, and gets JSON.
//! `GET /media/{key}`: the stored pictures, cached for a year (names are content hashes).

use super::{process, ImageError, Kind, MAX_UPLOAD_BYTES};
use crate::error::{AppError, Problem};
use crate::links;
use crate::platform::input::text_field;
use crate::platform::storage::valid_key;
use crate::platform::{rate_limit, AppState, Ctx};
use crate::profiles::model::{Image, Text};
use crate::profiles::store::{self, Edit};
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

/// Photos a card may have.
pub const MAX_PHOTOS: usize = 12;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/upload/{slug}", post(upload))
        .route("/media/{key}", get(serve))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_UPLOAD_BYTES + 64 * 1024,
        ))
        .layer(axum::extract::DefaultBodyLimit::disable())
}

async fn serve(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    if !valid_key(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let storage = state.storage.clone();
    let k = key.clone();
    let Ok(Some(bytes)) = tokio::task::spawn_blocking(move || storage.get(&k)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let ct = if key.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(ct)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response()
}

struct Form {
    kind: Kind,
    alt: Text,
    file: Vec<u8>,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, AppError> {
    let (mut kind, mut alt, mut file) = (None, Text::default(), None);
    while let Some(field) = multipart.next_field().await.map_err(|_| {
        AppError::invalid(
            "file",
            Problem::TooLong {
                max: MAX_UPLOAD_BYTES / 1024 / 1024,
            },
        )
    })? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "kind" => {
                kind = match field.text().await.unwrap_or_default().as_str() {
                    "logo" => Some(Kind::Logo),
                    "photo" => Some(Kind::Photo),
                    _ => None,
                }
            }
            "alt_uk" | "alt_en" => {
                let lang = &name[4..];
                let v = text_field(
                    "alt",
                    &field.text().await.unwrap_or_default(),
                    false,
                    300,
                    false,
                )?;
                if !v.is_empty() {
                    alt.0.insert(lang.to_string(), v);
                }
            }
            "file" => {
                let bytes = field.bytes().await.map_err(|_| {
                    AppError::invalid(
                        "file",
                        Problem::TooLong {
                            max: MAX_UPLOAD_BYTES / 1024 / 1024,
                        },
                    )
                })?;
                if bytes.len() > MAX_UPLOAD_BYTES {
                    return Err(AppError::invalid(
                        "file",
                        Problem::TooLong {
                            max: MAX_UPLOAD_BYTES / 1024 / 1024,
                        },
                    ));
                }
                file = Some(bytes.to_vec());
            }
            _ => {}
        }
    }
    let kind = kind.ok_or_else(|| AppError::invalid("kind", Problem::Required))?;
    let file = file
        .filter(|f| !f.is_empty())
        .ok_or_else(|| AppError::invalid("file", Problem::Required))?;
    if alt.is_empty() {
        return Err(AppError::invalid("alt", Problem::Required));
    }
    Ok(Form { kind, alt, file })
}

async fn upload(
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let html = ctx
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let result = async {
        let by = ctx.editor_of(&slug).await?;
        rate_limit::hit(
            ctx.db(),
            &format!("upload:{}", by.id()),
            rate_limit::UPLOADS_PER_ACCOUNT,
        )
        .await?;
        let multipart = multipart.map_err(|_| AppError::invalid("file", Problem::Required))?;
        let form = read_form(multipart).await?;
        let kind = form.kind;
        // One of the few pictures worked on at once (the request's deadline bounds the wait).
        let permit = super::permits()
            .acquire()
            .await
            .map_err(AppError::internal)?;
        let renditions = tokio::task::spawn_blocking(move || {
            let out = process(&form.file, kind);
            drop(permit);
            out
        })
        .await
        .map_err(AppError::internal)?
        .map_err(|e| match e {
            ImageError::NotAnImage => AppError::invalid("file", Problem::ImageType),
            ImageError::Corrupt => AppError::invalid("file", Problem::ImageCorrupt),
            ImageError::TooManyPixels => AppError::invalid(
                "file",
                Problem::ImagePixels {
                    max: super::MAX_MEGAPIXELS as usize,
                },
            ),
            ImageError::TooLarge => AppError::invalid(
                "file",
                Problem::TooLong {
                    max: MAX_UPLOAD_BYTES / 1024 / 1024,
                },
            ),
        })?;
        // Content-addressed names: the same picture is stored once, and URLs never go stale.
        let mut urls = Vec::new();
        for r in renditions {
            use sha2::{Digest, Sha256};
            let hash = crate::platform::secrets::hex(&Sha256::digest(&r.bytes)[..16]);
            let key = format!("{hash}-{}.{}", r.width, r.ext);
            let storage = ctx.state.storage.clone();
            let url = tokio::task::spawn_blocking(move || storage.put(&key, &r.bytes))
                .await
                .map_err(AppError::internal)?
                .map_err(AppError::internal)?;
            urls.push(url);
        }
        let image = Image {
            url: urls[0].clone(),
            alt: form.alt.clone(),
            thumb: urls.get(1).cloned(),
        };
        // Added to the newest version (a picture conflicts with nothing); retried once if
        // someone published at the same moment.
        for _ in 0..2 {
            let stored = store::load(ctx.db(), by.community())
                .await
                .map_err(AppError::internal)?;
            let mut profile = stored.profile.clone();
            match kind {
                Kind::Logo => profile.logo = Some(image.clone()),
                Kind::Photo => {
                    if profile.photos.len() >= MAX_PHOTOS {
                        return Err(AppError::invalid(
                            "file",
                            Problem::TooLong { max: MAX_PHOTOS },
                        ));
                    }
                    profile.photos.push(image.clone());
                }
            }
            let note = format!(": picture {}", image.url);
            let edit = Edit {
                note: &note,
                ..Edit::from(&ctx.ip)
            };
            match store::publish_edit(ctx.db(), &by, &profile, &stored.trust, stored.version, edit)
                .await
            {
                Ok(_) => return Ok(image),
                Err(AppError::Conflict { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(AppError::Conflict { current: 0 })
    }
    .await;
    let back = |key: &str, value: &str| {
        let editor = format!(
            "{}#pictures",
            links::editor(&crate::identity::Slug::new(slug.as_str()))
        );
        crate::lang::localize(ctx.locale, &links::with_param(&editor, key, value))
    };
    match (result, html) {
        (Ok(image), false) => Json(image).into_response(),
        (Ok(_), true) => redirect(&back(links::Notice::PARAM, links::Notice::Uploaded.key())),
        (Err(e), false) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            (status, Json(e)).into_response()
        }
        (Err(e), true) => redirect(&back("upload_error", upload_error_code(&e))),
    }
}

fn redirect(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// A short code for the editor page to explain a refused upload (no JavaScript).
pub fn upload_error_code(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { problems } => match problems
            .first()
            .map(|p| (p.field.as_str(), &p.problem))
            .unwrap_or(("", &Problem::Required))
        {
            ("alt", _) => "alt",
            ("file", Problem::ImageType) => "type",
            ("file", Problem::ImageCorrupt) => "corrupt",
            ("file", Problem::ImagePixels { .. }) => "pixels",
            ("file", Problem::TooLong { max }) if *max == MAX_PHOTOS => "count",
            ("file", Problem::TooLong { .. }) => "size",
            _ => "missing",
        },
        AppError::SignInRequired | AppError::SecondFactor => "signin",
        AppError::Forbidden => "forbidden",
        AppError::RateLimited { .. } => "rate",
        _ => "failed",
    }
}
