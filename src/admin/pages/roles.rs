//! What administrators find on the coordinators' desk: the audit log's link and the form
//! that gives a role to an account.

use crate::accounts::fns::me;
use crate::admin::fns::SetRole;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links;
use crate::ui::forms::tr;
use crate::ui::forms::{last_error, Field, FormError};
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
