//! `/requests/{token}`: the requester follows their request through the private link mailed
//! to them: where each pair stands and what happened, the conversation (to write into),
//! and the way to withdraw. A wrong or forgotten link shows nothing of any request.

use crate::i18n::*;
use crate::lang::labels::pick;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::partnerships::fns::{
    get_request_status, ForgetRequest, WithdrawRequest, WriteToRequest,
};
use crate::partnerships::model::{RequestStatus, MESSAGE_MAX};
use crate::partnerships::stage::Stage;
use crate::ui::forms::{last_error, tr, FormError, TextArea};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, set_status, ErrorNotice, Loading};
use crate::ui::time::LocalDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A stage in the reader's words.
pub fn stage_label(l: Locale, s: Stage) -> &'static str {
    match s {
        Stage::New => td_string!(l, stage_new),
        Stage::Matching => td_string!(l, stage_matching),
        Stage::Introduced => td_string!(l, stage_introduced),
        Stage::FirstMeeting => td_string!(l, stage_first_meeting),
        Stage::LetterOfIntent => td_string!(l, stage_letter_of_intent),
        Stage::FirstJointAction => td_string!(l, stage_first_joint_action),
        Stage::AgreementSigned => td_string!(l, stage_agreement_signed),
        Stage::Active => td_string!(l, stage_active),
        Stage::Declined => td_string!(l, stage_declined),
        Stage::Withdrawn => td_string!(l, stage_withdrawn),
        Stage::Dormant => td_string!(l, stage_dormant),
    }
}

/// Who wrote or moved, in the reader's words.
pub(super) fn actor_label(l: Locale, actor: &str) -> &'static str {
    match actor {
        "requester" => td_string!(l, actor_requester),
        "editor" => td_string!(l, actor_editor),
        _ => td_string!(l, actor_coordinator),
    }
}

#[component]
pub fn RequestStatusPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let status = Resource::new(move || token.get(), get_request_status);
    let title = td_string!(i18n.get_locale_untracked(), request_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-2xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <UrlNotice accepted=&[Notice::MessageSent, Notice::Withdrawn] />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => view! { <Status s token=token.get_untracked() /> }.into_any(),
                        Err(crate::error::AppError::NotFound) => {
                            set_status(404);
                            view! {
                                <p role="alert" data-testid="request-unknown">
                                    {t!(i18n, request_unknown)}
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

#[component]
fn Status(s: RequestStatus, token: String) -> impl IntoView {
    let token = StoredValue::new(token);
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let country = crate::lang::names::country_name(l, &s.country);
    let write = ServerAction::<WriteToRequest>::new();
    let write_error = last_error(write);
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let withdraw_error = last_error(withdraw);
    let forget = ServerAction::<ForgetRequest>::new();
    let forget_error = last_error(forget);
    let privacy = use_href(links::PRIVACY);
    view! {
        <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 rounded-lg bg-white p-4">
            <dt class="font-semibold">{t!(i18n, request_from)}</dt>
            <dd>{format!("{} ({country}) · {}", s.municipality, s.contact_name)}</dd>
            <dt class="font-semibold">{t!(i18n, request_asked_on)}</dt>
            <dd>
                <LocalDate secs=s.created_at />
            </dd>
            <dt class="font-semibold">{t!(i18n, request_replies_to)}</dt>
            <dd class="break-all">{s.email.clone()}</dd>
        </dl>
        <section aria-labelledby="pairs-heading" class="space-y-3">
            <h2 id="pairs-heading" class="text-xl font-semibold">
                {t!(i18n, request_pairs)}
            </h2>
            {s
                .pairs
                .iter()
                .map(|p| {
                    let name = pick(l, &p.name_uk, &p.name_latin);
                    view! {
                        <article class="space-y-2 rounded-lg bg-white p-4" data-testid="pair">
                            <h3 class="font-semibold">
                                <A
                                    href=use_href(links::community(&p.slug))
                                    attr:class="text-blue-800 underline"
                                >
                                    {name}
                                </A>
                            </h3>
                            <p data-testid="pair-stage">
                                {t!(i18n, request_stage)} ": "
                                <strong>{stage_label(l, p.stage)}</strong>
                            </p>
                            <super::parts::History events=p.events.clone() />
                        </article>
                    }
                })
                .collect_view()}
        </section>
        <section aria-labelledby="thread-heading" class="space-y-3">
            <h2 id="thread-heading" class="text-xl font-semibold">
                {t!(i18n, request_thread)}
            </h2>
            <super::parts::Messages
                opener=s.contact_name.clone()
                at=s.created_at
                message=s.message.clone()
                messages=s.messages.clone()
            />
            {(!s.closed)
                .then(|| {
                    view! {
                        <ActionForm action=write attr:class="space-y-3" attr:novalidate="">
                            <FormError error=write_error />
                            <input type="hidden" name="token" value=token.get_value() />
                            <TextArea
                                label=tr!(i18n, request_write)
                                name="body"
                                id="request-body"
                                required=true
                                maxlength=MESSAGE_MAX
                                rows=4
                                error=write_error
                            />
                            <button type="submit" class="button-primary">
                                {t!(i18n, request_send)}
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
        {(!s.closed)
            .then(|| {
                view! {
                    <section aria-labelledby="withdraw-heading" class="space-y-3">
                        <h2 id="withdraw-heading" class="text-xl font-semibold">
                            {t!(i18n, request_withdraw_heading)}
                        </h2>
                        <p>{t!(i18n, request_withdraw_lead)}</p>
                        <ActionForm action=withdraw attr:class="space-y-3" attr:novalidate="">
                            <FormError error=withdraw_error />
                            <input type="hidden" name="token" value=token.get_value() />
                            <TextArea
                                label=tr!(i18n, request_withdraw_note)
                                name="note"
                                id="request-withdraw-note"
                                maxlength=1000
                                rows=2
                                error=withdraw_error
                            />
                            <button type="submit" class="button-secondary">
                                {t!(i18n, request_withdraw)}
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
        <section aria-labelledby="forget-heading" class="space-y-3">
            <h2 id="forget-heading" class="text-xl font-semibold">
                {t!(i18n, request_forget_heading)}
            </h2>
            <p>
                {t!(i18n, request_forget_lead)} " "
                <A href=privacy attr:class="text-blue-800 underline">
                    {t!(i18n, privacy_title)}
                </A>
            </p>
            <ActionForm action=forget>
                <FormError error=forget_error />
                <input type="hidden" name="token" value=token.get_value() />
                <button type="submit" class="button-secondary">
                    {t!(i18n, request_forget)}
                </button>
            </ActionForm>
        </section>
    }
}
