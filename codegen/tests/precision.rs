//! Request-field precision and recall on a corpus of real-style functions written by hand in
//! different authors' styles (tests/fixtures/corpus/<case>/, each with the fields a careful
//! reader writes down in expected.json: name → [required, type]). The `t20_` and `t21_` cases
//! are blind trials: written, expectations included, by someone who never ran the tool; two of
//! their expectations were settled by review (a field whose sub-fields are read is an object).
//! Prints the figures and keeps them from sliding back.

use std::collections::BTreeMap;
use std::path::Path;

use base44_codegen::generate;
use base44_codegen::model::{Schema, StringFormat};
use serde_json::Value;

type Defs = BTreeMap<String, base44_codegen::model::TypeDef>;

/// A named type's schema; anything else as it is.
fn resolved<'a>(s: &'a Schema, defs: &'a Defs) -> &'a Schema {
    match s {
        Schema::Ref(name) => defs.get(name).map_or(s, |d| &d.schema),
        other => other,
    }
}

/// The kind a careful reader writes down: a named type is what it names, `T | null` is T's
/// kind, a union of one kind is that kind, any other union is "any".
fn kind(s: &Schema, defs: &Defs) -> &'static str {
    match resolved(s, defs) {
        Schema::String(Some(StringFormat::Binary))
        | Schema::String(_)
        | Schema::Const(_)
        | Schema::Enum(_) => "string",
        Schema::Number | Schema::Integer => "number",
        Schema::Boolean => "boolean",
        Schema::Array(_) | Schema::Tuple { .. } => "array",
        Schema::Object(_) => "object",
        Schema::Union(items) => {
            let mut kinds: Vec<&str> = items
                .iter()
                .filter(|i| **i != Schema::Null)
                .map(|i| kind(i, defs))
                .collect();
            kinds.dedup();
            match kinds.as_slice() {
                [one] => one,
                _ => "any",
            }
        }
        _ => "any",
    }
}

/// Field → (required, kind). A per-action union counts each field once: required when every
/// variant that has it requires it.
fn flat_fields(schema: &Schema, defs: &Defs) -> BTreeMap<String, (bool, &'static str)> {
    let variants: Vec<&Schema> = match resolved(schema, defs) {
        Schema::Union(vs) => vs.iter().map(|v| resolved(v, defs)).collect(),
        other => vec![other],
    };
    let mut out: BTreeMap<String, (bool, &'static str)> = BTreeMap::new();
    for v in variants {
        if let Schema::Object(o) = v {
            for (k, p) in &o.properties {
                let entry = out
                    .entry(k.clone())
                    .or_insert((true, kind(&p.schema, defs)));
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
        let schema = f.request.clone().unwrap_or(Schema::Any);
        let actual = flat_fields(&schema, &g.api.defs);
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
        precision >= 0.98 && recall >= 0.98,
        "precision {precision:.3}, recall {recall:.3}\n{}",
        report.join("\n")
    );
    assert!(
        required >= 0.97 && types >= 0.97,
        "requiredness {required:.3}, types {types:.3}\n{}",
        report.join("\n")
    );
}
