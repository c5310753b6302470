//! `/c/{slug}/history`: the card's published versions, what each changed, and restoring one.

use crate::i18n::*;
use crate::links::Notice;
use crate::profiles::editor::field_label;
use crate::profiles::fns::*;
use crate::ui::forms::{error_text, ErrorText, FormError};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/c/{slug}/history`: published versions, what each changed, and restoring one.
#[component]
pub fn HistoryPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let restore = ServerAction::<RestoreRevision>::new();
    let restore_error = crate::ui::forms::last_error(restore);
    let data = Resource::new(
        move || (slug.get(), restore.version().get()),
        |(s, _)| history(s),
    );
    let title = td_string!(i18n.get_locale_untracked(), history_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>
                <A
                    href=move || crate::lang::localize(
                        i18n.get_locale(),
                        &crate::identity::Slug::parse(&slug.get())
                            .map(|s| crate::links::editor(&s))
                            .unwrap_or_default(),
                    )
                    attr:class="underline"
                >
                    {t!(i18n, edit_card)}
                </A>
            </p>
            <UrlNotice accepted=&[Notice::Restored] />
            <FormError error=restore_error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>{t!(i18n, history_none)}</p> }.into_any()
                        }
                        Ok(list) => {
                            let newest = list.first().map(|r| r.version).unwrap_or(0);
                            view! {
                                <ol class="space-y-3" data-testid="history">
                                    {list
                                        .into_iter()
                                        .map(|r| {
                                            let when = crate::lang::labels::utc_minute(r.created_at);
                                            let changed: Vec<String> = r
                                                .changed
                                                .iter()
                                                .map(|k| field_label(i18n.get_locale_untracked(), k))
                                                .collect();
                                            let s = slug.get_untracked();
                                            view! {
                                                <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
                                                    <p class="font-semibold">
                                                        {move || {
                                                            td_string!(
                                                                i18n.get_locale(), history_version, version = r.version
                                                            )
                                                                .to_string()
                                                        }} " · " {when} " · " {r.author.clone()}
                                                        {r
                                                            .restored_from
                                                            .map(|v| {
                                                                view! {
                                                                    " · "
                                                                    {move || {
                                                                        td_string!(
                                                                            i18n.get_locale(), history_restored_from, version = v
                                                                        )
                                                                            .to_string()
                                                                    }}
                                                                }
                                                            })}
                                                    </p>
                                                    <details>
                                                        <summary class="cursor-pointer">
                                                            {move || {
                                                                td_string!(
                                                                    i18n.get_locale(), history_changes, count = changed.len()
                                                                )
                                                                    .to_string()
                                                            }}
                                                        </summary>
                                                        <Changes slug=s.clone() version=r.version />
                                                    </details>
                                                    {(r.version != newest)
                                                        .then(|| {
                                                            view! {
                                                                <ActionForm action=restore>
                                                                    <input type="hidden" name="slug" value=s.clone() />
                                                                    <input
                                                                        type="hidden"
                                                                        name="version"
                                                                        value=r.version.to_string()
                                                                    />
                                                                    <input
                                                                        type="hidden"
                                                                        name="base_version"
                                                                        value=newest.to_string()
                                                                    />
                                                                    <button type="submit" class="button-secondary">
                                                                        {move || {
                                                                            td_string!(
                                                                                i18n.get_locale(), history_restore, version = r.version
                                                                            )
                                                                                .to_string()
                                                                        }}
                                                                    </button>
                                                                </ActionForm>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorText error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The before and after of each field one version changed.
#[component]
fn Changes(slug: String, version: i64) -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(
        move || (slug.clone(), version),
        |(s, v)| revision_changes(s, v),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(changes) => {
                        view! {
                            <table class="mt-2 w-full border-collapse text-left text-sm">
                                <caption class="sr-only">
                                    {move || {
                                        td_string!(
                                            i18n.get_locale(), history_version, version = version
                                        )
                                            .to_string()
                                    }}
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col" class="border-b p-1">
                                            {t!(i18n, conflict_field)}
                                        </th>
                                        <th scope="col" class="border-b p-1">
                                            {t!(i18n, history_before)}
                                        </th>
                                        <th scope="col" class="border-b p-1">
                                            {t!(i18n, history_after)}
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
                                                        {field_label(i18n.get_locale_untracked(), &c.field)}
                                                    </th>
                                                    <td class="border-b p-1 whitespace-pre-line">
                                                        <del>{c.before}</del>
                                                    </td>
                                                    <td class="border-b p-1 whitespace-pre-line">
                                                        <ins>{c.after}</ins>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
