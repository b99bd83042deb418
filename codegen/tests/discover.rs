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

/// Large apps are walked on several threads: the result must be the same functions, in the
/// same order, with the same skips, as the small fixtures show one by one.
#[test]
fn large_apps_are_walked_completely_and_in_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fns = tmp.path().join("base44/functions");
    let write = |rel: &str, text: &str| {
        let p = fns.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    let handler = "Deno.serve(() => Response.json({}));\n";
    let mut expected = Vec::new();
    for i in 0..150 {
        match i % 5 {
            0 => {
                write(&format!("nested{i:03}/inner/entry.ts"), handler);
                expected.push(format!("nested{i:03}/inner"));
            }
            1 => {
                write(&format!("renamed{i:03}/main.ts"), handler);
                write(
                    &format!("renamed{i:03}/function.jsonc"),
                    &format!("{{ \"name\": \"custom-{i:03}\", \"entry\": \"main.ts\" }}"),
                );
                expected.push(format!("custom-{i:03}"));
            }
            2 => write(&format!(".hidden{i:03}/entry.ts"), handler),
            _ => {
                write(&format!("plain{i:03}/entry.ts"), handler);
                expected.push(format!("plain{i:03}"));
            }
        }
    }
    write("node_modules/dep/entry.ts", handler);
    write("plain003/node_modules/dep/entry.ts", handler);
    expected.sort();
    let found = discover(tmp.path());
    assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
    let names: Vec<&str> = found.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, expected);
    assert!(found
        .functions
        .iter()
        .all(|f| f.entry.is_file() && f.source.starts_with("base44/functions/")));
}
