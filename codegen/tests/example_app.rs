//! Snapshots of both outputs for the bundled example app, and determinism.

use std::path::{Path, PathBuf};

use base44_codegen::emit::{self, EmitOptions};
use base44_codegen::generate;

fn app_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/app")
}

fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn example_app_outputs() {
    let generation = generate(&app_root());
    let errors: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "example app has errors:\n{}",
        errors.join("\n")
    );
    assert!(generation.api.functions.len() >= 12);
    let files = emit::outputs(&app_root(), &generation.api, &EmitOptions::default());
    snapshot_settings().bind(|| {
        for file in &files {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().replace('.', "_"))
                .unwrap_or_default();
            insta::assert_snapshot!(format!("example_app__{name}"), file.contents);
        }
        // The same code is compiled by examples/build-client (and, through the macro, by
        // examples/macro-client) in every workspace build.
        insta::assert_snapshot!(
            "example_app__bindings_rs",
            emit::rust::render(&generation.api)
        );
    });
}

#[test]
fn example_app_output_is_deterministic() {
    let a = generate(&app_root());
    let b = generate(&app_root());
    let render = |g: &base44_codegen::Generation| {
        emit::outputs(&app_root(), &g.api, &EmitOptions::default())
            .into_iter()
            .map(|f| f.contents)
            .collect::<Vec<_>>()
    };
    assert_eq!(render(&a), render(&b));
}
