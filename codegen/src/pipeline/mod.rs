//! Runs discover → parse → extract over an app and gathers the IR and diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod workers;

use crate::diagnostics::Diagnostic;
use crate::discover::{self, FunctionEntry};
use crate::extract::{self, Extracted};
use crate::model::{Api, Function, TypeDef};
use crate::parse;

/// The result of reading an app: its IR, every diagnostic, and every file read.
#[derive(Clone, Debug, Default)]
pub struct Generation {
    /// The IR of every function that extracted cleanly.
    pub api: Api,
    /// Errors and warnings, sorted by path and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read (config, entries, imported modules), sorted, for rebuild tracking.
    pub files_read: Vec<PathBuf>,
    /// The functions folder searched.
    pub functions_dir: PathBuf,
}

impl Generation {
    /// Number of error diagnostics.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warning diagnostics.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Time one function may take. Real files take milliseconds (a 5 MB file well under a
/// second); only pathological input comes near this.
const TASK_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);

/// What happened to one function.
enum Outcome {
    Done(Box<Extracted>),
    /// Legacy-layout file without a handler: a shared module, not a function.
    NotAFunction,
    Failed(Vec<Diagnostic>),
}

fn process(entry: &FunctionEntry) -> Outcome {
    let text = match parse::read_source(&entry.entry, &entry.source) {
        Ok(t) => t,
        Err(d) => return Outcome::Failed(vec![d]),
    };
    let mut file = match parse::parse_source(&entry.entry, &entry.source, text) {
        Ok(f) => f,
        Err(diags) => return Outcome::Failed(diags),
    };
    if entry.legacy && !extract::has_handler(&file.module) {
        return Outcome::NotAFunction;
    }
    // A bug in extraction must cost one function, not the whole build that runs us.
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract::extract_function(entry, &mut file)
    }));
    match extracted {
        Ok(Ok(x)) => Outcome::Done(Box::new(x)),
        Ok(Err(d)) => Outcome::Failed(vec![d]),
        Err(panic) => Outcome::Failed(vec![Diagnostic::file_error(
            &entry.source,
            format!("{INTERNAL_ERROR}: {}", panic_message(&panic)),
        )]),
    }
}

/// Prefix of the diagnostic for a bug of ours; tests look for it.
pub const INTERNAL_ERROR: &str = "internal error while extracting this function (please report it)";

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Parse and extract one function from source text already in memory (fuzzing, benchmarks).
/// Relative imports still resolve against `entry.entry` on disk. Runs on a thread with the
/// workers' stack, as [`generate`] does: the caller's own stack may be small.
pub fn extract_source(entry: &FunctionEntry, text: String) -> Result<Extracted, Vec<Diagnostic>> {
    let run = move || {
        let mut file = parse::parse_source(&entry.entry, &entry.source, text)?;
        extract::extract_function(entry, &mut file).map_err(|d| vec![d])
    };
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .stack_size(workers::WORKER_STACK)
            .spawn_scoped(s, run);
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(e) => Err(vec![Diagnostic::file_error(
                &entry.source,
                format!("cannot start a parser thread: {e}"),
            )]),
        }
    })
}

/// Read the app at `app_root` and build its IR. Never fails as a whole: problems are
/// diagnostics, and every function that can be generated is.
pub fn generate(app_root: &Path) -> Generation {
    extract::types::new_run();
    let found = discover::discover(app_root);
    let mut diagnostics = found.diagnostics;
    let mut files_read = found.files_read;
    files_read.extend(found.functions.iter().map(|f| f.entry.clone()));

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let results = workers::run_all(found.functions.clone(), threads, TASK_BUDGET, process);
    let outcomes = results.into_iter().zip(&found.functions).map(|(r, entry)| match r {
        workers::TaskResult::Done(outcome) => outcome,
        workers::TaskResult::TimedOut => Outcome::Failed(vec![Diagnostic::file_error(
            &entry.source,
            format!(
                "gave up after {} s: the parser is stuck on this file (swc is exponential on some malformed TypeScript); the file is skipped",
                TASK_BUDGET.as_secs()
            ),
        )]),
    });

    let mut api = Api::default();
    for outcome in outcomes {
        match outcome {
            Outcome::Done(x) => {
                let mut x = *x;
                diagnostics.extend(x.warnings);
                files_read.extend(x.files_read);
                merge_defs(&mut api.defs, &mut x.function, x.defs);
                api.functions.push(x.function);
            }
            Outcome::NotAFunction => {}
            Outcome::Failed(d) => diagnostics.extend(d),
        }
    }
    api.functions.sort_by(|a, b| a.name.cmp(&b.name));
    diagnostics.sort();
    diagnostics.dedup();
    discover::sort_dedup_paths(&mut files_read);
    Generation {
        api,
        diagnostics,
        files_read,
        functions_dir: found.functions_dir,
    }
}

/// Named types are shared across functions. When a function declares a name that an earlier
/// function declared with another shape (two files each with their own `interface Request`),
/// its type is renamed after the function (`OrdersCreateRequest`) and its references follow;
/// a type that only refers to a renamed one is renamed too. Functions are merged in name
/// order, so the names are deterministic.
fn merge_defs(
    into: &mut BTreeMap<String, TypeDef>,
    function: &mut Function,
    defs: BTreeMap<String, TypeDef>,
) {
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let clashing: Vec<String> = defs
            .iter()
            .filter(|(name, def)| {
                !renames.contains_key(*name)
                    && into.get(*name).is_some_and(|existing| {
                        let mut renamed = def.schema.clone();
                        renamed.rename_refs(&renames);
                        existing.schema != renamed
                    })
            })
            .map(|(name, _)| name.clone())
            .collect();
        if clashing.is_empty() {
            break;
        }
        for name in clashing {
            let base = format!("{}{name}", crate::emit::rust::names::pascal(&function.name));
            let mut fresh = base.clone();
            let mut n = 2;
            while into.contains_key(&fresh)
                || defs.contains_key(&fresh)
                || renames.values().any(|v| *v == fresh)
            {
                fresh = format!("{base}{n}");
                n += 1;
            }
            renames.insert(name, fresh);
        }
    }
    for schema in function
        .request
        .iter_mut()
        .chain(function.response.iter_mut())
        .chain(function.errors.values_mut())
    {
        schema.rename_refs(&renames);
    }
    for (name, mut def) in defs {
        def.schema.rename_refs(&renames);
        let name = renames.get(&name).cloned().unwrap_or(name);
        into.entry(name).or_insert(def);
    }
}
