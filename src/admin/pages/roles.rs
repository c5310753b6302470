//! What administrators find on the coordinators' desk: the audit log's link, who holds
//! which role, and the form that gives a role to an account.

use crate::accounts::fns::me;
use crate::admin::fns::{role_holders, SetRole};
use crate::admin::model::RoleHolder;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links;
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, Field, FormError};
use crate::ui::time::{LocalDate, LocalTime};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown to administrators only (with their second factor in force).
#[component]
pub fn AdminSection() -> impl IntoView {
    let i18n = use_i18n();
    let role = ServerAction::<SetRole>::new();
    let role_error = last_error(role);
    let me = Resource::new(|| (), |_| me());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let admin = matches!(me.await, Ok(Some(u)) if u.is_admin());
                admin
                    .then(|| {
                        view! {
                            <p>
                                <A href=use_href(links::AUDIT) attr:class="underline">
                                    {t!(i18n, audit_title)}
                                </A>
                            </p>
                            <section class="space-y-3" aria-labelledby="roles-heading">
                                <h2 id="roles-heading" class="text-xl font-semibold">
                                    {t!(i18n, coordinator_roles_title)}
                                </h2>
                                <RoleHolders version=role.version() />
                                <ActionForm action=role attr:class="space-y-4" attr:novalidate="">
                                    <FormError error=role_error />
                                    <Field
                                        label=tr!(i18n, field_email)
                                        name="email"
                                        id="role-email"
                                        kind="email"
                                        error=role_error
                                    />
                                    <div class="space-y-1">
                                        <label for="role-role" class="block font-semibold">
                                            {t!(i18n, account_role)}
                                        </label>
                                        <select
                                            id="role-role"
                                            name="role"
                                            class="rounded border border-stone-400 bg-white px-3 py-2"
                                        >
                                            <option value="member">{t!(i18n, role_member)}</option>
                                            <option value="coordinator">
                                                {t!(i18n, role_coordinator)}
                                            </option>
                                            <option value="admin">{t!(i18n, role_admin)}</option>
                                        </select>
                                    </div>
                                    <button type="submit" class="button-secondary">
                                        {t!(i18n, coordinator_set_role)}
                                    </button>
                                </ActionForm>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}

/// The table of who holds a role above member, asked again after each change.
#[component]
fn RoleHolders(version: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    // Asked in its own `Suspend` (see `ui::status`), again after each change of a role.
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let _ = version.get();
                Suspend::new(async move {
                    let holders = role_holders().await.unwrap_or_default();
                    view! {
                        <div class="overflow-x-auto">
                            <table class="w-full text-left text-sm" data-testid="role-holders">
                                <caption class="text-left font-semibold">
                                    {t!(i18n, roles_holders_caption)}
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col" class="pr-4">
                                            {t!(i18n, field_email)}
                                        </th>
                                        <th scope="col" class="pr-4">
                                            {t!(i18n, account_role)}
                                        </th>
                                        <th scope="col" class="pr-4">
                                            {t!(i18n, roles_second_factor)}
                                        </th>
                                        <th scope="col" class="pr-4">
                                            {t!(i18n, roles_since)}
                                        </th>
                                        <th scope="col">{t!(i18n, roles_last_seen)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {holders
                                        .into_iter()
                                        .map(|h| view! { <Holder h /> })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Holder(h: RoleHolder) -> impl IntoView {
    let i18n = use_i18n();
    let role = h.role.clone();
    let dash = || "—";
    view! {
        <tr class="border-t border-stone-200 align-top">
            <td class="py-1 pr-4">
                <span class="break-all">{h.email}</span>
                {(!h.name.is_empty())
                    .then(|| view! { <span class="block text-stone-700">{h.name}</span> })}
            </td>
            <td class="py-1 pr-4">
                {move || {
                    if role == "admin" {
                        t_string!(i18n, role_admin).to_string()
                    } else {
                        t_string!(i18n, role_coordinator).to_string()
                    }
                }}
            </td>
            <td class="py-1 pr-4">
                {if h.second_factor {
                    t!(i18n, roles_second_factor_on).into_any()
                } else {
                    view! { <strong>{t!(i18n, roles_second_factor_off)}</strong> }.into_any()
                }}
            </td>
            <td class="py-1 pr-4">
                {match h.role_since {
                    Some(s) => view! { <LocalDate secs=s /> }.into_any(),
                    None => dash().into_any(),
                }}
            </td>
            <td class="py-1">
                {match h.last_seen {
                    Some(s) => view! { <LocalTime secs=s /> }.into_any(),
                    None => dash().into_any(),
                }}
            </td>
        </tr>
    }
}
