//! The bad-input catalogue: every case gets a clear diagnostic (with `path:line:col` where there
//! is a position), nothing panics, and one bad function never prevents the others' output.

use std::path::Path;

use base44_codegen::generate;

const GOOD: &str = "Deno.serve(async (req) => Response.json({ ok: true }));\n";

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

fn func(root: &Path, name: &str, bytes: &[u8]) {
    write(root, &format!("base44/functions/{name}/entry.ts"), bytes);
}

/// Generate and return (function names, rendered diagnostics).
fn run(root: &Path) -> (Vec<String>, String) {
    let g = generate(root);
    let names = g.api.functions.iter().map(|f| f.name.clone()).collect();
    let diags = g
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    (names, diags)
}

#[test]
fn bad_sources_are_reported_and_good_ones_kept() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    func(
        root,
        "syntax",
        b"Deno.serve(async (req) => {\n  return Response.json({ a: });\n});\n",
    );
    func(
        root,
        "latin1",
        b"// caf\xe9\nDeno.serve(() => new Response('x'));\n",
    );
    func(root, "bom", format!("\u{feff}{GOOD}").as_bytes());
    func(
        root,
        "crlf",
        b"Deno.serve(async (req) => {\r\n  const { a } = await req.json();\r\n  return Response.json({ a: });\r\n});\r\n",
    );
    func(root, "empty", b"");
    let (names, diags) = run(root);
    assert_eq!(names, ["bom", "good"], "{diags}");
    assert!(
        diags.contains("base44/functions/syntax/entry.ts:2:29: error: syntax error"),
        "{diags}"
    );
    assert!(
        diags.contains("base44/functions/latin1/entry.ts:1:7: error: file is not valid UTF-8"),
        "{diags}"
    );
    // CRLF: the column is counted without the \r of the previous line.
    assert!(
        diags.contains("base44/functions/crlf/entry.ts:3:29: error: syntax error"),
        "{diags}"
    );
    assert!(
        diags.contains("base44/functions/empty/entry.ts:1:1: error: no handler found"),
        "{diags}"
    );
}

#[test]
fn huge_and_deep_files_do_not_break_the_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    // 5 MB: a big data table in front of a normal handler.
    let mut big = String::from("const TABLE = [\n");
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("  { id: 123456, name: \"a fairly long product name\", price: 19.99 },\n");
    }
    big.push_str("];\n");
    big.push_str(GOOD);
    func(root, "big", big.as_bytes());
    let n = 10_000;
    let parens = format!(
        "Deno.serve(async (req) => Response.json({{ x: {}1{} }}));\n",
        "(".repeat(n),
        ")".repeat(n)
    );
    func(root, "deep-parens", parens.as_bytes());
    let chain = format!(
        "Deno.serve(async (req) => {{ const a = 1; return Response.json({{ x: {} }}); }});\n",
        vec!["a"; n].join(" + ")
    );
    func(root, "deep-binary", chain.as_bytes());
    let types = format!(
        "type T = {}string{};\nDeno.serve(async (req) => {{ const b: T = await req.json(); return Response.json(b); }});\n",
        "Array<".repeat(n),
        ">".repeat(n)
    );
    func(root, "deep-types", types.as_bytes());
    let objects = format!(
        "Deno.serve(async (req) => Response.json({}1{}));\n",
        "{ a: ".repeat(n),
        " }".repeat(n)
    );
    func(root, "deep-objects", objects.as_bytes());

    let (names, diags) = run(root);
    assert_eq!(names, ["big", "good"], "{diags}");
    for name in ["deep-parens", "deep-binary", "deep-types", "deep-objects"] {
        let needle = format!("base44/functions/{name}/entry.ts:1:");
        let line = diags.lines().find(|l| l.starts_with(&needle)).unwrap_or("");
        assert!(line.contains("nested more than"), "{name}: {diags}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_out_of_the_root_or_in_loops() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tmp");
    write(outside.path(), "secret/entry.ts", GOOD.as_bytes());
    write(outside.path(), "file.ts", GOOD.as_bytes());

    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    let fns = root.join("base44/functions");
    // A folder link leaving the root, a folder link looping back, and an entry file linking out.
    symlink(outside.path().join("secret"), fns.join("escape")).expect("symlink");
    symlink(&fns, fns.join("good").join("loop")).expect("symlink");
    std::fs::create_dir_all(fns.join("linked")).expect("mkdir");
    symlink(outside.path().join("file.ts"), fns.join("linked/entry.ts")).expect("symlink");

    let (names, diags) = run(root);
    assert_eq!(names, ["good"], "{diags}");
    assert!(
        diags.contains(
            "base44/functions/linked/entry.ts: error: entry \"entry.ts\" is outside the app root"
        ),
        "{diags}"
    );
}

#[test]
fn unreadable_entries_and_bad_config_are_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    // An "entry.ts" that is a folder cannot be read as a file (permissions do not stop root).
    std::fs::create_dir_all(root.join("base44/functions/dir-entry/entry.ts")).expect("mkdir");
    write(root, "base44/functions/bad-jsonc/entry.ts", GOOD.as_bytes());
    write(
        root,
        "base44/functions/bad-jsonc/function.jsonc",
        b"{ \"name\": \"x\" /* open",
    );
    write(
        root,
        "base44/functions/missing/function.jsonc",
        b"{ \"entry\": \"main.ts\" }",
    );
    write(
        root,
        "base44/functions/outside/function.jsonc",
        b"{ \"entry\": \"../../../../etc/hostname\" }",
    );
    let (names, diags) = run(root);
    assert_eq!(names, ["good"], "{diags}");
    assert!(
        diags.contains(
            "base44/functions/dir-entry/entry.ts: error: entry \"entry.ts\" is not a file"
        ),
        "{diags}"
    );
    assert!(diags.contains("base44/functions/bad-jsonc/function.jsonc:1:15: error: invalid JSONC: unterminated block comment"), "{diags}");
    assert!(
        diags.contains(
            "base44/functions/missing/function.jsonc: error: entry \"main.ts\" does not exist"
        ),
        "{diags}"
    );
    assert!(
        diags.contains(
            "base44/functions/outside/function.jsonc: error: entry \"../../../../etc/hostname\""
        ),
        "{diags}"
    );
}

#[test]
fn parser_panics_become_syntax_errors() {
    // Found by fuzzing: trips a debug assertion inside swc's parser (debug builds only, which is
    // where proc-macros run).
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    let crash = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/regressions/swc_debug_assert.ts"),
    )
    .expect("fixture");
    func(root, "crash", &crash);
    let (names, diags) = run(root);
    assert_eq!(names, ["good"], "{diags}");
    assert!(
        diags.contains("base44/functions/crash/entry.ts:"),
        "{diags}"
    );
    assert!(diags.contains("syntax error"), "{diags}");
}

#[test]
fn a_parser_that_never_finishes_costs_one_function_not_the_build() {
    // Found by fuzzing: swc backtracks exponentially on this; repeated, it would run for days.
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    func(
        root,
        "hang",
        format!("x = a{};\n", "n<([wf=ilfrtn<(iw(iwfailf".repeat(12)).as_bytes(),
    );
    let start = std::time::Instant::now();
    let (names, diags) = run(root);
    assert_eq!(names, ["good"], "{diags}");
    assert!(
        diags.contains("base44/functions/hang/entry.ts: error: gave up after 20 s"),
        "{diags}"
    );
    // Bounded: the budget plus scheduling slack, not the parser's exponential time.
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
}

/// The recursive shapes swc's parser descends into once per repetition.
const NESTING_SHAPES: &[(&str, &str, &str, &str)] = &[
    ("parens", "(", "1", ")"),
    ("arrays", "[", "", "]"),
    ("objects", "{ a: ", "1", " }"),
    ("templates", "`${", "1", "}`"),
    ("not", "!", "x", ""),
    ("ternary", "a ? b : ", "c", ""),
    ("assign", "a =\n", "1", ""),
    ("arrow", "a => ", "1", ""),
    ("new", "new ", "X", ""),
    ("generic", "Array<", "string", ">"),
    ("conditional-type", "A extends B ? C :\n", "D", ""),
    ("else-if", "if (a) b;\nelse ", "c;", ""),
    ("nested-if", "if (a) ", "b;", ""),
];

fn shape(open: &str, middle: &str, close: &str, n: usize) -> String {
    let body = format!("{}{middle}{}", open.repeat(n), close.repeat(n));
    if open.starts_with("Array") || open.starts_with("A extends") {
        format!("type T = {body};\n{GOOD}")
    } else if open.starts_with("if") {
        format!("function f() {{ {body} }}\n{GOOD}")
    } else {
        format!("const v = {body};\n{GOOD}")
    }
}

/// The stack guard: a million levels of any recursive shape is reported before swc parses it
/// (a stack overflow would abort the run), and the deepest input the guard lets through
/// parses on the worker stack in this (debug) build without overflowing.
#[test]
fn hostile_nesting_never_overflows_the_stack() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    func(root, "good", GOOD.as_bytes());
    let mut deepest_allowed = Vec::new();
    for (name, open, middle, close) in NESTING_SHAPES {
        func(
            root,
            &format!("huge-{name}"),
            shape(open, middle, close, 1_000_000).as_bytes(),
        );
        // Largest repetition count the guard accepts (binary search on the guard itself).
        let (mut lo, mut hi) = (1usize, 1_000_000usize);
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            let text = shape(open, middle, close, mid);
            if base44_codegen::parse::too_nested(&text).is_none() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        deepest_allowed.push((name, lo));
        func(
            root,
            &format!("edge-{name}"),
            shape(open, middle, close, lo).as_bytes(),
        );
    }
    let (names, diags) = run(root);
    assert!(names.contains(&"good".to_string()), "{diags}");
    for (name, _, _, _) in NESTING_SHAPES {
        let needle = format!("base44/functions/huge-{name}/entry.ts:");
        let line = diags.lines().find(|l| l.starts_with(&needle)).unwrap_or("");
        assert!(
            line.contains("nested more than 4000 levels deep"),
            "{name}: {line}"
        );
    }
    // Real code nests a few dozen levels; the guard lets every shape go far deeper than that.
    for (name, n) in deepest_allowed {
        assert!(n >= 400, "{name}: only {n} levels accepted");
    }
}
