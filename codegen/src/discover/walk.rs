//! Walking the functions folder for entry and config files, on every core.
//!
//! Apps keep one folder per function, so the walk is one directory read per function: on a
//! large app it is a tenth of the run, all system calls. Folders are independent, so the ones
//! on the same level are read side by side and the results merged in path order.

use std::path::{Path, PathBuf};

use super::{display_path, sort_by_path};
use crate::diagnostics::Diagnostic;

/// Folder and (file name, is a regular file as seen without following links) for every file
/// whose name is in `wanted`, in path order.
pub(super) type Found = Vec<(PathBuf, Vec<(String, bool)>)>;

/// Below this many folders on one level a second thread costs more than it saves.
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
///
/// The tree is read level by level (the folder, then its folders, then theirs); a level with
/// many folders is shared out to every core. An app's functions sit one or two levels down
/// (`functions/<name>/` or `functions/<group>/<name>/`), so whatever the layout, the level
/// holding the function folders is read in parallel.
pub(super) fn find_files(root: &Path, dir: &Path, wanted: &[&str]) -> (Found, Vec<Diagnostic>) {
    let mut found = Found::new();
    let mut diagnostics = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut level = vec![dir.to_path_buf()];
    while !level.is_empty() {
        let shares = if level.len() >= PARALLEL_FROM {
            threads.min(level.len())
        } else {
            1
        };
        let read_share = |share: usize| {
            let mut out = Level::default();
            for folder in level.iter().skip(share).step_by(shares) {
                read_folder(root, folder, wanted, &mut out);
            }
            out
        };
        let results: Vec<Level> = if shares == 1 {
            vec![read_share(0)]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (1..shares)
                    .map(|share| s.spawn(move || read_share(share)))
                    .collect();
                let mut results = vec![read_share(0)];
                for h in handles {
                    // A thread that cannot be joined panicked; its panic is a bug of ours.
                    results.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
                }
                results
            })
        };
        let mut next = Vec::new();
        for r in results {
            // Folders are disjoint across shares: each is read by exactly one of them.
            found.extend(r.found);
            diagnostics.extend(r.diagnostics);
            next.extend(r.subfolders);
        }
        // Name order, so that the walk and its diagnostics do not depend on thread timing.
        sort_by_path(&mut next, |p| p);
        level = next;
    }
    // Folders are disjoint: no two entries share a path.
    sort_by_path(&mut found, |f| &f.0);
    (found, diagnostics)
}

/// What reading some folders of one level found.
#[derive(Default)]
struct Level {
    found: Found,
    diagnostics: Vec<Diagnostic>,
    subfolders: Vec<PathBuf>,
}

/// Read one folder: its wanted files, and the folders to read on the next level (dot-folders,
/// dependency folders and links to folders are left out).
fn read_folder(root: &Path, folder: &Path, wanted: &[&str], out: &mut Level) {
    let cannot_read = |e: std::io::Error| {
        Diagnostic::file_error(
            display_path(root, folder),
            format!("cannot read folder: {e}"),
        )
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => return out.diagnostics.push(cannot_read(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.diagnostics.push(cannot_read(e));
                continue;
            }
        };
        // The entry's own type, as the folder listing gives it: links are not followed.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // A wanted name is recorded whatever it is (an `entry.ts` folder gets a clear error).
        if wanted.contains(&name.as_ref()) {
            files.push((name.to_string(), kind.is_file()));
        }
        if kind.is_dir() && !(name.starts_with('.') || name == "node_modules") {
            out.subfolders.push(entry.path());
        }
    }
    if !files.is_empty() {
        files.sort_unstable();
        out.found.push((folder.to_path_buf(), files));
    }
}
