//! The error every server function returns: a small set of domain outcomes that the
//! interface can explain in the reader's language, never internal error text.

use leptos::server_fn::codec::JsonEncoding;
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
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        AppError::Transport
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs the real cause with a fresh id and returns the id-only error for the user.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let request_id = crate::server::request_id();
        tracing::error!(%request_id, error = %cause, "internal error");
        AppError::Internal { request_id }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::internal(e)
    }
}
