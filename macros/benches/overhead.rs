//! Proc-macro overhead: `cargo check` of a crate calling `functions!` on a 300-function app vs
//! the same crate `include!`-ing the pre-generated code, side by side in one run.
//!
//! Run: `cargo bench -p macros --bench overhead` (the first run builds the dependencies of
//! the two scratch crates under target/bench-macro; later runs reuse them).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use base44_codegen::corpus::{write_corpus, CorpusSpec};

const FUNCTIONS: usize = 300;
const RUNS: usize = 5;

fn scratch_crate(dir: &Path, name: &str, main: &str, workspace: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nmacros = {{ path = \"{}\" }}\nruntime = {{ path = \"{}\" }}\n\n[workspace]\n",
        workspace.join("macros").display(),
        workspace.join("runtime").display()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::write(dir.join("src/main.rs"), main).expect("main");
}

fn check(dir: &Path, target: &Path) -> Duration {
    // Touch the crate so only it is re-checked (dependencies stay fresh).
    let main = dir.join("src/main.rs");
    let text = std::fs::read_to_string(&main).expect("read");
    std::fs::write(&main, text).expect("touch");
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["check", "-q"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo check");
    assert!(status.success(), "cargo check failed in {}", dir.display());
    start.elapsed()
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace = std::fs::canonicalize(&workspace).expect("workspace");
    let base = workspace.join("target/bench-macro");
    let app = base.join("app");
    let _ = std::fs::remove_dir_all(&app);
    write_corpus(
        &app,
        CorpusSpec {
            functions: FUNCTIONS,
            seed: 3,
        },
    )
    .expect("corpus");
    let generated = base44_codegen::Builder::new(&app)
        .generate()
        .expect("generate");
    let with_macro = base.join("with-macro");
    let with_include = base.join("with-include");
    scratch_crate(
        &with_macro,
        "with_macro",
        &format!("#![allow(dead_code)]\nmod api {{ base44_macros::functions!(\"{}\"); }}\nfn main() {{ let _ = api::FUNCTION_NAMES.len(); }}\n", app.display()),
        &workspace,
    );
    std::fs::write(with_include.join("generated.rs"), &generated.code).ok();
    scratch_crate(
        &with_include,
        "with_include",
        "#![allow(dead_code)]\nmod api { include!(\"../generated.rs\"); }\nfn main() { let _ = api::FUNCTION_NAMES.len(); }\n",
        &workspace,
    );
    std::fs::write(with_include.join("generated.rs"), &generated.code).expect("generated");
    let target = base.join("target");
    // Warm: build dependencies once.
    check(&with_macro, &target);
    check(&with_include, &target);
    let mut m = Vec::new();
    let mut i = Vec::new();
    for _ in 0..RUNS {
        m.push(check(&with_macro, &target));
        i.push(check(&with_include, &target));
    }
    let (m, i) = (median(m), median(i));
    println!("cargo check of a crate using {FUNCTIONS} functions (median of {RUNS}):");
    println!("  functions! macro : {:>7.0} ms", m.as_secs_f64() * 1e3);
    println!("  include! of code : {:>7.0} ms", i.as_secs_f64() * 1e3);
    println!(
        "  macro overhead   : {:>7.1} %",
        (m.as_secs_f64() / i.as_secs_f64() - 1.0) * 100.0
    );
}
