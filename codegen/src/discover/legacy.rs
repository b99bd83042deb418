//! The flat layout of exported apps: `functions/<name>.ts` and `functions/<dir>/<name>.ts`.

use std::path::Path;

use super::walk::walk;
use super::{display_path, Discovery, FunctionEntry};
use crate::diagnostics::Diagnostic;

const SOURCE_EXTS: [&str; 4] = ["ts", "js", "mts", "mjs"];

/// Every script file at most one folder deep under `dir`. Files without a handler are
/// shared modules, which the caller drops quietly (`legacy: true`).
pub(super) fn walk_flat(root: &Path, dir: &Path, out: &mut Discovery) -> Vec<FunctionEntry> {
    let walker = walk(walkdir::WalkDir::new(dir).max_depth(2));
    let mut found = Vec::new();
    for item in walker {
        let entry = match item {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(|p| display_path(root, p)).unwrap_or_default();
                out.diagnostics.push(Diagnostic::file_error(
                    at,
                    format!("cannot read folder: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let is_script = entry.file_type().is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SOURCE_EXTS.contains(&e));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !is_script || stem.ends_with(".d") || stem.contains(".test") {
            continue;
        }
        let rel = display_path(dir, path);
        let name = match rel.rsplit_once('/') {
            // functions/<dir>/<dir>.ts, functions/<dir>/index.ts and entry.ts name the folder.
            Some((folder, _)) if stem == folder || stem == "index" || stem == "entry" => {
                folder.to_string()
            }
            Some((folder, _)) => format!("{folder}/{stem}"),
            None => stem.to_string(),
        };
        found.push(FunctionEntry {
            name,
            source: display_path(root, path),
            entry: path.to_path_buf(),
            legacy: true,
        });
    }
    found
}
