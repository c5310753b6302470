//! `/coordinator/audit`: the audit log for administrators — sign-ins, claims, decisions,
//! role changes, publications — newest first, narrowed by action or by account.

use crate::admin::fns::audit_log;
use crate::admin::model::AuditLogPage;
use crate::i18n::*;
use crate::lang::localize;
use crate::ui::forms::ErrorText;
use crate::ui::status::{no_store, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let q = use_query_map();
    let filters = Memo::new(move |_| {
        let q = q.read();
        (
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1),
            q.get("action").unwrap_or_default(),
            q.get("actor").unwrap_or_default(),
        )
    });
    let log = Resource::new(
        move || filters.get(),
        |(page, action, actor)| audit_log(page, action, actor),
    );
    let title = td_string!(i18n.get_locale_untracked(), audit_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{t!(i18n, audit_intro)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(log) => view! { <Log log filters /> }.into_any(),
                        Err(error) => view! { <ErrorText error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The filters, the table and the pages of one answer.
#[component]
fn Log(log: AuditLogPage, filters: Memo<(i64, String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let (_, action, actor) = filters.get_untracked();
    let link = move |page: i64| {
        let (_, action, actor) = filters.get_untracked();
        localize(
            i18n.get_locale_untracked(),
            &crate::links::audit(page, &action, &actor),
        )
    };
    let options = log
        .actions
        .iter()
        .map(|a| {
            let selected = *a == action;
            view! {
                <option value=a.clone() selected=selected>
                    {action_label(i18n.get_locale_untracked(), a)}
                </option>
            }
        })
        .collect_view();
    let rows = log
        .entries
        .into_iter()
        .map(|e| {
            view! {
                <tr class="border-t border-stone-200 align-top">
                    <td class="py-1 pr-4">
                        <crate::ui::time::LocalTime secs=e.at />
                    </td>
                    <td class="py-1 pr-4">
                        {e
                            .actor
                            .unwrap_or_else(|| {
                                td_string!(i18n.get_locale_untracked(), audit_visitor).to_string()
                            })}
                    </td>
                    <td class="py-1 pr-4" data-action=e.action.clone()>
                        {action_label(i18n.get_locale_untracked(), &e.action)}
                    </td>
                    <td class="py-1 pr-4">
                        {match (&e.target_slug, &e.target_name_uk, &e.target_name_latin) {
                            (Some(slug), Some(uk), Some(latin)) => {
                                let l = i18n.get_locale_untracked();
                                let href = crate::identity::Slug::parse(slug)
                                    .map(|s| localize(l, &crate::links::community(&s)))
                                    .unwrap_or_default();
                                view! {
                                    <a href=href class="underline">
                                        {crate::lang::labels::pick(l, uk, latin)}
                                    </a>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! { <span class="break-all">{e.target.clone()}</span> }
                                    .into_any()
                            }
                        }}
                    </td>
                    <td class="py-1 pr-4 break-all">{e.detail}</td>
                    <td class="py-1 font-mono text-sm">{e.ip}</td>
                </tr>
            }
        })
        .collect_view();
    let (page, pages) = (log.page, log.pages);
    view! {
        <Form method="GET" action="" attr:class="flex flex-wrap items-end gap-4">
            <div class="space-y-1">
                <label for="audit-action" class="block font-semibold">
                    {t!(i18n, audit_action)}
                </label>
                <select
                    id="audit-action"
                    name="action"
                    class="rounded border border-stone-400 bg-white px-3 py-2"
                >
                    <option value="">{t!(i18n, audit_all)}</option>
                    {options}
                </select>
            </div>
            <div class="space-y-1">
                <label for="audit-actor" class="block font-semibold">
                    {t!(i18n, audit_who)}
                </label>
                <input
                    id="audit-actor"
                    name="actor"
                    type="search"
                    value=actor
                    maxlength=254
                    class="rounded border border-stone-400 bg-white px-3 py-2"
                />
            </div>
            <button type="submit" class="button-secondary">
                {t!(i18n, audit_show)}
            </button>
        </Form>
        <p role="status">{t!(i18n, audit_count, count = log.total)}</p>
        {(log.total > 0)
            .then(|| {
                view! {
                    <div class="overflow-x-auto">
                        <table class="w-full text-left" data-testid="audit">
                            <caption class="sr-only">{t!(i18n, audit_title)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="pr-4">
                                        {t!(i18n, audit_when)}
                                    </th>
                                    <th scope="col" class="pr-4">
                                        {t!(i18n, audit_who)}
                                    </th>
                                    <th scope="col" class="pr-4">
                                        {t!(i18n, audit_action)}
                                    </th>
                                    <th scope="col" class="pr-4">
                                        {t!(i18n, audit_target)}
                                    </th>
                                    <th scope="col" class="pr-4">
                                        {t!(i18n, audit_detail)}
                                    </th>
                                    <th scope="col">{t!(i18n, audit_ip)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        {(pages > 1)
            .then(|| {
                view! {
                    <nav aria-label=move || t_string!(i18n, pagination_label).to_string()>
                        <ul class="flex flex-wrap items-center gap-2">
                            {(page > 1)
                                .then(|| {
                                    view! {
                                        <li>
                                            <a href=link(page - 1) rel="prev" class="page-link">
                                                {t!(i18n, page_previous)}
                                            </a>
                                        </li>
                                    }
                                })} <li aria-current="page">{t!(i18n, page_n, page)}</li>
                            {(page < pages)
                                .then(|| {
                                    view! {
                                        <li>
                                            <a href=link(page + 1) rel="next" class="page-link">
                                                {t!(i18n, page_next)}
                                            </a>
                                        </li>
                                    }
                                })}
                        </ul>
                    </nav>
                }
            })}
    }
}

/// What an action of the audit log did, as a sentence in the reader's language; an action
/// without one reads as its key.
pub fn action_label(l: Locale, action: &str) -> String {
    let s = match action {
        "sign_up" => td_string!(l, audit_do_sign_up),
        "email_verified" => td_string!(l, audit_do_email_verified),
        "sign_in" => td_string!(l, audit_do_sign_in),
        "sign_in_failed" => td_string!(l, audit_do_sign_in_failed),
        "sign_in_second_factor" => td_string!(l, audit_do_sign_in_second_factor),
        "second_factor_failed" => td_string!(l, audit_do_second_factor_failed),
        "reauth_failed" => td_string!(l, audit_do_reauth_failed),
        "sign_out" => td_string!(l, audit_do_sign_out),
        "sign_out_everywhere" => td_string!(l, audit_do_sign_out_everywhere),
        "session_ended" => td_string!(l, audit_do_session_ended),
        "reset_requested" => td_string!(l, audit_do_reset_requested),
        "password_reset" => td_string!(l, audit_do_password_reset),
        "password_changed" => td_string!(l, audit_do_password_changed),
        "email_change_requested" => td_string!(l, audit_do_email_change_requested),
        "email_changed" => td_string!(l, audit_do_email_changed),
        "email_change_cancelled" => td_string!(l, audit_do_email_change_cancelled),
        "totp_enabled" => td_string!(l, audit_do_totp_enabled),
        "totp_disabled" => td_string!(l, audit_do_totp_disabled),
        "recovery_code_used" => td_string!(l, audit_do_recovery_code_used),
        "recovery_codes_renewed" => td_string!(l, audit_do_recovery_codes_renewed),
        "admin_created" => td_string!(l, audit_do_admin_created),
        "role_changed" => td_string!(l, audit_do_role_changed),
        "claim_requested" => td_string!(l, audit_do_claim_requested),
        "claim_approved" => td_string!(l, audit_do_claim_approved),
        "claim_rejected" => td_string!(l, audit_do_claim_rejected),
        "editor_invited" => td_string!(l, audit_do_editor_invited),
        "invitation_accepted" => td_string!(l, audit_do_invitation_accepted),
        "verified" => td_string!(l, audit_do_verified),
        "unverified" => td_string!(l, audit_do_unverified),
        "published" => td_string!(l, audit_do_published),
        "restored" => td_string!(l, audit_do_restored),
        "access_denied" => td_string!(l, audit_do_access_denied),
        "editor_removed" => td_string!(l, audit_do_editor_removed),
        "invitation_withdrawn" => td_string!(l, audit_do_invitation_withdrawn),
        "account_deleted" => td_string!(l, audit_do_account_deleted),
        "verified_mark_dropped" => td_string!(l, audit_do_verified_mark_dropped),
        "partnership_requested" => td_string!(l, audit_do_partnership_requested),
        "partnership_withdrawn" => td_string!(l, audit_do_partnership_withdrawn),
        "partnership_forgotten" => td_string!(l, audit_do_partnership_forgotten),
        other => return other.to_string(),
    };
    s.to_string()
}
