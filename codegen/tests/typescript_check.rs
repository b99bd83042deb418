//! Type-check tests with the real `typescript` and `@base44/sdk` (installed in js/ by
//! scripts/test.sh): fixture files under tests/fixtures/tsc/<mode>/ are compiled against the
//! example app's generated `functions.d.ts`. Every `// @expect-error TSxxxx` comment must be
//! matched by exactly that error on the next line, and there must be no other error.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use base44_codegen::emit::{self, EmitOptions};
use base44_codegen::generate;

fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../js")
}

/// Expected (file, line, code) from `// @expect-error TSxxxx` comments.
fn expectations(dir: &Path) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("read");
        for (i, line) in text.lines().enumerate() {
            if let Some(code) = line.trim().strip_prefix("// @expect-error ") {
                out.insert((name.clone(), i + 2, code.trim().to_string()));
            }
        }
    }
    out
}

/// Run tsc over the fixtures of `mode` with the generated types; (file, line, code) errors.
fn check(
    mode: &str,
    strict: bool,
    official_types: Option<&str>,
) -> (BTreeSet<(String, usize, String)>, String) {
    let tsc = js_dir().join("node_modules/typescript/bin/tsc");
    assert!(
        tsc.is_file() && js_dir().join("node_modules/@base44/sdk").is_dir(),
        "typescript and @base44/sdk are missing: run `npm ci` in js/ (scripts/test.sh does)"
    );
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/app");
    let g = generate(&app);
    let files = emit::outputs(
        &app,
        &g.api,
        &EmitOptions {
            strict_invoke: strict,
        },
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("types")).expect("mkdir");
    for f in &files {
        if f.path.extension().is_some_and(|e| e == "ts") {
            let name = f.path.file_name().expect("name");
            std::fs::write(dir.join("types").join(name), &f.contents).expect("write");
        }
    }
    if let Some(official) = official_types {
        std::fs::write(dir.join("types/types.d.ts"), official).expect("write");
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tsc")
        .join(mode);
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(js_dir().join("node_modules"), dir.join("node_modules"))
        .expect("symlink");
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "noEmit": true, "target": "es2022", "module": "esnext",
             "moduleResolution": "bundler", "lib": ["es2022", "dom"], "types": [], "skipLibCheck": true,
             "noUnusedLocals": false },
           "include": ["*.ts", "types/*.d.ts"] }"#,
    )
    .expect("tsconfig");
    let out = Command::new("node")
        .arg(&tsc)
        .arg("-p")
        .arg(dir)
        .arg("--pretty")
        .arg("false")
        .output()
        .expect("run tsc");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut errors = BTreeSet::new();
    for line in text.lines() {
        // file.ts(12,5): error TS2322: ...
        let Some((loc, rest)) = line.split_once("): error ") else {
            continue;
        };
        let Some((file, pos)) = loc.rsplit_once('(') else {
            continue;
        };
        let line_no = pos
            .split(',')
            .next()
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        let code = rest.split(':').next().unwrap_or("").to_string();
        let file = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        errors.insert((file, line_no, code));
    }
    (errors, text)
}

fn official_types_listing_all_names() -> String {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/app");
    let g = generate(&app);
    let names: Vec<String> = g
        .api
        .functions
        .iter()
        .map(|f| format!("    \"{}\": true;", f.name))
        .collect();
    format!(
        "declare module \"@base44/sdk\" {{\n  interface FunctionNameRegistry {{\n{}\n  }}\n}}\nexport {{}};\n",
        names.join("\n")
    )
}

#[test]
fn loose_mode_types_res_data_and_rejects_unknown_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tsc/loose");
    let (errors, text) = check("loose", false, None);
    assert_eq!(errors, expectations(&dir), "tsc output:\n{text}");
}

#[test]
fn loose_mode_coexists_with_the_official_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tsc/loose");
    let (errors, text) = check("loose", false, Some(&official_types_listing_all_names()));
    assert_eq!(errors, expectations(&dir), "tsc output:\n{text}");
}

#[test]
fn strict_mode_rejects_wrong_and_missing_request_fields() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tsc/strict");
    let (errors, text) = check("strict", true, None);
    assert_eq!(errors, expectations(&dir), "tsc output:\n{text}");
}
