//! Generator benchmarks, printed as ratios measured side by side in one run:
//!
//! 1. end-to-end `codegen` (the release binary, as users run it) on 100, 1,000 and 10,000
//!    functions: wall time, peak memory, time per function;
//! 2. the same files only read and parsed by swc (no comments, no checks), in parallel like
//!    the pipeline (the floor), both in a process of its own started like the binary (the
//!    like-for-like floor for the end-to-end time) and in-process with a warm heap;
//! 3. `ts-json-schema-generator` (npm, in js/) on the corpus's shared request/response type
//!    modules (a subset of what codegen does: no handlers, no inference), in its fastest mode
//!    (`--no-type-check`) and as it runs by default (type-checking the modules first).
//!
//! Run: `cargo bench -p codegen --bench pipeline` (set `BENCH_SIZES=100,1000` to shorten).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use base44_codegen::corpus::{write_corpus, CorpusSpec};
use base44_codegen::generate;
use rayon::prelude::*;

// The same allocator as the `codegen` binary, so the in-process figures compare like with like.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: base44_codegen::allocator::MiMalloc = base44_codegen::allocator::MiMalloc;

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// The median of `a[i] / b[i]` over the rounds both have (0 when there are none).
fn median_ratio(a: &[Duration], b: &[Duration]) -> f64 {
    let mut r: Vec<f64> = a
        .iter()
        .zip(b)
        .map(|(x, y)| x.as_secs_f64() / y.as_secs_f64())
        .collect();
    r.sort_by(f64::total_cmp);
    r.get(r.len() / 2).copied().unwrap_or(0.0)
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

/// Run a command to completion; wall time and the child's own peak RSS in bytes.
fn run_measured(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot start {cmd:?}: {e}"),
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(rc, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
        "{cmd:?} failed with status {status}"
    );
    (wall, usage.ru_maxrss as u64 * 1024)
}

fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("base44/functions"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// The floor: read each file and parse it with swc, nothing else (no comments kept, no
/// checks), in parallel on every core like the pipeline.
fn bare_parse(files: &[PathBuf]) -> usize {
    use swc_common::BytePos;
    use swc_ecma_parser::{Parser, StringInput, Syntax, TsSyntax};
    files
        .par_iter()
        .filter(|p| {
            let Ok(text) = std::fs::read_to_string(p) else {
                return false;
            };
            let end = BytePos(1 + text.len() as u32);
            let input = StringInput::new(&text, BytePos(1), end);
            let mut parser = Parser::new(Syntax::Typescript(TsSyntax::default()), input, None);
            parser.parse_module().is_ok()
        })
        .count()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `pipeline --parse-floor APP_ROOT`: the floor as a process of its own (this same binary).
fn parse_floor_process() -> bool {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--parse-floor") {
        Some(i) => {
            let root = PathBuf::from(args.get(i + 1).map_or(".", |s| s.as_str()));
            std::hint::black_box(bare_parse(&source_files(&root)));
            true
        }
        None => false,
    }
}

fn main() {
    if parse_floor_process() {
        return;
    }
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "100,1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let bin = env!("CARGO_BIN_EXE_codegen");
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("../js");
    let tsjsg = js.join("node_modules/ts-json-schema-generator/bin/ts-json-schema-generator.js");
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:>7} | {:>9} | {:>9} | {:>8} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | tsjsg fastest (ratio to e2e) | tsjsg default (ratio)",
        "funcs", "e2e", "per fn", "peak MB", "floor", "e2e/floor", "generate", "parse", "gen/parse"
    );
    for &n in &sizes {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        write_corpus(
            root,
            CorpusSpec {
                functions: n,
                seed: 1,
            },
        )
        .expect("corpus");
        let files = source_files(root);
        // This machine's run-to-run spread is wide (the same run takes 110-240 ms): many rounds.
        let runs = if n >= 10_000 { 1 } else { 15 };
        let this = std::env::current_exe().expect("own path");
        let e2e_run = || {
            let _ = std::fs::remove_dir_all(root.join("base44/.types"));
            run_measured(Command::new(bin).arg("--quiet").arg(root))
        };
        let floor_run = || run_measured(Command::new(&this).arg("--parse-floor").arg(root)).0;
        if n < 10_000 {
            // Warm-up: the corpus was just written; the first runs would measure writeback.
            e2e_run();
            floor_run();
        }
        let tsjsg_cmd = |type_check: bool| {
            (n <= 1000 && tsjsg.is_file()).then(|| {
                let mut cmd = Command::new("node");
                cmd.arg(&tsjsg)
                    .arg("--path")
                    .arg(root.join("base44/functions/_shared/types_*.ts"))
                    .args(["--type", "*", "--out"])
                    .arg(root.join("tsjsg.json"));
                if !type_check {
                    cmd.arg("--no-type-check");
                }
                cmd
            })
        };
        let (mut fast_cmd, mut checked_cmd) = (tsjsg_cmd(false), tsjsg_cmd(true));
        // Interleaved rounds, so that a machine that speeds up or slows down during the run
        // moves every column alike.
        let (mut e2e, mut floor, mut parse, mut gen, mut ts, mut ts_checked) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut peak = 0;
        // Each process is followed by a pause, and Node by a long one: a process started
        // right after another has ended ran up to twice as slow, most of all after Node,
        // which frees a large heap on exit (measured: codegen 105 ms right after Node, 83 ms
        // 150 ms after it, 62-65 ms with no Node run; the floor moved less, so a short pause
        // after Node skewed e2e/floor). Node runs first in each round; codegen and the floor
        // then take turns going first.
        let settle = |ms: u64| std::thread::sleep(Duration::from_millis(ms));
        for round in 0..runs {
            // Both Node runs first, in turns, each followed by the long pause.
            let mut node_runs = [
                (&mut fast_cmd, &mut ts),
                (&mut checked_cmd, &mut ts_checked),
            ];
            if round % 2 == 1 {
                node_runs.reverse();
            }
            for (cmd, times) in node_runs {
                if let Some(cmd) = cmd.as_mut() {
                    times.push(run_measured(cmd).0);
                    settle(1000);
                }
            }
            for step in 0..2 {
                if (round + step) % 2 == 0 {
                    let (wall, rss) = e2e_run();
                    e2e.push(wall);
                    peak = peak.max(rss);
                } else {
                    floor.push(floor_run());
                }
                settle(150);
            }
            parse.push(time(|| bare_parse(&files)));
            gen.push(time(|| generate(root)));
        }
        // Ratios are taken round by round (the runs of one round are seconds apart) and their
        // median reported: the machine's speed drifts over a run, and a ratio of medians
        // taken at different moments carries that drift.
        let e2e_per_floor = median_ratio(&e2e, &floor);
        let tsjsg_per_e2e = median_ratio(&ts, &e2e);
        let checked_per_e2e = median_ratio(&ts_checked, &e2e);
        let (e2e, floor, parse, gen) = (median(e2e), median(floor), median(parse), median(gen));
        let tsjsg_time = if n > 1000 {
            "-".to_string()
        } else if ts.is_empty() {
            "missing: run npm ci in js/".to_string()
        } else {
            format!(
                "{:.0} ms ({tsjsg_per_e2e:.1}x) | {:.0} ms ({checked_per_e2e:.1}x)",
                ms(median(ts)),
                ms(median(ts_checked))
            )
        };
        println!(
            "{:>7} | {:>6.0} ms | {:>6.1} µs | {:>8.1} | {:>6.0} ms | {:>9.2} | {:>6.0} ms | {:>6.0} ms | {:>9.2} | {}",
            n,
            ms(e2e),
            e2e.as_secs_f64() * 1e6 / n as f64,
            peak as f64 / (1024.0 * 1024.0),
            ms(floor),
            e2e_per_floor,
            ms(gen),
            ms(parse),
            gen.as_secs_f64() / parse.as_secs_f64(),
            tsjsg_time,
        );
    }
    println!("e2e: the codegen binary, wall time with start-up and writes (medians of interleaved runs);");
    println!("ratios (e2e/floor, tsjsg/e2e): medians of the ratios within each round;");
    println!("floor: read + bare swc parse of the same files in parallel, as a process started the same way;");
    println!("generate: discovery, parsing and extraction in-process; parse: the floor in-process (warm heap);");
    println!(
        "tsjsg: ts-json-schema-generator on the shared type modules only (a subset of codegen's work:"
    );
    println!(
        "it fails on handler files, so their inline request types are left out); fastest: with"
    );
    println!("--no-type-check; default: as it runs unless told otherwise, type-checking first.");
}
