//! `/c/{slug}/edit`: every field of the business card, long texts per language in tabs, lists
//! as rows, with a live preview of the public card beside the form. One HTML form posting to
//! `publish_profile`: it works without JavaScript. With JavaScript, fields are checked as the
//! editor types (in the interface language), the preview follows, and the edits are kept in
//! the browser and saved as a server-side draft a moment after each change.
//!
//! A draft older than the published card is a conflict: both versions are shown side by side
//! for each field that differs, and the editor chooses per field.

mod card_form;
mod completeness;
mod conflict;
mod labels;
mod offline;
mod parts;
mod pictures;
mod sections;
mod widgets;

pub use labels::{field_label, value_label};

use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::lang::use_href;
use crate::profiles::fns::*;
use crate::profiles::form::Fields;
use crate::ui::forms::ErrorText;
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// What every field of the editor reads: its current value and its problem, if any.
#[derive(Clone, Copy)]
pub(super) struct EditorState {
    values: RwSignal<Fields>,
    live: RwSignal<BTreeMap<String, Problem>>,
    server: Signal<Option<AppError>>,
}

impl EditorState {
    pub(super) fn value(&self, key: &str) -> String {
        self.values
            .with_untracked(|f| f.get(key).cloned().unwrap_or_default())
    }

    pub(super) fn problem(&self, key: &str) -> Option<Problem> {
        self.live.with(|l| l.get(key).copied()).or_else(|| {
            self.server
                .with(|e| e.as_ref().and_then(|e| e.problem_of(key)))
        })
    }
}

pub(super) fn field_id(key: &str) -> String {
    format!("f-{}", key.replace('_', "-"))
}

/// What the editor's address says besides the card: the outcome of a form sent without
/// JavaScript (`done`, `upload_error`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorUrl {
    pub done: Option<String>,
    pub upload_error: Option<String>,
}

#[component]
pub fn EditPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let q = use_query_map();
    let url = EditorUrl {
        done: q.read_untracked().get("done"),
        upload_error: q.read_untracked().get("upload_error"),
    };
    let title = td_string!(i18n.get_locale_untracked(), edit_title).to_string();
    use leptos_i18n::Locale as _;
    view! {
        <Title text=title />
        <Meta name="robots" content="noindex" />
        <EditorIsland slug lang=i18n.get_locale_untracked().as_str().to_string() url />
    }
}

/// The editor runs in the browser (an island whose code is fetched only on this page).
#[island(lazy)]
fn EditorIsland(slug: String, lang: String, url: EditorUrl) -> impl IntoView {
    let i18n = crate::lang::provide_island_i18n(&lang);
    provide_context(url);
    let slug = Memo::new(move |_| slug.clone());
    let publish = ServerAction::<PublishProfile>::new();
    let refresh = RwSignal::new(0u32);
    // Outlives the editor's re-render after an upload, so its outcome stays on screen.
    let upload_outcome = RwSignal::new(None::<(bool, String)>);
    // The card is asked for again after a refusal (a conflict shows the draft against what
    // was published), never after a lost connection: that would replace the form, with the
    // reader's edits, by an error until the page is reloaded.
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        if publish
            .value()
            .with(|r| matches!(r, Some(Err(e)) if *e != AppError::Transport))
        {
            reload.update(|n| *n += 1);
        }
    });
    let data = Resource::new(
        move || (slug.get(), reload.get(), refresh.get()),
        |(s, _, _)| get_editable(s),
    );
    let heading = StoredValue::new(td_string!(i18n.get_locale_untracked(), edit_title).to_string());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let title = heading.get_value();
                match data.await {
                    Ok(e) => {
                        view! { <card_form::Editor e publish refresh upload_outcome /> }.into_any()
                    }
                    Err(AppError::SignInRequired) => {
                        let href = use_href(
                            crate::links::sign_in_then(
                                &crate::links::editor(
                                    &crate::identity::Slug::new(slug.get_untracked()),
                                ),
                            ),
                        );
                        view! {
                            <h1 class="text-3xl font-bold text-blue-950">{title.clone()}</h1>
                            <p>{t!(i18n, err_sign_in_required)}</p>
                            <p>
                                <a href=href class="button-primary">
                                    {t!(i18n, signin_title)}
                                </a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(
                        e @ (AppError::Forbidden | AppError::SecondFactor | AppError::NotFound),
                    ) => {
                        crate::ui::status::set_status(e.status());
                        view! {
                            <h1 class="text-3xl font-bold text-blue-950">{title.clone()}</h1>
                            <ErrorText error=e />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
