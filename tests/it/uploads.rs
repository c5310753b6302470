//! Pictures against real databases: checked by content (a script named `.jpg` is refused),
//! re-encoded without EXIF, resized, stored by content hash, served with a long cache
//! lifetime, published as a new version, removable; refused to visitors and to editors of
//! other communities; with and without JavaScript.

use crate::common::accounts::{account, call, make_editor};
use crate::common::api;
use crate::common::{send, Reply, TestDb};
use axum::body::Body;
use axum::http::Request;
use std::io::Cursor;

fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "c4cBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &axum::Router,
    slug: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
    html: bool,
) -> Reply {
    let (ct, body) = multipart(fields, file);
    let mut req = Request::post(format!("/api/upload/{slug}"))
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .header("referer", format!("https://c4c.example/en/c/{slug}/edit"))
        .header(
            "accept",
            if html {
                "text/html"
            } else {
                "application/json"
            },
        );
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(app, req.body(Body::from(body)).unwrap()).await
}

/// A 2000×1000 JPEG carrying an EXIF block with a location in it.
fn photo_with_exif() -> Vec<u8> {
    let img = image::RgbImage::from_fn(2000, 1000, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&img)
        .unwrap();
    let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude50.45SECRET";
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((exif.len() + 2) as u16).to_be_bytes());
    app1.extend(exif);
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn png_logo() -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(600, 600, image::Rgba([10, 60, 150, 255]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn pictures(t: &TestDb) {
    let state = t.state();
    let dir = std::env::temp_dir().join(format!(
        "c4c-uploads-{}-{}",
        std::process::id(),
        t.url.len()
    ));
    let mut settings = (*state.settings).clone();
    settings.storage.upload_dir = dir.clone();
    let app =
        cities4cities::startup::router(cities4cities::startup::app_state(settings, t.db.clone()));
    let editor = account(t, &app, "photos@hoshcha.gov.ua", "member").await;
    let other = account(t, &app, "photos@koriukivka.gov.ua", "member").await;
    for (email, slug) in [
        ("photos@hoshcha.gov.ua", "hoshchanska"),
        ("photos@koriukivka.gov.ua", "koriukivska"),
    ] {
        make_editor(t, email, slug).await;
    }
    let photo = photo_with_exif();
    let fields = [("kind", "photo"), ("alt_en", "The river Horyn at dawn")];

    // Refusals change nothing.
    assert_eq!(
        upload(
            &app,
            "hoshchanska",
            None,
            &fields,
            Some(("p.jpg", &photo)),
            false
        )
        .await
        .status,
        401
    );
    assert_eq!(
        upload(
            &app,
            "hoshchanska",
            Some(&other),
            &fields,
            Some(("p.jpg", &photo)),
            false
        )
        .await
        .status,
        403
    );
    let script = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("holiday.jpg", b"<script>alert(1)</script>")),
        false,
    )
    .await;
    assert_eq!(script.status, 400, "{}", script.body);
    assert!(script.body.contains("image_type"), "{}", script.body);
    let no_alt = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &[("kind", "photo")],
        Some(("p.jpg", &photo)),
        false,
    )
    .await;
    assert!(no_alt.body.contains("\"field\":\"alt\""), "{}", no_alt.body);
    let huge = vec![0xFFu8; 11 * 1024 * 1024];
    let too_big = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("big.jpg", &huge)),
        false,
    )
    .await;
    assert!(
        too_big.status == 413 || too_big.status == 400,
        "{}",
        too_big.status
    );

    // A photo: two sizes, no EXIF, content-hash names, long cache.
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("p.jpg", &photo)),
        false,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let image: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let url = image["url"].as_str().unwrap().to_string();
    let thumb = image["thumb"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("/media/") && url.ends_with("-1600.jpg"),
        "{url}"
    );
    assert!(thumb.ends_with("-480.jpg"), "{thumb}");
    let (status, ct, bytes) = crate::common::send_bytes(&app, &url).await;
    assert_eq!((status, ct.as_str()), (200, "image/jpeg"));
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif") && !bytes.windows(6).any(|w| w == b"SECRET"),
        "EXIF stripped"
    );
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1600, 800));
    let media = crate::common::get(&app, &thumb).await;
    assert_eq!(
        media.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        crate::common::get(&app, "/media/..%2F..%2Fetc%2Fpasswd")
            .await
            .status,
        404
    );

    // Published: the public card shows it with its description.
    let page = crate::common::get(&app, "/en/c/hoshchanska").await;
    assert_eq!(page.status, 200, "{:?}", page.headers);
    // The first photo leads the card at full size (the thumbnail is for lists).
    assert!(
        page.body.contains(&format!("src=\"{url}\"")),
        "{}",
        page.body.len()
    );
    assert!(page.body.contains("The river Horyn at dawn"));

    // Without JavaScript: a redirect back to the editor, with the outcome.
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &[("kind", "logo"), ("alt_uk", "Герб Гощі")],
        Some(("logo.png", &png_logo())),
        true,
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        r.headers["location"],
        "/en/c/hoshchanska/edit?done=uploaded#pictures"
    );
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("x.jpg", b"GIF89a not really")),
        true,
    )
    .await;
    assert_eq!(
        r.headers["location"],
        "/en/c/hoshchanska/edit?upload_error=type#pictures"
    );
    let e: serde_json::Value = serde_json::from_str(
        &call::<api::GetEditable>(&app, &[("slug", "hoshchanska")], Some(&editor))
            .await
            .body,
    )
    .unwrap();
    assert!(e["logo"]["url"].as_str().unwrap().ends_with(".png"));
    assert_eq!(e["photos"].as_array().unwrap().len(), 1);

    // Removing is another version; the history has them all.
    let r = call::<api::RemoveImage>(
        &app,
        &[("slug", "hoshchanska"), ("url", &url)],
        Some(&editor),
    )
    .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);
    assert_eq!(
        call::<api::RemoveImage>(
            &app,
            &[("slug", "hoshchanska"), ("url", &url)],
            Some(&other)
        )
        .await
        .status,
        403
    );
    let e: serde_json::Value = serde_json::from_str(
        &call::<api::GetEditable>(&app, &[("slug", "hoshchanska")], Some(&editor))
            .await
            .body,
    )
    .unwrap();
    assert!(e["photos"].as_array().unwrap().is_empty());
    let h: serde_json::Value = serde_json::from_str(
        &call::<api::History>(&app, &[("slug", "hoshchanska")], Some(&editor))
            .await
            .body,
    )
    .unwrap();
    let versions = h["versions"].as_array().unwrap();
    assert!(versions.len() >= 3);
    // Each picture change names the pictures in the history (it said "0 fields changed").
    assert!(
        versions
            .iter()
            .filter(|v| v["changed"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "photos" || c == "logo"))
            .count()
            >= 2,
        "{versions:?}"
    );
    // Each published picture change is in the audit log, with what changed.
    let details: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'published'")
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
    assert!(
        details
            .iter()
            .any(|d| d.ends_with(&format!(": picture {url}"))),
        "{details:?}"
    );
    assert!(
        details.iter().any(|d| d.ends_with(": picture removed")),
        "{details:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// A PNG of `w`×`h` pixels whose data is cut short: what a decoder reads first (the header)
/// is valid, as in a pixel flood, where a small file decodes to gigabytes.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &[0x78, 0x9c, 0x03, 0x00]);
    out
}

/// Fault 7: a 12,000 × 10,000 picture (the side limit allowed it) was decoded into ~480 MB.
/// Now the pixel count is read from the header and a picture over 40 megapixels is refused
/// with its own message, never decoded.
async fn pixel_floods_are_refused_unread(t: &TestDb) {
    let app = t.router();
    let editor = account(t, &app, "flood@hoshcha.gov.ua", "member").await;
    make_editor(t, "flood@hoshcha.gov.ua", "hoshchanska").await;
    let fields = [("kind", "photo"), ("alt_en", "A flood")];
    let flood = png_claiming(12_000, 10_000);
    assert!(flood.len() < 100);
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("f.png", &flood)),
        false,
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let e: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        e["Invalid"]["problems"][0]["problem"]["image_pixels"]["max"], 40,
        "{}",
        r.body
    );
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("f.png", &flood)),
        true,
    )
    .await;
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.contains("upload_error=pixels"), "{back}");
    let page = crate::common::accounts::get_as(&app, &back, &editor).await;
    assert!(page.body.contains("at most 40 megapixels"), "{}", page.body);
    // Within the limit, the same cut-short file is only damaged.
    let small = png_claiming(8_000, 5_000);
    let r = upload(
        &app,
        "hoshchanska",
        Some(&editor),
        &fields,
        Some(("f.png", &small)),
        false,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("image_corrupt"), "{}", r.body);
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions WHERE community_code = (SELECT code FROM communities WHERE slug = 'hoshchanska')")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(versions, 0, "nothing was published");

    // Picture work is bounded across requests: with every permit taken, an upload waits.
    use cities4cities::profiles::pictures::{permits, CONCURRENT};
    let all = permits().acquire_many(CONCURRENT as u32).await.unwrap();
    let waiting = tokio::spawn({
        let (app, editor) = (app.clone(), editor.clone());
        async move {
            let logo = png_logo();
            let fields = [("kind", "logo"), ("alt_en", "Coat of arms")];
            upload(
                &app,
                "hoshchanska",
                Some(&editor),
                &fields,
                Some(("l.png", &logo)),
                false,
            )
            .await
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        !waiting.is_finished(),
        "no picture is decoded without a permit"
    );
    drop(all);
    assert_eq!(waiting.await.unwrap().status, 200);
}

crate::scenarios!(pictures, pixel_floods_are_refused_unread);
