//! The editor's controls: inputs wired to the editor's state, choices, boxes, the long
//! texts in language tabs, the other languages folded away, and the option lists.

use super::{field_id, EditorState};
use crate::i18n::*;
use crate::lang::labels::language_name;
use crate::profiles::form::keys::{FieldKey, FieldKind, Lang, LongText};
use crate::profiles::form::{self as form, Fields, MAX_ROWS, OTHER_LANGS};
use crate::profiles::labels::{partner_kind_label, situation_label, status_label, theme_label};
use crate::profiles::model::{PartnerKind, ProjectStatus, Situation, Theme, LANGUAGES};
use leptos::prelude::*;

/// One input of the editor: a text area for the field kinds that hold paragraphs.
#[component]
pub(super) fn Input(
    key: FieldKey,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let ctx = expect_context::<EditorState>();
    let multiline = key.kind() == FieldKind::Long;
    let key = key.name();
    let id = field_id(&key);
    let name = format!("fields[{key}]");
    let initial = ctx.value(&key);
    let problem = Signal::derive(move || ctx.problem(&key));
    let max = if multiline {
        form::LONG_MAX
    } else {
        form::SHORT_MAX
    };
    let focus = Signal::derive(|| false);
    crate::ui::forms::framed(label, id.clone(), hint, problem, focus, move |w| {
        if multiline {
            view! {
                <textarea
                    id=id
                    name=name
                    rows=6
                    maxlength=max
                    aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full rounded border border-stone-400 bg-white px-3 py-2"
                >
                    {initial}
                </textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    id=id
                    name=name
                    type=kind
                    value=initial
                    maxlength=max
                    aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full rounded border border-stone-400 bg-white px-3 py-2"
                />
            }
            .into_any()
        }
    })
}

/// A choice from a fixed list (the first option is "not stated").
#[component]
pub(super) fn Choice(
    key: FieldKey,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorState>();
    let key = key.name();
    let id = field_id(&key);
    let current = ctx.value(&key);
    // A stored value the list does not hold stays chosen (and is refused with its reason),
    // rather than silently replaced by the first option.
    let mut options = options;
    if !current.is_empty() && !options.iter().any(|(v, _)| *v == current) {
        options.push((current.clone(), current.clone()));
    }
    let problem = Signal::derive({
        let key = key.clone();
        move || ctx.problem(&key)
    });
    let error_id = format!("{id}-error");
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block font-semibold">
                {move || label.get()}
            </label>
            <select
                id=id
                name=format!("fields[{key}]")
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=error_id.clone()
                class="max-w-full rounded border border-stone-400 bg-white px-3 py-2"
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == current;
                        view! {
                            <option value=value selected=selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || {
                    problem.get().map(|p| crate::ui::forms::problem_text(i18n.get_locale(), p))
                }}
            </p>
        </div>
    }
}

/// A yes/no box (posts `yes` when ticked).
#[component]
pub(super) fn Check(key: FieldKey, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let ctx = expect_context::<EditorState>();
    let key = key.name();
    let id = field_id(&key);
    let checked = ctx.value(&key) == "yes";
    view! {
        <div class="flex items-center gap-2">
            <input
                id=id.clone()
                type="checkbox"
                name=format!("fields[{key}]")
                value="yes"
                checked=checked
                class="h-5 w-5"
            />
            <label for=id>{move || label.get()}</label>
        </div>
    }
}

/// A long text in every language, one tab per language (all shown without JavaScript).
#[component]
pub(super) fn LanguageTabs(text: LongText, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new("uk");
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let ctx = expect_context::<EditorState>();
    let base = text.key();
    view! {
        <fieldset class="space-y-2">
            <legend class="sr-only">{move || label.get()}</legend>
            <div role="tablist" class="flex flex-wrap gap-1" hidden=move || !scripted.get()>
                {LANGUAGES
                    .into_iter()
                    .map(|l| {
                        let name = FieldKey::Long(text, l).name();
                        let filled = move || {
                            ctx.values.with(|f| f.get(&name).is_some_and(|v| !v.trim().is_empty()))
                        };
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{base}-{l}")
                                aria-selected=move || (selected.get() == l).to_string()
                                aria-controls=format!("panel-{base}-{l}")
                                class="lang-button"
                                on:click=move |_| selected.set(l)
                            >
                                {move || language_name(i18n.get_locale(), l)}
                                {move || filled().then_some(" ✓")}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {LANGUAGES
                .into_iter()
                .map(|l| {
                    let label = with_lang(i18n, label, l);
                    view! {
                        <div
                            id=format!("panel-{base}-{l}")
                            role=move || scripted.get().then_some("tabpanel")
                            aria-labelledby=move || {
                                scripted.get().then(|| format!("tab-{base}-{l}"))
                            }
                            hidden=move || scripted.get() && selected.get() != l
                        >
                            <Input
                                key=FieldKey::Long(text, l)
                                label
                                hint=Signal::derive(move || {
                                    td_string!(i18n.get_locale(), markdown_hint).to_string()
                                })
                            />
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// "Label (Language)".
pub(super) fn with_lang(
    i18n: leptos_i18n::I18nContext<Locale>,
    label: Signal<String>,
    lang: Lang,
) -> Signal<String> {
    Signal::derive(move || {
        format!(
            "{} ({})",
            label.get(),
            language_name(i18n.get_locale(), lang)
        )
    })
}

/// A text of a list row in one language: which field, given the language.
pub(super) type TextIn = (fn(usize, Lang) -> FieldKey, usize, Signal<String>);

/// The same texts in the other four languages, folded away.
pub(super) fn more_languages(
    i18n: leptos_i18n::I18nContext<Locale>,
    texts: Vec<TextIn>,
) -> impl IntoView {
    let inputs = OTHER_LANGS
        .into_iter()
        .flat_map(|l| {
            texts.iter().map(move |(key, row, label)| {
                view! { <Input key=key(*row, l) label=with_lang(i18n, *label, l) /> }
            })
        })
        .collect_view();
    view! {
        <details class="sm:col-span-2">
            <summary class="cursor-pointer">
                {move || td_string!(i18n.get_locale(), edit_more_languages).to_string()}
            </summary>
            <div class="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">{inputs}</div>
        </details>
    }
}

/// How many rows of a list to show: the filled ones and two empty.
pub(super) fn rows(values: &Fields, in_list: fn(&FieldKey) -> bool) -> usize {
    let filled = values
        .keys()
        .filter_map(|k| FieldKey::parse(k))
        .filter(in_list)
        .filter_map(|k| k.row())
        .max()
        .map(|i| i + 1)
        .unwrap_or(0);
    (filled + 2).min(MAX_ROWS)
}

/// (value, label) pairs of a choice.
pub(super) type Options = Vec<(String, String)>;

fn options<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: impl Fn(T) -> String) -> Options {
    all.iter()
        .map(|t| (key(*t).to_string(), label(*t)))
        .collect()
}

pub(super) fn situation_options(l: Locale) -> Options {
    let stated: Vec<Situation> = Situation::ALL
        .into_iter()
        .filter(|s| *s != Situation::Occupied)
        .collect();
    std::iter::once((String::new(), td_string!(l, situation_none).to_string()))
        .chain(options(&stated, Situation::key, |s| situation_label(l, s)))
        .collect()
}

pub(super) fn tri_options(l: Locale) -> Options {
    vec![
        (String::new(), td_string!(l, option_unknown).to_string()),
        ("yes".to_string(), td_string!(l, option_yes).to_string()),
        ("no".to_string(), td_string!(l, option_no).to_string()),
    ]
}

pub(super) fn theme_options(l: Locale) -> Options {
    std::iter::once((String::new(), "—".to_string()))
        .chain(options(&Theme::ALL, Theme::key, |t| theme_label(l, t)))
        .collect()
}

pub(super) fn status_options(l: Locale) -> Options {
    options(&ProjectStatus::ALL, ProjectStatus::key, |s| {
        status_label(l, s)
    })
}

pub(super) fn partner_kind_options(l: Locale) -> Options {
    let order = [
        PartnerKind::Solidarity,
        PartnerKind::Formal,
        PartnerKind::Intent,
    ];
    options(&order, PartnerKind::key, |k| partner_kind_label(l, k))
}

pub(super) fn formal_options(l: Locale) -> Options {
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
}
