//! Handler detection fixtures: one file per case under tests/fixtures/handlers. The first line
//! says what must be found: `// expect: serve|default|legacy <first parameter>` or `// expect: none`.
//! Both finders must find it: the full walk and the one that reads the source text first.

use std::path::Path;

use base44_codegen::extract::{find_handler, find_handler_in, Handler, HandlerStyle, NoHandler};
use base44_codegen::parse::parse_source;
use swc_ecma_ast::{ObjectPatProp, Pat};

fn param_label(pat: &Pat) -> String {
    match pat {
        Pat::Ident(b) => b.id.sym.to_string(),
        Pat::Assign(a) => param_label(&a.left),
        Pat::Object(o) => {
            let keys: Vec<String> = o
                .props
                .iter()
                .map(|p| match p {
                    ObjectPatProp::Assign(a) => a.key.sym.to_string(),
                    ObjectPatProp::KeyValue(_) => "kv".into(),
                    ObjectPatProp::Rest(_) => "...".into(),
                })
                .collect();
            format!("{{{}}}", keys.join(","))
        }
        _ => "?".into(),
    }
}

#[test]
fn handler_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handlers");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for path in cases {
        let text = std::fs::read_to_string(&path).expect("readable");
        let expected = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// expect: "))
            .expect("first line is `// expect: ...`")
            .to_string();
        let display = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let label = |found: Result<Handler, NoHandler>| match found {
            Err(_) => "none".to_string(),
            Ok(h) => {
                let style = match h.style {
                    HandlerStyle::Serve => "serve",
                    HandlerStyle::DefaultExport => "default",
                    HandlerStyle::Legacy => "legacy",
                };
                let first = h
                    .func
                    .params()
                    .first()
                    .map(|p| param_label(p))
                    .unwrap_or("-".into());
                format!("{style} {first}")
            }
        };
        // The expectation line names `serve` itself: blank it, so that the count of that
        // word is the code's own.
        let text = match text.split_once('\n') {
            Some((_, rest)) => format!("\n{rest}"),
            None => String::new(),
        };
        let (mut walked, mut read) = match (
            parse_source(&path, &display, text.clone()),
            parse_source(&path, &display, text.clone()),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{display}: parse error {}", e[0]));
                continue;
            }
        };
        let by_text = label(find_handler_in(&mut read.module, &text));
        let actual = label(find_handler(&mut walked.module));
        if by_text != actual {
            failures.push(format!(
                "{display}: the full walk finds `{actual}`, reading the text first finds `{by_text}`"
            ));
        }
        if actual != expected {
            failures.push(format!(
                "{display}: expected `{expected}`, found `{actual}`"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
