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

/// `/coordinator`: requests to decide, then the queue beyond them (cards to verify, cards not
/// updated for a year, and `quiet`: the partnerships domain's list of partnerships without
/// activity); `admin` is what administrators also find here (the admin domain's). Both are
/// handed in by `app.rs`.
#[component]
pub fn CoordinatorPage(admin: fn() -> AnyView, quiet: fn() -> AnyView) -> impl IntoView {
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
            <section aria-labelledby="queue-heading" class="space-y-4">
                <h2 id="queue-heading" class="text-xl font-semibold">
                    {t!(i18n, queue_heading)}
                </h2>
                <CardQueueLists />
                {quiet()}
            </section>
            {admin()}
        </section>
    }
}

/// The queue's two lists of cards: to verify, and not updated for a year.
#[component]
fn CardQueueLists() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match get_card_queue().await {
                    Ok(q) => {
                        view! {
                            <QueueList
                                id="queue-verify"
                                heading=t_string!(i18n, queue_verify_heading).to_string()
                                cards=q.to_verify
                                total=q.to_verify_total
                                stale=false
                            />
                            <QueueList
                                id="queue-stale"
                                heading=t_string!(i18n, queue_stale_heading).to_string()
                                cards=q.stale
                                total=q.stale_total
                                stale=true
                            />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorText error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One list of the queue: its count, and each card with the date that put it there (the last
/// check for cards to verify, the last update for old ones).
#[component]
fn QueueList(
    id: &'static str,
    heading: String,
    cards: Vec<crate::claims::model::QueueCard>,
    total: i64,
    stale: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (heading_id, labelled_by) = (format!("{id}-heading"), format!("{id}-heading"));
    view! {
        <section aria-labelledby=labelled_by class="space-y-2" data-testid=id>
            <h3 id=heading_id class="text-lg font-semibold">
                {heading}
            </h3>
            {if total == 0 {
                view! { <p>{t!(i18n, queue_none)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, queue_count, count = total)}</p>
                    <ul class="space-y-1">
                        {cards
                            .into_iter()
                            .map(|c| {
                                let when = if stale { Some(c.updated_at) } else { c.last_verified };
                                view! {
                                    <li>
                                        <A
                                            href=use_href(links::community(&c.slug))
                                            attr:class="text-blue-800 underline"
                                        >
                                            {crate::lang::labels::pick(l, &c.name, &c.name_latin)}
                                        </A>
                                        " · "
                                        {match when {
                                            Some(t) => {
                                                view! {
                                                    {if stale {
                                                        t!(i18n, queue_updated).into_any()
                                                    } else {
                                                        t!(i18n, queue_checked).into_any()
                                                    }}
                                                    " "
                                                    <crate::ui::time::LocalDate secs=t />
                                                }
                                                    .into_any()
                                            }
                                            None => t!(i18n, queue_never_checked).into_any(),
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
