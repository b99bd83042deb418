//! Warnings for a text body the handler parses itself: as a URL-encoded form
//! (`new URLSearchParams(await req.text())`) or as JSON from a local that keeps the raw text
//! (`const raw = await req.text(); verify(raw, sig); const event = JSON.parse(raw)`). The input
//! stays text; the warning names the fields read off the parsed value, and which of them a
//! rejection requires.

use super::evidence_schema;
use super::scope::Scope;
use super::sources::Sources;
use crate::extract::handler::Handler;
use crate::extract::types::TypeContext;
use crate::model::Schema;
use crate::parse::ParsedFile;

/// How the handler parses its text body.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextParse {
    /// `new URLSearchParams(text)`, and `Object.fromEntries` of it.
    UrlEncoded,
    /// `JSON.parse(raw)` of a local holding the text.
    Json,
}

/// The warning for a text body parsed as `parse`: the fields it reads (and which of them a
/// rejection requires), and how to send them.
pub fn parsed_text_warning(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    sources: &Sources,
    parse: TextParse,
) -> String {
    let mut scope = Scope::default();
    match parse {
        TextParse::UrlEncoded => {
            for name in &sources.urlencoded {
                if sources.urlencoded_objects.contains(name) {
                    scope.bodies.insert(name.clone());
                } else {
                    scope.getters.insert(name.clone());
                }
            }
        }
        TextParse::Json => scope.bodies.extend(sources.json_texts.iter().cloned()),
    }
    let fields: Vec<(String, bool)> = match evidence_schema(file, handler, types, &mut scope, None)
    {
        Schema::Object(obj) => obj
            .properties
            .into_iter()
            .map(|(k, p)| (k, p.required))
            .collect(),
        _ => Vec::new(),
    };
    let named: Vec<String> = fields
        .iter()
        .map(|(k, required)| {
            if *required {
                format!("`{k}` (required)")
            } else {
                format!("`{k}`")
            }
        })
        .collect();
    let listed = match named.split_last() {
        Some((last, [])) => format!(" {last}"),
        Some((last, rest)) => format!(" {} and {last}", rest.join(", ")),
        None => String::new(),
    };
    match parse {
        TextParse::UrlEncoded => {
            let example = if fields.is_empty() {
                String::new()
            } else {
                let pairs: Vec<String> = fields.iter().map(|(k, _)| format!("{k}=...")).collect();
                format!(" (`{}`)", pairs.join("&"))
            };
            format!(
                "parses its text body as URL-encoded form fields{listed}: the manifest describes the body as text, so callers send the fields encoded as that text{example}; a form-data input would reach it as multipart or JSON, which `URLSearchParams` does not parse"
            )
        }
        TextParse::Json => {
            let reading = if fields.is_empty() {
                String::new()
            } else {
                let noun = if fields.len() == 1 { "field" } else { "fields" };
                format!(", reading {noun}{listed}")
            };
            let example = if fields.is_empty() {
                String::new()
            } else {
                let pairs: Vec<String> = fields
                    .iter()
                    .map(|(k, _)| format!("\"{k}\": ..."))
                    .collect();
                format!(" (`{{{}}}`)", pairs.join(", "))
            };
            format!(
                "parses its body as JSON from its raw text{reading}: the manifest describes the body as text, so callers send that JSON as the text body{example}"
            )
        }
    }
}
