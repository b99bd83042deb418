//! The `build.rs` entry point: generate the Rust bindings into `OUT_DIR` and tell Cargo what
//! to watch.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
//!     base44_codegen::Builder::new("../app").generate()?.write(out.join("base44_functions.rs"))?;
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::output::{write_if_changed, OutputFile};

/// Generates Rust bindings for the app at a root folder.
#[derive(Clone, Debug)]
pub struct Builder {
    app_root: PathBuf,
}

/// Generated bindings, ready to write.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust code.
    pub code: String,
    /// Every file read, for rebuild tracking.
    pub files_read: Vec<PathBuf>,
    /// The functions folder (new functions appear there).
    pub functions_dir: PathBuf,
    /// Warnings met (errors make [`Builder::generate`] fail).
    pub warnings: Vec<Diagnostic>,
}

/// The app has errors: every diagnostic, one per line.
#[derive(Clone, Debug)]
pub struct BuildError(pub Vec<Diagnostic>);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "base44 functions have errors:")?;
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

impl Builder {
    /// A builder for the app whose root (the folder holding `base44/`) is `app_root`,
    /// relative to the current directory (the crate root in `build.rs`).
    pub fn new(app_root: impl AsRef<Path>) -> Self {
        Builder {
            app_root: app_root.as_ref().to_path_buf(),
        }
    }

    /// Read the app and generate the bindings; fails when any function has an error.
    pub fn generate(&self) -> Result<Generated, BuildError> {
        let g = crate::generate(&self.app_root);
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = g
            .diagnostics
            .iter()
            .cloned()
            .partition(Diagnostic::is_error);
        if !errors.is_empty() {
            return Err(BuildError(errors));
        }
        Ok(Generated {
            code: crate::emit::rust::render(&g.api),
            files_read: g.files_read,
            functions_dir: g.functions_dir,
            warnings,
        })
    }
}

impl Generated {
    /// Write the code to `path` (only when it changed) and print `cargo:rerun-if-changed` for
    /// the functions folder and every file read, and `cargo:warning` for each warning.
    pub fn write(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        println!("cargo:rerun-if-changed={}", self.functions_dir.display());
        for f in &self.files_read {
            println!("cargo:rerun-if-changed={}", f.display());
        }
        for w in &self.warnings {
            println!(
                "cargo:warning={}",
                w.to_string().lines().next().unwrap_or("")
            );
        }
        write_if_changed(&OutputFile {
            path: path.as_ref().to_path_buf(),
            contents: self.code.clone(),
        })
        .map(|_| ())
    }
}
