//! Extraction fixtures: one folder per case under tests/fixtures/extract. Each folder is an app
//! root (it holds `base44/functions/...`); its expected output is the snapshot
//! `snapshots/extract__<case>.snap`: the manifest followed by the diagnostics.

use std::path::Path;

use base44_codegen::emit::manifest;
use base44_codegen::generate;

#[test]
fn extract_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for case in cases {
            let name = case
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let generation = generate(&case);
            let mut out = manifest::render(&generation.api);
            out.push_str("\n--- diagnostics\n");
            for d in &generation.diagnostics {
                out.push_str(&d.to_string());
                out.push('\n');
            }
            insta::assert_snapshot!(format!("extract__{name}"), out);
        }
    });
}
