//! `/coordinator`: the coordinators' desk of requests to decide.

use crate::claims::fns::*;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::ui::forms::{last_error, ErrorText, FormError};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

/// `/coordinator`: requests to decide; `admin` is what administrators also find here (the
/// admin domain's, handed in by `app.rs`).
#[component]
pub fn CoordinatorPage(admin: fn() -> AnyView) -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let decide = ServerAction::<DecideClaim>::new();
    let decide_error = last_error(decide);
    let claims = Resource::new(move || decide.version().get(), |_| pending_claims());
    let title = td_string!(i18n.get_locale_untracked(), coordinator_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p class="flex flex-wrap gap-3">
                <A href=use_href(links::DESK) attr:class="button-primary">
                    {t!(i18n, desk_title)}
                </A>
                <A href=use_href(links::IMPORT) attr:class="button-secondary">
                    {t!(i18n, import_title)}
                </A>
            </p>
            <UrlNotice accepted=&[Notice::Decided, Notice::RoleChanged] />
            <FormError error=decide_error />
            <h2 class="text-xl font-semibold">{t!(i18n, coordinator_pending)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match claims.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>{t!(i18n, coordinator_none)}</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="space-y-4" data-testid="claims">
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            let href = use_href(links::community(&c.community_slug));
                                            let reason_id = format!("reason-{}", c.id);
                                            let (approve_id, reject_id) = (c.id.clone(), c.id.clone());
                                            view! {
                                                <li class="space-y-2 rounded border border-stone-300 bg-white p-4">
                                                    <h3 class="text-lg font-semibold">
                                                        <A href=href attr:class="underline">
                                                            {crate::lang::labels::pick(
                                                                i18n.get_locale_untracked(),
                                                                &c.community_name,
                                                                &c.community_name_latin,
                                                            )}
                                                        </A>
                                                    </h3>
                                                    <p class="text-sm text-stone-700">
                                                        {t!(i18n, coordinator_asked_on)} " "
                                                        <crate::ui::time::LocalTime secs=c.created_at />
                                                    </p>
                                                    <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                                                        <dt class="font-semibold">{t!(i18n, applicant_name)}</dt>
                                                        <dd>{c.user_name.clone()}</dd>
                                                        <dt class="font-semibold">{t!(i18n, applicant_email)}</dt>
                                                        <dd>{c.user_email.clone()}</dd>
                                                        <dt class="font-semibold">
                                                            {t!(i18n, applicant_position)}
                                                        </dt>
                                                        <dd>{c.position.clone()}</dd>
                                                        <dt class="font-semibold">
                                                            {t!(i18n, applicant_evidence)}
                                                        </dt>
                                                        <dd class="whitespace-pre-line">{c.evidence.clone()}</dd>
                                                        <dt class="font-semibold">{t!(i18n, applicant_message)}</dt>
                                                        <dd class="whitespace-pre-line">{c.message.clone()}</dd>
                                                    </dl>
                                                    <div class="flex flex-wrap items-end gap-4">
                                                        <ActionForm action=decide>
                                                            <input type="hidden" name="id" value=approve_id />
                                                            <input type="hidden" name="decision" value="approve" />
                                                            <button type="submit" class="button-primary">
                                                                {t!(i18n, coordinator_approve)}
                                                            </button>
                                                        </ActionForm>
                                                        <ActionForm
                                                            action=decide
                                                            attr:class="flex flex-wrap items-end gap-2"
                                                        >
                                                            <input type="hidden" name="id" value=reject_id />
                                                            <input type="hidden" name="decision" value="reject" />
                                                            <div>
                                                                <label for=reason_id.clone() class="block font-semibold">
                                                                    {t!(i18n, field_reason)}
                                                                </label>
                                                                <input
                                                                    id=reason_id
                                                                    name="reason"
                                                                    required
                                                                    maxlength=1000
                                                                    class="rounded border border-stone-400 bg-white px-3 py-2"
                                                                />
                                                            </div>
                                                            <button type="submit" class="button-secondary">
                                                                {t!(i18n, coordinator_reject)}
                                                            </button>
                                                        </ActionForm>
                                                    </div>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorText error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            {admin()}
        </section>
    }
}
