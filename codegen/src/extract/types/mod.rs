//! TypeScript types → [`Schema`], without a TypeScript compiler: interfaces, aliases, enums,
//! utility types, generics and types imported from relative modules. Named types become `defs`.
//!
//! The request and response extractors ask this module for the schema of a type annotation
//! (`schema_of`), of a declared name (`schema_of_name`) or of a schema-library value such as a
//! zod object (`zod_schema`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use swc_ecma_ast::{Expr, TsKeywordTypeKind, TsType};

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Schema, TypeDef};
use crate::parse::ParsedFile;

/// Resolves types met in one function's entry file (and the modules it imports).
pub struct TypeContext<'a> {
    file: &'a ParsedFile,
    defs: BTreeMap<String, TypeDef>,
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

impl<'a> TypeContext<'a> {
    /// A context for `file`.
    pub fn new(file: &'a ParsedFile) -> Self {
        TypeContext {
            file,
            defs: BTreeMap::new(),
            warnings: Vec::new(),
            files_read: Vec::new(),
        }
    }

    /// The schema of a type annotation.
    pub fn schema_of(&mut self, ty: &TsType) -> Schema {
        match ty {
            TsType::TsKeywordType(k) => match k.kind {
                TsKeywordTypeKind::TsStringKeyword => Schema::string(),
                TsKeywordTypeKind::TsNumberKeyword => Schema::Number,
                TsKeywordTypeKind::TsBooleanKeyword => Schema::Boolean,
                TsKeywordTypeKind::TsNullKeyword => Schema::Null,
                _ => Schema::Any,
            },
            other => {
                let span = swc_common::Spanned::span(other);
                self.warnings.push(self.file.diagnostic(
                    span,
                    Severity::Warning,
                    "type not resolved yet; using {}",
                ));
                Schema::Any
            }
        }
    }

    /// The schema of a type declared (or imported) under `name` in this file, if any.
    pub fn schema_of_name(&mut self, _name: &str) -> Option<Schema> {
        None
    }

    /// The schema described by a schema-library value (`z.object({...})`), if recognised.
    pub fn zod_schema(&mut self, _expr: &Expr) -> Option<Schema> {
        None
    }

    /// Finish: the named types referenced, warnings, and files read.
    pub fn finish(self) -> TypeOutput {
        TypeOutput {
            defs: self.defs,
            warnings: self.warnings,
            files_read: self.files_read,
        }
    }
}
