//! Claiming a community, the coordinators' desk, accepting an invitation, and the actions a
//! signed-in reader has on a community's page.

use crate::api::claims::*;
use crate::components::forms::tr;
use crate::components::forms::{
    error_text, last_error, ErrorText, Field, FormError, Notice, TextArea,
};
use crate::components::lang::use_href;
use crate::components::status::{no_store, ErrorNotice, Loading};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn use_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

/// `/c/{slug}/claim`: ask to become an editor of this community.
#[component]
pub fn ClaimPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let slug = use_slug();
    let action = ServerAction::<ClaimCommunity>::new();
    let error = last_error(action);
    let me = Resource::new(|| (), |_| crate::api::account::me());
    let title = td_string!(i18n.get_locale_untracked(), claim_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>{t!(i18n, claim_lead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(_)) => view! {
                            <ActionForm action attr:class="space-y-4" attr:novalidate="">
                                <FormError error />
                                <input type="hidden" name="slug" value=move || slug.get() />
                                <Field label=tr!(i18n, field_position) name="position" id="claim-position" maxlength=200 error />
                                <TextArea label=tr!(i18n, field_evidence) name="evidence" id="claim-evidence" required=true
                                    maxlength=500 rows=3 hint=tr!(i18n, claim_evidence_hint) error />
                                <TextArea label=tr!(i18n, field_message) name="message" id="claim-message" maxlength=2000 error />
                                {move || error.get().filter(|e| matches!(e, crate::error::AppError::Invalid { field, .. } if field == "email")).map(|e| view! {
                                    <ErrorText error=e />
                                })}
                                <button type="submit" class="button-primary">{t!(i18n, claim_submit)}</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => {
                            let href = use_href(format!("/account/signin?return_to=%2Fc%2F{}%2Fclaim", slug.get_untracked()));
                            let signup = use_href("/account/signup");
                            view! {
                                <p>{t!(i18n, err_sign_in_required)}</p>
                                <p class="flex flex-wrap gap-3">
                                    <A href=href attr:class="button-primary">{t!(i18n, signin_title)}</A>
                                    <A href=signup attr:class="button-secondary">{t!(i18n, signup_title)}</A>
                                </p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// On a community's page: edit, claim, or (for coordinators) verify.
#[component]
pub fn CommunityActions(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = use_query_map();
    let done = Memo::new(move |_| q.read().get("done").unwrap_or_default());
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        match done.get().as_str() {
            "claim_sent" => Some(td_string!(l, notice_claim_sent).to_string()),
            "verified" => Some(td_string!(l, notice_verified_card).to_string()),
            "published" => Some(td_string!(l, notice_published).to_string()),
            "merged" => Some(td_string!(l, notice_merged).to_string()),
            _ => None,
        }
    });
    let s = slug.clone();
    let access = Resource::new(move || s.clone(), my_access);
    let verify = ServerAction::<SetVerified>::new();
    let verify_error = last_error(verify);
    view! {
        <Notice text=notice />
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let a = access.await.unwrap_or_default();
                    let edit = use_href(format!("/c/{slug}/edit"));
                    let claim = use_href(format!("/c/{slug}/claim"));
                    let history = use_href(format!("/c/{slug}/history"));
                    view! {
                        <div class="share flex flex-wrap items-center gap-3" data-testid="community-actions">
                            {a.can_edit.then(|| view! {
                                <A href=edit attr:class="button-secondary" attr:data-testid="edit-card">{t!(i18n, edit_card)}</A>
                                <A href=history attr:class="button-secondary">{t!(i18n, history_title)}</A>
                            })}
                            {(!a.can_edit && a.pending_claim).then(|| view! { <p>{t!(i18n, claim_pending)}</p> })}
                            {(!a.can_edit && !a.pending_claim).then(|| view! {
                                <A href=claim attr:class="underline">{t!(i18n, claim_cta)}</A>
                            })}
                        </div>
                        {a.coordinator.then(|| view! {
                            <ActionForm action=verify attr:class="share flex flex-wrap items-end gap-3 rounded border border-stone-300 p-3">
                                <FormError error=verify_error />
                                <input type="hidden" name="slug" value=slug.clone() />
                                <Field label=tr!(i18n, field_verified_date) name="date" id="verified-date" kind="date" required=false maxlength=10 error=verify_error />
                                <button type="submit" name="verified" value="yes" class="button-secondary">{t!(i18n, verify_card_submit)}</button>
                                <button type="submit" name="verified" value="no" class="button-secondary">{t!(i18n, unverify_card_submit)}</button>
                            </ActionForm>
                        })}
                    }
                })
            }}
        </Suspense>
    }
}

/// `/coordinator`: requests to decide; for admins, roles.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let decide = ServerAction::<DecideClaim>::new();
    let decide_error = last_error(decide);
    let role = ServerAction::<SetRole>::new();
    let role_error = last_error(role);
    let claims = Resource::new(move || decide.version().get(), |_| pending_claims());
    let me = Resource::new(|| (), |_| crate::api::account::me());
    let q = use_query_map();
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        match q.read().get("done").unwrap_or_default().as_str() {
            "decided" => Some(td_string!(l, notice_decided).to_string()),
            "role" => Some(td_string!(l, notice_role).to_string()),
            _ => None,
        }
    });
    let title = td_string!(i18n.get_locale_untracked(), coordinator_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <Notice text=notice />
            <FormError error=decide_error />
            <h2 class="text-xl font-semibold">{t!(i18n, coordinator_pending)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match claims.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, coordinator_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="space-y-4" data-testid="claims">
                                {list.into_iter().map(|c| {
                                    let href = use_href(format!("/c/{}", c.community_slug));
                                    let reason_id = format!("reason-{}", c.id);
                                    let (approve_id, reject_id) = (c.id.clone(), c.id.clone());
                                    view! {
                                        <li class="space-y-2 rounded border border-stone-300 bg-white p-4">
                                            <h3 class="text-lg font-semibold"><A href=href attr:class="underline">{c.community_name.clone()}</A></h3>
                                            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                                                <dt class="font-semibold">{t!(i18n, field_name)}</dt><dd>{c.user_name.clone()}</dd>
                                                <dt class="font-semibold">{t!(i18n, field_email)}</dt><dd>{c.user_email.clone()}</dd>
                                                <dt class="font-semibold">{t!(i18n, field_position)}</dt><dd>{c.position.clone()}</dd>
                                                <dt class="font-semibold">{t!(i18n, field_evidence)}</dt><dd class="whitespace-pre-line">{c.evidence.clone()}</dd>
                                                <dt class="font-semibold">{t!(i18n, field_message)}</dt><dd class="whitespace-pre-line">{c.message.clone()}</dd>
                                            </dl>
                                            <div class="flex flex-wrap items-end gap-4">
                                                <ActionForm action=decide>
                                                    <input type="hidden" name="id" value=approve_id />
                                                    <input type="hidden" name="decision" value="approve" />
                                                    <button type="submit" class="button-primary">{t!(i18n, coordinator_approve)}</button>
                                                </ActionForm>
                                                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                                                    <input type="hidden" name="id" value=reject_id />
                                                    <input type="hidden" name="decision" value="reject" />
                                                    <div>
                                                        <label for=reason_id.clone() class="block font-semibold">{t!(i18n, field_reason)}</label>
                                                        <input id=reason_id name="reason" required maxlength=1000 class="rounded border border-stone-400 bg-white px-3 py-2" />
                                                    </div>
                                                    <button type="submit" class="button-secondary">{t!(i18n, coordinator_reject)}</button>
                                                </ActionForm>
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorText error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let admin = matches!(me.await, Ok(Some(u)) if u.role == crate::model::account::Role::Admin && u.totp_enabled);
                    admin.then(|| view! {
                        <p><A href=use_href("/coordinator/audit") attr:class="underline">{t!(i18n, audit_title)}</A></p>
                        <section class="space-y-3" aria-labelledby="roles-heading">
                            <h2 id="roles-heading" class="text-xl font-semibold">{t!(i18n, coordinator_roles_title)}</h2>
                            <ActionForm action=role attr:class="space-y-4" attr:novalidate="">
                                <FormError error=role_error />
                                <Field label=tr!(i18n, field_email) name="email" id="role-email" kind="email" error=role_error />
                                <div class="space-y-1">
                                    <label for="role-role" class="block font-semibold">{t!(i18n, account_role)}</label>
                                    <select id="role-role" name="role" class="rounded border border-stone-400 bg-white px-3 py-2">
                                        <option value="member">{t!(i18n, role_member)}</option>
                                        <option value="coordinator">{t!(i18n, role_coordinator)}</option>
                                        <option value="admin">{t!(i18n, role_admin)}</option>
                                    </select>
                                </div>
                                <button type="submit" class="button-secondary">{t!(i18n, coordinator_set_role)}</button>
                            </ActionForm>
                        </section>
                    })
                })}
            </Suspense>
        </section>
    }
}

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
                {move || error.get().filter(|e| matches!(e, crate::error::AppError::Invalid { .. })).map(|e| view! {
                    <ErrorText error=e />
                })}
                <input type="hidden" name="token" value=move || token.get() />
                <button type="submit" class="button-primary">{t!(i18n, invitation_accept)}</button>
            </ActionForm>
        </section>
    }
}

/// On the account page: the communities this person edits, each with an invitation form.
#[component]
pub fn MyCommunities() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_communities());
    let invite = ServerAction::<InviteEditor>::new();
    let invite_error = last_error(invite);
    view! {
        <section class="space-y-3" aria-labelledby="communities-heading">
            <h2 id="communities-heading" class="text-xl font-semibold">{t!(i18n, account_communities)}</h2>
            <FormError error=invite_error />
            {move || invite_error.get().filter(|e| matches!(e, crate::error::AppError::Invalid { .. })).map(|e| view! {
                <p role="alert" class="text-sm font-semibold text-red-800">{error_text(i18n.get_locale(), &e)}</p>
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.is_empty() => view! { <p>{t!(i18n, account_communities_none)}</p> }.into_any(),
                        Ok(l) => view! {
                            <ul class="space-y-3" data-testid="my-communities">
                                {l.into_iter().map(|c| {
                                    let card = use_href(format!("/c/{}", c.slug));
                                    let edit = use_href(format!("/c/{}/edit", c.slug));
                                    let input_id = format!("invite-{}", c.slug);
                                    view! {
                                        <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
                                            <p class="flex flex-wrap items-center gap-3">
                                                <A href=card attr:class="font-semibold underline">{c.name_uk.clone()}</A>
                                                <A href=edit attr:class="button-secondary">{t!(i18n, edit_card)}</A>
                                            </p>
                                            <ActionForm action=invite attr:class="flex flex-wrap items-end gap-2">
                                                <input type="hidden" name="slug" value=c.slug.clone() />
                                                <div>
                                                    <label for=input_id.clone() class="block text-sm font-semibold">{t!(i18n, field_colleague_email)}</label>
                                                    <input id=input_id type="email" name="email" required maxlength=254 autocomplete="off" class="rounded border border-stone-400 bg-white px-3 py-1.5" />
                                                </div>
                                                <button type="submit" class="button-secondary">{t!(i18n, invite_submit)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
