//! On the account page: the communities one edits, each with an invitation form.

use crate::claims::fns::*;
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self};
use crate::ui::forms::{error_text, last_error, FormError};
use crate::ui::status::{ErrorNotice, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// On the account page: the communities this person edits, each with an invitation form.
#[component]
pub fn MyCommunities() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_communities());
    let invite = ServerAction::<InviteEditor>::new();
    let invite_error = last_error(invite);
    view! {
        <section class="space-y-3" aria-labelledby="communities-heading">
            <h2 id="communities-heading" class="text-xl font-semibold">
                {t!(i18n, account_communities)}
            </h2>
            <FormError error=invite_error />
            {move || {
                invite_error
                    .get()
                    .filter(|e| matches!(e, crate::error::AppError::Invalid { .. }))
                    .map(|e| {
                        view! {
                            <p role="alert" class="text-sm font-semibold text-red-800">
                                {error_text(i18n.get_locale(), &e)}
                            </p>
                        }
                    })
            }}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.is_empty() => {
                            view! { <p>{t!(i18n, account_communities_none)}</p> }.into_any()
                        }
                        Ok(l) => {
                            view! {
                                <ul class="space-y-3" data-testid="my-communities">
                                    {l
                                        .into_iter()
                                        .map(|c| {
                                            let card = use_href(links::community(&c.slug));
                                            let edit = use_href(links::editor(&c.slug));
                                            let input_id = format!("invite-{}", c.slug);
                                            view! {
                                                <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
                                                    <p class="flex flex-wrap items-center gap-3">
                                                        <A href=card attr:class="font-semibold underline">
                                                            {c.name_uk.clone()}
                                                        </A>
                                                        <A href=edit attr:class="button-secondary">
                                                            {t!(i18n, edit_card)}
                                                        </A>
                                                    </p>
                                                    <ActionForm
                                                        action=invite
                                                        attr:class="flex flex-wrap items-end gap-2"
                                                    >
                                                        <input type="hidden" name="slug" value=c.slug.to_string() />
                                                        <div>
                                                            <label
                                                                for=input_id.clone()
                                                                class="block text-sm font-semibold"
                                                            >
                                                                {t!(i18n, field_colleague_email)}
                                                            </label>
                                                            <input
                                                                id=input_id
                                                                type="email"
                                                                name="email"
                                                                required
                                                                maxlength=254
                                                                autocomplete="off"
                                                                class="rounded border border-stone-400 bg-white px-3 py-1.5"
                                                            />
                                                        </div>
                                                        <button type="submit" class="button-secondary">
                                                            {t!(i18n, invite_submit)}
                                                        </button>
                                                    </ActionForm>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
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
