//! One error type for every way a call can fail.

use std::fmt;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Error bodies kept in [`HttpError`] are cut at this size.
pub const MAX_ERROR_BODY: usize = 1024 * 1024;

/// A non-2xx answer: status, headers and body, with the body parsed when it is JSON.
#[derive(Clone, Debug)]
pub struct HttpError {
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw body (at most [`MAX_ERROR_BODY`] bytes).
    pub body: Bytes,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl HttpError {
    fn field(&self, name: &str) -> Option<&str> {
        self.json.as_ref()?.get(name)?.as_str()
    }

    /// The `message` (or `error`) field of a JSON error body.
    pub fn message(&self) -> Option<&str> {
        self.field("message").or_else(|| self.field("error"))
    }

    /// The `code` field of a JSON error body.
    pub fn code(&self) -> Option<&str> {
        self.field("code")
    }

    /// The `detail` field of a JSON error body.
    pub fn detail(&self) -> Option<&str> {
        self.field("detail")
    }

    /// The JSON body decoded as `T`, if it is JSON of that shape.
    pub fn json_as<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.json.clone()?).ok()
    }
}

/// Why a call failed.
#[derive(Debug)]
pub enum Error {
    /// The client could not be configured (missing app id, bad URL or header).
    Config(String),
    /// The function name is not a valid Base44 function path; nothing was sent.
    InvalidFunctionName(String),
    /// The request did not complete: connection refused, reset, DNS, TLS...
    Transport(String),
    /// No answer within the configured timeout.
    Timeout,
    /// The function answered with a non-2xx status.
    Status(Box<HttpError>),
    /// A 2xx answer whose body does not decode into the expected type.
    Decode {
        /// HTTP status code.
        status: u16,
        /// The raw body.
        body: Bytes,
        /// What serde said.
        message: String,
    },
}

impl Error {
    /// The HTTP error, when the function answered with a non-2xx status.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            Error::Status(h) => Some(h),
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            return Error::Timeout;
        }
        // reqwest's Display includes the URL, never headers: no token can appear here.
        let mut msg = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            source = s.source();
        }
        Error::Transport(msg)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => write!(f, "invalid client configuration: {m}"),
            Error::InvalidFunctionName(n) => write!(f, "invalid function name {n:?}"),
            Error::Transport(m) => write!(f, "request failed: {m}"),
            Error::Timeout => f.write_str("request timed out"),
            Error::Status(h) => match h.message() {
                Some(m) => write!(f, "function answered {}: {m}", h.status),
                None => write!(f, "function answered {}", h.status),
            },
            Error::Decode {
                status, message, ..
            } => {
                write!(f, "cannot decode the {status} response body: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
