//! `base44/.types/functions.openapi.json`: an OpenAPI 3.1 document with one
//! `POST /functions/{name}` operation per function (the app-domain path the Base44 docs show),
//! request bodies by input kind, the success response and every error response;
//! `components.schemas` holds the named types.

use super::json::JsonWriter;
use super::manifest::sorted_statuses;
use super::schema_json::{write_schema, RefBase};
use crate::model::{Api, Function, InputKind, ResponseKind, Schema};

/// The OpenAPI document as pretty JSON text.
pub fn render(api: &Api) -> String {
    let mut w = JsonWriter::with_capacity(3072 * (api.functions.len() + api.defs.len()) + 256);
    w.object(|w| {
        w.key("components");
        w.object(|w| {
            w.key("schemas");
            w.object(|w| {
                for (name, def) in &api.defs {
                    w.key(name);
                    write_schema(
                        w,
                        &def.schema,
                        def.description.as_deref(),
                        RefBase::Components,
                    );
                }
            });
        });
        w.key("info");
        w.object(|w| {
            w.key("description");
            w.string(&format!(
                "{} — do not edit; regenerate with `{}`.",
                super::GENERATED_MARKER,
                super::REGENERATE
            ));
            w.key("title");
            w.string("Base44 functions");
            w.key("version");
            w.string("1.0.0");
        });
        w.key("openapi");
        w.string("3.1.0");
        w.key("paths");
        w.object(|w| {
            // Function names are unique and sorted, so their paths are too.
            for f in &api.functions {
                w.key(&format!("/functions/{}", f.name));
                w.object(|w| {
                    w.key(if f.input == InputKind::Query && f.request.is_some() {
                        "get"
                    } else {
                        "post"
                    });
                    operation(w, f);
                });
            }
        });
    });
    w.finish()
}

fn operation(w: &mut JsonWriter, f: &Function) {
    w.object(|w| {
        w.key("description");
        match &f.description {
            Some(d) => w.string(d),
            None => w.string2("Source: ", &f.source),
        }
        w.key("operationId");
        w.string(&f.name);
        if let Some(schema) = &f.request {
            match f.input {
                InputKind::Query => {
                    w.key("parameters");
                    query_parameters(w, schema);
                }
                InputKind::Json | InputKind::Params => request_body(w, "application/json", schema),
                InputKind::Formdata => request_body(w, "multipart/form-data", schema),
                InputKind::Text => request_body(w, "text/plain", schema),
                InputKind::None => {}
            }
        }
        w.key("responses");
        w.object(|w| {
            let statuses = sorted_statuses(f);
            let mut success = false;
            for (status, schema) in &statuses {
                if !success && status.as_str() > "200" {
                    success_response(w, f);
                    success = true;
                }
                if status == "200" {
                    // An error body documented under 200 would replace the success entry.
                    success = true;
                }
                w.key(status);
                content(w, "application/json", schema, &format!("Error {status}"));
            }
            if !success {
                success_response(w, f);
            }
        });
        w.key("summary");
        w.string(&format!("Invoke `{}`", f.name));
    });
}

fn success_response(w: &mut JsonWriter, f: &Function) {
    w.key("200");
    match (f.response_kind, &f.response) {
        (ResponseKind::Json, Some(s)) => content(w, "application/json", s, "Success"),
        (ResponseKind::Stream, _) => content(w, "text/event-stream", &Schema::string(), "A stream"),
        (ResponseKind::Text, _) => content(w, "text/plain", &Schema::string(), "Text"),
        _ => w.object(|w| {
            w.key("description");
            w.string("Success");
        }),
    }
}

/// The `"content": {mime: {"schema": ...}}` entry of a response or request body.
fn media(w: &mut JsonWriter, mime: &str, schema: &Schema) {
    w.key("content");
    w.object(|w| {
        w.key(mime);
        w.object(|w| {
            w.key("schema");
            write_schema(w, schema, None, RefBase::Components);
        });
    });
}

/// A response: `{"content": ..., "description": ...}`.
fn content(w: &mut JsonWriter, mime: &str, schema: &Schema, description: &str) {
    w.object(|w| {
        media(w, mime, schema);
        w.key("description");
        w.string(description);
    });
}

fn request_body(w: &mut JsonWriter, mime: &str, schema: &Schema) {
    w.key("requestBody");
    w.object(|w| {
        media(w, mime, schema);
        w.key("required");
        w.bool(true);
    });
}

/// One `in: query` parameter per property of an object request (none for other shapes).
fn query_parameters(w: &mut JsonWriter, schema: &Schema) {
    w.array(|w| {
        let Schema::Object(obj) = schema else {
            return;
        };
        for (name, prop) in &obj.properties {
            w.item();
            w.object(|w| {
                w.key("in");
                w.string("query");
                w.key("name");
                w.string(name);
                w.key("required");
                w.bool(prop.required);
                w.key("schema");
                write_schema(
                    w,
                    &prop.schema,
                    prop.description.as_deref(),
                    RefBase::Components,
                );
            });
        }
    });
}
