//! TypeScript types → [`Schema`], without a TypeScript compiler: interfaces, aliases, enums,
//! utility types, generics and types imported from relative modules. Named types become `defs`.
//!
//! Naming rule: interfaces, enums, and aliases of object types, unions and intersections become
//! named `defs` (`$ref`); aliases of anything else (primitives, arrays, references) are inlined,
//! and so are generic declarations, with their arguments substituted. Two different types of the
//! same name in one function get a numeric suffix (`Item`, `Item2`) in the order met.

mod const_lists;
mod convert;
mod scope;
mod utility;
mod zod;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use swc_common::Span;
use swc_ecma_ast::{Expr, TsType};

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Schema, TypeDef};
use crate::parse::ParsedFile;

pub use scope::Src;

/// Deepest type nesting converted; deeper types become `{}` with a warning.
const MAX_TYPE_DEPTH: usize = 128;

/// Resolves types met in one function's entry file (and the modules it imports).
pub struct TypeContext<'a> {
    file: &'a ParsedFile,
    root: PathBuf,
    defs: BTreeMap<String, TypeDef>,
    /// (file, declaration name) → def name, for named types already met (or being built).
    named: FxHashMap<(PathBuf, String), String>,
    /// Imported modules, parsed once.
    modules: FxHashMap<PathBuf, Option<Arc<ParsedFile>>>,
    /// Inlined aliases being expanded (cycle detection).
    expanding: Vec<(PathBuf, String)>,
    depth: usize,
    warnings: Vec<Diagnostic>,
    files_read: Vec<PathBuf>,
}

/// What type resolution produced besides schemas.
pub struct TypeOutput {
    /// Named types referenced from the schemas handed out.
    pub defs: BTreeMap<String, TypeDef>,
    /// Constructs that could not be resolved (each became `{}`).
    pub warnings: Vec<Diagnostic>,
    /// Imported modules read.
    pub files_read: Vec<PathBuf>,
}

/// Type parameters in scope: name → argument.
pub(crate) type Subst = FxHashMap<String, Schema>;

impl<'a> TypeContext<'a> {
    /// A context for `file`.
    pub fn new(file: &'a ParsedFile) -> Self {
        let depth = file.display.split('/').count();
        let root = file
            .path
            .ancestors()
            .nth(depth)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        TypeContext {
            file,
            root,
            defs: BTreeMap::new(),
            named: FxHashMap::default(),
            modules: FxHashMap::default(),
            expanding: Vec::new(),
            depth: 0,
            warnings: Vec::new(),
            files_read: Vec::new(),
        }
    }

    /// The schema of a type annotation in the entry file.
    pub fn schema_of(&mut self, ty: &TsType) -> Schema {
        self.convert(&Src::Entry, ty, &Subst::default())
    }

    /// The schema of a type declared (or imported) under `name` in the entry file, if any.
    pub fn schema_of_name(&mut self, name: &str) -> Option<Schema> {
        let span = self.file.module.span;
        self.named_type(&Src::Entry, name, &[], span, 0)
    }

    /// The schema described by a schema-library value (`z.object({...})`, or a name bound to
    /// one), if recognised.
    pub fn zod_schema(&mut self, expr: &Expr) -> Option<Schema> {
        zod::schema(self, &Src::Entry, expr, 0)
    }

    /// A schema value that comes from a package (`import { OrderSchema } from
    /// "npm:@acme/schemas"`, used as `OrderSchema.parse(...)` or `OrderSchema.extend(...)`),
    /// whose code is not here to read: a warning at `expr` says so. Returns whether it did.
    pub fn warn_package_schema(&mut self, expr: &Expr) -> bool {
        let Some(name) = zod::root_name(expr) else {
            return false;
        };
        let spec = match scope::origin(&self.file.module, &name) {
            Some(scope::Origin::Named { spec, .. }) if !spec.starts_with('.') => spec,
            _ => return false,
        };
        self.warn(
            &Src::Entry,
            swc_common::Spanned::span(expr),
            format!(
                "the JSON body is validated with `{name}`, imported from \"{spec}\", whose code is not read: the request is described from the fields the code reads"
            ),
        );
        true
    }

    /// The module a name of the entry file is imported from (`import { name as x } from
    /// "./m.ts"`), loaded, with the name it has there.
    pub(crate) fn imported(&mut self, name: &str) -> Option<(Arc<ParsedFile>, String)> {
        match scope::origin(&self.file.module, name)? {
            scope::Origin::Named { spec, remote, span } => {
                let m = self.load(&Src::Entry, &spec, span)?;
                Some((m, remote))
            }
            scope::Origin::Star(_) => None,
        }
    }

    /// Finish: the named types referenced, warnings, and files read.
    pub fn finish(self) -> TypeOutput {
        TypeOutput {
            defs: self.defs,
            warnings: self.warnings,
            files_read: self.files_read,
        }
    }

    /// The parsed file behind `src` (a handle that does not borrow the context).
    pub(crate) fn file_of(&self, src: &Src) -> FileRef<'a> {
        match src {
            Src::Entry => FileRef::Entry(self.file),
            Src::Module(m) => FileRef::Module(Arc::clone(m)),
        }
    }

    /// Record a warning at `span` in `src`.
    pub(crate) fn warn(&mut self, src: &Src, span: Span, message: impl Into<String>) {
        let d = self
            .file_of(src)
            .get()
            .diagnostic(span, Severity::Warning, message);
        self.warnings.push(d);
    }

    /// Load (once) the module `spec` imported from `src`; warns and returns `None` when it
    /// cannot be read.
    pub(crate) fn load(&mut self, src: &Src, spec: &str, span: Span) -> Option<Arc<ParsedFile>> {
        let from = self.file_of(src).get().path.clone();
        let path = match resolve_cached(&from, spec, &self.root) {
            Ok(p) => p,
            Err(message) => {
                // npm:, jsr:, https: and bare imports are expected: no warning unless used.
                if spec.starts_with('.') {
                    self.warn(src, span, message);
                }
                return None;
            }
        };
        if let Some(cached) = self.modules.get(&path) {
            return cached.clone();
        }
        let display = crate::discover::display_path(&self.root, &path);
        let loaded = parse_shared(&path, &display);
        let module = match loaded {
            Ok(f) => Some(f),
            Err(diags) => {
                let first = diags.first().map(|d| d.to_string()).unwrap_or_default();
                self.warn(
                    src,
                    span,
                    format!("cannot read imported module `{spec}`: {first}"),
                );
                None
            }
        };
        self.files_read.push(path.clone());
        self.modules.insert(path, module.clone());
        module
    }
}

/// A shared module's parse, once for all workers: the first worker to need a module parses
/// it, and the others wait for that result instead of parsing it again.
type Slot = Arc<OnceLock<Result<Arc<ParsedFile>, Vec<Diagnostic>>>>;

/// A module's modification time and size: a changed stamp means parse again.
type Stamp = (Option<std::time::SystemTime>, u64);

/// One cached module: the stamp it was parsed at, the run (see [`new_run`]) in which that
/// stamp was last checked, the path it is shown as, and its parse.
struct Cached {
    stamp: Stamp,
    checked: u64,
    display: String,
    slot: Slot,
}

/// Shared modules parsed in this process, by path. Kept across runs (`--watch`, the
/// proc-macro in a long-lived compiler) and re-checked against the file's stamp once a run.
static SHARED: LazyLock<Mutex<FxHashMap<PathBuf, Cached>>> =
    LazyLock::new(|| Mutex::new(FxHashMap::default()));

/// Resolved relative imports of the current run: (folder, specifier without its leading
/// `./` and `../`) → file.
type Resolved = FxHashMap<(PathBuf, String), Result<PathBuf, String>>;

/// The current run. Within one run the app's files are taken as fixed, so an import resolved
/// or a module stamp checked once is not checked again; a new run (the next `generate`, in
/// `--watch` or the next macro expansion) checks everything afresh.
static RUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Start a new run (called by every `generate`).
pub(crate) fn new_run() {
    RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

fn current_run() -> u64 {
    RUN.load(std::sync::atomic::Ordering::SeqCst)
}

thread_local! {
    /// Imports resolved on this worker thread during the run in `.0`.
    static RESOLVED: std::cell::RefCell<(u64, Resolved)> = std::cell::RefCell::new((0, FxHashMap::default()));
}

/// [`scope::resolve_spec`], once per target in a run: `../../_shared/types.ts` from every
/// function folder is one lookup, not one `realpath` per function. Importing files are
/// canonical (discovery and resolution both return real paths), so a leading `..` is the
/// real parent and folding it lexically names the same file.
fn resolve_cached(from: &Path, spec: &str, root: &Path) -> Result<PathBuf, String> {
    if !spec.starts_with('.') {
        return scope::resolve_spec(from, spec, root);
    }
    let run = current_run();
    let key = lexical_key(from.parent().unwrap_or(Path::new("")), spec);
    let hit = RESOLVED.with(|c| {
        let c = c.borrow();
        (c.0 == run).then(|| c.1.get(&key).cloned()).flatten()
    });
    if let Some(r) = hit {
        return r;
    }
    let resolved = scope::resolve_spec(from, spec, root);
    RESOLVED.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != run {
            *c = (run, FxHashMap::default());
        }
        c.1.insert(key, resolved.clone());
    });
    resolved
}

/// `base` with the specifier's leading `./` and `../` applied, and what is left of it.
fn lexical_key(base: &Path, spec: &str) -> (PathBuf, String) {
    let mut base = base.to_path_buf();
    let mut rest = spec;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../").filter(|_| base.parent().is_some()) {
            base.pop();
            rest = r;
        } else {
            return (base, rest.to_string());
        }
    }
}

fn parse_shared(path: &Path, display: &str) -> Result<Arc<ParsedFile>, Vec<Diagnostic>> {
    let run = current_run();
    let slot = {
        let mut cache = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        match cache.get(path) {
            Some(c) if c.checked == run && c.display == display => Arc::clone(&c.slot),
            _ => {
                let meta = std::fs::metadata(path).ok();
                let stamp = (
                    meta.as_ref().and_then(|m| m.modified().ok()),
                    meta.as_ref().map_or(0, |m| m.len()),
                );
                let entry = cache.entry(path.to_path_buf()).or_insert_with(|| Cached {
                    stamp,
                    checked: run,
                    display: display.to_string(),
                    slot: Slot::default(),
                });
                if entry.stamp != stamp || entry.display != display {
                    *entry = Cached {
                        stamp,
                        checked: run,
                        display: display.to_string(),
                        slot: Slot::default(),
                    };
                }
                entry.checked = run;
                Arc::clone(&entry.slot)
            }
        }
    };
    // Outside the lock: other modules are parsed meanwhile; a worker that needs this one
    // waits for it.
    slot.get_or_init(|| {
        let text = crate::parse::read_source(path, display).map_err(|d| vec![d])?;
        crate::parse::parse_source(path, display, text).map(Arc::new)
    })
    .clone()
}

/// A parsed file: the entry (lives as long as the context) or an imported module.
pub(crate) enum FileRef<'a> {
    Entry(&'a ParsedFile),
    Module(Arc<ParsedFile>),
}

impl FileRef<'_> {
    pub(crate) fn get(&self) -> &ParsedFile {
        match self {
            FileRef::Entry(f) => f,
            FileRef::Module(m) => m,
        }
    }
}

#[cfg(test)]
mod tests;
