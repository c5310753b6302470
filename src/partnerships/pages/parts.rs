//! What the coordinators' case page and the community's requests page share: a request's
//! details, a pair's history and its move form, and the conversation with its write form.

use super::status::{actor_label, stage_label};
use crate::i18n::*;
use crate::lang::labels::pick;
use crate::lang::names::{country_name, language_name};
use crate::lang::use_href;
use crate::links;
use crate::partnerships::fns::{MovePair, PostToRequest};
use crate::partnerships::model::{
    Case, CasePair, EventView, MessageView, MESSAGE_MAX, PARTNERSHIP_KINDS,
};
use crate::partnerships::stage::Stage;
use crate::ui::forms::{last_error, tr, FormError, Select, TextArea};
use crate::ui::time::{LocalDate, LocalTime};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// A partnership type in the reader's words.
pub fn kind_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "twinning" => td_string!(l, partnership_twinning),
        "cooperation" => td_string!(l, partnership_cooperation),
        "solidarity" => td_string!(l, partnership_solidarity),
        "memorandum" => td_string!(l, partnership_memorandum),
        _ => td_string!(l, partnership_informal),
    }
}

/// Who asks, from where, for what: the request's details (personal data: only coordinators
/// and the editors of a community it was made or introduced to reach this).
#[component]
pub fn RequestDetails(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let country = country_name(l, &case.country);
    let languages = case
        .languages
        .iter()
        .map(|c| language_name(l, c))
        .collect::<Vec<_>>()
        .join(", ");
    let themes = case
        .themes
        .iter()
        .filter_map(|t| crate::profiles::model::Theme::from_key(t))
        .map(|t| crate::profiles::labels::theme_label(l, t))
        .collect::<Vec<_>>()
        .join(", ");
    let mailto = format!("mailto:{}", case.email);
    let p = case.preferences.clone();
    let label = crate::catalogue::labels::filter_value_label;
    let wish = |v: &str, text: String| (!v.is_empty()).then_some(text);
    let wishes: Vec<(String, String)> = [
        (
            tr!(i18n, wish_region).get_untracked(),
            wish(
                &p.region,
                if p.region == crate::partnerships::model::NEAR_BORDER {
                    tr!(i18n, wish_near_border).get_untracked()
                } else {
                    p.region.clone()
                },
            ),
        ),
        (
            tr!(i18n, wish_size).get_untracked(),
            wish(&p.size, label(l, "pop", &p.size)),
        ),
        (
            tr!(i18n, wish_kind).get_untracked(),
            wish(&p.kind, label(l, "kind", &p.kind)),
        ),
        (
            tr!(i18n, wish_offer).get_untracked(),
            wish(&p.offer, p.offer.clone()),
        ),
        (
            tr!(i18n, wish_formality).get_untracked(),
            wish(
                &p.formality,
                if p.formality == "formal" {
                    tr!(i18n, wish_formal).get_untracked()
                } else {
                    tr!(i18n, wish_informal).get_untracked()
                },
            ),
        ),
        (
            tr!(i18n, wish_travel).get_untracked(),
            wish(
                &p.travel,
                if p.travel == "yes" {
                    tr!(i18n, wish_travel_yes).get_untracked()
                } else {
                    tr!(i18n, wish_travel_no).get_untracked()
                },
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    view! {
        <dl
            class="grid grid-cols-1 gap-x-4 gap-y-1 rounded-lg bg-white p-4 sm:grid-cols-[auto_minmax(0,1fr)]"
            data-testid="request-details"
        >
            <dt class="font-semibold">{t!(i18n, request_from)}</dt>
            <dd>{format!("{} ({country})", case.municipality)}</dd>
            {case
                .anonymised
                .then(|| {
                    view! {
                        <dt class="font-semibold">{t!(i18n, case_contact)}</dt>
                        <dd>{t!(i18n, case_anonymised)}</dd>
                    }
                })}
            {(!case.anonymised)
                .then(|| {
                    view! {
                        <dt class="font-semibold">{t!(i18n, case_contact)}</dt>
                        <dd>{format!("{} · {}", case.contact_name, case.contact_role)}</dd>
                        <dt class="font-semibold">{t!(i18n, field_email)}</dt>
                        <dd class="break-all">
                            <a href=mailto class="text-blue-800 underline">
                                {case.email.clone()}
                            </a>
                        </dd>
                        {(!case.phone.is_empty())
                            .then(|| {
                                view! {
                                    <dt class="font-semibold">{t!(i18n, ask_phone)}</dt>
                                    <dd>{case.phone.clone()}</dd>
                                }
                            })}
                    }
                })}
            <dt class="font-semibold">{t!(i18n, ask_languages)}</dt>
            <dd>{languages}</dd>
            <dt class="font-semibold">{t!(i18n, ask_themes)}</dt>
            <dd>{themes}</dd>
            <dt class="font-semibold">{t!(i18n, request_asked_on)}</dt>
            <dd>
                <LocalDate secs=case.created_at />
            </dd>
            {wishes
                .into_iter()
                .map(|(k, v)| {
                    view! {
                        <dt class="font-semibold">{k}</dt>
                        <dd class="whitespace-pre-line">{v}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// A pair's moves, oldest first.
#[component]
pub fn History(events: Vec<EventView>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <ol class="space-y-1 border-l-2 border-stone-300 pl-3 text-sm" data-testid="history">
            {events
                .into_iter()
                .map(|e| {
                    view! {
                        <li>
                            <LocalTime secs=e.at />
                            " · "
                            {stage_label(l, e.to)}
                            " · "
                            {actor_label(l, &e.actor)}
                            {(!e.note.is_empty())
                                .then(|| {
                                    view! {
                                        ": "
                                        {e.note.clone()}
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The form that moves a pair: the stages the reader may move it to (editors see
/// "accept" and "decline" for an introduction), a note, and the partnership's type when
/// the agreement can be recorded. `from` names the page to come back to.
#[component]
pub fn MoveForm(pair: CasePair, from: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let action = ServerAction::<MovePair>::new();
    let error = last_error(action);
    if pair.moves.is_empty() {
        return ().into_any();
    }
    let signs = pair.moves.contains(&Stage::AgreementSigned);
    // Nothing chosen at first: a stage is a decision, never a default.
    let options: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(pair.moves.iter().map(|s| {
            let text = match (from, pair.stage, s) {
                ("community", Stage::New | Stage::Matching, Stage::Introduced) => {
                    tr!(i18n, move_accept).get_untracked()
                }
                ("community", Stage::New | Stage::Matching, Stage::Declined) => {
                    tr!(i18n, move_decline).get_untracked()
                }
                _ => stage_label(l, *s).to_string(),
            };
            (s.key().to_string(), text)
        }))
        .collect();
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(
            PARTNERSHIP_KINDS
                .iter()
                .map(|k| (k.to_string(), kind_label(l, k).to_string())),
        )
        .collect();
    let to_id = format!("move-to-{}", pair.id);
    let note_id = format!("move-note-{}", pair.id);
    let kind_id = format!("move-kind-{}", pair.id);
    view! {
        <ActionForm
            action
            attr:class="space-y-3 rounded border border-stone-300 p-3"
            attr:novalidate=""
        >
            <FormError error />
            <input type="hidden" name="pair" value=pair.id.clone() />
            <input type="hidden" name="from" value=from />
            <Select label=tr!(i18n, move_to) name="to" id=to_id options error />
            <TextArea
                label=tr!(i18n, move_note)
                name="note"
                id=note_id
                maxlength=1000
                rows=2
                hint=tr!(i18n, move_note_hint)
                error
            />
            {signs
                .then(|| {
                    view! {
                        <Select
                            label=tr!(i18n, move_kind)
                            name="kind"
                            id=kind_id.clone()
                            options=kinds.clone()
                            hint=tr!(i18n, move_kind_hint)
                            error
                        />
                    }
                })}
            <button type="submit" class="button-primary">
                {t!(i18n, move_submit)}
            </button>
        </ActionForm>
    }
    .into_any()
}

/// The conversation (internal notes marked), and the form to write into it.
#[component]
pub fn Thread(case: Case, from: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<PostToRequest>::new();
    let error = last_error(action);
    let messages: Vec<MessageView> = case.messages.clone();
    let heading = format!("thread-{}", case.id);
    let labelled = heading.clone();
    view! {
        <section aria-labelledby=labelled class="space-y-3">
            <h3 id=heading class="text-lg font-semibold">
                {t!(i18n, request_thread)}
            </h3>
            <Messages
                opener=case.contact_name.clone()
                at=case.created_at
                message=case.message.clone()
                messages
            />
            {(!case.closed || case.coordinator)
                .then(|| {
                    let body_id = format!("body-{}", case.id);
                    let internal_id = format!("internal-{}", case.id);
                    view! {
                        <ActionForm action attr:class="space-y-3" attr:novalidate="">
                            <FormError error />
                            <input type="hidden" name="request" value=case.id.clone() />
                            <input type="hidden" name="from" value=from />
                            <TextArea
                                label=tr!(i18n, request_write)
                                name="body"
                                id=body_id
                                required=true
                                maxlength=MESSAGE_MAX
                                rows=4
                                hint=tr!(i18n, thread_write_hint)
                                error
                            />
                            {case
                                .coordinator
                                .then(|| {
                                    view! {
                                        <div class="flex items-center gap-2">
                                            <input
                                                type="checkbox"
                                                id=internal_id.clone()
                                                name="internal"
                                                value="yes"
                                                class="h-5 w-5"
                                                checked=case.closed
                                            />
                                            <label for=internal_id
                                                .clone()>{t!(i18n, thread_internal_tick)}</label>
                                        </div>
                                    }
                                })}
                            <button type="submit" class="button-primary">
                                {t!(i18n, request_send)}
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// A pair: the community, its stage (quiet, without editors, reached outside), history.
#[component]
pub fn PairHeader(pair: CasePair) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <h3 class="text-lg font-semibold">
            <A href=use_href(links::community(&pair.slug)) attr:class="text-blue-800 underline">
                {pick(l, &pair.name_uk, &pair.name_latin)}
            </A>
        </h3>
        <p class="flex flex-wrap items-center gap-2" data-testid="pair-stage">
            {t!(i18n, request_stage)}
            ": "
            <strong>{stage_label(l, pair.stage)}</strong>
            {pair.quiet.then(|| view! { <span class="badge-warn">{t!(i18n, desk_quiet)}</span> })}
            {(!pair.has_editors)
                .then(|| {
                    view! {
                        <span class="badge-warn" data-testid="no-editors">
                            {if pair.reached_outside {
                                tr!(i18n, case_reached_outside).get_untracked()
                            } else {
                                tr!(i18n, case_no_editors).get_untracked()
                            }}
                        </span>
                    }
                })}
        </p>
        <History events=pair.events.clone() />
    }
}

/// The conversation as everyone in it reads it: the request's own message first, then each
/// message with its writer (internal notes marked).
#[component]
pub fn Messages(
    /// Who asked, and when, and what they wrote.
    opener: String,
    at: i64,
    message: String,
    messages: Vec<MessageView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <ol class="space-y-3" data-testid="thread">
            <li class="rounded-lg bg-white p-3">
                <p class="text-sm text-stone-700">
                    {format!("{} · ", opener)} <LocalTime secs=at />
                </p>
                <div class="space-y-2 break-words">{crate::profiles::view::rendered(&message)}</div>
            </li>
            {messages
                .into_iter()
                .map(|m| {
                    let who = if m.author == "requester" {
                        m.name.clone()
                    } else {
                        format!("{} ({})", m.name, actor_label(l, &m.author))
                    };
                    let class = if m.internal {
                        "rounded-lg border-2 border-dashed border-amber-600 bg-amber-50 p-3"
                    } else {
                        "rounded-lg bg-white p-3"
                    };
                    view! {
                        <li
                            class=class
                            data-author=m.author.clone()
                            data-internal=m.internal.then_some("1")
                        >
                            <p class="text-sm text-stone-700">
                                {m
                                    .internal
                                    .then(|| {
                                        view! {
                                            <strong class="text-amber-900">
                                                {t!(i18n, thread_internal)}
                                            </strong>
                                            " · "
                                        }
                                    })} {format!("{who} · ")} <LocalTime secs=m.at />
                            </p>
                            <div class="space-y-2 break-words">
                                {crate::profiles::view::rendered(&m.body)}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
