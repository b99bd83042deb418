//! The command line: arguments, one generation pass, `--check`, `--watch`, and the summary.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use base44_codegen::emit::{self, EmitOptions};
use base44_codegen::output::{self, WriteStatus};
use base44_codegen::{generate, Generation};
use clap::Parser;

/// Generate typed bindings for a Base44 app's backend functions.
///
/// Reads base44/functions/**/entry.ts (or entry.js) under APP_ROOT and writes
/// base44/.types/functions.d.ts (a typed augmentation of @base44/sdk) and
/// base44/.types/functions.json (JSON Schemas of every function's request, response and errors).
#[derive(Parser, Debug)]
#[command(name = "codegen", version, after_help = EXAMPLES)]
struct Args {
    /// The app root: the folder that holds `base44/`.
    #[arg(value_name = "APP_ROOT")]
    app_root: PathBuf,

    /// Write nothing; exit 1 and show what is stale when any output is out of date.
    #[arg(long, conflicts_with = "watch")]
    check: bool,

    /// Keep running and regenerate whenever a function or config file changes.
    #[arg(long)]
    watch: bool,

    /// Also write the Rust bindings (the code the `functions!` macro expands to) to this file.
    #[arg(long, value_name = "FILE")]
    rust_out: Option<PathBuf>,

    /// Type `base44.functions.invoke` strictly: wrong or missing request fields become tsc
    /// errors (see the README for the trade-off).
    #[arg(long)]
    strict_invoke: bool,

    /// Print errors only (no warnings, no summary).
    #[arg(long, short)]
    quiet: bool,
}

const EXAMPLES: &str = "Examples:
  codegen examples/app            generate the outputs for the example app
  codegen --check .               in CI or a pre-commit hook: fail when outputs are stale
  codegen --watch .               regenerate on every change
  codegen --rust-out src/api.rs . also write the Rust bindings

Exit status: 0 when every function was generated, 1 when any function had an error
(the others are still written), 2 on bad arguments.";

/// Run the CLI; returns the process exit code.
pub fn run() -> i32 {
    quiet_parser_panics();
    let args = Args::parse();
    if !args.app_root.is_dir() {
        eprintln!(
            "error: {}: not a folder (APP_ROOT must be the folder that holds base44/)",
            args.app_root.display()
        );
        return 2;
    }
    if args.watch {
        return watch(&args);
    }
    once(&args)
}

/// One pass: generate, report, then write or check. Returns the exit code.
fn once(args: &Args) -> i32 {
    let generation = generate(&args.app_root);
    report(args, &generation);
    let options = EmitOptions {
        strict_invoke: args.strict_invoke,
    };
    let mut files = emit::outputs(&args.app_root, &generation.api, &options);
    if let Some(path) = &args.rust_out {
        files.push(output::OutputFile {
            path: path.clone(),
            contents: emit::rust::render(&generation.api),
        });
    }
    let mut failed = generation.error_count() > 0;
    // Like the official CLI: make sure the app's tsconfig.json includes the generated types.
    let tsconfig = args.app_root.join("tsconfig.json");
    let tsconfig_edit = std::fs::read_to_string(&tsconfig)
        .ok()
        .and_then(|t| base44_codegen::tsconfig::with_types_included(&t))
        .map(|contents| output::OutputFile {
            path: tsconfig.clone(),
            contents,
        });
    if args.check {
        let mut all = files.clone();
        all.extend(tsconfig_edit.clone());
        let stale = output::check(&all);
        for s in &stale {
            eprintln!("stale: {}\n{}", s.path.display(), s.summary);
        }
        if !stale.is_empty() {
            eprintln!(
                "{} output file(s) are stale; run `codegen {}` to update them",
                stale.len(),
                args.app_root.display()
            );
            failed = true;
        }
    } else {
        if let Some(edit) = &tsconfig_edit {
            match output::write_user_file(edit) {
                Ok(_) if !args.quiet => eprintln!(
                    "added {} to {}",
                    base44_codegen::tsconfig::TYPES_GLOB,
                    edit.path.display()
                ),
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: {}: {e}", edit.path.display());
                    failed = true;
                }
            }
        }
        // The outputs are independent files of a few MB each: write them side by side.
        let written: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = files
                .iter()
                .map(|file| s.spawn(move || output::write_if_changed(file)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        for (file, status) in files.iter().zip(written) {
            match status {
                Ok(WriteStatus::Written) if !args.quiet => {
                    eprintln!("wrote {}", file.path.display())
                }
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: {}: {e}", file.path.display());
                    failed = true;
                }
            }
        }
    }
    if !args.watch {
        // The process ends right after a one-shot run: skip freeing the IR and the outputs
        // piece by piece (many small allocations, several ms on large apps).
        std::mem::forget(generation);
        std::mem::forget(files);
    }
    i32::from(failed)
}

fn report(args: &Args, generation: &Generation) {
    for d in &generation.diagnostics {
        if d.is_error() || !args.quiet {
            eprintln!("{d}");
        }
    }
    if !args.quiet {
        eprintln!(
            "{} functions, {} warnings, {} errors",
            generation.api.functions.len(),
            generation.warning_count(),
            generation.error_count()
        );
    }
}

/// Poll interval for `--watch`: short enough to feel instant, long enough to cost nothing.
const POLL: Duration = Duration::from_millis(300);

fn watch(args: &Args) -> i32 {
    let mut last = fingerprint(&args.app_root);
    once(args);
    eprintln!(
        "watching {} for changes (Ctrl-C to stop)",
        args.app_root.display()
    );
    loop {
        std::thread::sleep(POLL);
        let now = fingerprint(&args.app_root);
        if now != last {
            last = now;
            once(args);
        }
    }
}

/// Paths and modification times of every source and config file of the app.
fn fingerprint(root: &Path) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut out = Vec::new();
    for dir in [root.join("base44"), root.join("functions")] {
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.') || e.depth() == 0);
        for entry in walker.flatten() {
            if entry.file_type().is_file() {
                let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
                out.push((entry.into_path(), modified));
            }
        }
    }
    out
}

/// swc's debug assertions can fire on malformed input; the pipeline turns them into syntax
/// errors, so their panic message would only be noise. Every other panic prints as usual.
fn quiet_parser_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_parser = info
            .location()
            .is_some_and(|l| l.file().contains("swc_ecma_parser"));
        if !in_parser {
            default(info);
        }
    }));
}
