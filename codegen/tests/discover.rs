//! Discovery fixtures: one folder per case under tests/fixtures/discover, each with an
//! `expected.txt` listing the functions found (`fn NAME SOURCE`) and the diagnostics (`diag ...`).

use std::path::Path;

use base44_codegen::discover::discover;

fn run_case(dir: &Path) -> String {
    let found = discover(dir);
    let mut lines: Vec<String> = found
        .functions
        .iter()
        .map(|f| format!("fn {} {}", f.name, f.source))
        .collect();
    lines.extend(found.diagnostics.iter().map(|d| {
        let mut d = d.clone();
        d.snippet = None;
        format!("diag {d}")
    }));
    lines.join("\n") + "\n"
}

#[test]
fn discover_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/discover");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder exists")
        .map(|e| e.expect("readable fixture").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "fixtures missing: {cases:?}");
    let mut failures = Vec::new();
    for case in cases {
        let expected = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let actual = run_case(&case);
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
