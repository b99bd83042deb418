//! The modern layout: `base44/config.jsonc`, `base44/functions/**/entry.{ts,js}` and `function.jsonc`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{display_path, walk, Discovery, FunctionEntry};
use crate::diagnostics::{Diagnostic, Severity};
use crate::jsonc;

const ENTRY_FILES: [&str; 2] = ["entry.ts", "entry.js"];

/// Read a JSONC file, reporting problems as diagnostics.
fn read_jsonc(root: &Path, path: &Path, out: &mut Discovery) -> Option<Value> {
    let display = display_path(root, path);
    out.files_read.push(path.to_path_buf());
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(Diagnostic::file_error(
                display,
                format!("cannot read file: {e}"),
            ));
            return None;
        }
    };
    match jsonc::parse(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            out.diagnostics.push(Diagnostic {
                path: display,
                line: e.line,
                col: e.col,
                severity: Severity::Error,
                message: format!("invalid JSONC: {}", e.message),
                snippet: None,
            });
            None
        }
    }
}

/// `functionsDir` from `base44/config.jsonc` (relative to the `base44` folder), when set.
pub(super) fn functions_dir(root: &Path, out: &mut Discovery) -> Option<PathBuf> {
    let base = root.join("base44");
    let path = ["config.jsonc", "config.json"]
        .iter()
        .map(|n| base.join(n))
        .find(|p| p.is_file())?;
    let config = read_jsonc(root, &path, out)?;
    let dir = config.get("functionsDir")?;
    let display = display_path(root, &path);
    let Some(dir) = dir.as_str() else {
        out.diagnostics.push(Diagnostic::file_error(
            display,
            "`functionsDir` must be a string",
        ));
        return None;
    };
    let resolved = base.join(dir);
    match std::fs::canonicalize(&resolved) {
        Ok(p) if p.starts_with(root) => Some(p),
        Ok(_) => {
            out.diagnostics.push(Diagnostic::file_error(
                display,
                format!("`functionsDir` \"{dir}\" is outside the app root"),
            ));
            None
        }
        Err(_) => {
            out.diagnostics.push(Diagnostic::file_error(
                display,
                format!("`functionsDir` \"{dir}\" does not exist"),
            ));
            None
        }
    }
}

/// Every folder under `dir` that holds an `entry.ts`/`entry.js` or a `function.jsonc`.
pub(super) fn walk_entries(root: &Path, dir: &Path, out: &mut Discovery) -> Vec<FunctionEntry> {
    // When the folder walked is already canonical (no link on the way to it), a regular file
    // the walk finds (links are not followed) is canonical too: no per-entry realpath.
    let walk_is_canonical =
        std::fs::canonicalize(dir).is_ok_and(|c| c == dir && c.starts_with(root));
    let (folders, diagnostics) = walk::find_files(
        root,
        dir,
        &[ENTRY_FILES[0], ENTRY_FILES[1], "function.jsonc"],
    );
    out.diagnostics.extend(diagnostics);
    folders
        .into_iter()
        .filter_map(|(folder, files)| {
            function_in(root, dir, &folder, &files, walk_is_canonical, out)
        })
        .collect()
}

fn function_in(
    root: &Path,
    functions_dir: &Path,
    folder: &Path,
    files: &[(String, bool)],
    walk_is_canonical: bool,
    out: &mut Discovery,
) -> Option<FunctionEntry> {
    let has = |name: &str| files.iter().any(|(f, _)| f == name);
    let mut name = display_path(functions_dir, folder);
    let mut entry_rel: Option<String> = None;
    if has("function.jsonc") {
        let config_path = folder.join("function.jsonc");
        let display = display_path(root, &config_path);
        let config = read_jsonc(root, &config_path, out)?;
        match config.get("name") {
            Some(Value::String(n)) => name = n.clone(),
            Some(_) => {
                out.diagnostics
                    .push(Diagnostic::file_error(&display, "`name` must be a string"));
                return None;
            }
            None => {}
        }
        match config.get("entry") {
            Some(Value::String(e)) => entry_rel = Some(e.clone()),
            Some(_) => {
                out.diagnostics
                    .push(Diagnostic::file_error(&display, "`entry` must be a string"));
                return None;
            }
            None => {}
        }
    }
    let entry_rel = match entry_rel {
        Some(e) => e,
        None => {
            let found: Vec<&str> = ENTRY_FILES.iter().copied().filter(|f| has(f)).collect();
            match found.as_slice() {
                [] => {
                    out.diagnostics.push(Diagnostic::file_error(
                        display_path(root, &folder.join("function.jsonc")),
                        "no `entry` set and no entry.ts or entry.js beside function.jsonc",
                    ));
                    return None;
                }
                [one] => one.to_string(),
                [first, ..] => {
                    out.diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        ..Diagnostic::file_error(
                            display_path(root, &folder.join(first)),
                            "both entry.ts and entry.js exist; using entry.ts",
                        )
                    });
                    first.to_string()
                }
            }
        }
    };
    let entry_path = folder.join(&entry_rel);
    // Point at what set the entry: function.jsonc when present, else the entry file itself.
    let shown = if has("function.jsonc") {
        display_path(root, &folder.join("function.jsonc"))
    } else {
        display_path(root, &entry_path)
    };
    let found_regular = files.iter().any(|(f, regular)| *regular && *f == entry_rel);
    if walk_is_canonical && found_regular {
        return Some(FunctionEntry {
            name,
            source: display_path(root, &entry_path),
            entry: entry_path,
            legacy: false,
        });
    }
    let canonical = match std::fs::canonicalize(&entry_path) {
        Ok(p) => p,
        Err(_) => {
            out.diagnostics.push(Diagnostic::file_error(
                shown,
                format!("entry \"{entry_rel}\" does not exist"),
            ));
            return None;
        }
    };
    if !canonical.starts_with(root) {
        out.diagnostics.push(Diagnostic::file_error(
            shown,
            format!("entry \"{entry_rel}\" is outside the app root; it is not read"),
        ));
        return None;
    }
    if !canonical.is_file() {
        out.diagnostics.push(Diagnostic::file_error(
            shown,
            format!("entry \"{entry_rel}\" is not a file"),
        ));
        return None;
    }
    Some(FunctionEntry {
        name,
        source: display_path(root, &canonical),
        entry: canonical,
        legacy: false,
    })
}
