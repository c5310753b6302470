//! The error every server function returns: a small set of domain outcomes that the
//! interface can explain in the reader's language, never internal error text.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Something failed on the server; the details are in the server log under this request id.
    #[error("internal error (request {request_id})")]
    Internal { request_id: String },
    /// The request could not be delivered or decoded (network down, malformed call).
    #[error("request failed")]
    Transport,
    /// Fields of a form are not acceptable (every one found, in the form's order); nothing
    /// was changed.
    #[error("invalid input: {problems:?}")]
    Invalid { problems: Vec<FieldProblem> },
    /// This needs a signed-in user.
    #[error("sign in required")]
    SignInRequired,
    /// The signed-in user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Wrong email or password (never saying which).
    #[error("wrong credentials")]
    BadCredentials,
    /// The second factor is missing or wrong.
    #[error("two-factor code required or wrong")]
    SecondFactor,
    /// Someone saved a newer version meanwhile; nothing was overwritten.
    #[error("edit conflict: now at version {current}")]
    Conflict { current: i64 },
    /// A link from an email is unknown, used or expired.
    #[error("link invalid or expired")]
    LinkExpired,
    /// Too many attempts: try again after this many seconds.
    #[error("rate limited ({retry_after}s)")]
    RateLimited { retry_after: u64 },
}

/// One field and why it was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// Why a field was refused: each has a sentence in every interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    Email,
    /// A web address must start with `https://` or `http://`.
    Url,
    CommonPassword,
    Mismatch,
    Taken,
    Code,
    /// The account's address must be confirmed first.
    Unverified,
    /// No account has this address.
    NoAccount,
    /// A date in the form YYYY-MM-DD is needed.
    Date,
    /// Not a JPEG, PNG or WebP picture (whatever the file is called).
    ImageType,
    /// A picture that cannot be read.
    ImageCorrupt,
    /// A whole number between these is needed.
    Number {
        min: i64,
        max: i64,
    },
    /// The only administrator cannot delete their account (appoint another first).
    LastAdmin,
    /// A picture with more pixels than this many megapixels.
    ImagePixels {
        max: usize,
    },
    /// A number (a dot or a comma before the decimals) from 0 below this is needed.
    Decimal {
        max: i64,
    },
    /// Not a country of the list (choose one, or write its name or two-letter code).
    Country,
    /// Not a language of the list.
    Language,
    /// A date after today where only a past date can be (a verification, a census).
    FutureDate,
    /// Consent to the privacy notice is needed to send this.
    Consent,
    /// Sent sooner after the form was shown than a person can fill it in.
    TooFast,
    /// A field people never see was filled in (a robot's doing).
    Automated,
    /// Not a phone number (digits, spaces and + ( ) - . / only).
    Phone,
    /// The municipality must be chosen from the list found (or said not to be listed).
    Choose,
    /// The pair cannot move there from where it stands (or not by this person).
    Move,
    /// Someone moved the pair meanwhile; nothing was changed.
    Moved,
    /// Nothing was selected (a community to introduce, a pair for a bulk action).
    Nothing,
    /// The request is closed: nothing can be added to it.
    Closed,
    /// Not a CSV file with the columns an import reads (or larger than it reads).
    Csv,
}

impl FromServerFnError for AppError {
    type Encoder = crate::codec::JsonText;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        AppError::Transport
    }
}

impl AppError {
    /// The HTTP status that goes with this outcome.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Internal { .. } => 500,
            AppError::Transport | AppError::Invalid { .. } => 400,
            AppError::SignInRequired | AppError::BadCredentials | AppError::SecondFactor => 401,
            AppError::Forbidden => 403,
            AppError::LinkExpired => 410,
            AppError::Conflict { .. } => 409,
            AppError::RateLimited { .. } => 429,
        }
    }

    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        AppError::Invalid {
            problems: vec![FieldProblem {
                field: field.into(),
                problem,
            }],
        }
    }

    /// What is wrong with `field`, if this error is about it.
    pub fn problem_of(&self, field: &str) -> Option<Problem> {
        match self {
            AppError::Invalid { problems } => problems
                .iter()
                .find(|p| p.field == field)
                .map(|p| p.problem),
            _ => None,
        }
    }

    /// The first field refused (the one the form focuses).
    pub fn first_field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { problems } => problems.first().map(|p| p.field.as_str()),
            _ => None,
        }
    }

    /// Whether this error is about fields only (each shown beside its field).
    pub fn is_invalid(&self) -> bool {
        matches!(self, AppError::Invalid { .. })
    }
}

/// What a reader typed into a refused form, as (field name, value) pairs in the form's
/// order, kept by the server for the page the form comes back to (see `platform::echo`;
/// `ui::forms` fills the fields in).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormEcho(pub std::sync::Arc<Vec<(String, String)>>);

impl FormEcho {
    /// The first value sent for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value sent for `name` (a group of checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Checks every field of a form and reports all problems at once: each check's problem is
/// collected (its value taken as the default meanwhile), any other error ends at once, and
/// [`Checks::done`] fails with every problem found.
#[derive(Default)]
pub struct Checks(Vec<FieldProblem>);

impl Checks {
    /// The checked value; on a refused field, its default, with the problem kept.
    pub fn field<T: Default>(&mut self, checked: Result<T, AppError>) -> Result<T, AppError> {
        match checked {
            Ok(v) => Ok(v),
            Err(AppError::Invalid { problems }) => {
                self.0.extend(problems);
                Ok(T::default())
            }
            Err(other) => Err(other),
        }
    }

    /// Adds a problem found by hand.
    pub fn refuse(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldProblem {
            field: field.into(),
            problem,
        });
    }

    pub fn is_clean(&self) -> bool {
        self.0.is_empty()
    }

    /// Fails with every problem found, if any.
    pub fn done(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid { problems: self.0 })
        }
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// The id of the request this task serves (set by `platform::middleware::request_id`).
    pub static REQUEST_ID: String;
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs the real cause under the request's id (the one its log lines carry) and returns
    /// the id-only error for the user.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let request_id = current_request_id();
        tracing::error!(%request_id, error = %cause, "internal error");
        AppError::Internal { request_id }
    }
}

/// The id tower-http gave the request being served: from the request a server function or
/// page is rendering (leptos context), else from the task serving it; `-` outside requests.
#[cfg(feature = "ssr")]
pub fn current_request_id() -> String {
    use leptos::prelude::use_context;
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.extensions
                .get::<tower_http::request_id::RequestId>()
                .and_then(|id| id.header_value().to_str().ok().map(str::to_string))
        })
        .or_else(|| REQUEST_ID.try_with(Clone::clone).ok())
        .unwrap_or_else(|| "-".to_string())
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::internal(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_report_every_problem_in_order() {
        let mut c = Checks::default();
        let a: String = c
            .field(Err(AppError::invalid("name", Problem::Required)))
            .unwrap();
        let b = c.field(Ok::<_, AppError>("x".to_string())).unwrap();
        c.field::<()>(Err(AppError::invalid("email", Problem::Email)))
            .unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("", "x"));
        let e = c.done().unwrap_err();
        assert_eq!(e.first_field(), Some("name"));
        assert_eq!(e.problem_of("email"), Some(Problem::Email));
        assert_eq!(e.problem_of("x"), None);
        let mut c = Checks::default();
        assert_eq!(
            c.field::<()>(Err(AppError::Forbidden)),
            Err(AppError::Forbidden)
        );
        assert!(c.done().is_ok());
    }
}
