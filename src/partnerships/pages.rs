//! `/c/{slug}/partner`: where the partnership request form will live (a later issue).

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PartnerRequest() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let back = move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let path = crate::identity::Slug::parse(&slug)
            .map(|s| crate::links::community(&s))
            .unwrap_or_else(|| crate::links::CATALOGUE.to_string());
        crate::lang::localize(i18n.get_locale(), &path)
    };
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), partner_request_title).to_string() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">{t!(i18n, partner_request_title)}</h1>
            <p class="max-w-prose">{t!(i18n, partner_request_coming)}</p>
            <p>
                <A href=back attr:class="button-primary">
                    {t!(i18n, back_to_community)}
                </A>
            </p>
        </section>
    }
}
