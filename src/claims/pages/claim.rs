//! `/c/{slug}/claim`: asking to become an editor of a community's card.

use crate::claims::fns::*;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self};
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, ErrorText, Field, FormError, TextArea};
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn use_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

/// `/c/{slug}/claim`: ask to become an editor of this community. `resend` is the accounts
/// domain's "send the link again", returning to the path it is given (`app.rs` fills it).
#[component]
pub fn ClaimPage(resend: fn(String) -> AnyView) -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let slug = use_slug();
    let action = ServerAction::<ClaimCommunity>::new();
    let error = last_error(action);
    let me = Resource::new(|| (), |_| crate::accounts::fns::me());
    let access = Resource::new(move || slug.get(), my_access);
    let title = td_string!(i18n.get_locale_untracked(), claim_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <crate::ui::notice::UrlNotice accepted=&[links::Notice::VerificationSent] />
            <p>{t!(i18n, claim_lead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let pending = access.await.map(|a| a.pending_claim).unwrap_or(false);
                    match me.await {
                        Ok(Some(_)) if pending => {
                            let back = use_href(
                                links::community(&crate::identity::Slug::new(slug.get_untracked())),
                            );
                            // One request at a time: the one waiting is shown, not a new form.
                            view! {
                                <p
                                    role="status"
                                    class="rounded border border-blue-300 bg-blue-50 p-3"
                                >
                                    {t!(i18n, claim_pending)}
                                </p>
                                <p>
                                    <A href=back attr:class="button-secondary">
                                        {t!(i18n, claim_back)}
                                    </A>
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Some(u)) if !u.email_verified => {
                            let back = links::claim(
                                &crate::identity::Slug::new(slug.get_untracked()),
                            );
                            // Said before they type: the address must be confirmed first,
                            // with the link to send again right here.
                            view! {
                                <p
                                    role="status"
                                    class="rounded border border-yellow-400 bg-yellow-50 p-3"
                                >
                                    {t!(i18n, err_unverified)}
                                </p>
                                {resend(back)}
                            }
                                .into_any()
                        }
                        Ok(Some(_)) => {
                            view! {
                                <ActionForm action attr:class="space-y-4" attr:novalidate="">
                                    <FormError error />
                                    <input type="hidden" name="slug" value=move || slug.get() />
                                    <Field
                                        label=tr!(i18n, field_position)
                                        name="position"
                                        id="claim-position"
                                        maxlength=200
                                        error
                                    />
                                    <TextArea
                                        label=tr!(i18n, field_evidence)
                                        name="evidence"
                                        id="claim-evidence"
                                        required=true
                                        maxlength=500
                                        rows=3
                                        hint=tr!(i18n, claim_evidence_hint)
                                        error
                                    />
                                    <TextArea
                                        label=tr!(i18n, field_message)
                                        name="message"
                                        id="claim-message"
                                        maxlength=2000
                                        error
                                    />
                                    {move || {
                                        error
                                            .get()
                                            .filter(|e| e.problem_of("email").is_some())
                                            .map(|e| view! { <ErrorText error=e /> })
                                    }}
                                    <button type="submit" class="button-primary">
                                        {t!(i18n, claim_submit)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            let href = use_href(
                                links::sign_in_then(
                                    &links::claim(&crate::identity::Slug::new(slug.get_untracked())),
                                ),
                            );
                            let signup = use_href(links::SIGN_UP);
                            view! {
                                <p>{t!(i18n, err_sign_in_required)}</p>
                                <p class="flex flex-wrap gap-3">
                                    <A href=href attr:class="button-primary">
                                        {t!(i18n, signin_title)}
                                    </A>
                                    <A href=signup attr:class="button-secondary">
                                        {t!(i18n, signup_title)}
                                    </A>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
