//! The Rust client for Base44 backend functions, wire-compatible with the official
//! `@base44/sdk`: the generated typed bindings call it, and it can be used directly.
//!
//! ```no_run
//! # async fn run() -> Result<(), base44_runtime::Error> {
//! use base44_runtime::Client;
//!
//! let client = Client::builder()
//!     .app_id("my-app-id")
//!     .token(std::env::var("BASE44_TOKEN").unwrap_or_default())
//!     .build()?;
//! let answer: serde_json::Value = client
//!     .functions()
//!     .invoke("orders/cancel", &serde_json::json!({ "orderId": "o_1" }))
//!     .await?;
//! println!("{answer}");
//! # Ok(()) }
//! ```

#[cfg(feature = "blocking")]
pub mod blocking;
mod call;
mod client;
mod error;
mod form;
mod functions;
mod secret;

pub use call::{Answer, Payload};
pub use client::{Client, ClientBuilder, DEFAULT_SERVER_URL, DEFAULT_TIMEOUT};
pub use error::{Error, HttpError, MAX_ERROR_BODY};
pub use form::{FileUpload, Form};
pub use functions::{
    validate_function_name, ByteStream, FetchRequest, FetchResponse, Functions, ACCEPT_VALUE,
};
pub use reqwest::Method;
pub use secret::Secret;

// Generated code reaches its dependencies through these, so a user crate needs only
// `macros` and `runtime`.
pub use bytes;
pub use futures_util;
pub use serde;
pub use serde_json;
