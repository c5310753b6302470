//! A draft older than the published card: both versions of each differing field side by
//! side, the editor picks one per field.

use super::labels::{field_label, value_label};
use crate::i18n::*;
use crate::profiles::fns::*;
use crate::profiles::form::{self as form};
use crate::profiles::model::Editable;
use crate::ui::forms::FormError;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Both versions of each field that differs, side by side; the editor picks one per field.
#[component]
pub(super) fn Conflict(
    e: Editable,
    name: String,
    publish: ServerAction<PublishProfile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    // Compared as the cards they make: an empty row's default choice is no difference.
    let mine = form::effective(&e.draft.clone().map(|d| d.fields).unwrap_or_default());
    let theirs = e.published.clone();
    let differing = form::changed(&theirs, &mine);
    let last = crate::ui::forms::last_error(publish);
    // The conflict itself is said once, below; other errors (a field's problem) here.
    let server = Signal::derive(move || {
        last.get()
            .filter(|e| !matches!(e, crate::error::AppError::Conflict { .. }))
    });
    let who = match (&e.published_by, e.published_at) {
        (Some(name), Some(at)) => td_string!(
            l,
            conflict_by,
            name = name.clone(),
            when = crate::lang::labels::kyiv_minute(l, at)
        )
        .to_string(),
        (None, Some(at)) => td_string!(
            l,
            conflict_when,
            when = crate::lang::labels::kyiv_minute(l, at)
        )
        .to_string(),
        _ => String::new(),
    };
    let discard = ServerAction::<DiscardDraft>::new();
    let (slug_a, slug_b) = (e.slug.clone(), e.slug.clone());
    let same: Vec<(String, String)> = mine
        .iter()
        .filter(|(k, _)| !differing.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    view! {
        <div class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">{t!(i18n, conflict_title)}": "{name}</h1>
            <div role="alert" class="space-y-1 rounded border border-yellow-400 bg-yellow-50 p-3">
                <p>{t!(i18n, err_conflict)}</p>
                <p data-testid="conflict-who">{who}</p>
            </div>
            <ActionForm action=publish attr:class="space-y-4" attr:data-testid="conflict-form">
                <FormError error=server />
                <input type="hidden" name="slug" value=slug_a.to_string() />
                <input type="hidden" name="base_version" value=e.version.to_string() />
                {same
                    .into_iter()
                    .map(|(k, v)| {
                        view! { <input type="hidden" name=format!("fields[{k}]") value=v /> }
                    })
                    .collect_view()}
                <div class="overflow-x-auto">
                    <table class="w-full border-collapse text-left">
                        <caption class="sr-only">{t!(i18n, conflict_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="border-b p-2">
                                    {t!(i18n, conflict_field)}
                                </th>
                                <th scope="col" class="border-b p-2">
                                    {t!(i18n, conflict_mine)}
                                </th>
                                <th scope="col" class="border-b p-2">
                                    {t!(i18n, conflict_theirs)}
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {differing
                                .into_iter()
                                .map(|k| {
                                    let m = mine.get(&k).cloned().unwrap_or_default();
                                    let th = theirs.get(&k).cloned().unwrap_or_default();
                                    let name = format!("fields[{k}]");
                                    let (id_m, id_t) = (format!("m-{k}"), format!("t-{k}"));
                                    let label = field_label(i18n.get_locale_untracked(), &k);
                                    view! {
                                        <tr class="align-top">
                                            <th scope="row" class="border-b p-2 font-semibold">
                                                {label}
                                            </th>
                                            <td class="border-b p-2">
                                                <input
                                                    type="radio"
                                                    id=id_m.clone()
                                                    name=name.clone()
                                                    value=m.clone()
                                                    checked=true
                                                    class="mr-2"
                                                />
                                                <label for=id_m class="whitespace-pre-line">
                                                    {value_label(l, &k, &m)}
                                                </label>
                                            </td>
                                            <td class="border-b p-2">
                                                <input
                                                    type="radio"
                                                    id=id_t.clone()
                                                    name=name
                                                    value=th.clone()
                                                    class="mr-2"
                                                />
                                                <label for=id_t class="whitespace-pre-line">
                                                    {value_label(l, &k, &th)}
                                                </label>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <button type="submit" class="button-primary">
                    {t!(i18n, conflict_publish)}
                </button>
            </ActionForm>
            <ActionForm action=discard>
                <input type="hidden" name="slug" value=slug_b.to_string() />
                <button type="submit" class="button-secondary">
                    {t!(i18n, conflict_discard)}
                </button>
            </ActionForm>
        </div>
    }
}
