//! The OpenAPI document validates against the OpenAPI 3.1 schema (Python's
//! `openapi-spec-validator`, installed by scripts/test.sh), for the example app and every
//! extraction fixture.

use std::path::Path;
use std::process::Command;

use base44_codegen::emit::openapi;
use base44_codegen::generate;

#[test]
fn openapi_documents_validate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut apps = vec![root.join("../examples/app")];
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/extract"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    fixtures.sort();
    apps.extend(fixtures);
    let tmp = tempfile::tempdir().expect("tmp");
    let mut files = Vec::new();
    for (i, app) in apps.iter().enumerate() {
        let doc = openapi::render(&generate(app).api);
        let path = tmp.path().join(format!("doc{i}.json"));
        std::fs::write(&path, doc).expect("write");
        files.push(path);
    }
    let script = "import json, sys\nfrom openapi_spec_validator import validate\nfor p in sys.argv[1:]:\n    validate(json.load(open(p)))\nprint(len(sys.argv) - 1, 'valid')\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "validation failed (is openapi-spec-validator installed? scripts/test.sh installs it):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{} valid", files.len())
    );
}
