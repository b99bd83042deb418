//! Facts about the module around the handler that evidence uses: `const` lists of literals
//! (allowed values, loop keys), helper functions that reject a missing argument, and helpers
//! whose result is falsy when an argument is missing.

use std::collections::HashMap;

use swc_ecma_ast::*;

use super::rejections::{absence_tests, absent_when_true, nan_of};
use super::scope::{falsy_literal, literal, Scope};
use crate::extract::ast_util::unwrap_expr;
use crate::extract::status::rejects;
use crate::model::Literal;

/// `["a", "b"]` (also `as const`): the literals of an array made only of literals.
pub fn literal_list(e: &Expr) -> Option<Vec<Literal>> {
    let Expr::Array(a) = unwrap_expr(e) else {
        return None;
    };
    a.elems
        .iter()
        .map(|el| match el {
            Some(ExprOrSpread { spread: None, expr }) => literal(expr),
            _ => None,
        })
        .collect()
}

/// Module-level `const NAME = [literals]` declarations.
pub fn module_lists(module: &Module) -> HashMap<String, Vec<Literal>> {
    module_consts(module, literal_list)
}

/// Module-level `const NAME = { key: value, ... }` whose values are all truthy (objects,
/// arrays, functions, non-empty strings, `true`, non-zero numbers): name → its keys.
pub fn module_tables(module: &Module) -> HashMap<String, Vec<Literal>> {
    module_consts(module, |e| {
        let Expr::Object(o) = unwrap_expr(e) else {
            return None;
        };
        o.props
            .iter()
            .map(|p| match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) if truthy(&kv.value) => {
                        crate::extract::ast_util::prop_name(&kv.key).map(Literal::String)
                    }
                    _ => None,
                },
                PropOrSpread::Spread(_) => None,
            })
            .collect()
    })
}

fn truthy(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Object(_) | Expr::Array(_) | Expr::Fn(_) | Expr::Arrow(_) | Expr::Tpl(_) => true,
        Expr::Lit(Lit::Str(s)) => !s.value.is_empty(),
        Expr::Lit(Lit::Bool(b)) => b.value,
        Expr::Lit(Lit::Num(n)) => n.value != 0.0 && !n.value.is_nan(),
        _ => false,
    }
}

/// Module-level `const` declarations whose value `read` understands.
fn module_consts<T>(module: &Module, read: impl Fn(&Expr) -> Option<T>) -> HashMap<String, T> {
    let mut out = HashMap::new();
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => v,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(v),
                ..
            })) => v,
            _ => continue,
        };
        if decl.kind != VarDeclKind::Const {
            continue;
        }
        for d in &decl.decls {
            if let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) {
                if let Some(value) = read(init) {
                    out.insert(name.id.sym.to_string(), value);
                }
            }
        }
    }
    out
}

/// A module-level function: its name, parameter names (`None` for patterns) and body.
struct ModuleFn<'m> {
    name: String,
    params: Vec<Option<String>>,
    body: FnBody<'m>,
}

enum FnBody<'m> {
    Block(&'m FunctionBody),
    /// `const norm = (v) => String(v || "").trim()`.
    Expr(&'m Expr),
}

/// Function declarations and `const` arrows at the top level of `module` (exported or not).
fn module_functions(module: &Module) -> Vec<ModuleFn<'_>> {
    let ident = |p: &Pat| match p {
        Pat::Ident(b) => Some(b.id.sym.to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
            _ => continue,
        };
        match decl {
            Decl::Fn(f) => {
                if let Some(body) = &f.function.body {
                    out.push(ModuleFn {
                        name: f.ident.sym.to_string(),
                        params: f.function.params.iter().map(|p| ident(&p.pat)).collect(),
                        body: FnBody::Block(body),
                    });
                }
            }
            Decl::Var(v) => {
                for d in &v.decls {
                    let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) else {
                        continue;
                    };
                    if let Expr::Arrow(a) = unwrap_expr(init) {
                        out.push(ModuleFn {
                            name: name.id.sym.to_string(),
                            params: a.params.iter().map(ident).collect(),
                            body: match &*a.body {
                                ArrowFunctionBody::FunctionBody(b) => FnBody::Block(b),
                                ArrowFunctionBody::Expr(e) => FnBody::Expr(e),
                            },
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Module-level functions that reject a missing argument (`function need(v) { if (!v) throw
/// ... }`, also as a `const` arrow): function name → indices of the parameters checked.
pub fn module_guards(module: &Module) -> HashMap<String, Vec<usize>> {
    let mut out = HashMap::new();
    for f in module_functions(module) {
        let FnBody::Block(body) = f.body else {
            continue;
        };
        let mut checked = Vec::new();
        for stmt in &body.stmts {
            if let Stmt::If(i) = stmt {
                if rejects(&i.cons) {
                    let mut tested = Vec::new();
                    absence_tests(&i.test, &mut tested);
                    checked.extend(tested.into_iter().filter_map(|e| match unwrap_expr(e) {
                        Expr::Ident(id) => Some(id.sym.to_string()),
                        _ => None,
                    }));
                }
            }
        }
        let indices: Vec<usize> = f
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.as_ref().is_some_and(|p| checked.contains(p)))
            .map(|(i, _)| i)
            .collect();
        if !indices.is_empty() {
            out.insert(f.name, indices);
        }
    }
    out
}

/// Module-level functions whose result is falsy when an argument is missing (`norm(v)`
/// returning `String(v || "").trim()`, `parse(t)` starting `if (!t) return null`): function
/// name → that parameter's index. `if (!norm(body.email)) reject` rejects a missing email.
pub fn module_falsy_returns(module: &Module) -> HashMap<String, usize> {
    let functions = module_functions(module);
    let mut out = HashMap::new();
    // Twice, so that a helper calling another declared after it is seen.
    for _ in 0..2 {
        for f in &functions {
            if out.contains_key(&f.name) {
                continue;
            }
            let found = f
                .params
                .iter()
                .enumerate()
                .find(|(_, p)| p.as_ref().is_some_and(|p| falsy_without(&f.body, p, &out)));
            if let Some((i, _)) = found {
                out.insert(f.name.clone(), i);
            }
        }
    }
    out
}

/// Whether every value `body` returns is falsy when `param` is missing, and some of them
/// depend on it.
fn falsy_without(body: &FnBody<'_>, param: &str, known: &HashMap<String, usize>) -> bool {
    let marker = vec![String::new()];
    let mut scope = Scope {
        falsy_returns: known.clone(),
        ..Scope::default()
    };
    scope.locals.insert(param.to_string(), marker.clone());
    let block = match body {
        FnBody::Expr(e) => return scope.falsy_when_missing(e).as_ref() == Some(&marker),
        FnBody::Block(b) => b,
    };
    let mut returns = Vec::new();
    let stmts: Vec<&Stmt> = block.stmts.iter().collect();
    match collect_returns(&stmts, &mut scope, &marker, &mut returns) {
        Walk::Guarded => return true,
        Walk::Unknown => return false,
        Walk::Done => {}
    }
    let mut depends = false;
    for r in returns {
        match r {
            None => {}
            Some(e) if falsy_literal(e) => {}
            Some(e) => match unwrap_expr(e) {
                Expr::Ident(i) if scope.derived.get(&*i.sym) == Some(&marker) => depends = true,
                _ if scope.falsy_when_missing(e).as_ref() == Some(&marker) => depends = true,
                _ => return false,
            },
        }
    }
    depends
}

/// How a walk over a helper's statements ended.
enum Walk {
    /// Every return was collected.
    Done,
    /// A top-level `if (!param) return null` answers a missing argument first.
    Guarded,
    /// A loop or `switch` may hide a return.
    Unknown,
}

/// The return values of `stmts` (through blocks, `if`s and `try`), binding `const x = ...`
/// locals derived from the parameter on the way.
fn collect_returns<'s>(
    stmts: &[&'s Stmt],
    scope: &mut Scope,
    param: &[String],
    out: &mut Vec<Option<&'s Expr>>,
) -> Walk {
    for stmt in stmts {
        let walk = match stmt {
            Stmt::Return(r) => {
                out.push(r.arg.as_deref());
                Walk::Done
            }
            Stmt::Decl(Decl::Var(v)) => {
                for d in &v.decls {
                    if let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) {
                        let name = name.id.sym.to_string();
                        match scope.falsy_when_missing(init) {
                            Some(p) => scope.derived.insert(name.clone(), p),
                            None => scope.derived.remove(&name),
                        };
                        match nan_of(scope, init) {
                            Some(p) => scope.nan_locals.insert(name, p),
                            None => scope.nan_locals.remove(&name),
                        };
                    }
                }
                Walk::Done
            }
            // `if (!t) return null` / `if (!Number.isFinite(n)) return null` before anything
            // else is returned: a missing argument gets that falsy answer.
            Stmt::If(i)
                if out.is_empty()
                    && returns_falsy(&i.cons)
                    && absent_when_true(scope, &i.test).iter().any(|p| p == param) =>
            {
                return Walk::Guarded;
            }
            Stmt::Block(b) => {
                collect_returns(&b.stmts.iter().collect::<Vec<_>>(), scope, param, out)
            }
            Stmt::If(i) => match collect_returns(&[&*i.cons], scope, param, out) {
                Walk::Done => match i.alt.as_deref() {
                    Some(alt) => collect_returns(&[alt], scope, param, out),
                    None => Walk::Done,
                },
                // A guard inside a branch answers only that branch.
                _ => Walk::Unknown,
            },
            Stmt::Try(t) => {
                match collect_returns(&t.block.stmts.iter().collect::<Vec<_>>(), scope, param, out)
                {
                    Walk::Done => match &t.handler {
                        Some(h) => collect_returns(
                            &h.body.stmts.iter().collect::<Vec<_>>(),
                            scope,
                            param,
                            out,
                        ),
                        None => Walk::Done,
                    },
                    other => other,
                }
            }
            Stmt::Expr(_) | Stmt::Empty(_) | Stmt::Throw(_) => Walk::Done,
            _ => Walk::Unknown,
        };
        if !matches!(walk, Walk::Done) {
            return walk;
        }
    }
    Walk::Done
}

/// `return null`, `return ""`, `{ return 0; }`: the branch answers with a falsy literal.
fn returns_falsy(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(r) => r.arg.as_deref().is_none_or(falsy_literal),
        Stmt::Block(b) => matches!(b.stmts.as_slice(), [only] if returns_falsy(only)),
        _ => false,
    }
}
