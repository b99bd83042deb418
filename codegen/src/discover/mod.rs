//! Discover: find every backend function of an app and the file that holds its handler.

mod config;
mod legacy;
mod names;
mod paths;
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
pub use names::validate_name;
pub use paths::{display_path, sort_by_path, sort_dedup_paths};

/// One function found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionEntry {
    /// Deployed name, e.g. `orders/process`.
    pub name: String,
    /// Absolute path of the entry file.
    pub entry: PathBuf,
    /// Entry path relative to the app root, `/`-separated (used in the manifest and diagnostics).
    pub source: String,
    /// True for files of the flat legacy layout, where a file without a handler is a shared
    /// module rather than a broken function.
    pub legacy: bool,
}

/// Everything discovery found: functions sorted by name, problems, and the files it read.
#[derive(Clone, Debug, Default)]
pub struct Discovery {
    /// The folder searched, absolute.
    pub functions_dir: PathBuf,
    /// Functions sorted by name, duplicates and invalid names removed.
    pub functions: Vec<FunctionEntry>,
    /// Errors and warnings found while discovering.
    pub diagnostics: Vec<Diagnostic>,
    /// Config files read (`config.jsonc`, `function.jsonc`), for rebuild tracking.
    pub files_read: Vec<PathBuf>,
}

/// Find the functions of the app whose root (the folder that holds `base44/`) is `app_root`.
pub fn discover(app_root: &Path) -> Discovery {
    let mut out = Discovery::default();
    let root = std::fs::canonicalize(app_root).unwrap_or_else(|_| app_root.to_path_buf());
    let configured = config::functions_dir(&root, &mut out);
    let modern = root.join("base44").join("functions");
    let found = match configured {
        Some(dir) => {
            out.functions_dir = dir.clone();
            config::walk_entries(&root, &dir, &mut out)
        }
        None if modern.is_dir() => {
            out.functions_dir = modern.clone();
            config::walk_entries(&root, &modern, &mut out)
        }
        None if root.join("functions").is_dir() => {
            out.functions_dir = root.join("functions");
            legacy::walk_flat(&root, &out.functions_dir.clone(), &mut out)
        }
        None => {
            out.functions_dir = modern;
            out.diagnostics.push(Diagnostic::file_error(
                "base44/functions",
                "no functions folder: expected base44/functions/<name>/entry.ts (or functions/<name>.ts)",
            ));
            Vec::new()
        }
    };
    out.functions = dedupe(found, &mut out.diagnostics);
    out.diagnostics.sort();
    out
}

/// Validate names and drop duplicates, keeping the first by source path.
fn dedupe(mut found: Vec<FunctionEntry>, diags: &mut Vec<Diagnostic>) -> Vec<FunctionEntry> {
    found.sort_by(|a, b| a.source.cmp(&b.source));
    let mut by_name: BTreeMap<String, FunctionEntry> = BTreeMap::new();
    for f in found {
        if let Err(msg) = validate_name(&f.name) {
            diags.push(Diagnostic::file_error(&f.source, msg));
            continue;
        }
        if let Some(first) = by_name.get(&f.name) {
            diags.push(Diagnostic::file_error(
                &f.source,
                format!(
                    "duplicate function name `{}`: already defined by {}",
                    f.name, first.source
                ),
            ));
            continue;
        }
        by_name.insert(f.name.clone(), f);
    }
    by_name.into_values().collect()
}
