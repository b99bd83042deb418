//! The manifest: `base44/.types/functions.json`, JSON Schemas of every function.

use super::json::JsonWriter;
use super::schema_json::{write_schema, RefBase};
use crate::model::{Api, Function, InputKind};

/// Manifest format version.
pub const VERSION: u32 = 1;

/// The manifest file's text: pretty JSON with sorted keys and a trailing newline.
pub fn render(api: &Api) -> String {
    // About 1.7 KB per function in real-style apps; one allocation up front.
    let mut w = JsonWriter::with_capacity(2048 * (api.functions.len() + api.defs.len()) + 256);
    w.object(|w| {
        w.key("$comment");
        w.string(&format!(
            "{} — do not edit; regenerate with `{}`",
            super::GENERATED_MARKER,
            super::REGENERATE
        ));
        w.key("$defs");
        w.object(|w| {
            for (name, def) in &api.defs {
                w.key(name);
                write_schema(w, &def.schema, def.description.as_deref(), RefBase::Defs);
            }
        });
        w.key("functions");
        w.array(|w| {
            for f in &api.functions {
                w.item();
                function(w, f);
            }
        });
        w.key("version");
        w.uint(VERSION as usize);
    });
    w.finish()
}

fn function(w: &mut JsonWriter, f: &Function) {
    w.object(|w| {
        w.key("errors");
        w.object(|w| {
            for (status, schema) in sorted_statuses(f) {
                w.key(&status);
                write_schema(w, schema, None, RefBase::Defs);
            }
        });
        w.key("input");
        w.string(input_name(f.input));
        w.key("methods");
        match &f.methods {
            Some(methods) => w.array(|w| {
                for m in methods {
                    w.item();
                    w.string(m);
                }
            }),
            None => w.null(),
        }
        w.key("name");
        w.string(&f.name);
        w.key("request");
        optional_schema(w, f.request.as_ref());
        w.key("response");
        optional_schema(w, f.response.as_ref());
        w.key("source");
        w.string(&f.source);
        w.key("streaming");
        w.bool(f.streaming);
    });
}

fn optional_schema(w: &mut JsonWriter, schema: Option<&crate::model::Schema>) {
    match schema {
        Some(s) => write_schema(w, s, None, RefBase::Defs),
        None => w.null(),
    }
}

/// Error statuses as JSON keys, in the order a JSON object sorts them (as text).
pub(crate) fn sorted_statuses(f: &Function) -> Vec<(String, &crate::model::Schema)> {
    let mut out: Vec<_> = f.errors.iter().map(|(s, v)| (s.to_string(), v)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The manifest's name for an input kind.
pub fn input_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Json => "json",
        InputKind::Formdata => "formdata",
        InputKind::Query => "query",
        InputKind::Text => "text",
        InputKind::None => "none",
        InputKind::Params => "params",
    }
}
