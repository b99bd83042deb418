//! Property test: mutated real-style function sources (truncation, byte flips, token deletion,
//! duplication, inserted fragments) go through discover → parse → extract → emit without a
//! panic, and the output is deterministic. 4,000 inputs per run by default; set
//! `BASE44_MUTATION_CASES` for more and `BASE44_MUTATION_SEED` to explore other inputs.

use std::path::{Path, PathBuf};

use base44_codegen::corpus::Rng;
use base44_codegen::emit::{self, EmitOptions};
use base44_codegen::generate;

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "=>",
    "await req.json()",
    "Response.json(",
    "as ",
    ": ",
    "...",
    "?.",
    "??",
    "return ",
    "{ status: 400 }",
    "`${",
    "\"",
    "'",
    "/*",
    "//",
    "\n",
    "<T>",
    "interface X {",
    "type Y = ",
    "switch (x) {",
    "case 1:",
    "new Response(",
    "z.object({",
    "export default ",
    "Deno.serve(",
    "function (",
    "req.formData()",
    "\u{feff}",
    "é",
    "\r\n",
];

/// Seed sources: the example app's functions and shared modules, plus the handler fixtures.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        base.join("../examples/app/base44/functions"),
        base.join("tests/fixtures/handlers"),
    ] {
        collect(&dir, &mut files);
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let ext = if p.extension().is_some_and(|x| x == "js") {
                "js"
            } else {
                "ts"
            };
            std::fs::read(p).ok().map(|b| (ext, b))
        })
        .filter(|(_, b)| !b.is_empty())
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "ts" || x == "js") {
            out.push(p);
        }
    }
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut s = src.to_vec();
    // Mostly one mutation, so that many inputs still parse and reach extraction and emission.
    let rounds = if rng.below(4) == 0 {
        2 + rng.below(3)
    } else {
        1
    };
    for _ in 0..rounds {
        let len = s.len();
        match rng.below(8) {
            // Line-level edits keep the file parseable more often, reaching extraction.
            6 | 7 => {
                let mut lines: Vec<&[u8]> = s.split(|b| *b == b'\n').collect();
                if lines.len() > 1 {
                    let i = rng.below(lines.len());
                    if rng.below(2) == 0 {
                        lines.remove(i);
                    } else {
                        let j = rng.below(lines.len());
                        let dup = lines[j];
                        lines.insert(i, dup);
                    }
                }
                s = lines.join(&b'\n');
            }
            0 => s.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let i = rng.below(len);
                s[i] = (rng.next_u64() & 0xff) as u8;
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(12)).min(len);
                s.drain(i..end);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(40)).min(len);
                let chunk = s[i..end].to_vec();
                let at = rng.below(s.len() + 1);
                s.splice(at..at, chunk);
            }
            _ => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                let at = rng.below(len + 1);
                s.splice(at..at, frag.iter().copied());
            }
        }
    }
    s
}

fn render(root: &Path) -> Vec<String> {
    let g = generate(root);
    let mut out: Vec<String> = emit::outputs(root, &g.api, &EmitOptions::default())
        .into_iter()
        .map(|f| f.contents)
        .collect();
    out.extend(g.diagnostics.iter().map(ToString::to_string));
    out
}

#[test]
fn mutated_sources_never_panic_and_stay_deterministic() {
    let cases: usize = std::env::var("BASE44_MUTATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let seed: u64 = std::env::var("BASE44_MUTATION_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_BA5E_0044);
    let seeds = seeds();
    assert!(seeds.len() >= 20, "too few seed files: {}", seeds.len());
    let mut rng = Rng(seed | 1);
    // Several mutated functions per app keeps the run short; every input is its own function.
    let per_app = 25;
    let mut done = 0;
    let mut generated = 0;
    while done < cases {
        let tmp = tempfile::tempdir().expect("tmp");
        let fns = tmp.path().join("base44/functions");
        for i in 0..per_app.min(cases - done) {
            let (ext, src) = &seeds[rng.below(seeds.len())];
            let dir = fns.join(format!("f{i:02}"));
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(dir.join(format!("entry.{ext}")), mutate(&mut rng, src)).expect("write");
        }
        done += per_app.min(cases - done);
        let first = render(tmp.path());
        if let Some(bug) = first
            .iter()
            .find(|d| d.contains(base44_codegen::INTERNAL_ERROR))
        {
            panic!("extraction panicked (seed {seed}): {bug}");
        }
        let second = render(tmp.path());
        assert_eq!(
            first, second,
            "non-deterministic output (seed {seed}, after {done} inputs)"
        );
        generated += generate(tmp.path()).api.functions.len();
    }
    // Some mutations must survive as valid functions, or the test exercises only the parser.
    assert!(
        generated > cases / 5,
        "only {generated} of {cases} mutated functions generated"
    );
    eprintln!("{cases} mutated inputs, {generated} still generated, seed {seed}");
}
