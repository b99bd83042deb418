//! The manifest and OpenAPI texts are written without a `serde_json::Value` tree; they must be
//! exactly what serde_json prints for the same document (sorted keys, its indentation and
//! escapes), and every schema exactly what `Schema::to_json` describes.

use std::path::{Path, PathBuf};

use base44_codegen::corpus::{write_corpus, CorpusSpec};
use base44_codegen::emit::json::JsonWriter;
use base44_codegen::emit::schema_json::{write_schema, RefBase};
use base44_codegen::emit::{manifest, openapi};
use base44_codegen::generate;
use base44_codegen::model::Schema;

/// serde_json's own pretty print of `text`, parsed: equal to `text` only when `text` already
/// is serde_json's rendering (keys sorted, same layout, same escapes).
fn reprinted(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let mut out = serde_json::to_string_pretty(&value).expect("print");
    out.push('\n');
    out
}

fn schema_text(schema: &Schema) -> serde_json::Value {
    let mut w = JsonWriter::default();
    write_schema(&mut w, schema, None, RefBase::Defs);
    serde_json::from_str(&w.finish()).expect("valid JSON")
}

fn apps() -> Vec<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut apps = vec![manifest_dir.join("../examples/app")];
    for dir in ["tests/fixtures/extract", "tests/fixtures/apps"] {
        let Ok(entries) = std::fs::read_dir(manifest_dir.join(dir)) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("base44").is_dir())
            .collect();
        found.sort();
        apps.extend(found);
    }
    apps
}

fn check(app: &Path) -> usize {
    let api = generate(app).api;
    let m = manifest::render(&api);
    assert_eq!(m, reprinted(&m), "manifest of {}", app.display());
    let o = openapi::render(&api);
    assert_eq!(o, reprinted(&o), "OpenAPI of {}", app.display());
    let mut schemas = 0;
    for f in &api.functions {
        for s in f.request.iter().chain(&f.response).chain(f.errors.values()) {
            assert_eq!(
                schema_text(s),
                s.to_json(),
                "{} in {}",
                f.name,
                app.display()
            );
            schemas += 1;
        }
    }
    for def in api.defs.values() {
        assert_eq!(schema_text(&def.schema), def.schema.to_json());
        schemas += 1;
    }
    schemas
}

#[test]
fn fixtures_and_example_app_print_as_serde_json_does() {
    let apps = apps();
    assert!(apps.len() > 60, "fixture apps found: {}", apps.len());
    let schemas: usize = apps.iter().map(|a| check(a)).sum();
    assert!(schemas > 150, "schemas compared: {schemas}");
}

#[test]
fn synthetic_corpus_prints_as_serde_json_does() {
    let tmp = tempfile::tempdir().expect("tmp");
    write_corpus(
        tmp.path(),
        CorpusSpec {
            functions: 300,
            seed: 7,
        },
    )
    .expect("corpus");
    assert!(check(tmp.path()) > 300);
}
