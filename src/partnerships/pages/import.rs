//! `/coordinator/partnerships/import`: coordinators upload a list of partnerships (CSV);
//! `/coordinator/partnerships/import/{id}`: its dry run, row by row (matched to what,
//! ambiguous with the candidates to choose from, rejected and why), confirmed at once.

use crate::i18n::*;
use crate::lang::labels::pick;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::partnerships::fns::{get_import, ConfirmImport};
use crate::partnerships::model::{ImportRow, ImportView};
use crate::ui::forms::{last_error, tr, FormError};
use crate::ui::not_found::NotFound;
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What a reason key says, in the reader's language.
fn reason_text(l: Locale, key: &str) -> &'static str {
    match key {
        "exists" => td_string!(l, import_reason_exists),
        "repeated" => td_string!(l, import_reason_repeated),
        "oblast" => td_string!(l, import_reason_oblast),
        "raion" => td_string!(l, import_reason_raion),
        "no_community" => td_string!(l, import_reason_no_community),
        "several_communities" => td_string!(l, import_reason_several_communities),
        "settlement_only" => td_string!(l, import_reason_settlement_only),
        "similar_communities" => td_string!(l, import_reason_similar_communities),
        "unknown_code" => td_string!(l, import_reason_unknown_code),
        "no_country" => td_string!(l, import_reason_no_country),
        "unknown_country" => td_string!(l, import_reason_unknown_country),
        "no_partner" => td_string!(l, import_reason_no_partner),
        "unknown_geonameid" => td_string!(l, import_reason_unknown_geonameid),
        "several_partners" => td_string!(l, import_reason_several_partners),
        "similar_partners" => td_string!(l, import_reason_similar_partners),
        "unknown_kind" => td_string!(l, import_reason_unknown_kind),
        _ => td_string!(l, import_reason_bad_year),
    }
}

fn status_text(l: Locale, status: &str) -> &'static str {
    match status {
        "matched" => td_string!(l, import_matched),
        "ambiguous" => td_string!(l, import_ambiguous),
        _ => td_string!(l, import_rejected),
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let q = use_query_map();
    let refused = q.read_untracked().get("upload_error").is_some();
    let title = td_string!(l, import_title).to_string();
    // The form posts to the upload's own route (not a page: no language prefix); its answer
    // redirects to the reader's language.
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-3xl space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>
                <A href=use_href(links::COORDINATOR) attr:class="text-blue-800 underline">
                    {t!(i18n, desk_back)}
                </A>
            </p>
            <UrlNotice accepted=&[Notice::Imported] />
            {refused
                .then(|| {
                    view! {
                        <p role="alert" class="rounded bg-red-50 p-3 font-semibold text-red-800">
                            {t!(i18n, err_csv)}
                        </p>
                    }
                })}
            <p>{t!(i18n, import_lead)}</p>
            <ul class="list-disc space-y-1 pl-6">
                <li>{t!(i18n, import_columns_ukrainian)}</li>
                <li>{t!(i18n, import_columns_partner)}</li>
                <li>{t!(i18n, import_columns_optional)}</li>
            </ul>
            <form
                method="post"
                action=links::IMPORT
                enctype="multipart/form-data"
                class="space-y-3 rounded-lg bg-white p-4"
            >
                <label for="import-file" class="block font-semibold">
                    {t!(i18n, import_file)}
                </label>
                <input
                    id="import-file"
                    type="file"
                    name="file"
                    accept=".csv,text/csv"
                    required=""
                    class="block"
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, import_check)}
                </button>
            </form>
        </section>
    }
}

#[component]
pub fn ImportBatchPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), get_import);
    let title = td_string!(i18n.get_locale_untracked(), import_dry_run_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-6">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p>
                <A href=use_href(links::IMPORT) attr:class="text-blue-800 underline">
                    {t!(i18n, import_back)}
                </A>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) => view! { <DryRun v /> }.into_any(),
                        Err(crate::error::AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DryRun(v: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<ConfirmImport>::new();
    let error = last_error(action);
    let n = |s: &str| v.rows.iter().filter(|r| r.status == s).count().to_string();
    let summary = td_string!(
        l,
        import_summary,
        file = v.file_name.as_str(),
        matched = n("matched"),
        ambiguous = n("ambiguous"),
        rejected = n("rejected"),
        total = v.rows.len().to_string()
    )
    .to_string();
    view! {
        <p role="status" data-testid="import-summary" class="font-semibold">
            {summary}
        </p>
        <ActionForm action attr:class="space-y-4" attr:novalidate="">
            <FormError error />
            <input type="hidden" name="id" value=v.id.clone() />
            <div class="overflow-x-auto rounded-lg bg-white">
                <table class="min-w-full text-left text-sm">
                    <caption class="sr-only">{t!(i18n, import_dry_run_title)}</caption>
                    <thead>
                        <tr class="border-b border-stone-300">
                            <th scope="col" class="p-2">
                                {t!(i18n, import_row)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, import_written)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, import_status)}
                            </th>
                            <th scope="col" class="p-2">
                                {t!(i18n, import_result)}
                            </th>
                        </tr>
                    </thead>
                    <tbody>{v.rows.into_iter().map(|r| view! { <Row r /> }).collect_view()}</tbody>
                </table>
            </div>
            <p>{t!(i18n, import_confirm_hint)}</p>
            <button type="submit" class="button-primary">
                {t!(i18n, import_confirm)}
            </button>
        </ActionForm>
    }
}

#[component]
fn Row(r: ImportRow) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let badge = match r.status.as_str() {
        "matched" => "badge",
        _ => "badge-warn",
    };
    let part = |name: String, part: &str| {
        if part.is_empty() {
            name
        } else {
            format!("{name} ({part})")
        }
    };
    let result = if r.status == "matched" {
        format!(
            "{} — {}",
            part(pick(l, &r.community.0, &r.community.1), &r.community_part),
            part(r.partner.clone(), &r.partner_part)
        )
    } else {
        String::new()
    };
    let choose = |side: &'static str, options: Vec<(String, String)>| {
        if options.is_empty() {
            return ().into_any();
        }
        let id = format!("choice-{}-{side}", r.row);
        let label = if side == "community" {
            tr!(i18n, import_choose_community).get_untracked()
        } else {
            tr!(i18n, import_choose_partner).get_untracked()
        };
        let row = r.row;
        let written = (side == "municipality").then(|| {
            (
                format!("{row}:municipality:written"),
                tr!(i18n, import_keep_written).get_untracked(),
            )
        });
        view! {
            <div class="mt-1">
                <label for=id.clone() class="block font-medium">
                    {label}
                </label>
                <select
                    id=id
                    name="choices[]"
                    class="mt-1 w-full rounded border border-stone-400 p-1"
                >
                    <option value="">"—"</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            view! { <option value=format!("{row}:{side}:{value}")>{text}</option> }
                        })
                        .collect_view()}
                    {written.map(|(value, text)| view! { <option value=value>{text}</option> })}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <tr class="border-b border-stone-200 align-top" data-testid="import-row">
            <td class="p-2">{r.row.to_string()}</td>
            <td class="p-2">{format!("{} — {}", r.written.0, r.written.1)}</td>
            <td class="p-2">
                <span class=badge>{status_text(l, &r.status)}</span>
            </td>
            <td class="p-2">
                {(!result.is_empty()).then(|| view! { <p>{result.clone()}</p> })}
                {(!r.reason.is_empty())
                    .then(|| view! { <p class="text-stone-700">{reason_text(l, &r.reason)}</p> })}
                {choose("community", r.community_candidates.clone())}
                {choose("municipality", r.partner_candidates.clone())}
            </td>
        </tr>
    }
}
