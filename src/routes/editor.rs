//! `/c/{slug}/edit`: every field of the business card, long texts per language in tabs, lists
//! as rows, with a live preview of the public card beside the form. One HTML form posting to
//! `publish_profile`: it works without JavaScript. With JavaScript, fields are checked as the
//! editor types (in the interface language), the preview follows, and the edits are kept in
//! the browser and saved as a server-side draft a moment after each change.
//!
//! A draft older than the published card is a conflict: both versions are shown side by side
//! for each field that differs, and the editor chooses per field.

use crate::api::editing::*;
use crate::components::forms::tr;
use crate::components::forms::{error_text, ErrorText, FormError, Notice};
use crate::components::lang::use_href;
use crate::components::names::{language_name, situation_label, theme_label};
use crate::components::status::{no_store, ErrorNotice, Loading};
use crate::error::{AppError, Problem};
use crate::i18n::*;
use crate::model::account::Editable;
use crate::model::profile::{Profile, Situation, Theme, LANGUAGES};
use crate::model::profile_form::{self as form, Fields, LIST_LANGS, MAX_ROWS, OTHER_LANGS};
use crate::routes::profile_view::ProfileSections;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// What every field of the editor reads: its current value and its problem, if any.
#[derive(Clone, Copy)]
struct Ctx {
    values: RwSignal<Fields>,
    live: RwSignal<BTreeMap<String, Problem>>,
    server: Signal<Option<AppError>>,
}

impl Ctx {
    fn value(&self, key: &str) -> String {
        self.values
            .with_untracked(|f| f.get(key).cloned().unwrap_or_default())
    }

    fn problem(&self, key: &str) -> Option<AppError> {
        let key = key.to_string();
        self.live
            .with(|l| l.get(&key).copied())
            .map(|problem| AppError::Invalid {
                field: key.clone(),
                problem,
            })
            .or_else(|| {
                self.server
                    .get()
                    .filter(|e| matches!(e, AppError::Invalid { field, .. } if *field == key))
            })
    }
}

fn field_id(key: &str) -> String {
    format!("f-{}", key.replace('_', "-"))
}

/// The label of a form field, for conflicts and history: "Who we are (English)", "Offer 2: title (Ukrainian)".
pub fn field_label(locale: Locale, key: &str) -> String {
    let (base, lang) = match key.rsplit_once('_') {
        Some((b, l)) if LANGUAGES.contains(&l) => (b, Some(l)),
        _ => (key, None),
    };
    let row = |prefix: &str| -> Option<(usize, &str)> {
        let rest = base.strip_prefix(prefix)?;
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let n = digits.parse::<usize>().ok()?;
        Some((n + 1, rest[digits.len()..].trim_start_matches('_')))
    };
    let part = |p: &str| -> String {
        match p {
            "theme" => td_string!(locale, field_theme).to_string(),
            "title" => td_string!(locale, field_title).to_string(),
            "text" | "description" => td_string!(locale, field_description).to_string(),
            "budget_eur" => td_string!(locale, field_budget).to_string(),
            "status" => td_string!(locale, field_status).to_string(),
            "urgent" => td_string!(locale, project_urgent).to_string(),
            "name" => td_string!(locale, field_title).to_string(),
            "country" => td_string!(locale, field_country).to_string(),
            "since" => td_string!(locale, field_since).to_string(),
            "kind" => td_string!(locale, field_kind).to_string(),
            "lang" => td_string!(locale, field_name_lang).to_string(),
            "historic" => td_string!(locale, field_historic).to_string(),
            other => other.to_string(),
        }
    };
    let label = if let Some((n, p)) = row("offer") {
        format!("{} {n}: {}", td_string!(locale, section_offers), part(p))
    } else if let Some((n, p)) = row("project") {
        format!("{} {n}: {}", td_string!(locale, section_needs), part(p))
    } else if let Some((n, p)) = row("partner") {
        format!("{} {n}: {}", td_string!(locale, section_partners), part(p))
    } else if let Some((n, p)) = row("contact") {
        let part = match p {
            "name" => td_string!(locale, field_name).to_string(),
            "role" => td_string!(locale, field_role).to_string(),
            "email" => td_string!(locale, field_email).to_string(),
            "phone" => td_string!(locale, field_phone).to_string(),
            "languages" => td_string!(locale, contact_languages).to_string(),
            other => other.to_string(),
        };
        format!("{} {n}: {part}", td_string!(locale, edit_contact))
    } else if let Some((n, p)) = row("name") {
        format!("{} {n}: {}", td_string!(locale, edit_other_names), part(p))
    } else {
        match base {
            "about" => td_string!(locale, section_about).to_string(),
            "why_partner" => td_string!(locale, section_why).to_string(),
            "economy" => td_string!(locale, edit_economy).to_string(),
            "website" => td_string!(locale, field_website).to_string(),
            "situation" => td_string!(locale, field_situation).to_string(),
            "can_host_delegation" => td_string!(locale, field_host_delegation).to_string(),
            "needs_interpreting" => td_string!(locale, field_needs_interpreting).to_string(),
            "seeking_active" => td_string!(locale, field_seeking_active).to_string(),
            "seeking_countries" => td_string!(locale, seeking_countries).to_string(),
            "seeking_formal" => td_string!(locale, field_formal).to_string(),
            "seeking_note" => td_string!(locale, field_note).to_string(),
            b if b.starts_with("seeking_theme_") => format!(
                "{}: {}",
                td_string!(locale, seeking_themes),
                Theme::from_key(&b["seeking_theme_".len()..])
                    .map(|t| theme_label(locale, t))
                    .unwrap_or_default()
            ),
            b => {
                let (group, rest) = b.split_once('_').unwrap_or((b, ""));
                let group_label = match group {
                    "population" => td_string!(locale, fact_population).to_string(),
                    "area" => td_string!(locale, fact_area).to_string(),
                    "idps" => td_string!(locale, fact_idps).to_string(),
                    "budget" => td_string!(locale, fact_budget).to_string(),
                    "head" => td_string!(locale, edit_head).to_string(),
                    "contact" => td_string!(locale, edit_contact).to_string(),
                    other => other.to_string(),
                };
                let rest = rest
                    .trim_start_matches("km2_")
                    .trim_start_matches("per_resident_uah_");
                let rest_label = match rest {
                    "value" => td_string!(locale, field_value).to_string(),
                    "source" => td_string!(locale, field_source).to_string(),
                    "date" => td_string!(locale, field_date).to_string(),
                    "name" => td_string!(locale, field_name).to_string(),
                    "role" => td_string!(locale, field_role).to_string(),
                    "email" => td_string!(locale, field_email).to_string(),
                    "phone" => td_string!(locale, field_phone).to_string(),
                    "languages" => td_string!(locale, contact_languages).to_string(),
                    "" => String::new(),
                    other => other.to_string(),
                };
                if rest_label.is_empty() {
                    group_label
                } else {
                    format!("{group_label}: {rest_label}")
                }
            }
        }
    };
    match lang {
        Some(l) => format!("{label} ({})", language_name(locale, l)),
        None => label,
    }
}

/// One input of the editor.
#[component]
fn Input(
    key: String,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = false)] multiline: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = field_id(&key);
    let name = format!("fields[{key}]");
    let initial = ctx.value(&key);
    let problem = {
        let key = key.clone();
        Signal::derive(move || ctx.problem(&key))
    };
    let max = if multiline {
        form::LONG_MAX
    } else {
        form::SHORT_MAX
    };
    crate::components::forms::framed(label, id.clone(), hint, problem, move |w| {
        if multiline {
            view! {
                <textarea id=id name=name rows=6 maxlength=max aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full rounded border border-stone-400 bg-white px-3 py-2">{initial}</textarea>
            }
            .into_any()
        } else {
            view! {
                <input id=id name=name type=kind value=initial maxlength=max aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full rounded border border-stone-400 bg-white px-3 py-2" />
            }
            .into_any()
        }
    })
}

/// A choice from a fixed list (the first option is "not stated").
#[component]
fn Choice(
    key: String,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = field_id(&key);
    let current = ctx.value(&key);
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block font-semibold">{move || label.get()}</label>
            <select id=id name=format!("fields[{key}]") class="rounded border border-stone-400 bg-white px-3 py-2">
                {options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A yes/no box (posts `yes` when ticked).
#[component]
fn Check(key: String, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = field_id(&key);
    let checked = ctx.value(&key) == "yes";
    view! {
        <div class="flex items-center gap-2">
            <input id=id.clone() type="checkbox" name=format!("fields[{key}]") value="yes" checked=checked class="h-5 w-5" />
            <label for=id>{move || label.get()}</label>
        </div>
    }
}

/// The long texts in every language, one tab per language (all shown without JavaScript).
#[component]
fn LanguageTabs(base: &'static str, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new("uk");
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let ctx = expect_context::<Ctx>();
    view! {
        <fieldset class="space-y-2 rounded border border-stone-300 p-3">
            <legend class="px-1 text-lg font-semibold">{move || label.get()}</legend>
            <div role="tablist" class="flex flex-wrap gap-1" hidden=move || !scripted.get()>
                {LANGUAGES.into_iter().map(|l| {
                    let filled = move || ctx.values.with(|f| f.get(&format!("{base}_{l}")).is_some_and(|v| !v.trim().is_empty()));
                    view! {
                        <button type="button" role="tab" id=format!("tab-{base}-{l}")
                            aria-selected=move || (selected.get() == l).to_string()
                            aria-controls=format!("panel-{base}-{l}")
                            class="lang-button"
                            on:click=move |_| selected.set(l)>
                            {move || language_name(i18n.get_locale(), l)}
                            {move || filled().then_some(" ✓")}
                        </button>
                    }
                }).collect_view()}
            </div>
            {LANGUAGES.into_iter().map(|l| {
                let label = Signal::derive(move || format!("{} ({})", label.get(), language_name(i18n.get_locale(), l)));
                view! {
                    <div id=format!("panel-{base}-{l}") role=move || scripted.get().then_some("tabpanel")
                        aria-labelledby=move || scripted.get().then(|| format!("tab-{base}-{l}"))
                        hidden=move || scripted.get() && selected.get() != l>
                        <Input key=format!("{base}_{l}") label multiline=true hint=Signal::derive(move || td_string!(i18n.get_locale(), markdown_hint).to_string()) />
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn with_lang(
    i18n: leptos_i18n::I18nContext<Locale>,
    label: Signal<String>,
    lang: &'static str,
) -> Signal<String> {
    Signal::derive(move || {
        format!(
            "{} ({})",
            label.get(),
            language_name(i18n.get_locale(), lang)
        )
    })
}

/// The same texts in the other four languages, folded away.
fn more_languages(
    i18n: leptos_i18n::I18nContext<Locale>,
    texts: &[(String, Signal<String>, bool)],
) -> impl IntoView {
    let inputs = OTHER_LANGS
        .into_iter()
        .flat_map(|l| {
            texts.iter().map(move |(prefix, label, multiline)| {
                view! { <Input key=format!("{prefix}_{l}") label=with_lang(i18n, *label, l) multiline=*multiline /> }
            })
        })
        .collect_view();
    view! {
        <details class="sm:col-span-2">
            <summary class="cursor-pointer">{move || td_string!(i18n.get_locale(), edit_more_languages).to_string()}</summary>
            <div class="mt-2 grid gap-3 sm:grid-cols-2">{inputs}</div>
        </details>
    }
}

/// How many rows of a list to show: the filled ones and two empty.
fn rows(values: &Fields, prefix: &str, probe: &[&str]) -> usize {
    let filled = (0..MAX_ROWS)
        .rev()
        .find(|i| {
            probe
                .iter()
                .any(|p| values.contains_key(&format!("{prefix}{i}_{p}")))
        })
        .map(|i| i + 1)
        .unwrap_or(0);
    (filled + 2).min(MAX_ROWS)
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
    let i18n = crate::components::lang::provide_island_i18n(&lang);
    provide_context(url);
    let slug = Memo::new(move |_| slug.clone());
    let publish = ServerAction::<PublishProfile>::new();
    let refresh = RwSignal::new(0u32);
    // Outlives the editor's re-render after an upload, so its outcome stays on screen.
    let upload_outcome = RwSignal::new(None::<(bool, String)>);
    let data = Resource::new(
        move || (slug.get(), publish.version().get(), refresh.get()),
        |(s, _, _)| get_editable(s),
    );
    let heading = StoredValue::new(td_string!(i18n.get_locale_untracked(), edit_title).to_string());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let title = heading.get_value();
                match data.await {
                    Ok(e) => view! { <Editor e publish refresh upload_outcome /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        let href = use_href(format!("/account/signin?return_to=%2Fc%2F{}%2Fedit", slug.get_untracked()));
                        view! {
                            <h1 class="text-3xl font-bold text-blue-950">{title.clone()}</h1>
                            <p>{t!(i18n, err_sign_in_required)}</p>
                            <p><a href=href class="button-primary">{t!(i18n, signin_title)}</a></p>
                        }.into_any()
                    }
                    Err(e @ (AppError::Forbidden | AppError::SecondFactor | AppError::NotFound)) => {
                        crate::components::status::set_status(e.status());
                        view! {
                            <h1 class="text-3xl font-bold text-blue-950">{title.clone()}</h1>
                            <ErrorText error=e />
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(
    e: Editable,
    publish: ServerAction<PublishProfile>,
    refresh: RwSignal<u32>,
    upload_outcome: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name =
        crate::components::names::pick(i18n.get_locale_untracked(), &e.name_uk, &e.name_latin);
    let conflict = e.draft.as_ref().is_some_and(|d| d.base_version < e.version);
    if conflict {
        return view! { <Conflict e name publish /> }.into_any();
    }
    let has_draft = e.draft.is_some();
    let pictures = view! { <Pictures e=e.clone() refresh outcome=upload_outcome /> };
    let start = e
        .draft
        .clone()
        .map(|d| d.fields)
        .unwrap_or_else(|| e.published.clone());
    let values = RwSignal::new(start);
    let live = RwSignal::new(BTreeMap::new());
    let server = crate::components::forms::last_error(publish);
    provide_context(Ctx {
        values,
        live,
        server,
    });
    let slug = e.slug.clone();
    let version = e.version;
    let discard = ServerAction::<DiscardDraft>::new();
    let url = expect_context::<EditorUrl>();
    let restored = RwSignal::new(false);
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        if restored.get() {
            Some(td_string!(l, edit_restored_local).to_string())
        } else if url.done.as_deref() == Some("draft") {
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
            use leptos::wasm_bindgen::JsCast;
            let Some(el) = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            else {
                return;
            };
            let Some(key) = el.get_attribute("name").and_then(|n| {
                n.strip_prefix("fields[")
                    .and_then(|n| n.strip_suffix(']'))
                    .map(str::to_string)
            }) else {
                return;
            };
            let value = match el.dyn_ref::<leptos::web_sys::HtmlInputElement>() {
                Some(input) if input.type_() == "checkbox" => {
                    if input.checked() {
                        "yes".to_string()
                    } else {
                        String::new()
                    }
                }
                _ => event_target_value(&ev),
            };
            match form::check_field(&key, &value) {
                Some(p) => live.update(|l| {
                    l.insert(key.clone(), p);
                }),
                None => live.update(|l| {
                    l.remove(&key);
                }),
            }
            values.update(|f| {
                if value.is_empty() {
                    f.remove(&key);
                } else {
                    f.insert(key, value);
                }
            });
            schedule_autosave(slug.clone(), version, values, autosave);
        }
    };
    let edit_lead_name = name.clone();
    let card = use_href(format!("/c/{slug}"));
    let history = use_href(format!("/c/{slug}/history"));
    let situations: Vec<(String, String)> = std::iter::once((
        String::new(),
        td_string!(i18n.get_locale_untracked(), situation_none).to_string(),
    ))
    .chain(
        Situation::ALL
            .into_iter()
            .filter(|s| *s != Situation::Occupied)
            .map(|s| {
                (
                    s.key().to_string(),
                    situation_label(i18n.get_locale_untracked(), s),
                )
            }),
    )
    .collect();
    let tri = move || {
        let l = i18n.get_locale_untracked();
        vec![
            (String::new(), td_string!(l, option_unknown).to_string()),
            ("yes".to_string(), td_string!(l, option_yes).to_string()),
            ("no".to_string(), td_string!(l, option_no).to_string()),
        ]
    };
    let themes = move || {
        let l = i18n.get_locale_untracked();
        std::iter::once((String::new(), "—".to_string()))
            .chain(
                Theme::ALL
                    .into_iter()
                    .map(|t| (t.key().to_string(), theme_label(l, t))),
            )
            .collect::<Vec<_>>()
    };
    let statuses = move || {
        let l = i18n.get_locale_untracked();
        vec![
            ("idea".to_string(), td_string!(l, status_idea).to_string()),
            (
                "planned".to_string(),
                td_string!(l, status_planned).to_string(),
            ),
            (
                "funding".to_string(),
                td_string!(l, status_funding).to_string(),
            ),
            (
                "underway".to_string(),
                td_string!(l, status_underway).to_string(),
            ),
            ("done".to_string(), td_string!(l, status_done).to_string()),
        ]
    };
    let kinds = move || {
        let l = i18n.get_locale_untracked();
        vec![
            (
                "solidarity".to_string(),
                td_string!(l, edit_kind_solidarity).to_string(),
            ),
            (
                "formal".to_string(),
                td_string!(l, edit_kind_formal).to_string(),
            ),
            (
                "intent".to_string(),
                td_string!(l, edit_kind_intent).to_string(),
            ),
        ]
    };
    let formal = {
        let l = i18n.get_locale_untracked();
        vec![
            (String::new(), td_string!(l, formal_either).to_string()),
            (
                "formal".to_string(),
                td_string!(l, formal_formal).to_string(),
            ),
            (
                "informal".to_string(),
                td_string!(l, formal_informal).to_string(),
            ),
        ]
    };
    let (offer_rows, project_rows, partner_rows, name_rows, contact_rows) =
        values.with_untracked(|f| {
            (
                rows(f, "offer", &["title_uk", "title_en", "theme"]),
                rows(f, "project", &["title_uk", "title_en", "theme"]),
                rows(f, "partner", &["name"]),
                rows(f, "name", &["name"]),
                rows(f, "contact", &["name", "email", "phone"]).min(6),
            )
        });
    let date_hint = tr!(i18n, date_hint);
    let fact = move |key: &'static str, label: Signal<String>| {
        view! {
            <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-3">
                <legend class="px-1 font-semibold">{move || label.get()}</legend>
                <Input key=format!("{key}_value") label=tr!(i18n, field_value) />
                <Input key=format!("{key}_source") label=tr!(i18n, field_source) />
                <Input key=format!("{key}_date") label=tr!(i18n, field_date) hint=date_hint />
            </fieldset>
        }
    };
    let person = move |key: String, label: Signal<String>| {
        view! {
            <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                <legend class="px-1 font-semibold">{move || label.get()}</legend>
                <Input key=format!("{key}_name") label=tr!(i18n, field_name) />
                <Input key=format!("{key}_role_uk") label=with_lang(i18n, tr!(i18n, field_role), "uk") />
                <Input key=format!("{key}_role_en") label=with_lang(i18n, tr!(i18n, field_role), "en") />
                {more_languages(i18n, &[(format!("{key}_role"), tr!(i18n, field_role), false)])}
                <Input key=format!("{key}_email") label=tr!(i18n, field_email) kind="email" />
                <Input key=format!("{key}_phone") label=tr!(i18n, field_phone) kind="tel" />
                <Input key=format!("{key}_languages") label=tr!(i18n, contact_languages) hint=tr!(i18n, languages_hint) />
            </fieldset>
        }
    };
    let slug_for_form = slug.clone();
    let slug_for_discard = slug.clone();
    view! {
        <div class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">{t!(i18n, edit_title)}": "{name.clone()}</h1>
            <p>{move || td_string!(i18n.get_locale(), edit_lead, name = edit_lead_name.clone()).to_string()}</p>
            <p class="flex flex-wrap gap-3">
                <a href=card class="underline">{t!(i18n, edit_view_card)}</a>
                <a href=history class="underline">{t!(i18n, history_title)}</a>
            </p>
            <Notice text=notice />
            {has_draft.then(|| view! {
                <ActionForm action=discard>
                    <input type="hidden" name="slug" value=slug_for_discard.clone() />
                    <button type="submit" class="button-secondary">{t!(i18n, edit_discard)}</button>
                </ActionForm>
            })}
        </div>
        <div class="mt-6">{pictures}</div>
        <div class="mt-6 grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <ActionForm action=publish attr:class="space-y-6" attr:novalidate="" attr:data-testid="edit-form" on:input=on_input>
                <FormError error=server />
                <input type="hidden" name="slug" value=slug_for_form.clone() />
                <input type="hidden" name="base_version" value=version.to_string() />
                <LanguageTabs base="about" label=tr!(i18n, section_about) />
                <LanguageTabs base="why_partner" label=tr!(i18n, section_why) />
                <LanguageTabs base="economy" label=tr!(i18n, edit_economy) />
                <fieldset class="space-y-3 rounded border border-stone-300 p-3">
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, edit_identity)}</legend>
                    <Input key="website".to_string() label=tr!(i18n, field_website) kind="url" hint=tr!(i18n, website_hint) />
                    <Choice key="situation".to_string() label=tr!(i18n, field_situation) options=situations />
                    <Choice key="can_host_delegation".to_string() label=tr!(i18n, field_host_delegation) options=tri() />
                    <Choice key="needs_interpreting".to_string() label=tr!(i18n, field_needs_interpreting) options=tri() />
                </fieldset>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, section_facts)}</h2>
                    {fact("population", tr!(i18n, fact_population))}
                    {fact("area_km2", tr!(i18n, fact_area))}
                    {fact("idps", tr!(i18n, fact_idps))}
                    {fact("budget_per_resident_uah", tr!(i18n, fact_budget))}
                </section>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, section_offers)}</h2>
                    <p class="text-sm text-stone-700">{t!(i18n, rows_hint)}</p>
                    {(0..offer_rows).map(|i| view! {
                        <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">{move || format!("{} {}", td_string!(i18n.get_locale(), section_offers), i + 1)}</legend>
                            <Choice key=format!("offer{i}_theme") label=tr!(i18n, field_theme) options=themes() />
                            <div></div>
                            {LIST_LANGS.into_iter().map(|l| view! { <Input key=format!("offer{i}_title_{l}") label=with_lang(i18n, tr!(i18n, field_title), l) /> }).collect_view()}
                            {LIST_LANGS.into_iter().map(|l| view! { <Input key=format!("offer{i}_text_{l}") label=with_lang(i18n, tr!(i18n, field_description), l) multiline=true /> }).collect_view()}
                            {more_languages(i18n, &[(format!("offer{i}_title"), tr!(i18n, field_title), false), (format!("offer{i}_text"), tr!(i18n, field_description), true)])}
                        </fieldset>
                    }).collect_view()}
                </section>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, section_needs)}</h2>
                    {(0..project_rows).map(|i| view! {
                        <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">{move || format!("{} {}", td_string!(i18n.get_locale(), edit_project), i + 1)}</legend>
                            <Choice key=format!("project{i}_theme") label=tr!(i18n, field_theme) options=themes() />
                            <Choice key=format!("project{i}_status") label=tr!(i18n, field_status) options=statuses() />
                            {LIST_LANGS.into_iter().map(|l| view! { <Input key=format!("project{i}_title_{l}") label=with_lang(i18n, tr!(i18n, field_title), l) /> }).collect_view()}
                            {LIST_LANGS.into_iter().map(|l| view! { <Input key=format!("project{i}_description_{l}") label=with_lang(i18n, tr!(i18n, field_description), l) multiline=true /> }).collect_view()}
                            {more_languages(i18n, &[(format!("project{i}_title"), tr!(i18n, field_title), false), (format!("project{i}_description"), tr!(i18n, field_description), true)])}
                            <Input key=format!("project{i}_budget_eur") label=tr!(i18n, field_budget) kind="number" />
                            <Check key=format!("project{i}_urgent") label=tr!(i18n, project_urgent) />
                        </fieldset>
                    }).collect_view()}
                </section>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, section_partners)}</h2>
                    {(0..partner_rows).map(|i| view! {
                        <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">{move || format!("{} {}", td_string!(i18n.get_locale(), edit_partner), i + 1)}</legend>
                            <Input key=format!("partner{i}_name") label=tr!(i18n, field_partner_name) />
                            <Input key=format!("partner{i}_country") label=tr!(i18n, field_country) hint=tr!(i18n, country_hint) />
                            <Input key=format!("partner{i}_since") label=tr!(i18n, field_since) kind="number" />
                            <Choice key=format!("partner{i}_kind") label=tr!(i18n, field_kind) options=kinds() />
                        </fieldset>
                    }).collect_view()}
                </section>
                <fieldset class="space-y-3 rounded border border-stone-300 p-3">
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, seeking_title)}</legend>
                    <Check key="seeking_active".to_string() label=tr!(i18n, field_seeking_active) />
                    <Input key="seeking_countries".to_string() label=tr!(i18n, seeking_countries) hint=tr!(i18n, countries_hint) />
                    <Choice key="seeking_formal".to_string() label=tr!(i18n, field_formal) options=formal />
                    <fieldset class="grid gap-1 sm:grid-cols-2">
                        <legend class="font-semibold">{t!(i18n, seeking_themes)}</legend>
                        {Theme::ALL.into_iter().map(|t| view! {
                            <Check key=format!("seeking_theme_{}", t.key()) label=Signal::derive(move || theme_label(i18n.get_locale(), t)) />
                        }).collect_view()}
                    </fieldset>
                    {LIST_LANGS.into_iter().map(|l| view! { <Input key=format!("seeking_note_{l}") label=with_lang(i18n, tr!(i18n, field_note), l) multiline=true /> }).collect_view()}
                    {more_languages(i18n, &[("seeking_note".to_string(), tr!(i18n, field_note), true)])}
                </fieldset>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, section_contact)}</h2>
                    {person("head".to_string(), tr!(i18n, edit_head))}
                    {(0..contact_rows).map(|i| {
                        let label = Signal::derive(move || format!("{} {}", td_string!(i18n.get_locale(), edit_contact), i + 1));
                        person(format!("contact{i}"), label)
                    }).collect_view()}
                </section>
                <section class="space-y-3">
                    <h2 class="text-xl font-semibold">{t!(i18n, edit_other_names)}</h2>
                    {(0..name_rows).map(|i| view! {
                        <fieldset class="grid gap-3 rounded border border-stone-300 p-3 sm:grid-cols-3">
                            <legend class="px-1 font-semibold">{move || format!("{} {}", td_string!(i18n.get_locale(), edit_other_names), i + 1)}</legend>
                            <Input key=format!("name{i}_name") label=tr!(i18n, field_other_name) />
                            <Input key=format!("name{i}_lang") label=tr!(i18n, field_name_lang) hint=tr!(i18n, languages_hint) />
                            <Check key=format!("name{i}_historic") label=tr!(i18n, field_historic) />
                        </fieldset>
                    }).collect_view()}
                </section>
                <div class="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-stone-300 bg-stone-50 py-3">
                    <button type="submit" class="button-primary">{t!(i18n, edit_publish)}</button>
                    <button type="submit" formaction="/api/save_draft" name="redirect" value="1" class="button-secondary"
                        on:click=move |ev| {
                            // With JavaScript the draft is already saved as one types; this just confirms it.
                            ev.prevent_default();
                            autosave.set(None);
                            schedule_autosave(slug.clone(), version, values, autosave);
                        }>
                        {t!(i18n, edit_save_draft)}
                    </button>
                    <span role="status" class="text-sm text-stone-700" data-testid="autosave">
                        {move || match autosave.get() {
                            Some(true) => td_string!(i18n.get_locale(), edit_autosaved).to_string(),
                            Some(false) => td_string!(i18n.get_locale(), edit_autosave_failed).to_string(),
                            None => String::new(),
                        }}
                    </span>
                </div>
            </ActionForm>
            <aside class="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-labelledby="preview-heading">
                <h2 id="preview-heading" class="text-xl font-semibold">{t!(i18n, edit_preview)}</h2>
                <div class="max-h-[80vh] overflow-auto rounded border border-dashed border-stone-400 bg-white p-4 text-sm" data-testid="preview">
                    {move || preview.get().map(|p| view! {
                        <ProfileSections profile=p.clone() part=1 />
                        <ProfileSections profile=p part=2 />
                    })}
                </div>
            </aside>
        </div>
    }
    .into_any()
}

/// The card's logo and photos: each published as it is uploaded (JPEG, PNG or WebP up to
/// 10 MB, with a description for people who cannot see it). A plain multipart form without
/// JavaScript; with it, the upload shows its progress and can be cancelled.
#[component]
fn Pictures(
    e: Editable,
    refresh: RwSignal<u32>,
    outcome: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveImage>::new();
    Effect::new(move |_| {
        if remove.version().get() > 0 {
            refresh.update(|n| *n += 1);
        }
    });
    let url = expect_context::<EditorUrl>();
    let from_url = Signal::derive(move || {
        let l = i18n.get_locale();
        if let Some(code) = &url.upload_error {
            return Some((false, upload_error_text(l, code)));
        }
        match url.done.as_deref() {
            Some("uploaded") => Some((true, td_string!(l, notice_uploaded).to_string())),
            Some("removed") => Some((true, td_string!(l, notice_removed).to_string())),
            _ => None,
        }
    });
    let progress = RwSignal::new(None::<u32>);
    let status = Signal::derive(move || outcome.get().or_else(|| from_url.get()));
    let slug = e.slug.clone();
    let action = format!("/api/upload/{}", e.slug);
    let images: Vec<(crate::model::profile::Image, bool)> = e
        .logo
        .iter()
        .map(|i| (i.clone(), true))
        .chain(e.photos.iter().map(|i| (i.clone(), false)))
        .collect();
    let on_submit = move |ev: leptos::web_sys::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::{closure::Closure, JsCast};
            use leptos::web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            else {
                return;
            };
            let (Ok(data), Ok(xhr)) = (FormData::new_with_form(&form), XmlHttpRequest::new())
            else {
                return;
            };
            ev.prevent_default();
            if xhr.open("POST", &form.action()).is_err() {
                return;
            }
            let _ = xhr.set_request_header("Accept", "application/json");
            if let Ok(upload) = xhr.upload() {
                let on_progress =
                    Closure::<dyn FnMut(ProgressEvent)>::new(move |p: ProgressEvent| {
                        if p.length_computable() && p.total() > 0.0 {
                            progress.set(Some((p.loaded() / p.total() * 100.0) as u32));
                        }
                    });
                upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
                on_progress.forget();
            }
            let done_xhr = xhr.clone();
            let on_done = Closure::<dyn FnMut()>::new(move || {
                progress.set(None);
                current_upload(None);
                let l = i18n.get_locale_untracked();
                let status = done_xhr.status().unwrap_or(0);
                if status == 0 {
                    outcome.set(Some((false, td_string!(l, upload_cancelled).to_string())));
                } else if (200..300).contains(&status) {
                    outcome.set(Some((true, td_string!(l, notice_uploaded).to_string())));
                    refresh.update(|n| *n += 1);
                } else {
                    let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                    let text = serde_json::from_str::<AppError>(&body)
                        .map(|e| error_text(l, &e))
                        .unwrap_or_else(|_| td_string!(l, error_generic).to_string());
                    outcome.set(Some((false, text)));
                }
            });
            xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
            on_done.forget();
            outcome.set(None);
            progress.set(Some(0));
            if xhr.send_with_opt_form_data(Some(&data)).is_ok() {
                current_upload(Some(xhr));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <section id="pictures" class="space-y-3 rounded border border-stone-300 p-3" aria-labelledby="pictures-heading">
            <h2 id="pictures-heading" class="text-xl font-semibold">{t!(i18n, pictures_title)}</h2>
            <div aria-live="polite">
                {move || status.get().map(|(ok, text)| view! {
                    <p role=if ok { "status" } else { "alert" } data-testid="upload-status"
                        class=if ok { "rounded border border-green-300 bg-green-50 p-3 text-green-900" } else { "rounded border border-red-300 bg-red-50 p-3 text-red-900" }>
                        {text}
                    </p>
                })}
            </div>
            {(!images.is_empty()).then(|| view! {
                <ul class="flex flex-wrap gap-4" data-testid="pictures">
                    {images.into_iter().map(|(img, logo)| {
                        let alt = img.alt.get(i18n.get_locale_untracked().as_str()).map(|t| t.text.to_string()).unwrap_or_default();
                        let src = img.thumb.clone().unwrap_or_else(|| img.url.clone());
                        let (slug, url) = (slug.clone(), img.url.clone());
                        view! {
                            <li class="space-y-1">
                                <img src=src alt=alt class=if logo { "h-24 w-24 object-contain" } else { "h-24 w-auto rounded object-cover" } />
                                {logo.then(|| view! { <p class="text-xs">{t!(i18n, picture_logo)}</p> })}
                                <ActionForm action=remove>
                                    <input type="hidden" name="slug" value=slug />
                                    <input type="hidden" name="url" value=url />
                                    <button type="submit" class="button-secondary">{t!(i18n, picture_remove)}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <form method="post" action=action enctype="multipart/form-data" class="grid gap-3 sm:grid-cols-2" on:submit=on_submit data-testid="upload-form">
                <div class="space-y-1">
                    <label for="upload-kind" class="block font-semibold">{t!(i18n, picture_kind)}</label>
                    <select id="upload-kind" name="kind" class="rounded border border-stone-400 bg-white px-3 py-2">
                        <option value="photo">{t!(i18n, picture_photo)}</option>
                        <option value="logo">{t!(i18n, picture_logo)}</option>
                    </select>
                </div>
                <div class="space-y-1">
                    <label for="upload-file" class="block font-semibold">{t!(i18n, picture_file)}</label>
                    <p id="upload-file-hint" class="text-sm text-stone-700">{t!(i18n, picture_file_hint)}</p>
                    <input id="upload-file" type="file" name="file" required accept="image/jpeg,image/png,image/webp" aria-describedby="upload-file-hint" />
                </div>
                <div class="space-y-1">
                    <label for="upload-alt-uk" class="block font-semibold">{move || format!("{} ({})", td_string!(i18n.get_locale(), picture_alt), language_name(i18n.get_locale(), "uk"))}</label>
                    <input id="upload-alt-uk" name="alt_uk" maxlength=300 aria-describedby="upload-alt-hint" class="block w-full rounded border border-stone-400 bg-white px-3 py-2" />
                </div>
                <div class="space-y-1">
                    <label for="upload-alt-en" class="block font-semibold">{move || format!("{} ({})", td_string!(i18n.get_locale(), picture_alt), language_name(i18n.get_locale(), "en"))}</label>
                    <input id="upload-alt-en" name="alt_en" maxlength=300 aria-describedby="upload-alt-hint" class="block w-full rounded border border-stone-400 bg-white px-3 py-2" />
                </div>
                <p id="upload-alt-hint" class="text-sm text-stone-700 sm:col-span-2">{t!(i18n, picture_alt_hint)}</p>
                <div class="flex flex-wrap items-center gap-3 sm:col-span-2">
                    <button type="submit" class="button-secondary">{t!(i18n, picture_upload)}</button>
                    {move || progress.get().map(|p| view! {
                        <progress max="100" value=p.to_string() aria-label=move || t_string!(i18n, picture_progress).to_string()>{format!("{p}%")}</progress>
                        <button type="button" class="button-secondary" on:click=move |_| {
                            #[cfg(feature = "hydrate")]
                            UPLOAD.with(|u| if let Some(x) = u.borrow().as_ref() { let _ = x.abort(); });
                        }>{t!(i18n, picture_cancel)}</button>
                    })}
                </div>
            </form>
        </section>
    }
}

// The upload in flight, for its Cancel button (browser only: a request object cannot cross
// threads, and the server never has one).
#[cfg(feature = "hydrate")]
thread_local! {
    static UPLOAD: std::cell::RefCell<Option<leptos::web_sys::XmlHttpRequest>> = const { std::cell::RefCell::new(None) };
}

#[cfg(feature = "hydrate")]
fn current_upload(x: Option<leptos::web_sys::XmlHttpRequest>) {
    UPLOAD.with(|u| *u.borrow_mut() = x);
}

fn upload_error_text(l: Locale, code: &str) -> String {
    match code {
        "alt" => td_string!(l, upload_error_alt).to_string(),
        "type" => td_string!(l, err_image_type).to_string(),
        "corrupt" => td_string!(l, err_image_corrupt).to_string(),
        "size" => td_string!(l, upload_error_size).to_string(),
        "count" => td_string!(l, upload_error_count).to_string(),
        "signin" => td_string!(l, err_sign_in_required).to_string(),
        "forbidden" => td_string!(l, err_forbidden).to_string(),
        "rate" => td_string!(l, err_rate_limited, minutes = 60).to_string(),
        "missing" => td_string!(l, upload_error_missing).to_string(),
        _ => td_string!(l, error_generic).to_string(),
    }
}

/// Puts back edits kept in this browser for this version of the card, if they differ from
/// what the server has (its draft or the published card); older ones are dropped.
#[cfg(feature = "hydrate")]
fn restore_local(
    slug: &str,
    version: i64,
    values: RwSignal<Fields>,
    restored: RwSignal<bool>,
    autosave: RwSignal<Option<bool>>,
) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
    let Ok(Some(storage)) = leptos::prelude::window().local_storage() else {
        return;
    };
    let key = format!("c4c-draft-{slug}");
    let Ok(Some(json)) = storage.get_item(&key) else {
        return;
    };
    let Ok((base, fields)) = serde_json::from_str::<(i64, Fields)>(&json) else {
        let _ = storage.remove_item(&key);
        return;
    };
    if base != version {
        let _ = storage.remove_item(&key);
        return;
    }
    let current = values.get_untracked();
    if fields == current {
        return;
    }
    let doc = leptos::prelude::document();
    let keys: std::collections::BTreeSet<String> =
        current.keys().chain(fields.keys()).cloned().collect();
    for k in keys {
        if !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let v = fields.get(&k).cloned().unwrap_or_default();
        let Ok(Some(el)) = doc.query_selector(&format!("[name=\"fields[{k}]\"]")) else {
            continue;
        };
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            if input.type_() == "checkbox" {
                input.set_checked(v == "yes");
            } else {
                input.set_value(&v);
            }
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(&v);
        } else if let Some(sel) = el.dyn_ref::<HtmlSelectElement>() {
            sel.set_value(&v);
        }
    }
    values.set(fields);
    restored.set(true);
    schedule_autosave(slug.to_string(), version, values, autosave);
}

/// Saves the draft a moment after the last change (in the browser, and on the server).
fn schedule_autosave(
    slug: String,
    version: i64,
    values: RwSignal<Fields>,
    status: RwSignal<Option<bool>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        thread_local! {
            static PENDING: std::cell::Cell<Option<leptos::prelude::TimeoutHandle>> = const { std::cell::Cell::new(None) };
        }
        let fields = values.get_untracked();
        // Kept in the browser at once: a lost connection loses nothing.
        if let Ok(Some(storage)) = leptos::prelude::window().local_storage() {
            if let Ok(json) = serde_json::to_string(&(version, &fields)) {
                let _ = storage.set_item(&format!("c4c-draft-{slug}"), &json);
            }
        }
        if let Some(h) = PENDING.with(|p| p.take()) {
            h.clear();
        }
        let handle = leptos::prelude::set_timeout_with_handle(
            move || {
                let fields = values.get_untracked();
                leptos::task::spawn_local(async move {
                    let ok = save_draft(slug, version, fields, String::new())
                        .await
                        .is_ok();
                    status.set(Some(ok));
                });
            },
            Duration::from_millis(800),
        );
        if let Ok(h) = handle {
            PENDING.with(|p| p.set(Some(h)));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (slug, version, values, status);
}

/// Both versions of each field that differs, side by side; the editor picks one per field.
#[component]
fn Conflict(e: Editable, name: String, publish: ServerAction<PublishProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let mine = e.draft.clone().map(|d| d.fields).unwrap_or_default();
    let theirs = e.published.clone();
    let differing = form::changed(&theirs, &mine);
    let server = crate::components::forms::last_error(publish);
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
            <p role="alert" class="rounded border border-yellow-400 bg-yellow-50 p-3">{t!(i18n, err_conflict)}</p>
            <ActionForm action=publish attr:class="space-y-4" attr:data-testid="conflict-form">
                <FormError error=server />
                <input type="hidden" name="slug" value=slug_a />
                <input type="hidden" name="base_version" value=e.version.to_string() />
                {same.into_iter().map(|(k, v)| view! { <input type="hidden" name=format!("fields[{k}]") value=v /> }).collect_view()}
                <table class="w-full border-collapse text-left">
                    <caption class="sr-only">{t!(i18n, conflict_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="border-b p-2">{t!(i18n, conflict_field)}</th>
                            <th scope="col" class="border-b p-2">{t!(i18n, conflict_mine)}</th>
                            <th scope="col" class="border-b p-2">{t!(i18n, conflict_theirs)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {differing.into_iter().map(|k| {
                            let m = mine.get(&k).cloned().unwrap_or_default();
                            let th = theirs.get(&k).cloned().unwrap_or_default();
                            let name = format!("fields[{k}]");
                            let (id_m, id_t) = (format!("m-{k}"), format!("t-{k}"));
                            let label = field_label(i18n.get_locale_untracked(), &k);
                            view! {
                                <tr class="align-top">
                                    <th scope="row" class="border-b p-2 font-semibold">{label}</th>
                                    <td class="border-b p-2">
                                        <input type="radio" id=id_m.clone() name=name.clone() value=m.clone() checked=true class="mr-2" />
                                        <label for=id_m class="whitespace-pre-line">{if m.is_empty() { "—".to_string() } else { m }}</label>
                                    </td>
                                    <td class="border-b p-2">
                                        <input type="radio" id=id_t.clone() name=name value=th.clone() class="mr-2" />
                                        <label for=id_t class="whitespace-pre-line">{if th.is_empty() { "—".to_string() } else { th }}</label>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button-primary">{t!(i18n, conflict_publish)}</button>
            </ActionForm>
            <ActionForm action=discard>
                <input type="hidden" name="slug" value=slug_b />
                <button type="submit" class="button-secondary">{t!(i18n, conflict_discard)}</button>
            </ActionForm>
        </div>
    }
}

/// `/c/{slug}/history`: published versions, what each changed, and restoring one.
#[component]
pub fn HistoryPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let restore = ServerAction::<RestoreRevision>::new();
    let restore_error = crate::components::forms::last_error(restore);
    let data = Resource::new(
        move || (slug.get(), restore.version().get()),
        |(s, _)| history(s),
    );
    let q = use_query_map();
    let notice = Signal::derive(move || {
        (q.read().get("done").as_deref() == Some("restored"))
            .then(|| td_string!(i18n.get_locale(), notice_restored).to_string())
    });
    let title = td_string!(i18n.get_locale_untracked(), history_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="space-y-4">
            <h1 class="text-3xl font-bold text-blue-950">{title}</h1>
            <p><A href=move || crate::components::lang::localize(i18n.get_locale(), &format!("/c/{}/edit", slug.get())) attr:class="underline">{t!(i18n, edit_card)}</A></p>
            <Notice text=notice />
            <FormError error=restore_error />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, history_none)}</p> }.into_any(),
                        Ok(list) => {
                            let newest = list.first().map(|r| r.version).unwrap_or(0);
                            view! {
                                <ol class="space-y-3" data-testid="history">
                                    {list.into_iter().map(|r| {
                                        let when = crate::components::names::utc_minute(r.created_at);
                                        let changed: Vec<String> = r.changed.iter().map(|k| field_label(i18n.get_locale_untracked(), k)).collect();
                                        let s = slug.get_untracked();
                                        view! {
                                            <li class="space-y-2 rounded border border-stone-300 bg-white p-3">
                                                <p class="font-semibold">
                                                    {move || td_string!(i18n.get_locale(), history_version, version = r.version).to_string()}
                                                    " · " {when} " · " {r.author.clone()}
                                                    {r.restored_from.map(|v| view! { " · " {move || td_string!(i18n.get_locale(), history_restored_from, version = v).to_string()} })}
                                                </p>
                                                <details>
                                                    <summary class="cursor-pointer">{move || td_string!(i18n.get_locale(), history_changes, count = changed.len()).to_string()}</summary>
                                                    <Changes slug=s.clone() version=r.version />
                                                </details>
                                                {(r.version != newest).then(|| view! {
                                                    <ActionForm action=restore>
                                                        <input type="hidden" name="slug" value=s.clone() />
                                                        <input type="hidden" name="version" value=r.version.to_string() />
                                                        <input type="hidden" name="base_version" value=newest.to_string() />
                                                        <button type="submit" class="button-secondary">{move || td_string!(i18n.get_locale(), history_restore, version = r.version).to_string()}</button>
                                                    </ActionForm>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            }.into_any()
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
                    Ok(changes) => view! {
                        <table class="mt-2 w-full border-collapse text-left text-sm">
                            <caption class="sr-only">{move || td_string!(i18n.get_locale(), history_version, version = version).to_string()}</caption>
                            <thead><tr>
                                <th scope="col" class="border-b p-1">{t!(i18n, conflict_field)}</th>
                                <th scope="col" class="border-b p-1">{t!(i18n, history_before)}</th>
                                <th scope="col" class="border-b p-1">{t!(i18n, history_after)}</th>
                            </tr></thead>
                            <tbody>
                                {changes.into_iter().map(|c| view! {
                                    <tr class="align-top">
                                        <th scope="row" class="border-b p-1 font-semibold">{field_label(i18n.get_locale_untracked(), &c.field)}</th>
                                        <td class="border-b p-1 whitespace-pre-line"><del>{c.before}</del></td>
                                        <td class="border-b p-1 whitespace-pre-line"><ins>{c.after}</ins></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <p role="alert">{error_text(i18n.get_locale(), &e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
