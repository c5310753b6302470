//! The card as something to pass on: its address to copy, a QR code, and print.

use crate::i18n::*;
use crate::identity::Slug;
use leptos::prelude::*;

/// The share panel: the card's address to copy, a QR code, and print. Folded, so that it
/// does not stand between the reader and the card; the printed card carries the address and
/// the QR code itself.
#[component]
pub fn ShareBox(url: String, slug: Slug) -> impl IntoView {
    let i18n = use_i18n();
    let qr = crate::links::qr_code(&slug);
    use leptos_i18n::Locale as _;
    view! {
        <details class="share print:hidden" data-testid="share">
            <summary class="cursor-pointer text-blue-800 underline">{t!(i18n, share_card)}</summary>
            <div class="mt-3 flex flex-wrap items-start gap-4 rounded border border-stone-200 bg-white p-3">
                <div class="space-y-2">
                    <label class="block text-sm font-medium" for="share-url">
                        {t!(i18n, share_link)}
                    </label>
                    <input
                        id="share-url"
                        readonly
                        value=url.clone()
                        class="w-72 max-w-full rounded border border-stone-400 px-2 py-1 text-sm"
                    />
                    <p class="flex flex-wrap gap-2">
                        <ShareButtons url lang=i18n.get_locale_untracked().as_str().to_string() />
                    </p>
                </div>
                <img
                    src=qr
                    class="qr h-28 w-28"
                    width="112"
                    height="112"
                    alt=move || t_string!(i18n, qr_alt).to_string()
                    data-testid="qr"
                />
            </div>
        </details>
    }
}

/// The copy and print buttons, which need the browser: hidden until it runs them (without
/// JavaScript the address is there to copy, and the browser prints).
#[island]
fn ShareButtons(url: String, lang: String) -> impl IntoView {
    let i18n = crate::lang::provide_island_i18n(&lang);
    let copied = RwSignal::new(false);
    let running = RwSignal::new(false);
    Effect::new(move || running.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&url);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &url;
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    view! {
        <button type="button" class="button-secondary" on:click=copy hidden=move || !running.get()>
            {move || {
                if copied.get() {
                    t_string!(i18n, link_copied).to_string()
                } else {
                    t_string!(i18n, copy_link).to_string()
                }
            }}
        </button>
        <button type="button" class="button-secondary" on:click=print hidden=move || !running.get()>
            {t!(i18n, print_card)}
        </button>
        <span role="status" class="sr-only">
            {move || copied.get().then(|| t_string!(i18n, link_copied).to_string())}
        </span>
    }
}
