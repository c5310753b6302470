//! The page for an address the site does not have (HTTP 404).

use crate::i18n::*;
use crate::lang::use_href;
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), not_found_title).to_string() />
        <section class="space-y-4 py-10">
            <h1 class="text-3xl font-bold">{t!(i18n, not_found_title)}</h1>
            <p class="text-stone-700">{t!(i18n, not_found_text)}</p>
            <p>
                <A href=use_href(crate::links::HOME) attr:class="button-primary">
                    {t!(i18n, not_found_home)}
                </A>
            </p>
        </section>
    }
}
