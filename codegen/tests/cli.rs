//! The `codegen` binary as a new user runs it: names, errors, exit codes, `--check`, determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn trial_app() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apps/trial");
    copy_dir(&fixture, tmp.path());
    let root = tmp.path().to_path_buf();
    (tmp, root)
}

fn codegen(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .arg(root)
        .output()
        .expect("run codegen")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn trial_app_names_errors_and_exit_status() {
    let (_tmp, root) = trial_app();
    let out = codegen(&[], &root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("base44/functions/broken/entry.ts:2:31: error: syntax error"),
        "{err}"
    );
    assert!(err.contains("5 functions, 0 warnings, 1 errors"), "{err}");

    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("base44/.types/functions.json"))
            .expect("manifest written"),
    )
    .expect("manifest is JSON");
    let names: Vec<&str> = manifest["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "get-user",
            "get_user",
            "invoices/render",
            "orders/create",
            "type"
        ]
    );
    let dts = std::fs::read_to_string(root.join("base44/.types/functions.d.ts")).expect("d.ts");
    for name in names {
        assert!(
            dts.contains(&format!("\"{name}\": true;")),
            "{name} missing from d.ts"
        );
    }
    assert!(!dts.contains("broken") && !dts.contains("old"));
}

#[test]
fn check_passes_after_a_run_and_fails_after_a_change() {
    let (_tmp, root) = trial_app();
    std::fs::remove_dir_all(root.join("base44/functions/broken")).expect("remove broken");
    let first = codegen(&[], &root);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));

    let check = codegen(&["--check"], &root);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let entry = root.join("base44/functions/type/entry.ts");
    std::fs::write(
        &entry,
        "Deno.serve(async (req) => Response.json({ changed: 1 }));\n",
    )
    .expect("edit");
    std::fs::create_dir_all(root.join("base44/functions/added")).expect("mkdir");
    std::fs::write(
        root.join("base44/functions/added/entry.ts"),
        "Deno.serve(() => Response.json({}));\n",
    )
    .expect("add");
    let before = std::fs::read(root.join("base44/.types/functions.d.ts")).expect("d.ts");
    let stale = codegen(&["--check"], &root);
    let err = stderr(&stale);
    assert_eq!(stale.status.code(), Some(1), "{err}");
    assert!(
        err.contains("stale: ") && err.contains("functions.d.ts"),
        "{err}"
    );
    assert!(err.contains("+    \"added\": true;"), "{err}");
    // --check wrote nothing
    assert_eq!(
        std::fs::read(root.join("base44/.types/functions.d.ts")).expect("d.ts"),
        before
    );
}

#[test]
fn two_runs_write_identical_bytes_and_second_run_writes_nothing() {
    let (_tmp, root) = trial_app();
    codegen(&[], &root);
    let a = std::fs::read(root.join("base44/.types/functions.json")).expect("manifest");
    let mtime = std::fs::metadata(root.join("base44/.types/functions.json"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let second = codegen(&[], &root);
    assert!(!stderr(&second).contains("wrote "), "{}", stderr(&second));
    let b = std::fs::read(root.join("base44/.types/functions.json")).expect("manifest");
    assert_eq!(a, b);
    let mtime2 = std::fs::metadata(root.join("base44/.types/functions.json"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(mtime, mtime2, "unchanged output must not be rewritten");
}

#[test]
fn refuses_to_overwrite_a_file_it_did_not_generate() {
    let (_tmp, root) = trial_app();
    std::fs::create_dir_all(root.join("base44/.types")).expect("mkdir");
    std::fs::write(
        root.join("base44/.types/functions.d.ts"),
        "// hand written\n",
    )
    .expect("write");
    let out = codegen(&[], &root);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("was not generated by this tool"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("base44/.types/functions.d.ts")).expect("read"),
        "// hand written\n"
    );
}

#[test]
fn help_explains_usage_and_bad_root_is_exit_2() {
    let help = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("--help")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("APP_ROOT") && text.contains("--check") && text.contains("--watch"));
    let out = codegen(&[], Path::new("/definitely/not/here"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn watch_regenerates_after_a_change() {
    let (_tmp, root) = trial_app();
    std::fs::remove_dir_all(root.join("base44/functions/broken")).expect("remove broken");
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("--watch")
        .arg("--quiet")
        .arg(&root)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start --watch");
    let dts = root.join("base44/.types/functions.d.ts");
    let wait_for = |needle: &str| {
        // Bounded: 100 polls of 100 ms.
        (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            std::fs::read_to_string(&dts).is_ok_and(|t| t.contains(needle))
        })
    };
    let first = wait_for("\"type\": true;");
    std::fs::create_dir_all(root.join("base44/functions/late")).expect("mkdir");
    std::fs::write(
        root.join("base44/functions/late/entry.ts"),
        "Deno.serve(() => Response.json({}));\n",
    )
    .expect("write");
    let second = wait_for("\"late\": true;");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "--watch did not write the outputs");
    assert!(second, "--watch did not pick up the new function");
}

#[test]
fn tsconfig_include_gets_the_generated_types_once() {
    let (_tmp, root) = trial_app();
    std::fs::remove_dir_all(root.join("base44/functions/broken")).expect("remove broken");
    let original = "{\n  // frontend\n  \"include\": [\"src\"],\n}\n";
    std::fs::write(root.join("tsconfig.json"), original).expect("write");
    let check = codegen(&["--check"], &root);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("tsconfig.json"),
        "{}",
        stderr(&check)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("tsconfig.json")).expect("read"),
        original
    );

    let run = codegen(&[], &root);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let edited = std::fs::read_to_string(root.join("tsconfig.json")).expect("read");
    assert_eq!(
        edited,
        "{\n  // frontend\n  \"include\": [\"base44/.types/*.d.ts\", \"src\"],\n}\n"
    );
    let again = codegen(&["--check"], &root);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn outputs_are_rewritten_when_their_content_changes() {
    // Every output (the OpenAPI document keeps its marker deep inside) must be recognised as
    // ours on the next run, or regenerating after an edit would fail.
    let (_tmp, root) = trial_app();
    std::fs::remove_dir_all(root.join("base44/functions/broken")).expect("remove broken");
    let big: String = (0..200).map(|i| format!("  field{i}: string;\n")).collect();
    std::fs::write(
        root.join("base44/functions/type/entry.ts"),
        format!("interface Big {{\n{big}}}\nDeno.serve(async (req) => {{ const b: Big = await req.json(); return Response.json(b); }});\n"),
    )
    .expect("write");
    assert_eq!(codegen(&[], &root).status.code(), Some(0));
    std::fs::write(
        root.join("base44/functions/type/entry.ts"),
        "Deno.serve(async (req) => Response.json({ changed: true }));\n",
    )
    .expect("edit");
    let second = codegen(&[], &root);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("functions.openapi.json"),
        "{}",
        stderr(&second)
    );
}
