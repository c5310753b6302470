//! The card's logo and photos in the editor: upload (with progress and cancel when
//! JavaScript runs), list, remove.

use super::EditorUrl;
use crate::i18n::*;
use crate::lang::labels::language_name;
use crate::profiles::fns::*;
use crate::profiles::model::{Editable, MAX_MEGAPIXELS};
#[cfg(feature = "hydrate")]
use crate::{error::AppError, ui::forms::error_text};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The card's logo and photos: each published as it is uploaded (JPEG, PNG or WebP up to
/// 10 MB, with a description for people who cannot see it). A plain multipart form without
/// JavaScript; with it, the upload shows its progress and can be cancelled.
#[component]
pub(super) fn Pictures(
    e: Editable,
    refresh: RwSignal<u32>,
    outcome: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveImage>::new();
    Effect::new(move |_| {
        if remove.version().get() > 0 {
            refresh.update(|n| *n += 1);
        }
    });
    let url = expect_context::<EditorUrl>();
    let from_url = Signal::derive(move || {
        let l = i18n.get_locale();
        if let Some(code) = &url.upload_error {
            return Some((false, upload_error_text(l, code)));
        }
        match url.done.as_deref() {
            Some("uploaded") => Some((true, td_string!(l, notice_uploaded).to_string())),
            Some("removed") => Some((true, td_string!(l, notice_removed).to_string())),
            _ => None,
        }
    });
    let progress = RwSignal::new(None::<u32>);
    let status = Signal::derive(move || outcome.get().or_else(|| from_url.get()));
    let slug = e.slug.clone();
    let action = crate::links::upload(&e.slug);
    let images: Vec<(crate::profiles::model::Image, bool)> = e
        .logo
        .iter()
        .map(|i| (i.clone(), true))
        .chain(e.photos.iter().map(|i| (i.clone(), false)))
        .collect();
    let on_submit = move |ev: leptos::web_sys::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        send_with_progress(ev, i18n, progress, outcome, refresh);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <section
            id="pictures"
            class="space-y-3 rounded border border-stone-300 p-3"
            aria-labelledby="pictures-heading"
        >
            <h2 id="pictures-heading" class="text-xl font-semibold">
                {t!(i18n, pictures_title)}
            </h2>
            <div aria-live="polite">
                {move || {
                    status
                        .get()
                        .map(|(ok, text)| {
                            view! {
                                <p
                                    role=if ok { "status" } else { "alert" }
                                    data-testid="upload-status"
                                    class=if ok {
                                        "rounded border border-green-300 bg-green-50 p-3 text-green-900"
                                    } else {
                                        "rounded border border-red-300 bg-red-50 p-3 text-red-900"
                                    }
                                >
                                    {text}
                                </p>
                            }
                        })
                }}
            </div>
            {(!images.is_empty())
                .then(|| {
                    view! {
                        <ul class="flex flex-wrap gap-4" data-testid="pictures">
                            {images
                                .into_iter()
                                .map(|(img, logo)| {
                                    let alt = img
                                        .alt
                                        .get(i18n.get_locale_untracked().as_str())
                                        .map(|t| t.text.to_string())
                                        .unwrap_or_default();
                                    let src = img.thumb.clone().unwrap_or_else(|| img.url.clone());
                                    let (slug, url) = (slug.clone(), img.url.clone());
                                    view! {
                                        <li class="space-y-1">
                                            <img
                                                src=src
                                                alt=alt
                                                class=if logo {
                                                    "h-24 w-24 object-contain"
                                                } else {
                                                    "h-24 w-auto rounded object-cover"
                                                }
                                            />
                                            {logo
                                                .then(|| {
                                                    view! { <p class="text-xs">{t!(i18n, picture_logo)}</p> }
                                                })}
                                            <ActionForm action=remove>
                                                <input type="hidden" name="slug" value=slug.to_string() />
                                                <input type="hidden" name="url" value=url />
                                                <button type="submit" class="button-secondary">
                                                    {t!(i18n, picture_remove)}
                                                </button>
                                            </ActionForm>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <form
                method="post"
                action=action
                enctype="multipart/form-data"
                class="grid grid-cols-1 gap-3 sm:grid-cols-2"
                on:submit=on_submit
                data-testid="upload-form"
            >
                <div class="space-y-1">
                    <label for="upload-kind" class="block font-semibold">
                        {t!(i18n, picture_kind)}
                    </label>
                    <select
                        id="upload-kind"
                        name="kind"
                        class="rounded border border-stone-400 bg-white px-3 py-2"
                    >
                        <option value="photo">{t!(i18n, picture_photo)}</option>
                        <option value="logo">{t!(i18n, picture_logo)}</option>
                    </select>
                </div>
                <div class="space-y-1">
                    <label for="upload-file" class="block font-semibold">
                        {t!(i18n, picture_file)}
                    </label>
                    <p id="upload-file-hint" class="text-sm text-stone-700">
                        {t!(i18n, picture_file_hint)}
                    </p>
                    <input
                        id="upload-file"
                        type="file"
                        name="file"
                        required
                        accept="image/jpeg,image/png,image/webp"
                        aria-describedby="upload-file-hint"
                    />
                </div>
                <div class="space-y-1">
                    <label for="upload-alt-uk" class="block font-semibold">
                        {move || {
                            format!(
                                "{} ({})",
                                td_string!(i18n.get_locale(), picture_alt),
                                language_name(i18n.get_locale(), "uk"),
                            )
                        }}
                    </label>
                    <input
                        id="upload-alt-uk"
                        name="alt_uk"
                        maxlength=300
                        aria-describedby="upload-alt-hint"
                        class="block w-full rounded border border-stone-400 bg-white px-3 py-2"
                    />
                </div>
                <div class="space-y-1">
                    <label for="upload-alt-en" class="block font-semibold">
                        {move || {
                            format!(
                                "{} ({})",
                                td_string!(i18n.get_locale(), picture_alt),
                                language_name(i18n.get_locale(), "en"),
                            )
                        }}
                    </label>
                    <input
                        id="upload-alt-en"
                        name="alt_en"
                        maxlength=300
                        aria-describedby="upload-alt-hint"
                        class="block w-full rounded border border-stone-400 bg-white px-3 py-2"
                    />
                </div>
                <p id="upload-alt-hint" class="text-sm text-stone-700 sm:col-span-2">
                    {t!(i18n, picture_alt_hint)}
                </p>
                <div class="flex flex-wrap items-center gap-3 sm:col-span-2">
                    <button type="submit" class="button-secondary">
                        {t!(i18n, picture_upload)}
                    </button>
                    {move || {
                        progress
                            .get()
                            .map(|p| {
                                view! {
                                    <progress
                                        max="100"
                                        value=p.to_string()
                                        aria-label=move || {
                                            t_string!(i18n, picture_progress).to_string()
                                        }
                                    >
                                        {format!("{p}%")}
                                    </progress>
                                    <button
                                        type="button"
                                        class="button-secondary"
                                        on:click=move |_| {
                                            #[cfg(feature = "hydrate")]
                                            UPLOAD
                                                .with(|u| {
                                                    if let Some(x) = u.borrow().as_ref() {
                                                        let _ = x.abort();
                                                    }
                                                });
                                        }
                                    >
                                        {t!(i18n, picture_cancel)}
                                    </button>
                                }
                            })
                    }}
                </div>
            </form>
        </section>
    }
}

// The upload in flight, for its Cancel button (browser only: a request object cannot cross
// threads, and the server never has one).
#[cfg(feature = "hydrate")]
thread_local! {
    static UPLOAD: std::cell::RefCell<Option<leptos::web_sys::XmlHttpRequest>> = const { std::cell::RefCell::new(None) };
}

#[cfg(feature = "hydrate")]
fn current_upload(x: Option<leptos::web_sys::XmlHttpRequest>) {
    UPLOAD.with(|u| *u.borrow_mut() = x);
}

fn upload_error_text(l: Locale, code: &str) -> String {
    match code {
        "alt" => td_string!(l, upload_error_alt).to_string(),
        "type" => td_string!(l, err_image_type).to_string(),
        "corrupt" => td_string!(l, err_image_corrupt).to_string(),
        "pixels" => td_string!(l, err_image_pixels, max = MAX_MEGAPIXELS).to_string(),
        "size" => td_string!(l, upload_error_size).to_string(),
        "count" => td_string!(l, upload_error_count).to_string(),
        "signin" => td_string!(l, err_sign_in_required).to_string(),
        "forbidden" => td_string!(l, err_forbidden).to_string(),
        "rate" => td_string!(l, err_rate_limited, minutes = 60).to_string(),
        "missing" => td_string!(l, upload_error_missing).to_string(),
        _ => td_string!(l, error_generic).to_string(),
    }
}

/// Sends the upload form in the background, showing its progress; the answer refreshes the
/// pictures or says what went wrong.
#[cfg(feature = "hydrate")]
fn send_with_progress(
    ev: leptos::web_sys::SubmitEvent,
    i18n: leptos_i18n::I18nContext<Locale>,
    progress: RwSignal<Option<u32>>,
    outcome: RwSignal<Option<(bool, String)>>,
    refresh: RwSignal<u32>,
) {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let (Ok(data), Ok(xhr)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else {
        return;
    };
    ev.prevent_default();
    if xhr.open("POST", &form.action()).is_err() {
        return;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |p: ProgressEvent| {
            if p.length_computable() && p.total() > 0.0 {
                progress.set(Some((p.loaded() / p.total() * 100.0) as u32));
            }
        });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let done_xhr = xhr.clone();
    let on_done = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        current_upload(None);
        let l = i18n.get_locale_untracked();
        let status = done_xhr.status().unwrap_or(0);
        if status == 0 {
            outcome.set(Some((false, td_string!(l, upload_cancelled).to_string())));
        } else if (200..300).contains(&status) {
            outcome.set(Some((true, td_string!(l, notice_uploaded).to_string())));
            refresh.update(|n| *n += 1);
        } else {
            let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
            let text = serde_json::from_str::<AppError>(&body)
                .map(|e| error_text(l, &e))
                .unwrap_or_else(|_| td_string!(l, error_generic).to_string());
            outcome.set(Some((false, text)));
        }
    });
    xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();
    outcome.set(None);
    progress.set(Some(0));
    if xhr.send_with_opt_form_data(Some(&data)).is_ok() {
        current_upload(Some(xhr));
    }
}
