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
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass_*.rs");
    t.compile_fail("tests/ui/fail_*.rs");
}
