//! Where a type name is declared: in the file itself, or behind a relative import
//! (`import type`, aliased imports, `export { X } from`, `export *`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use swc_ecma_ast::*;

use crate::extract::ast_util::str_value;
use crate::parse::ParsedFile;

/// A file that declarations live in: the entry file or an imported module.
#[derive(Clone)]
pub enum Src {
    /// The function's entry file.
    Entry,
    /// An imported module (parsed once per function).
    Module(Arc<ParsedFile>),
}

/// A declaration found by name.
#[derive(Clone, Copy)]
pub enum Declared<'f> {
    /// `interface X { ... }`.
    Interface(&'f TsInterfaceDecl),
    /// `type X = ...`.
    Alias(&'f TsTypeAliasDecl),
    /// `enum X { ... }`.
    Enum(&'f TsEnumDecl),
    /// `const X = <expr>` (zod schemas and other values).
    Const(&'f Expr),
}

/// A declaration local to `module` named `name`, with the span of its whole statement
/// (including `export`, where its JSDoc sits).
pub fn local<'f>(module: &'f Module, name: &str) -> Option<(Declared<'f>, swc_common::Span)> {
    for item in &module.body {
        let (decl, span) = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => (d, swc_common::Spanned::span(d)),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => (&e.decl, e.span),
            _ => continue,
        };
        match decl {
            Decl::TsInterface(i) if &*i.id.sym == name => {
                return Some((Declared::Interface(i), span))
            }
            Decl::TsTypeAlias(a) if &*a.id.sym == name => return Some((Declared::Alias(a), span)),
            Decl::TsEnum(e) if &*e.id.sym == name => return Some((Declared::Enum(e), span)),
            Decl::Var(v) => {
                for d in &v.decls {
                    if matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name) {
                        if let Some(init) = &d.init {
                            return Some((Declared::Const(init), span));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Where a name not declared locally comes from.
pub enum Origin {
    /// `import { remote as name } from "spec"` or `export { remote as name } from "spec"`.
    Named {
        spec: String,
        remote: String,
        span: swc_common::Span,
    },
    /// Candidates of `export * from "spec"` (searched in order).
    Star(Vec<(String, swc_common::Span)>),
}

/// How `name` reaches `module` from another file, if it does.
pub fn origin(module: &Module, name: &str) -> Option<Origin> {
    let mut stars = Vec::new();
    for item in &module.body {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                for s in &import.specifiers {
                    if let ImportSpecifier::Named(n) = s {
                        if &*n.local.sym == name {
                            let remote = match &n.imported {
                                Some(ModuleExportName::Ident(i)) => i.sym.as_str().to_owned(),
                                Some(ModuleExportName::Str(s)) => str_value(s),
                                _ => name.to_string(),
                            };
                            return Some(Origin::Named {
                                spec: str_value(&import.src),
                                remote,
                                span: import.span,
                            });
                        }
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) => {
                let Some(src) = &export.src else { continue };
                for s in &export.specifiers {
                    if let ExportSpecifier::Named(n) = s {
                        let exported = n.exported.as_ref().unwrap_or(&n.orig);
                        if export_name(exported) == name {
                            return Some(Origin::Named {
                                spec: str_value(src),
                                remote: export_name(&n.orig),
                                span: export.span,
                            });
                        }
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
                stars.push((str_value(&all.src), all.span));
            }
            _ => {}
        }
    }
    (!stars.is_empty()).then_some(Origin::Star(stars))
}

fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::Ident(i) => i.sym.as_str().to_owned(),
        ModuleExportName::Str(s) => str_value(s),
    }
}

/// Resolve a relative specifier against the importing file. Only `./` and `../` are local;
/// the result must stay inside `root`. Adds `.ts`/`.js`/`/index.ts` when the file has no
/// extension.
pub fn resolve_spec(from: &Path, spec: &str, root: &Path) -> Result<PathBuf, String> {
    if !(spec.starts_with("./") || spec.starts_with("../")) {
        return Err(format!(
            "`{spec}` is not a relative module; its types are unknown"
        ));
    }
    let base = from.parent().unwrap_or(Path::new("."));
    let joined = base.join(spec);
    let candidates = [
        joined.clone(),
        joined.with_extension("ts"),
        PathBuf::from(format!("{}.ts", joined.display())),
        PathBuf::from(format!("{}.js", joined.display())),
        joined.join("index.ts"),
    ];
    for c in candidates {
        if c.is_file() {
            let canonical =
                std::fs::canonicalize(&c).map_err(|e| format!("cannot read `{spec}`: {e}"))?;
            if !canonical.starts_with(root) {
                return Err(format!("`{spec}` is outside the app root; it is not read"));
            }
            return Ok(canonical);
        }
    }
    Err(format!("cannot find module `{spec}`"))
}
