//! Form pieces shared by every form: labelled fields with their error, the form-wide error,
//! and the sentences for each error in the reader's language.

use crate::error::{AppError, FormEcho, Problem};
use crate::i18n::*;
use leptos::prelude::*;

/// A translated label as a signal that follows the interface language.
macro_rules! tr {
    ($i18n:expr, $key:ident) => {{
        let i18n = $i18n;
        Signal::derive(move || td_string!(i18n.get_locale(), $key).to_string())
    }};
}
pub(crate) use tr;

/// The sentence for a field's problem, in `locale`.
pub fn problem_text(locale: Locale, problem: Problem) -> String {
    let num = |v: i64| crate::lang::labels::format_int(locale, v);
    let n = |v: usize| num(v as i64);
    match problem {
        Problem::Required => td_string!(locale, err_required).to_string(),
        Problem::TooShort { min } => td_string!(locale, err_too_short, min = n(min)).to_string(),
        Problem::TooLong { max } => td_string!(locale, err_too_long, max = n(max)).to_string(),
        Problem::Email => td_string!(locale, err_email).to_string(),
        Problem::Url => td_string!(locale, err_url).to_string(),
        Problem::NoAccount => td_string!(locale, err_no_account).to_string(),
        Problem::CommonPassword => td_string!(locale, err_common_password).to_string(),
        Problem::Mismatch => td_string!(locale, err_mismatch).to_string(),
        Problem::Taken => td_string!(locale, err_taken).to_string(),
        Problem::Code => td_string!(locale, err_code).to_string(),
        Problem::Unverified => td_string!(locale, err_unverified).to_string(),
        Problem::Date => td_string!(locale, err_date).to_string(),
        Problem::Number { min, max } => {
            let (min, max) = (num(min), num(max));
            td_string!(locale, err_number, min, max).to_string()
        }
        Problem::LastAdmin => td_string!(locale, err_last_admin).to_string(),
        Problem::ImageType => td_string!(locale, err_image_type).to_string(),
        Problem::ImageCorrupt => td_string!(locale, err_image_corrupt).to_string(),
        Problem::ImagePixels { max } => {
            td_string!(locale, err_image_pixels, max = n(max)).to_string()
        }
        Problem::Decimal { max } => td_string!(locale, err_decimal, max = num(max)).to_string(),
        Problem::Country => td_string!(locale, err_country).to_string(),
        Problem::Language => td_string!(locale, err_language).to_string(),
        Problem::FutureDate => td_string!(locale, err_future_date).to_string(),
        Problem::Consent => td_string!(locale, err_consent).to_string(),
        Problem::TooFast => td_string!(locale, err_too_fast).to_string(),
        Problem::Automated => td_string!(locale, err_automated).to_string(),
        Problem::Phone => td_string!(locale, err_phone).to_string(),
        Problem::Choose => td_string!(locale, err_choose_place).to_string(),
        Problem::Move => td_string!(locale, err_move).to_string(),
        Problem::Moved => td_string!(locale, err_moved).to_string(),
        Problem::Nothing => td_string!(locale, err_nothing_selected).to_string(),
        Problem::Closed => td_string!(locale, err_request_closed).to_string(),
        Problem::Csv => td_string!(locale, err_csv).to_string(),
    }
}

/// The sentence for an error, in `locale` (for refused fields: the first one's).
pub fn error_text(locale: Locale, e: &AppError) -> String {
    match e {
        AppError::Invalid { problems } => problems
            .first()
            .map(|p| problem_text(locale, p.problem))
            .unwrap_or_else(|| td_string!(locale, err_required).to_string()),
        AppError::SignInRequired => td_string!(locale, err_sign_in_required).to_string(),
        AppError::Forbidden => td_string!(locale, err_forbidden).to_string(),
        AppError::BadCredentials => td_string!(locale, err_bad_credentials).to_string(),
        AppError::SecondFactor => td_string!(locale, err_second_factor).to_string(),
        AppError::LinkExpired => td_string!(locale, err_link_expired).to_string(),
        AppError::Conflict { .. } => td_string!(locale, err_conflict).to_string(),
        AppError::RateLimited { retry_after } => {
            let minutes = retry_after.div_ceil(60).max(1);
            if minutes > 90 {
                let hours = retry_after.div_ceil(3600);
                td_string!(locale, err_rate_limited_hours, hours).to_string()
            } else {
                td_string!(locale, err_rate_limited, minutes).to_string()
            }
        }
        AppError::NotFound => td_string!(locale, not_found_title).to_string(),
        AppError::Internal { request_id } => format!(
            "{} {}",
            td_string!(locale, error_generic),
            td_string!(locale, error_reference, id = request_id)
        ),
        AppError::Transport => td_string!(locale, err_connection).to_string(),
    }
}

/// The error of the last submission, if any.
pub type LastError = Signal<Option<AppError>>;

/// The error of a server action's last result.
pub fn last_error<I, O>(action: ServerAction<I>) -> LastError
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

fn field_error(error: LastError, name: &'static str) -> Signal<Option<Problem>> {
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.problem_of(name))))
}

/// Whether `name` is the first field the last submission's error refused.
fn first_refused(error: LastError, name: &'static str) -> Signal<bool> {
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.first_field()) == Some(name)))
}

/// What a control inside [`framed`] wires up: `aria-invalid` and `aria-describedby`, and
/// focus on the first refused field (set as `autofocus`: it works without JavaScript).
#[derive(Clone, Copy)]
pub struct Wiring {
    pub invalid: Signal<Option<&'static str>>,
    /// The hint's id, and the error's while there is one.
    pub described: Signal<Option<String>>,
    pub focus: Signal<bool>,
}

/// The echo of the form this page came back refused from, if any.
pub fn form_echo() -> Option<FormEcho> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<FormEcho>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// What the reader typed into `name` before the form came back refused, if the server kept
/// it for this page. Forms outside islands render on the server only, so this is all a form
/// needs to come back as it was sent, with JavaScript or without.
pub fn echoed(name: &str) -> Option<String> {
    form_echo().and_then(|e| e.get(name).map(str::to_string))
}

/// The frame every form control shares, wired for screen readers: the label, an optional
/// hint, the control (built by `control`), and the control's error.
pub fn framed<C: IntoView + 'static>(
    label: Signal<String>,
    id: String,
    hint: Option<Signal<String>>,
    problem: Signal<Option<Problem>>,
    focus: Signal<bool>,
    control: impl FnOnce(Wiring) -> C,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = hint.is_some().then(|| format!("{id}-hint"));
    let wiring = Wiring {
        invalid: Signal::derive(move || problem.get().is_some().then_some("true")),
        described: Signal::derive({
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                let ids: Vec<&str> = hint_id
                    .as_deref()
                    .into_iter()
                    .chain(problem.get().is_some().then_some(error_id.as_str()))
                    .collect();
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        }),
        focus,
    };
    view! {
        <div class="space-y-1">
            <label for=id class="block font-semibold">
                {move || label.get()}
            </label>
            {hint
                .map(|h| {
                    view! {
                        <p id=hint_id class="text-sm text-stone-700">
                            {move || h.get()}
                        </p>
                    }
                })}
            {control(wiring)}
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || problem.get().map(|p| problem_text(i18n.get_locale(), p))}
            </p>
        </div>
    }
}

/// A labelled input with its hint and its error.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    /// Unique on the page.
    id: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(default = 254)] maxlength: usize,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    error: LastError,
) -> impl IntoView {
    // A password is never sent back; anything else typed comes back as it was.
    let typed = (kind != "password").then(|| echoed(name)).flatten();
    let focus = first_refused(error, name);
    framed(
        label,
        id.into(),
        hint,
        field_error(error, name),
        focus,
        move |w| {
            view! {
                <input
                    id=id
                    name=name
                    type=kind
                    autocomplete=autocomplete
                    required=required
                    maxlength=maxlength
                    value=move || typed.clone().or_else(|| value.map(|v| v.get()))
                    autofocus=move || w.focus.get()
                    aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full max-w-md rounded border border-stone-400 bg-white px-3 py-2"
                />
            }
        },
    )
}

/// A labelled multi-line input with its hint, its limit and its error. The limit is said,
/// not enforced by the browser (which would silently cut a long paste): the server refuses
/// a longer text and the form comes back with all of it; with JavaScript a counter follows.
#[component]
pub fn TextArea(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    /// Unique on the page.
    #[prop(into)]
    id: String,
    #[prop(default = false)] required: bool,
    #[prop(default = 2000)] maxlength: usize,
    #[prop(default = 4)] rows: usize,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: LastError,
) -> impl IntoView {
    let typed = echoed(name).unwrap_or_default();
    let focus = first_refused(error, name);
    let counter_id = format!("{id}-count");
    let counter = counter_id.clone();
    let used = typed.chars().count();
    framed(
        label,
        id.clone(),
        hint,
        field_error(error, name),
        focus,
        move |w| {
            view! {
                <textarea
                    id=id
                    name=name
                    required=required
                    rows=rows
                    data-limit=maxlength
                    autofocus=move || w.focus.get()
                    aria-invalid=w.invalid
                    aria-describedby=move || {
                        Some(
                            w
                                .described
                                .get()
                                .map(|d| format!("{d} {counter_id}"))
                                .unwrap_or_else(|| counter_id.clone()),
                        )
                    }
                    class="block w-full max-w-xl rounded border border-stone-400 bg-white px-3 py-2"
                >
                    {typed}
                </textarea>
                <LengthCounter id=counter used limit=maxlength />
            }
        },
    )
}

/// A labelled list to choose one of (`options`: value and label), the reader's earlier
/// choice selected when the form comes back.
#[component]
pub fn Select(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    /// Unique on the page.
    #[prop(into)]
    id: String,
    options: Vec<(String, String)>,
    #[prop(optional)] selected: Option<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: LastError,
) -> impl IntoView {
    let chosen = echoed(name).or(selected).unwrap_or_default();
    let focus = first_refused(error, name);
    framed(
        label,
        id.clone(),
        hint,
        field_error(error, name),
        focus,
        move |w| {
            view! {
                <select
                    id=id
                    name=name
                    autofocus=move || w.focus.get()
                    aria-invalid=w.invalid
                    aria-describedby=w.described
                    class="block w-full max-w-md rounded border border-stone-400 bg-white px-3 py-2"
                >
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let on = value == chosen;
                            view! {
                                <option value=value selected=on>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
        },
    )
}

/// A group of checkboxes sent as `name` once per ticked box (`options`: value and label),
/// ticked again when the form comes back.
#[component]
pub fn Checkboxes(
    #[prop(into)] legend: Signal<String>,
    name: &'static str,
    options: Vec<(String, String)>,
    error: LastError,
) -> impl IntoView {
    let ticked = form_echo().map(|e| e.all(name)).unwrap_or_default();
    let problem = field_error(error, name);
    let i18n = use_i18n();
    let error_id = format!("{}-error", name.trim_end_matches("[]"));
    let described = error_id.clone();
    view! {
        <fieldset class="space-y-2" aria-describedby=described>
            <legend class="font-semibold">{move || legend.get()}</legend>
            <div class="grid grid-cols-1 gap-1 sm:grid-cols-2">
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let on = ticked.contains(&value);
                        view! {
                            <label class="flex items-start gap-2">
                                <input
                                    type="checkbox"
                                    name=name
                                    value=value
                                    checked=on
                                    class="mt-1 h-4 w-4"
                                />
                                <span>{text}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || problem.get().map(|p| problem_text(i18n.get_locale(), p))}
            </p>
        </fieldset>
    }
}

/// One checkbox whose label is a sentence (with a link, say): consent to a notice.
#[component]
pub fn Tick(
    name: &'static str,
    id: &'static str,
    error: LastError,
    children: Children,
) -> impl IntoView {
    let on = echoed(name).is_some();
    let problem = field_error(error, name);
    let focus = first_refused(error, name);
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="space-y-1">
            <div class="flex items-start gap-2">
                <input
                    type="checkbox"
                    id=id
                    name=name
                    value="yes"
                    checked=on
                    autofocus=move || focus.get()
                    aria-invalid=move || problem.get().is_some().then_some("true")
                    aria-describedby=described
                    class="mt-1 h-4 w-4"
                />
                <label for=id>{children()}</label>
            </div>
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || problem.get().map(|p| problem_text(i18n.get_locale(), p))}
            </p>
        </div>
    }
}

/// "123 of 2,000 characters"; without `used`, the template `forms.js` fills in.
fn counter_text(l: Locale, used: Option<usize>, limit: usize) -> String {
    let num = |v: usize| crate::lang::labels::format_int(l, v as i64);
    let used = used.map(num).unwrap_or_else(|| "{used}".into());
    td_string!(l, length_counter, used, limit = num(limit)).to_string()
}

/// "123 of 2,000 characters": the limit of a long text, and (with JavaScript, by
/// `forms.js`) how much of it is used as the reader types.
#[component]
pub fn LengthCounter(id: String, used: usize, limit: usize) -> impl IntoView {
    let i18n = use_i18n();
    let over = used > limit;
    view! {
        <p
            id=id
            class="text-sm"
            class:text-stone-700=!over
            class:font-semibold=over
            class:text-red-800=over
            data-template=move || counter_text(i18n.get_locale(), None, limit)
        >
            {move || counter_text(i18n.get_locale(), Some(used), limit)}
        </p>
    }
}

/// The error of a submission: one not about a field as a sentence; refused fields as a
/// summary saying how many (each field shows its own problem beside it).
#[component]
pub fn FormError(error: LastError) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| match &error {
            AppError::Invalid { problems } => {
                let n = problems.len();
                view! {
                    <p
                        role="alert"
                        class="rounded border border-red-300 bg-red-50 p-3 text-red-900"
                        data-testid="form-problems"
                    >
                        {move || {
                            let l = i18n.get_locale();
                            if n == 1 {
                                td_string!(l, form_problems_one).to_string()
                            } else {
                                td_string!(l, form_problems_many, n = n).to_string()
                            }
                        }}
                    </p>
                }
                .into_any()
            }
            _ => view! { <ErrorText error /> }.into_any(),
        })
    }
}

/// An error as a sentence in the reader's language, announced as an alert.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p role="alert" class="rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {error_text(i18n.get_locale(), &error)}
        </p>
    }
}
