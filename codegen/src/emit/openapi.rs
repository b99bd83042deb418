//! `base44/.types/functions.openapi.json`: an OpenAPI 3.1 document with one
//! `POST /functions/{name}` operation per function (the app-domain path the Base44 docs show),
//! request bodies by input kind, the success response and every error response;
//! `components.schemas` holds the named types.

use serde_json::{json, Map, Value};

use crate::model::{Api, Function, InputKind, ResponseKind};

/// Rewrite `#/$defs/X` references to `#/components/schemas/X`.
fn components(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    if k == "$ref" {
                        let r = v
                            .as_str()
                            .unwrap_or("")
                            .replace("#/$defs/", "#/components/schemas/");
                        (k, Value::String(r))
                    } else {
                        (k, components(v))
                    }
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(components).collect()),
        other => other,
    }
}

fn operation(f: &Function) -> (String, String, Value) {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(f.name));
    op.insert("summary".into(), json!(format!("Invoke `{}`", f.name)));
    op.insert(
        "description".into(),
        json!(f
            .description
            .clone()
            .unwrap_or_else(|| format!("Source: {}", f.source))),
    );
    let mut method = "post";
    if let Some(schema) = &f.request {
        let schema = components(schema.to_json());
        match f.input {
            InputKind::Json | InputKind::Params => {
                op.insert(
                    "requestBody".into(),
                    json!({"required": true, "content": {"application/json": {"schema": schema}}}),
                );
            }
            InputKind::Formdata => {
                op.insert("requestBody".into(), json!({"required": true, "content": {"multipart/form-data": {"schema": schema}}}));
            }
            InputKind::Text => {
                op.insert(
                    "requestBody".into(),
                    json!({"required": true, "content": {"text/plain": {"schema": schema}}}),
                );
            }
            InputKind::Query => {
                method = "get";
                let props = schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let required: Vec<String> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let params: Vec<Value> = props
                    .into_iter()
                    .map(|(name, s)| json!({"name": name, "in": "query", "required": required.contains(&name), "schema": s}))
                    .collect();
                op.insert("parameters".into(), Value::Array(params));
            }
            InputKind::None => {}
        }
    }
    let success = match (f.response_kind, &f.response) {
        (ResponseKind::Json, Some(s)) => {
            json!({"description": "Success", "content": {"application/json": {"schema": components(s.to_json())}}})
        }
        (ResponseKind::Stream, _) => {
            json!({"description": "A stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}})
        }
        (ResponseKind::Text, _) => {
            json!({"description": "Text", "content": {"text/plain": {"schema": {"type": "string"}}}})
        }
        _ => json!({"description": "Success"}),
    };
    let mut responses = Map::new();
    responses.insert("200".into(), success);
    for (status, schema) in &f.errors {
        responses.insert(
            status.to_string(),
            json!({"description": format!("Error {status}"), "content": {"application/json": {"schema": components(schema.to_json())}}}),
        );
    }
    op.insert("responses".into(), Value::Object(responses));
    (
        format!("/functions/{}", f.name),
        method.to_string(),
        Value::Object(op),
    )
}

/// The OpenAPI document as pretty JSON text.
pub fn render(api: &Api) -> String {
    let mut paths = Map::new();
    for f in &api.functions {
        let (path, method, op) = operation(f);
        paths.insert(path, json!({ method: op }));
    }
    let schemas: Map<String, Value> = api
        .defs
        .iter()
        .map(|(name, def)| {
            let mut s = components(def.schema.to_json());
            if let (Some(d), Value::Object(m)) = (&def.description, &mut s) {
                m.insert("description".into(), json!(d));
            }
            (name.clone(), s)
        })
        .collect();
    let doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Base44 functions",
            "version": "1.0.0",
            "description": format!("{} — do not edit; regenerate with `{}`.", super::GENERATED_MARKER, super::REGENERATE),
        },
        "paths": paths,
        "components": {"schemas": schemas},
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
