//! `/coordinators/requests/{id}`: one request as coordinators work on it: who asks and what
//! for, assignment, each pair with its history and moves, the shortlist to introduce the
//! request to communities (pre-filled from a general request's wishes), the conversation
//! with internal notes, and closing a request no partner was found for. Editors of a
//! community the request is paired with may open it too (their pair, no internal notes).

use super::parts::{MoveForm, PairHeader, RequestDetails, Thread};
use crate::catalogue::query::CatalogueQuery;
use crate::i18n::*;
use crate::lang::labels::{format_int, pick};
use crate::lang::{localize, use_href};
use crate::links::{self, Notice};
use crate::partnerships::fns::{get_case, AssignRequest, CloseRequest, Introduce, ReachedOutside};
use crate::partnerships::model::CaseView;
use crate::ui::forms::{last_error, tr, Field, FormError, LastError, Select, TextArea};
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, set_status, ErrorNotice, Loading};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The notices this page answers with.
const NOTICES: &[Notice] = &[
    Notice::PairMoved,
    Notice::IntroducedTo,
    Notice::Assigned,
    Notice::MessageSent,
    Notice::RequestClosed,
    Notice::ReachedOutside,
];

#[component]
pub fn CasePage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let q = use_query_map();
    let key = Memo::new(move |_| {
        let q = q.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        let shortlist = CatalogueQuery {
            q: get("q").chars().take(200).collect(),
            oblast: get("oblast"),
            kind: get("kind"),
            pop: get("pop"),
            ..CatalogueQuery::default()
        };
        (
            params.read().get("id").unwrap_or_default(),
            shortlist,
            q.get("searched").is_some(),
        )
    });
    let case = Resource::new(
        move || key.get(),
        |(id, shortlist, searched)| get_case(id, shortlist, searched),
    );
    let title = td_string!(i18n.get_locale_untracked(), case_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-4xl space-y-6">
            <p>
                <A href=use_href(links::DESK) attr:class="text-blue-800 underline">
                    {t!(i18n, case_back)}
                </A>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok(v) => view! { <CaseBody v /> }.into_any(),
                        Err(crate::error::AppError::NotFound) => {
                            set_status(404);
                            view! { <p role="alert">{t!(i18n, case_unknown)}</p> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CaseBody(v: CaseView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let case = v.case.clone();
    let heading =
        td_string!(l, case_heading, municipality = case.municipality.as_str()).to_string();
    let coordinator = case.coordinator;
    view! {
        <h1 class="text-3xl font-bold text-blue-950">{heading}</h1>
        <UrlNotice accepted=NOTICES />
        {case.closed.then(|| view! { <p class="badge-warn">{t!(i18n, case_closed)}</p> })}
        <RequestDetails case=case.clone() />
        {coordinator.then(|| view! { <Assign case=case.clone() /> })}
        <section aria-labelledby="case-pairs" class="space-y-4">
            <h2 id="case-pairs" class="text-xl font-semibold">
                {t!(i18n, request_pairs)}
            </h2>
            {case.pairs.is_empty().then(|| view! { <p>{t!(i18n, case_no_pairs)}</p> })}
            {case
                .pairs
                .iter()
                .map(|p| {
                    let outside = (coordinator && !p.has_editors && !p.reached_outside
                        && p.stage.is_open())
                        .then(|| view! { <Outside pair=p.id.clone() /> });
                    view! {
                        <article class="space-y-3 rounded-lg bg-white p-4" data-testid="pair">
                            <PairHeader pair=p.clone() />
                            {outside}
                            <MoveForm pair=p.clone() from="desk" />
                        </article>
                    }
                })
                .collect_view()}
        </section>
        {(coordinator && !case.closed).then(|| view! { <Shortlist v=v.clone() /> })}
        <Thread case=case.clone() from="desk" />
        {(coordinator && !case.closed).then(|| view! { <Close id=case.id.clone() /> })}
    }
}

/// Assigning the request to a coordinator.
#[component]
fn Assign(case: crate::partnerships::model::Case) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AssignRequest>::new();
    let error = last_error(action);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), tr!(i18n, desk_unassigned).get_untracked()))
            .chain(case.coordinators.iter().cloned())
            .collect();
    view! {
        <ActionForm action attr:class="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4">
            <FormError error />
            <input type="hidden" name="request" value=case.id.clone() />
            <Select
                label=tr!(i18n, desk_coordinator)
                name="user"
                id="case-assign"
                options
                selected=case.assigned_to.clone().unwrap_or_default()
                error
            />
            <button type="submit" class="button-secondary">
                {t!(i18n, case_assign)}
            </button>
        </ActionForm>
    }
}

/// "We reached this community outside the platform" (it has no editors here).
#[component]
fn Outside(pair: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ReachedOutside>::new();
    view! {
        <ActionForm action>
            <input type="hidden" name="pair" value=pair />
            <button type="submit" class="button-secondary">
                {t!(i18n, case_mark_outside)}
            </button>
        </ActionForm>
    }
}

/// The shortlist: a catalogue search (GET, pre-filled from the wishes), and the
/// communities found, to tick and introduce the request to.
#[component]
fn Shortlist(v: CaseView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<Introduce>::new();
    let error = last_error(action);
    let no_error: LastError = Signal::stored(None);
    let here = localize(l, &links::desk_case(&v.case.id));
    let any = || (String::new(), tr!(i18n, filter_all).get_untracked());
    let label = crate::catalogue::labels::filter_value_label;
    let oblasts: Vec<(String, String)> = std::iter::once(any())
        .chain(
            v.found
                .facets
                .iter()
                .filter(|f| f.name == "oblast")
                .flat_map(|f| f.values.iter())
                .map(|o| (o.value.clone(), pick(l, &o.label_uk, &o.label_latin))),
        )
        .collect();
    let kinds: Vec<(String, String)> = std::iter::once(any())
        .chain(
            ["urban", "settlement", "rural"]
                .into_iter()
                .map(|k| (k.to_string(), label(l, "kind", k))),
        )
        .collect();
    let sizes: Vec<(String, String)> = std::iter::once(any())
        .chain(
            crate::catalogue::query::POPULATION_BANDS
                .iter()
                .map(|b| (b.0.to_string(), label(l, "pop", b.0))),
        )
        .collect();
    let already: Vec<_> = v.case.pairs.iter().map(|p| p.slug.clone()).collect();
    let found: Vec<_> = v
        .found
        .items
        .iter()
        .filter(|c| !already.contains(&c.slug))
        .take(20)
        .cloned()
        .collect();
    let q = v.shortlist.clone();
    view! {
        <section aria-labelledby="case-shortlist" class="space-y-3 rounded-lg bg-white p-4">
            <h2 id="case-shortlist" class="text-xl font-semibold">
                {t!(i18n, case_shortlist)}
            </h2>
            <p>{t!(i18n, case_shortlist_lead)}</p>
            <form
                method="get"
                action=here
                class="grid grid-cols-1 gap-3 sm:grid-cols-2"
                role="search"
            >
                <input type="hidden" name="searched" value="1" />
                <Field
                    label=tr!(i18n, case_search)
                    name="q"
                    id="shortlist-q"
                    kind="search"
                    required=false
                    maxlength=200
                    value=Signal::stored(q.q.clone())
                    error=no_error
                />
                <Select
                    label=tr!(i18n, filter_oblast)
                    name="oblast"
                    id="shortlist-oblast"
                    options=oblasts
                    selected=q.oblast.clone()
                    error=no_error
                />
                <Select
                    label=tr!(i18n, wish_kind)
                    name="kind"
                    id="shortlist-kind"
                    options=kinds
                    selected=q.kind.clone()
                    error=no_error
                />
                <Select
                    label=tr!(i18n, wish_size)
                    name="pop"
                    id="shortlist-pop"
                    options=sizes
                    selected=q.pop.clone()
                    error=no_error
                />
                <div>
                    <button type="submit" class="button-secondary">
                        {t!(i18n, case_find)}
                    </button>
                </div>
            </form>
            <ActionForm action attr:class="space-y-3" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="request" value=v.case.id.clone() />
                <fieldset class="space-y-1" data-testid="shortlist">
                    <legend class="font-semibold">
                        {td_string!(l, case_found, n = v.found.total.to_string()).to_string()}
                    </legend>
                    {found
                        .into_iter()
                        .map(|c| {
                            let id = format!("intro-{}", c.slug);
                            let people = c.population.map(|p| format_int(l, p)).unwrap_or_default();
                            view! {
                                <div class="flex items-start gap-2">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="communities[]"
                                        value=c.slug.to_string()
                                        class="mt-1 h-5 w-5"
                                    />
                                    <label for=id>
                                        <strong>{pick(l, &c.name_uk, &c.name_latin)}</strong>
                                        {format!(
                                            " · {} · {people}",
                                            pick(l, &c.region_uk, &c.region_latin),
                                        )}
                                        {(!c.claimed)
                                            .then(|| {
                                                view! {
                                                    " · "
                                                    <span class="text-amber-900">
                                                        {t!(i18n, case_no_editors)}
                                                    </span>
                                                }
                                            })}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <TextArea
                    label=tr!(i18n, case_intro_note)
                    name="note"
                    id="intro-note"
                    maxlength=1000
                    rows=2
                    error
                />
                <button type="submit" class="button-primary">
                    {t!(i18n, case_introduce)}
                </button>
            </ActionForm>
        </section>
    }
}

/// Closing a request no partner was found for.
#[component]
fn Close(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CloseRequest>::new();
    let error = last_error(action);
    view! {
        <section aria-labelledby="case-close" class="space-y-3 rounded-lg bg-white p-4">
            <h2 id="case-close" class="text-xl font-semibold">
                {t!(i18n, case_close_heading)}
            </h2>
            <ActionForm action attr:class="space-y-3" attr:novalidate="">
                <FormError error />
                <input type="hidden" name="request" value=id />
                <TextArea
                    label=tr!(i18n, case_close_note)
                    name="note"
                    id="close-note"
                    required=true
                    maxlength=1000
                    rows=2
                    error
                />
                <button type="submit" class="button-danger">
                    {t!(i18n, case_close)}
                </button>
            </ActionForm>
        </section>
    }
}
