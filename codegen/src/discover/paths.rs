//! Path ordering and display, fast for the plain paths discovery builds.
//!
//! `Path`'s own ordering and `components()` re-parse both paths on every comparison; sorting the
//! thousands of paths of a large app that way was a twentieth of the CLI's own instructions.
//! For a normalized path (no `.` component, no doubled or trailing separator) comparing the
//! bytes, with the separator ranked below every other byte, gives the same order, so each
//! path is turned into such a key once and the keys are sorted, where every path is plain;
//! otherwise `Path`'s ordering is used.

use std::path::{Path, PathBuf};

/// Sort `items` by the path each holds, in `Path::cmp` order.
pub fn sort_by_path<T>(items: &mut Vec<T>, path: impl Fn(&T) -> &Path) {
    let keys: Option<Vec<Vec<u8>>> = items.iter().map(|t| sort_key(path(t))).collect();
    match keys {
        Some(keys) => {
            let mut keyed: Vec<(Vec<u8>, T)> = keys.into_iter().zip(items.drain(..)).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            items.extend(keyed.into_iter().map(|(_, t)| t));
        }
        None => items.sort_by(|a, b| path(a).cmp(path(b))),
    }
}

/// Sort paths as `sort()` would and drop repeats as `dedup()` would.
pub fn sort_dedup_paths(paths: &mut Vec<PathBuf>) {
    sort_by_path(paths, |p| p);
    // Two plain paths are the same path exactly when their bytes are the same.
    let both_plain = |a: &Path, b: &Path| plain_bytes(a).is_some() && plain_bytes(b).is_some();
    paths.dedup_by(|a, b| a.as_os_str() == b.as_os_str() || (!both_plain(a, b) && a == b));
}

/// A byte string that sorts as the path does: the separator, ranked below every other
/// byte (`a/b` < `a-b`, as comparing `a` with `a-b` component-wise says), becomes the one
/// byte a unix path name cannot hold.
fn sort_key(p: &Path) -> Option<Vec<u8>> {
    let b = plain_bytes(p)?;
    Some(b.iter().map(|&c| if c == b'/' { 0 } else { c }).collect())
}

/// The path's bytes when its components are exactly its `/`-separated pieces, all plain
/// names but a leading root (unix only). `.` and `..` are components of their own that sort
/// before every name, and doubled or trailing separators are not components, so such paths
/// take the slow way.
#[cfg(unix)]
fn plain_bytes(p: &Path) -> Option<&[u8]> {
    use std::os::unix::ffi::OsStrExt;
    let b = p.as_os_str().as_bytes();
    let names = b.strip_prefix(b"/").unwrap_or(b);
    let plain = !names.is_empty()
        && names
            .split(|&c| c == b'/')
            .all(|s| !s.is_empty() && s != b"." && s != b"..");
    plain.then_some(b)
}

#[cfg(not(unix))]
fn plain_bytes(_: &Path) -> Option<&[u8]> {
    None
}

/// Path of `path` relative to `root`, with `/` separators (the path itself when outside).
pub fn display_path(root: &Path, path: &Path) -> String {
    // Both plain: the prefix is a byte prefix ending at a separator (`strip_prefix` walks the
    // components of both, thousands of times per run).
    if let (Some(r), Some(p)) = (plain_bytes(root), plain_bytes(path)) {
        if let Some(rest) = p.strip_prefix(r).and_then(|rest| rest.strip_prefix(b"/")) {
            if let Ok(s) = std::str::from_utf8(rest) {
                return s.to_string();
            }
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    // An absolute path (outside the root) keeps the slow form: its root component is joined
    // as `//`.
    let relative = plain_bytes(rel).filter(|b| !b.starts_with(b"/"));
    if let Some(s) = relative.and_then(|b| std::str::from_utf8(b).ok()) {
        return s.to_string();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn same_order_and_display_as_components() {
        let names = [
            "/a/b",
            "/a-b",
            "/a/b/c",
            "/a",
            "/a/",
            "/a/./b",
            "/a//b",
            "a/b",
            "./a",
            "a",
            "/a/b.ts",
            "/a/b/",
            "/ab",
            "/a\u{e9}",
            "/a/\u{e9}",
            "/a b/c",
            "/a.b/c",
            "/",
            "/a/b/.",
            "b/../a",
            "-x",
            "../a",
            "a/..",
            "..",
            "/-",
            "a/-",
            "a/../b",
            "x/.a",
        ];
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let plain: Vec<PathBuf> = paths
            .iter()
            .filter(|p| plain_bytes(p).is_some())
            .cloned()
            .collect();
        assert!(plain.len() > 10, "the fast path is tested");
        for x in &plain {
            for y in &plain {
                let fast = sort_key(x).cmp(&sort_key(y));
                assert_eq!(fast, x.cmp(y), "{x:?} vs {y:?}");
            }
        }
        for x in &paths {
            // Roots that are, and are not, prefixes of the paths, by bytes or by components.
            for root in ["/nowhere", "/a", "/a/", "/a/b", "/a-", "a", "/", "./a"] {
                let root = Path::new(root);
                let slow: Vec<String> = x
                    .strip_prefix(root)
                    .unwrap_or(x)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(display_path(root, x), slow.join("/"), "{root:?} {x:?}");
            }
        }
        for list in [paths, plain] {
            let mut twice = list.clone();
            twice.extend(list.iter().rev().cloned());
            let mut sorted = twice.clone();
            sort_dedup_paths(&mut sorted);
            let mut expected = twice;
            expected.sort();
            expected.dedup();
            assert_eq!(sorted, expected);
        }
    }
}
