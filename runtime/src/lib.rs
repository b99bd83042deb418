//! Runtime client for Base44 backend functions (placeholder until the runtime issue lands).

pub use serde;
pub use serde_json;
