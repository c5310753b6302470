//! Photos and logos: uploads are checked by their content (JPEG, PNG or WebP, whatever the
//! file is called), decoded within size limits, resized to the sizes the pages use and
//! re-encoded — which also drops EXIF and any other metadata — then stored under a name made
//! from their content hash (`platform::storage`) and served with a one-year cache lifetime.

pub mod upload;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Largest picture side accepted before resizing (a bigger one is refused, not decoded).
const MAX_SIDE: u32 = 12_000;
pub use crate::profiles::model::MAX_MEGAPIXELS;
/// Most memory one decode may take: 40 Mpx of 8-bit RGBA is 160 MB.
const MAX_ALLOC: u64 = 192 * 1024 * 1024;
/// Pictures decoded and resized at once, across all requests; more wait their turn (each
/// takes up to [`MAX_ALLOC`] plus the resize buffers, and a core).
pub const CONCURRENT: usize = 2;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("not a JPEG, PNG or WebP picture")]
    NotAnImage,
    #[error("the picture cannot be read")]
    Corrupt,
    #[error("the picture is too large")]
    TooLarge,
    #[error("the picture has too many pixels")]
    TooManyPixels,
}

/// The picture work in progress, bounded by [`CONCURRENT`].
pub fn permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT);
    &PERMITS
}

/// What kind of picture: a logo keeps transparency and is small; photos are JPEG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Logo,
    Photo,
}

/// One stored rendition: bytes, content type and file extension.
pub struct Rendition {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub ext: &'static str,
    pub width: u32,
}

/// Checks, decodes and re-encodes an upload: a logo as a 256-pixel PNG, a photo as a
/// 1600-pixel and a 480-pixel JPEG (never enlarged).
pub fn process(bytes: &[u8], kind: Kind) -> Result<Vec<Rendition>, ImageError> {
    let format = image::guess_format(bytes).map_err(|_| ImageError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(ImageError::NotAnImage);
    }
    let reader = || {
        let mut r = ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        r.limits(limits);
        r
    };
    let limited = |e| match e {
        image::ImageError::Limits(_) => ImageError::TooLarge,
        _ => ImageError::Corrupt,
    };
    let (w, h) = reader().into_dimensions().map_err(limited)?;
    if u64::from(w) * u64::from(h) > MAX_MEGAPIXELS * 1_000_000 {
        return Err(ImageError::TooManyPixels);
    }
    let img = reader().decode().map_err(limited)?;
    let out = match kind {
        Kind::Logo => vec![encode_png(&shrink(&img, 256))?],
        Kind::Photo => {
            // The small one from the large one: one resize of the whole picture, not two.
            let large = shrink(&img, 1600);
            drop(img);
            vec![encode_jpeg(&large)?, encode_jpeg(&shrink(&large, 480))?]
        }
    };
    Ok(out)
}

fn shrink(img: &DynamicImage, side: u32) -> DynamicImage {
    if img.width() <= side && img.height() <= side {
        img.clone()
    } else {
        img.resize(side, side, image::imageops::FilterType::Lanczos3)
    }
}

fn encode_png(img: &DynamicImage) -> Result<Rendition, ImageError> {
    let mut out = Vec::new();
    img.to_rgba8()
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|_| ImageError::Corrupt)?;
    Ok(Rendition {
        bytes: out,
        content_type: "image/png",
        ext: "png",
        width: img.width(),
    })
}

fn encode_jpeg(img: &DynamicImage) -> Result<Rendition, ImageError> {
    let mut out = Vec::new();
    let rgb = img.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&rgb)
        .map_err(|_| ImageError::Corrupt)?;
    Ok(Rendition {
        bytes: out,
        content_type: "image/jpeg",
        ext: "jpg",
        width: img.width(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::new_rgba8(w, h);
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn content_not_name_decides() {
        assert_eq!(
            process(b"<script>alert(1)</script>", Kind::Photo).err(),
            Some(ImageError::NotAnImage)
        );
        assert_eq!(
            process(b"GIF89a\x01\x00\x01\x00", Kind::Photo).err(),
            Some(ImageError::NotAnImage)
        );
        let mut broken = png(10, 10);
        broken.truncate(40);
        assert_eq!(
            process(&broken, Kind::Photo).err(),
            Some(ImageError::Corrupt)
        );
    }

    #[test]
    fn photos_are_resized_and_reencoded() {
        let out = process(&png(3000, 1500), Kind::Photo).unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].width, out[1].width), (1600, 480));
        assert!(out
            .iter()
            .all(|r| r.bytes.starts_with(&[0xFF, 0xD8]) && r.content_type == "image/jpeg"));
        let logo = process(&png(100, 50), Kind::Logo).unwrap();
        assert_eq!(logo[0].width, 100, "never enlarged");
        assert!(logo[0].bytes.starts_with(b"\x89PNG"));
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        // A PNG header claiming 20000×20000 pixels.
        let mut header = png(1, 1);
        header[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        header[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        assert!(matches!(
            process(&header, Kind::Photo),
            Err(ImageError::TooLarge | ImageError::Corrupt)
        ));
    }
}
