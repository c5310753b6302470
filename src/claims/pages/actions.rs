//! On a community's page: edit, claim, or (for coordinators) verify.

use crate::claims::fns::*;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, Field, FormError};
use crate::ui::notice::UrlNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// On a community's page: edit, claim, or (for coordinators) verify.
#[component]
pub fn CommunityActions(slug: crate::identity::Slug) -> impl IntoView {
    let i18n = use_i18n();
    let verify = ServerAction::<SetVerified>::new();
    let verify_error = last_error(verify);
    view! {
        <UrlNotice accepted=&[
            Notice::ClaimSent,
            Notice::ClaimPending,
            Notice::CardVerified,
            Notice::Published,
            Notice::Merged,
        ] />
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let a = my_access(slug.to_string()).await.unwrap_or_default();
                    let edit = use_href(links::editor(&slug));
                    let claim = use_href(links::claim(&slug));
                    let history = use_href(links::history(&slug));
                    // Rendered inside the card's Suspense: a resource made here would outlive
                    // the render that drops this view (see `ui::status`), so it is asked directly.
                    view! {
                        <div
                            class="share flex flex-wrap items-center gap-3"
                            data-testid="community-actions"
                        >
                            {a
                                .can_edit
                                .then(|| {
                                    view! {
                                        <A
                                            href=edit
                                            attr:class="button-secondary"
                                            attr:data-testid="edit-card"
                                        >
                                            {t!(i18n, edit_card)}
                                        </A>
                                        <A href=history attr:class="button-secondary">
                                            {t!(i18n, history_title)}
                                        </A>
                                    }
                                })}
                            {(!a.can_edit && a.pending_claim)
                                .then(|| view! { <p>{t!(i18n, claim_pending)}</p> })}
                            {(!a.can_edit && !a.pending_claim)
                                .then(|| {
                                    view! {
                                        <A href=claim attr:class="underline">
                                            {t!(i18n, claim_cta)}
                                        </A>
                                    }
                                })}
                        </div>
                        {a
                            .coordinator
                            .then(|| {
                                view! {
                                    <ActionForm
                                        action=verify
                                        attr:class="share flex flex-wrap items-end gap-3 rounded border border-stone-300 p-3"
                                    >
                                        <FormError error=verify_error />
                                        <input type="hidden" name="slug" value=slug.to_string() />
                                        <Field
                                            label=tr!(i18n, field_verified_date)
                                            name="date"
                                            id="verified-date"
                                            kind="date"
                                            required=false
                                            maxlength=10
                                            error=verify_error
                                        />
                                        <button
                                            type="submit"
                                            name="verified"
                                            value="yes"
                                            class="button-secondary"
                                        >
                                            {t!(i18n, verify_card_submit)}
                                        </button>
                                        <button
                                            type="submit"
                                            name="verified"
                                            value="no"
                                            class="button-secondary"
                                        >
                                            {t!(i18n, unverify_card_submit)}
                                        </button>
                                    </ActionForm>
                                }
                            })}
                    }
                })
            }}
        </Suspense>
    }
}
