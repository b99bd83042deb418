//! Walking the functions folder for entry and config files, on every core.
//!
//! Apps keep one folder per function, so the walk is one directory read per function: on a
//! large app it is a tenth of the run, all system calls. The folders below the top level are
//! independent, so they are walked side by side and the results merged in path order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::display_path;
use crate::diagnostics::Diagnostic;

/// Folder → (file name, is a regular file as seen without following links), for every file
/// whose name is in `wanted`.
pub(super) type Found = BTreeMap<PathBuf, Vec<(String, bool)>>;

/// Below this many top-level folders a second thread costs more than it saves.
const PARALLEL_FROM: usize = 64;

/// Skip dot-folders and dependency folders; never follow symlinked folders.
fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "node_modules")
}

/// The walk every part of discovery does: in name order, links not followed, dot-folders
/// and dependency folders skipped.
pub(super) fn walk(
    w: walkdir::WalkDir,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    w.follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_skipped_dir(e))
}

/// Every file named in `wanted` under `dir` (links are not followed), with read errors as
/// diagnostics whose paths are shown relative to `root`.
pub(super) fn find_files(root: &Path, dir: &Path, wanted: &[&str]) -> (Found, Vec<Diagnostic>) {
    let mut found = Found::new();
    let mut diagnostics = Vec::new();
    let mut subfolders = Vec::new();
    // The top level first: its files, and the folders to walk below it.
    for item in walk(walkdir::WalkDir::new(dir).max_depth(1)) {
        match item {
            Ok(e) if e.depth() == 1 && e.file_type().is_dir() => subfolders.push(e.into_path()),
            other => record(root, wanted, other, &mut found, &mut diagnostics),
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if subfolders.len() >= PARALLEL_FROM {
        threads.min(subfolders.len())
    } else {
        1
    };
    let walk_share = |share: usize| {
        let mut found = Found::new();
        let mut diagnostics = Vec::new();
        for sub in subfolders.iter().skip(share).step_by(threads) {
            for item in walk(walkdir::WalkDir::new(sub).min_depth(1)) {
                record(root, wanted, item, &mut found, &mut diagnostics);
            }
        }
        (found, diagnostics)
    };
    let shares: Vec<(Found, Vec<Diagnostic>)> = if threads == 1 {
        vec![walk_share(0)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..threads)
                .map(|share| s.spawn(move || walk_share(share)))
                .collect();
            let mut shares = vec![walk_share(0)];
            for h in handles {
                // A thread that cannot be joined panicked; its panic is a bug of ours.
                shares.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
            shares
        })
    };
    for (share_found, share_diagnostics) in shares {
        // Folders are disjoint across shares: each lives under exactly one top-level folder.
        found.extend(share_found);
        diagnostics.extend(share_diagnostics);
    }
    (found, diagnostics)
}

fn record(
    root: &Path,
    wanted: &[&str],
    item: walkdir::Result<walkdir::DirEntry>,
    found: &mut Found,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entry = match item {
        Ok(e) => e,
        Err(e) => {
            let at = e.path().map(|p| display_path(root, p)).unwrap_or_default();
            diagnostics.push(Diagnostic::file_error(
                at,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let name = entry.file_name().to_string_lossy();
    if wanted.contains(&name.as_ref()) {
        if let Some(parent) = entry.path().parent() {
            found
                .entry(parent.to_path_buf())
                .or_default()
                .push((name.into_owned(), entry.file_type().is_file()));
        }
    }
}
