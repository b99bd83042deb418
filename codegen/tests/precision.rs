//! Request-field precision and recall on a corpus of real-style functions written by hand in
//! different authors' styles (tests/fixtures/corpus/<case>/, each with the fields a careful
//! reader writes down in expected.json: name → [required, type]). Prints the figures and keeps
//! them from sliding back.

use std::collections::BTreeMap;
use std::path::Path;

use base44_codegen::generate;
use base44_codegen::model::{Schema, StringFormat};
use serde_json::Value;

fn kind(s: &Schema) -> &'static str {
    match s {
        Schema::String(Some(StringFormat::Binary))
        | Schema::String(_)
        | Schema::Const(_)
        | Schema::Enum(_) => "string",
        Schema::Number | Schema::Integer => "number",
        Schema::Boolean => "boolean",
        Schema::Array(_) | Schema::Tuple { .. } => "array",
        Schema::Object(_) => "object",
        _ => "any",
    }
}

/// Field → (required, kind). A per-action union counts each field once: required when every
/// variant that has it requires it.
fn flat_fields(schema: &Schema) -> BTreeMap<String, (bool, &'static str)> {
    let variants: Vec<&Schema> = match schema {
        Schema::Union(vs) => vs.iter().collect(),
        other => vec![other],
    };
    let mut out: BTreeMap<String, (bool, &'static str)> = BTreeMap::new();
    for v in variants {
        if let Schema::Object(o) = v {
            for (k, p) in &o.properties {
                let entry = out.entry(k.clone()).or_insert((true, kind(&p.schema)));
                entry.0 &= p.required;
            }
        }
    }
    out
}

#[test]
fn request_fields_match_a_careful_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    let (mut found, mut expected, mut hits, mut req_ok, mut type_ok) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for case in &cases {
        let exp: Value = serde_json::from_str(
            &std::fs::read_to_string(case.join("expected.json")).expect("expected"),
        )
        .expect("json");
        let g = generate(case);
        let f = g.api.functions.first().expect("one function");
        if exp == Value::String("text".into()) {
            assert_eq!(f.request, Some(Schema::string()), "{}", case.display());
            continue;
        }
        let mut schema = f.request.clone().unwrap_or(Schema::Any);
        if let Schema::Ref(name) = &schema {
            schema = g
                .api
                .defs
                .get(name)
                .map(|d| d.schema.clone())
                .unwrap_or(Schema::Any);
        }
        let actual = flat_fields(&schema);
        let want: BTreeMap<String, (bool, String)> = exp
            .as_object()
            .expect("object")
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    (
                        v[0].as_bool().unwrap_or(false),
                        v[1].as_str().unwrap_or("").to_string(),
                    ),
                )
            })
            .collect();
        found += actual.len();
        expected += want.len();
        for (name, (req, ty)) in &want {
            if let Some((areq, aty)) = actual.get(name) {
                hits += 1;
                req_ok += usize::from(areq == req);
                type_ok += usize::from(aty == ty);
                if areq != req || aty != ty {
                    report.push(format!(
                        "{}: {name}: expected ({req}, {ty}), got ({areq}, {aty})",
                        case.display()
                    ));
                }
            } else {
                report.push(format!("{}: {name}: missed", case.display()));
            }
        }
        for name in actual.keys().filter(|k| !want.contains_key(*k)) {
            report.push(format!("{}: {name}: invented", case.display()));
        }
    }
    let precision = hits as f64 / found.max(1) as f64;
    let recall = hits as f64 / expected.max(1) as f64;
    let required = req_ok as f64 / hits.max(1) as f64;
    let types = type_ok as f64 / hits.max(1) as f64;
    eprintln!(
        "{} functions, {expected} fields: precision {precision:.3}, recall {recall:.3}, requiredness {required:.3}, types {types:.3}\n{}",
        cases.len(),
        report.join("\n")
    );
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}\n{}",
        report.join("\n")
    );
    assert!(
        required >= 0.9 && types >= 0.9,
        "requiredness {required:.3}, types {types:.3}\n{}",
        report.join("\n")
    );
}
