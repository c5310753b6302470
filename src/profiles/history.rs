//! `/c/{slug}/history`: the card's published versions, what each changed (fields and
//! pictures, values as the card shows them), and restoring one — after a confirmation that
//! lists what the restore will change (`?restore={version}`).

use crate::i18n::*;
use crate::lang::labels::pick;
use crate::links::Notice;
use crate::profiles::editor::{field_label, value_label};
use crate::profiles::fns::*;
use crate::profiles::model::{CardHistory, FieldChange, RevisionEntry};
use crate::ui::forms::{error_text, ErrorText, FormError};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, Loading};
use crate::ui::time::LocalTime;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/c/{slug}/history`: published versions, what each changed, and restoring one.
#[component]
pub fn HistoryPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // The version whose restore the editor is asked to confirm, if any.
    let asked = Memo::new(move |_| {
        query
            .read()
            .get("restore")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let restore = ServerAction::<RestoreRevision>::new();
    let restore_error = crate::ui::forms::last_error(restore);
    let data = Resource::new(move || slug.get(), history);
    let preview = Resource::new(
        move || (slug.get(), asked.get()),
        |(s, v)| async move {
            match v {
                Some(v) => restore_preview(s, v).await.map(|c| Some((v, c))),
                None => Ok(None),
            }
        },
    );
    view! {
        <Meta name="robots" content="noindex" />
        <section class="space-y-4">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(h) => {
                            let confirm = match preview.await {
                                Ok(Some((v, changes))) => {
                                    let newest = h.versions.first().map(|r| r.version).unwrap_or(0);
                                    view! {
                                        <ConfirmRestore
                                            slug=slug.get_untracked()
                                            version=v
                                            newest
                                            changes
                                            restore
                                        />
                                    }
                                        .into_any()
                                }
                                Ok(None) => ().into_any(),
                                Err(e) => view! { <ErrorText error=e /> }.into_any(),
                            };
                            view! { <Versions h slug=slug.get_untracked() restore_error confirm /> }
                                .into_any()
                        }
                        Err(e) => {
                            let title = td_string!(i18n.get_locale_untracked(), history_title)
                                .to_string();
                            view! {
                                <Title text=title.clone() />
                                <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
                                <ErrorText error=e />
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The page's heading (naming the community), the list of versions, and the confirmation
/// of a restore when one was asked for.
#[component]
fn Versions(
    h: CardHistory,
    slug: String,
    restore_error: crate::ui::forms::LastError,
    confirm: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let name = pick(l, &h.name_uk, &h.name_latin);
    let title = td_string!(l, history_title_of, name = name.clone()).to_string();
    let editor = crate::identity::Slug::parse(&slug)
        .map(|s| crate::lang::localize(l, &crate::links::editor(&s)))
        .unwrap_or_default();
    let newest = h.versions.first().map(|r| r.version).unwrap_or(0);
    let list = h.versions;
    view! {
        <Title text=title.clone() />
        <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
        <p>
            <A href=editor attr:class="underline">
                {t!(i18n, edit_card)}
            </A>
        </p>
        <UrlNotice accepted=&[Notice::Restored] />
        <FormError error=restore_error />
        {confirm}
        {if list.is_empty() {
            view! { <p>{t!(i18n, history_none)}</p> }.into_any()
        } else {
            view! {
                <ol class="space-y-3" data-testid="history">
                    {list
                        .into_iter()
                        .map(|r| view! { <Version r slug=slug.clone() newest /> })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
    }
}

/// One version: its number, when and by whom, what it changed, and a link to restore it.
#[component]
fn Version(r: RevisionEntry, slug: String, newest: i64) -> impl IntoView {
    let i18n = use_i18n();
    let count = r.changed.len();
    let version = r.version;
    let ask = format!(
        "{}?restore={version}#restore",
        crate::identity::Slug::parse(&slug)
            .map(|s| crate::lang::localize(i18n.get_locale_untracked(), &crate::links::history(&s)))
            .unwrap_or_default()
    );
    view! {
        <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
            <p class="font-semibold">
                {move || td_string!(i18n.get_locale(), history_version, version).to_string()} " · "
                <LocalTime secs=r.created_at /> " · " {r.author.clone()}
                {r
                    .restored_from
                    .map(|v| {
                        view! {
                            " · "
                            {move || {
                                td_string!(i18n.get_locale(), history_restored_from, version = v)
                                    .to_string()
                            }}
                        }
                    })}
            </p>
            <details>
                <summary class="cursor-pointer">
                    {move || td_string!(i18n.get_locale(), history_changes, count).to_string()}
                </summary>
                <Changes slug=slug.clone() version />
            </details>
            {(version != newest)
                .then(|| {
                    view! {
                        <a href=ask class="underline">
                            {move || {
                                td_string!(i18n.get_locale(), history_restore_ask, version)
                                    .to_string()
                            }}
                        </a>
                    }
                })}
        </li>
    }
}

/// Before a restore: what it will change on the card as it is now, and the button.
#[component]
fn ConfirmRestore(
    slug: String,
    version: i64,
    newest: i64,
    changes: Vec<FieldChange>,
    restore: ServerAction<RestoreRevision>,
) -> impl IntoView {
    let i18n = use_i18n();
    let back = crate::identity::Slug::parse(&slug)
        .map(|s| crate::lang::localize(i18n.get_locale_untracked(), &crate::links::history(&s)))
        .unwrap_or_default();
    let pictures_lost = changes
        .iter()
        .any(|c| matches!(c.field.as_str(), "logo" | "photos") && !c.before.is_empty());
    let nothing = changes.is_empty();
    view! {
        <section
            id="restore"
            class="space-y-3 rounded border-2 border-amber-500 bg-amber-50 p-4"
            aria-labelledby="restore-heading"
            data-testid="confirm-restore"
        >
            <h2 id="restore-heading" class="text-xl font-semibold">
                {move || td_string!(i18n.get_locale(), history_restore_title, version).to_string()}
            </h2>
            <p>
                {move || {
                    if nothing {
                        td_string!(i18n.get_locale(), history_restore_same, version).to_string()
                    } else {
                        td_string!(
                            i18n.get_locale(), history_restore_lead, version, current = newest
                        )
                            .to_string()
                    }
                }}
            </p>
            {pictures_lost
                .then(|| {
                    view! {
                        <p class="font-semibold" data-testid="restore-pictures">
                            {t!(i18n, history_restore_pictures)}
                        </p>
                    }
                })}
            <ChangeTable
                changes
                caption=Signal::derive(move || {
                    td_string!(i18n.get_locale(), history_restore_title, version).to_string()
                })
                before=tr_before_now()
                after=tr_after_restore()
            />
            <div class="flex flex-wrap items-center gap-3">
                <ActionForm action=restore>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="version" value=version.to_string() />
                    <input type="hidden" name="base_version" value=newest.to_string() />
                    <button type="submit" class="button-primary">
                        {move || {
                            td_string!(i18n.get_locale(), history_restore, version).to_string()
                        }}
                    </button>
                </ActionForm>
                <a href=back class="underline">
                    {t!(i18n, history_restore_cancel)}
                </a>
            </div>
        </section>
    }
}

fn tr_before_now() -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || td_string!(i18n.get_locale(), history_now).to_string())
}

fn tr_after_restore() -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || td_string!(i18n.get_locale(), history_after_restore).to_string())
}

/// The before and after of each field one version changed.
#[component]
fn Changes(slug: String, version: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=Loading>
            // Inside the history's Suspense: asked directly (see `ui::status`).
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match revision_changes(slug, version).await {
                        Ok(changes) => {
                            view! {
                                <ChangeTable
                                    changes
                                    caption=Signal::derive(move || {
                                        td_string!(i18n.get_locale(), history_version, version)
                                            .to_string()
                                    })
                                    before=Signal::derive(move || {
                                        td_string!(i18n.get_locale(), history_before).to_string()
                                    })
                                    after=Signal::derive(move || {
                                        td_string!(i18n.get_locale(), history_after).to_string()
                                    })
                                />
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// Fields with two values each, labelled and shown as the card shows them.
#[component]
fn ChangeTable(
    changes: Vec<FieldChange>,
    caption: Signal<String>,
    before: Signal<String>,
    after: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="overflow-x-auto">
            <table class="mt-2 w-full border-collapse text-left text-sm">
                <caption class="sr-only">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="border-b p-1">
                            {t!(i18n, conflict_field)}
                        </th>
                        <th scope="col" class="border-b p-1">
                            {move || before.get()}
                        </th>
                        <th scope="col" class="border-b p-1">
                            {move || after.get()}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {changes
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr class="align-top">
                                    <th scope="row" class="border-b p-1 font-semibold">
                                        {field_label(l, &c.field)}
                                    </th>
                                    <td class="border-b p-1 whitespace-pre-line">
                                        <del>{value_label(l, &c.field, &c.before)}</del>
                                    </td>
                                    <td class="border-b p-1 whitespace-pre-line">
                                        <ins>{value_label(l, &c.field, &c.after)}</ins>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
