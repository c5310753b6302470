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
    /// A field of a form is not acceptable; nothing was changed.
    #[error("invalid {field}: {problem:?}")]
    Invalid { field: String, problem: Problem },
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
            field: field.into(),
            problem,
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
