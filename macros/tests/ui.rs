//! Compile-pass and compile-fail tests of `functions!` against tests/app.

#[test]
fn ui() {
    // trybuild builds the cases in its own crate: point the macro at the fixture app by path.
    std::env::set_var(
        "BASE44_UI_APP",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/app"),
    );
    std::env::set_var(
        "BASE44_UI_BROKEN_APP",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken_app"),
    );
    std::env::set_var("BASE44_FIXTURE_BINDINGS", fixture_bindings());
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass_*.rs");
    t.compile_fail("tests/ui/fail_*.rs");
}

/// Render the Rust bindings of every extraction fixture app into one file (a module per case),
/// snapshot each, and return the file's path for `pass_fixture_bindings.rs` to compile.
fn fixture_bindings() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("../codegen/tests/fixtures/extract");
    let mut cases: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("../snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let mut all = String::new();
    settings.bind(|| {
        for case in &cases {
            let name = case
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let g = base44_codegen::generate(case);
            let code = base44_codegen::emit::rust::render(&g.api);
            insta::assert_snapshot!(format!("rust__{name}"), code);
            all.push_str(&format!("pub mod {name} {{\n{code}\n}}\n"));
        }
    });
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixture_bindings.rs");
    std::fs::write(&out, all).expect("write bindings");
    out.display().to_string()
}
