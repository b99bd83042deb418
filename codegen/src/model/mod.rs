//! Model: the IR every emitter reads. Functions plus named type definitions; JSON Schema
//! (2020-12) is its serialized form (see [`schema`]).

mod properties;
mod schema;

use std::collections::BTreeMap;

use serde::Serialize;

pub use properties::Properties;
pub use schema::{Literal, ObjectType, Property, Schema, StringFormat};

/// How a function reads its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// `await req.json()`.
    Json,
    /// `await req.formData()`.
    Formdata,
    /// `new URL(req.url).searchParams`.
    Query,
    /// `await req.text()` (webhooks and raw bodies).
    Text,
    /// The function reads no input.
    None,
    /// Legacy `handler({ a, b }, ctx)`: the parameters object.
    Params,
}

/// What a successful response carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseKind {
    /// A JSON body (described by `response`).
    Json,
    /// A text body (plain text, CSV, SVG, HTML...).
    Text,
    /// A streamed body (SSE, `ReadableStream`).
    Stream,
    /// The kind could not be determined (raw bytes).
    Unknown,
}

/// One backend function as the emitters see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// Deployed name, `/`-separated (`orders/create`).
    pub name: String,
    /// Entry file relative to the app root.
    pub source: String,
    /// How the input is read.
    pub input: InputKind,
    /// JSON Schema of the input; `None` when the function reads no input.
    pub request: Option<Schema>,
    /// JSON Schema of the 2xx JSON body; `None` when the body is not JSON.
    pub response: Option<Schema>,
    /// What the 2xx body is.
    pub response_kind: ResponseKind,
    /// Error status → body schema (`Schema::Any` when unknown).
    pub errors: BTreeMap<u16, Schema>,
    /// HTTP methods the code accepts, when it restricts them.
    pub methods: Option<Vec<String>>,
    /// Whether the success response is a stream.
    pub streaming: bool,
    /// JSDoc on the handler, if any.
    pub description: Option<String>,
}

/// A named type: a TS interface, alias or enum, emitted once and referenced by name.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The type's shape.
    pub schema: Schema,
    /// JSDoc on the declaration.
    pub description: Option<String>,
}

/// The whole IR of an app: what every emitter reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    /// Functions sorted by name.
    pub functions: Vec<Function>,
    /// Named types by name (`$defs`).
    pub defs: BTreeMap<String, TypeDef>,
}
