//! `/account/invitation`: joining a community's editors.

use crate::claims::fns::*;
use crate::i18n::*;
use crate::ui::forms::{last_error, ErrorText, FormError};
use crate::ui::status::no_store;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/account/invitation?token=…`: join a community's editors.
#[component]
pub fn InvitationPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let action = ServerAction::<AcceptInvitation>::new();
    let error = last_error(action);
    let q = use_query_map();
    let token = Memo::new(move |_| q.read().get("token").unwrap_or_default());
    let title = td_string!(i18n.get_locale_untracked(), invitation_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{t!(i18n, invitation_lead)}</p>
            <ActionForm action attr:class="space-y-4">
                <FormError error />
                {move || {
                    error
                        .get()
                        .filter(|e| matches!(e, crate::error::AppError::Invalid { .. }))
                        .map(|e| view! { <ErrorText error=e /> })
                }}
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">
                    {t!(i18n, invitation_accept)}
                </button>
            </ActionForm>
        </section>
    }
}
