//! The manifest: `base44/.types/functions.json`, JSON Schemas of every function.

use serde_json::{json, Map, Value};

use crate::model::{Api, Function};

/// Manifest format version.
pub const VERSION: u32 = 1;

/// The manifest as a JSON value.
pub fn manifest_value(api: &Api) -> Value {
    let functions: Vec<Value> = api.functions.iter().map(function_value).collect();
    let mut defs = Map::new();
    for (name, def) in &api.defs {
        let mut schema = def.schema.to_json();
        if let (Some(desc), Value::Object(m)) = (&def.description, &mut schema) {
            m.insert("description".into(), Value::String(desc.clone()));
        }
        defs.insert(name.clone(), schema);
    }
    json!({
        "$comment": format!("{} — do not edit; regenerate with `{}`", super::GENERATED_MARKER, super::REGENERATE),
        "version": VERSION,
        "functions": functions,
        "$defs": defs,
    })
}

fn function_value(f: &Function) -> Value {
    let errors: Map<String, Value> = f
        .errors
        .iter()
        .map(|(status, schema)| (status.to_string(), schema.to_json()))
        .collect();
    let mut m = Map::new();
    m.insert("name".into(), json!(f.name));
    m.insert("source".into(), json!(f.source));
    m.insert("input".into(), json!(f.input));
    m.insert(
        "request".into(),
        f.request.as_ref().map_or(Value::Null, |s| s.to_json()),
    );
    m.insert(
        "response".into(),
        f.response.as_ref().map_or(Value::Null, |s| s.to_json()),
    );
    m.insert("errors".into(), Value::Object(errors));
    m.insert("methods".into(), json!(f.methods));
    m.insert("streaming".into(), json!(f.streaming));
    Value::Object(m)
}

/// The manifest file's text: pretty JSON with sorted keys and a trailing newline.
pub fn render(api: &Api) -> String {
    let mut text = serde_json::to_string_pretty(&manifest_value(api)).unwrap_or_default();
    text.push('\n');
    text
}
