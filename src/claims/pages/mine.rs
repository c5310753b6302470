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
    let invite = ServerAction::<InviteEditor>::new();
    let invite_error = last_error(invite);
    let remove = ServerAction::<RemoveEditor>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let team_error = Signal::derive(move || {
        last_error(remove)
            .get()
            .or_else(|| last_error(withdraw).get())
    });
    view! {
        <section class="space-y-3" aria-labelledby="communities-heading">
            <h2 id="communities-heading" class="text-xl font-semibold">
                {t!(i18n, account_communities)}
            </h2>
            <crate::ui::notice::UrlNotice accepted=&[
                links::Notice::EditorRemoved,
                links::Notice::InvitationWithdrawn,
            ] />
            <FormError error=invite_error />
            <FormError error=team_error />
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
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let waiting = my_claims().await.unwrap_or_default();
                    (!waiting.is_empty())
                        .then(|| {
                            // Inside the account's Suspense: asked directly (see `ui::status`).
                            view! {
                                <div class="space-y-1" data-testid="my-claims">
                                    <h3 class="font-semibold">
                                        {t!(i18n, account_claims_waiting)}
                                    </h3>
                                    <ul class="list-disc pl-6">
                                        {waiting
                                            .into_iter()
                                            .map(|c| {
                                                let card = use_href(links::community(&c.slug));
                                                let day = crate::lang::labels::kyiv_date(
                                                    i18n.get_locale_untracked(),
                                                    c.created_at,
                                                );
                                                view! {
                                                    <li>
                                                        <A href=card attr:class="underline">
                                                            {crate::lang::labels::pick(
                                                                i18n.get_locale_untracked(),
                                                                &c.name_uk,
                                                                &c.name_latin,
                                                            )}
                                                        </A>
                                                        " "
                                                        <span class="text-sm text-stone-700">
                                                            {move || {
                                                                td_string!(
                                                                    i18n.get_locale(), claim_asked_on, date = day.clone()
                                                                )
                                                                    .to_string()
                                                            }}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                })}
            </Suspense>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match my_communities().await {
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
                                            let requests = use_href(links::community_requests(&c.slug));
                                            let input_id = format!("invite-{}", c.slug);
                                            let team_slug = c.slug.to_string();
                                            view! {
                                                <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
                                                    <p class="flex flex-wrap items-center gap-3">
                                                        <A href=card attr:class="font-semibold underline">
                                                            {crate::lang::labels::pick(
                                                                i18n.get_locale_untracked(),
                                                                &c.name_uk,
                                                                &c.name_latin,
                                                            )}
                                                        </A>
                                                        <A href=edit attr:class="button-secondary">
                                                            {t!(i18n, edit_card)}
                                                        </A>
                                                        <A href=requests attr:class="button-secondary">
                                                            {t!(i18n, community_requests_title)}
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
                                                    <Team
                                                        slug=team_slug
                                                        team=c.team.clone()
                                                        invitations=c.invitations.clone()
                                                        remove
                                                        withdraw
                                                    />
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

/// A community's editors (each with a button that takes them off, "leave" for oneself) and
/// its invitations not yet accepted (each with a button that withdraws it).
#[component]
fn Team(
    slug: String,
    team: Vec<crate::claims::model::TeamMember>,
    invitations: Vec<crate::claims::model::PendingInvitation>,
    remove: ServerAction<RemoveEditor>,
    withdraw: ServerAction<WithdrawInvitation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let members = team
        .into_iter()
        .map(|m| {
            let slug = slug.clone();
            let label = if m.you {
                td_string!(i18n.get_locale_untracked(), team_leave).to_string()
            } else {
                format!(
                    "{} — {}",
                    td_string!(i18n.get_locale_untracked(), team_remove),
                    m.name,
                )
            };
            view! {
                <li class="flex flex-wrap items-center justify-between gap-2 py-1">
                    <span>
                        <span class="font-semibold">{m.name.clone()}</span>
                        " "
                        <span class="text-stone-700">{m.email.clone()}</span>
                        {m
                            .you
                            .then(|| {
                                view! {
                                    " "
                                    <span class="badge bg-stone-100 text-stone-800">
                                        {t!(i18n, team_you)}
                                    </span>
                                }
                            })}
                    </span>
                    <ActionForm action=remove>
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="user" value=m.id.clone() />
                        <button type="submit" class="button-secondary" aria-label=label>
                            {if m.you {
                                t!(i18n, team_leave).into_any()
                            } else {
                                t!(i18n, team_remove).into_any()
                            }}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let pending = (!invitations.is_empty()).then(|| {
        let items = invitations
            .into_iter()
            .map(|inv| {
                let slug = slug.clone();
                let day =
                    crate::lang::labels::kyiv_date(i18n.get_locale_untracked(), inv.expires_at);
                let label = format!(
                    "{} — {}",
                    td_string!(i18n.get_locale_untracked(), team_withdraw),
                    inv.email,
                );
                view! {
                    <li class="flex flex-wrap items-center justify-between gap-2 py-1">
                        <span>
                            {inv.email.clone()} " "
                            <span class="text-sm text-stone-700">
                                {move || {
                                    td_string!(
                                        i18n.get_locale(), team_invited_until, date = day.clone()
                                    )
                                        .to_string()
                                }}
                            </span>
                        </span>
                        <ActionForm action=withdraw>
                            <input type="hidden" name="slug" value=slug />
                            <input type="hidden" name="id" value=inv.id.clone() />
                            <button type="submit" class="button-secondary" aria-label=label>
                                {t!(i18n, team_withdraw)}
                            </button>
                        </ActionForm>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4 class="font-semibold">{t!(i18n, team_invitations)}</h4>
            <ul class="divide-y divide-stone-200">{items}</ul>
        }
    });
    view! {
        <div class="space-y-1" data-testid="team">
            <h3 class="font-semibold">{t!(i18n, team_heading)}</h3>
            <ul class="divide-y divide-stone-200">{members}</ul>
            {pending}
        </div>
    }
}
