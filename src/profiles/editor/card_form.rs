//! The editor's form: every field of the card, with the live preview beside it.

use super::completeness::Completeness;
use super::conflict::Conflict;
#[cfg(feature = "hydrate")]
use super::offline::restore_local;
use super::offline::{cancel_autosave, schedule_autosave};
use super::parts::{open_part, Part, PartBox};
use super::pictures::Pictures;
use super::sections::*;
use super::widgets::{rows, LanguageTabs};
use super::{EditorState, EditorUrl};
use crate::i18n::*;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::profiles::fns::*;
use crate::profiles::form::keys::{FieldKey as K, LongText, Who};
use crate::profiles::form::{self as form};
use crate::profiles::model::{Editable, Profile};
use crate::profiles::view::ProfileSections;
use crate::ui::forms::tr;
use crate::ui::forms::FormError;
use crate::ui::notice::NoticeBox;
use leptos::form::ActionForm;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub(super) fn Editor(
    e: Editable,
    publish: ServerAction<PublishProfile>,
    refresh: RwSignal<u32>,
    upload_outcome: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = crate::lang::labels::pick(i18n.get_locale_untracked(), &e.name_uk, &e.name_latin);
    let conflict = e.draft.as_ref().is_some_and(|d| d.base_version < e.version);
    if conflict {
        return view! { <Conflict e name publish /> }.into_any();
    }
    let has_draft = e.draft.is_some();
    let photos = e.photos.clone();
    let pictures = view! { <Pictures e=e.clone() refresh outcome=upload_outcome /> };
    let start = e
        .draft
        .clone()
        .map(|d| d.fields)
        .unwrap_or_else(|| e.published.clone());
    let values = RwSignal::new(start);
    let live = RwSignal::new(BTreeMap::new());
    let server = crate::ui::forms::last_error(publish);
    provide_context(EditorState {
        values,
        live,
        server,
    });
    let slug_id = e.slug.clone();
    let slug = e.slug.to_string();
    let version = e.version;
    let discard = ServerAction::<DiscardDraft>::new();
    let url = expect_context::<EditorUrl>();
    let restored = RwSignal::new(false);
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        if restored.get() {
            Some(td_string!(l, edit_restored_local).to_string())
        } else if url.done.as_deref() == Some(Notice::DraftSaved.key()) {
            Some(td_string!(l, notice_draft_saved).to_string())
        } else if has_draft {
            Some(td_string!(l, edit_draft_notice).to_string())
        } else {
            None
        }
    });
    let autosave = RwSignal::new(None::<bool>);
    // Edits that never reached the server (a lost connection) come back from the browser.
    {
        let slug = slug.clone();
        Effect::new(move |_| {
            #[cfg(feature = "hydrate")]
            restore_local(&slug, version, values, restored, autosave);
            #[cfg(not(feature = "hydrate"))]
            let _ = (&slug, restored);
        });
    }
    let preview =
        Memo::new(move |_| values.with(|f| form::from_fields(f, &Profile::default()).ok()));
    let on_input = {
        let slug = slug.clone();
        move |ev: leptos::web_sys::Event| {
            if let Some((key, value)) = changed_field(&ev) {
                record(&key, value, values, live);
                schedule_autosave(slug.clone(), version, values, autosave);
            }
        }
    };
    let edit_lead_name = name.clone();
    let card = use_href(links::community(&slug_id));
    let history = use_href(links::history(&slug_id));
    let (offer_rows, project_rows, partner_rows, name_rows, contact_rows) =
        values.with_untracked(|f| {
            (
                rows(f, |k| matches!(k, K::Offer(..))),
                rows(f, |k| matches!(k, K::Project(..))),
                rows(f, |k| matches!(k, K::Partner(..))),
                rows(f, |k| matches!(k, K::OtherName(..))),
                rows(f, |k| matches!(k, K::Person(Who::Contact(_), _))).min(6),
            )
        });
    let draft_action = <SaveDraft as leptos::server_fn::ServerFn>::PATH;
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // A publication the connection dropped is sent again as soon as the browser is online.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::online, move |_| {
            let lost = publish
                .value()
                .with_untracked(|r| matches!(r, Some(Err(crate::error::AppError::Transport))));
            if lost && !publish.pending().get_untracked() {
                if let Some(form) = form_ref.get_untracked() {
                    let _ = form.request_submit();
                }
            }
        });
        on_cleanup(move || handle.remove());
    }
    // A refused form opens the part of its first refused field.
    let first = server.with_untracked(|e| open_part(e.as_ref()));
    let open = move |part: Part| part == first;
    let slug_for_form = slug.clone();
    let slug_for_discard = slug.clone();
    view! {
        <div class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">
                {t!(i18n, edit_title)}": "{name.clone()}
            </h1>
            <p>
                {move || {
                    td_string!(i18n.get_locale(), edit_lead, name = edit_lead_name.clone())
                        .to_string()
                }}
            </p>
            <p class="flex flex-wrap gap-3">
                <a href=card class="underline">
                    {t!(i18n, edit_view_card)}
                </a>
                <a href=history class="underline">
                    {t!(i18n, history_title)}
                </a>
            </p>
            <NoticeBox text=notice />
            {has_draft
                .then(|| {
                    view! {
                        <ActionForm action=discard>
                            <input type="hidden" name="slug" value=slug_for_discard.clone() />
                            <button type="submit" class="button-secondary">
                                {t!(i18n, edit_discard)}
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
        <div class="mt-6">
            <Completeness preview photos />
        </div>
        <div class="mt-6">{pictures}</div>
        <div class="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <ActionForm
                action=publish
                node_ref=form_ref
                attr:class="space-y-6"
                attr:novalidate=""
                attr:data-testid="edit-form"
                on:input=on_input
                on:submit=move |_| cancel_autosave()
            >
                <FormError error=Signal::derive(move || {
                    server.get().filter(|e| *e != crate::error::AppError::Transport)
                }) />
                <ConnectionLost publish />
                <input type="hidden" name="slug" value=slug_for_form.clone() />
                <input type="hidden" name="base_version" value=version.to_string() />
                <p class="text-sm text-stone-700">{t!(i18n, edit_parts_hint)}</p>
                <div class="space-y-2">
                    <PartBox part=Part::About open=open(Part::About)>
                        <LanguageTabs text=LongText::About label=tr!(i18n, section_about) />
                    </PartBox>
                    <PartBox part=Part::Why open=open(Part::Why)>
                        <LanguageTabs text=LongText::WhyPartner label=tr!(i18n, section_why) />
                    </PartBox>
                    <PartBox part=Part::Economy open=open(Part::Economy)>
                        <LanguageTabs text=LongText::Economy label=tr!(i18n, edit_economy) />
                    </PartBox>
                    <PartBox part=Part::General open=open(Part::General)>
                        <IdentitySection />
                    </PartBox>
                    <PartBox part=Part::Facts open=open(Part::Facts)>
                        <FactsSection />
                    </PartBox>
                    <PartBox part=Part::Offers open=open(Part::Offers)>
                        <OffersSection rows=offer_rows />
                    </PartBox>
                    <PartBox part=Part::Projects open=open(Part::Projects)>
                        <ProjectsSection rows=project_rows />
                    </PartBox>
                    <PartBox part=Part::Partners open=open(Part::Partners)>
                        <PartnersSection rows=partner_rows />
                    </PartBox>
                    <PartBox part=Part::Seeking open=open(Part::Seeking)>
                        <SeekingSection />
                    </PartBox>
                    <PartBox part=Part::People open=open(Part::People)>
                        <PeopleSection contacts=contact_rows />
                    </PartBox>
                    <PartBox part=Part::Names open=open(Part::Names)>
                        <NamesSection rows=name_rows />
                    </PartBox>
                </div>
                <div class="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-stone-300 bg-stone-50 py-3">
                    <button
                        type="submit"
                        class="button-primary"
                        disabled=move || publish.pending().get()
                        aria-busy=move || publish.pending().get().then_some("true")
                    >
                        {t!(i18n, edit_publish)}
                    </button>
                    <button
                        type="submit"
                        formaction=draft_action
                        name="redirect"
                        value="1"
                        class="button-secondary"
                        on:click=move |ev| {
                            ev.prevent_default();
                            autosave.set(None);
                            schedule_autosave(slug.clone(), version, values, autosave);
                        }
                    >
                        {t!(i18n, edit_save_draft)}
                    </button>
                    <span role="status" class="text-sm text-stone-700" data-testid="autosave">
                        {move || match autosave.get() {
                            Some(true) => td_string!(i18n.get_locale(), edit_autosaved).to_string(),
                            Some(false) => {
                                td_string!(i18n.get_locale(), edit_autosave_failed).to_string()
                            }
                            None => String::new(),
                        }}
                    </span>
                </div>
            </ActionForm>
            <aside
                class="space-y-4 lg:sticky lg:top-4 lg:self-start"
                aria-labelledby="preview-heading"
            >
                <h2 id="preview-heading" class="text-xl font-semibold">
                    {t!(i18n, edit_preview)}
                </h2>
                <div
                    class="max-h-[80vh] overflow-auto rounded border border-dashed border-stone-400 bg-white p-4 text-sm"
                    data-testid="preview"
                >
                    {move || {
                        preview
                            .get()
                            .map(|p| {
                                view! {
                                    <ProfileSections profile=p.clone() part=1 />
                                    <ProfileSections profile=p.clone() part=2 />
                                    <ProfileSections profile=p part=3 />
                                }
                            })
                    }}
                </div>
            </aside>
        </div>
    }
    .into_any()
}

/// The field an input event changed, and its value (`yes` or nothing for a box).
fn changed_field(ev: &leptos::web_sys::Event) -> Option<(String, String)> {
    use leptos::wasm_bindgen::JsCast;
    let el = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())?;
    let key = el.get_attribute("name").and_then(|n| {
        n.strip_prefix("fields[")
            .and_then(|n| n.strip_suffix(']'))
            .map(str::to_string)
    })?;
    let value = match el.dyn_ref::<leptos::web_sys::HtmlInputElement>() {
        Some(input) if input.type_() == "checkbox" => {
            if input.checked() {
                "yes".to_string()
            } else {
                String::new()
            }
        }
        _ => event_target_value(ev),
    };
    Some((key, value))
}

/// Takes a field's new value into the editor's state, with its problem if it has one.
fn record(
    key: &str,
    value: String,
    values: RwSignal<form::Fields>,
    live: RwSignal<BTreeMap<String, crate::error::Problem>>,
) {
    match form::check_field(key, &value) {
        Some(p) => live.update(|l| {
            l.insert(key.to_string(), p);
        }),
        None => live.update(|l| {
            l.remove(key);
        }),
    }
    values.update(|f| {
        if value.is_empty() {
            f.remove(key);
        } else {
            f.insert(key.to_string(), value);
        }
    });
}

/// After a publication the connection dropped: what happened, that nothing is lost, and a
/// button to try again (it is tried again by itself when the browser is back online).
#[component]
fn ConnectionLost(publish: ServerAction<PublishProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let lost = move || {
        publish
            .value()
            .with(|r| matches!(r, Some(Err(crate::error::AppError::Transport))))
            && !publish.pending().get()
    };
    view! {
        <Show when=lost>
            <div
                role="alert"
                class="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
                data-testid="connection-lost"
            >
                <p>{t!(i18n, edit_connection_lost)}</p>
                <button type="submit" class="button-secondary">
                    {t!(i18n, edit_try_again)}
                </button>
            </div>
        </Show>
    }
}
