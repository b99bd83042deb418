//! What helpers give back, for checks made on their results: helpers whose result is falsy
//! when an argument is missing (`norm(v)` returning `String(v || "").trim()`), and helpers
//! that build an object from the input (`clean(body)` returning `{ description: ... }`).

use rustc_hash::{FxHashMap, FxHashSet};
use swc_ecma_ast::*;

use super::absence::{absent_when_true, nan_of};
use super::scope::{falsy_literal, DerivedKey, Scope};
use crate::extract::ast_util::{prop_name, unwrap_expr};

/// A module-level function: its name, parameter names (`None` for patterns) and body.
pub(super) struct ModuleFn<'m> {
    pub name: String,
    pub params: Vec<Option<String>>,
    pub body: FnBody<'m>,
}

pub(super) enum FnBody<'m> {
    Block(&'m FunctionBody),
    /// `const norm = (v) => String(v || "").trim()`.
    Expr(&'m Expr),
}

impl<'m> FnBody<'m> {
    /// The one expression the function answers with: an arrow's body, or a block that only
    /// returns it.
    pub(super) fn single_return(&self) -> Option<&'m Expr> {
        match self {
            FnBody::Expr(e) => Some(e),
            FnBody::Block(b) => match b.stmts.as_slice() {
                [Stmt::Return(ReturnStmt { arg: Some(e), .. })] => Some(e),
                _ => None,
            },
        }
    }
}

/// What module functions answer for a missing argument, worked out from what is `known`:
/// function name -> the parameter `answers` finds, given the answers found so far.
pub(super) fn helper_answers(
    functions: &[ModuleFn<'_>],
    known: &FxHashMap<String, usize>,
    answers: impl Fn(&ModuleFn<'_>, &FxHashMap<String, usize>) -> Option<usize>,
) -> FxHashMap<String, usize> {
    let mut out = known.clone();
    // Twice, so that a helper calling another declared after it is seen.
    for _ in 0..2 {
        for f in functions {
            if out.contains_key(&f.name) {
                continue;
            }
            if let Some(i) = answers(f, &out) {
                out.insert(f.name.clone(), i);
            }
        }
    }
    out
}

/// The first parameter of `f` that `traced` follows `returned` back to, in a scope that
/// `prepare` has given the answers known so far and where the parameter is a local.
pub(super) fn param_traced(
    f: &ModuleFn<'_>,
    prepare: impl Fn(&mut Scope),
    traced: impl Fn(&Scope) -> Option<Vec<String>>,
) -> Option<usize> {
    let marker = vec![String::new()];
    f.params.iter().position(|p| {
        p.as_ref().is_some_and(|p| {
            let mut scope = Scope::default();
            prepare(&mut scope);
            scope.locals.insert(p.clone(), marker.clone());
            traced(&scope).as_ref() == Some(&marker)
        })
    })
}

/// Function declarations and `const` arrows at the top level of `module` (exported or not).
pub(super) fn module_functions(module: &Module) -> Vec<ModuleFn<'_>> {
    functions_in(module.body.iter().filter_map(|item| match item {
        ModuleItem::Stmt(Stmt::Decl(d)) => Some(d),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => Some(&e.decl),
        _ => None,
    }))
}

/// A module imported from, loaded, and the names imported from it: (local name, exported
/// name).
pub type ImportedModule = (
    std::sync::Arc<crate::parse::ParsedFile>,
    Vec<(String, String)>,
);

/// The relative modules `module` imports functions from by name, loaded (parsed once per
/// run), each with the names it is imported under.
pub fn imported_modules(
    module: &Module,
    types: &mut crate::extract::types::TypeContext<'_>,
) -> Vec<ImportedModule> {
    let mut out: Vec<ImportedModule> = Vec::new();
    for item in &module.body {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
            continue;
        };
        if import.type_only || !import.src.value.starts_with(".") {
            continue;
        }
        for spec in &import.specifiers {
            let ImportSpecifier::Named(named) = spec else {
                continue;
            };
            if named.is_type_only {
                continue;
            }
            let local = named.local.sym.as_str().to_owned();
            let Some((file, remote)) = types.imported(&local) else {
                continue;
            };
            match out
                .iter_mut()
                .find(|(f, _)| std::sync::Arc::ptr_eq(f, &file))
            {
                Some((_, names)) => names.push((local, remote)),
                None => out.push((file, vec![(local, remote)])),
            }
        }
    }
    out
}

/// The functions of `module` exported under `names` (exported name), named as imported.
pub(super) fn module_functions_named<'m>(
    module: &'m Module,
    names: &[(String, String)],
) -> Vec<ModuleFn<'m>> {
    module_functions(module)
        .into_iter()
        .filter_map(|mut f| {
            let (local, _) = names.iter().find(|(_, remote)| *remote == f.name)?;
            f.name = local.clone();
            Some(f)
        })
        .collect()
}

/// Helpers declared inside the handler (also inside its blocks and `try`, not inside nested
/// functions): `const clamp = (v) => ...` next to the code that calls it.
pub(super) fn local_functions(stmts: &[Stmt]) -> Vec<ModuleFn<'_>> {
    fn decls<'s>(stmts: &'s [Stmt], out: &mut Vec<&'s Decl>) {
        for stmt in stmts {
            match stmt {
                Stmt::Decl(d) => out.push(d),
                Stmt::Block(b) => decls(&b.stmts, out),
                Stmt::Try(t) => decls(&t.block.stmts, out),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    decls(stmts, &mut found);
    functions_in(found.into_iter())
}

fn functions_in<'m>(decls: impl Iterator<Item = &'m Decl>) -> Vec<ModuleFn<'m>> {
    let ident = |p: &Pat| match p {
        Pat::Ident(b) => Some(b.id.sym.as_str().to_owned()),
        _ => None,
    };
    let mut out = Vec::new();
    for decl in decls {
        match decl {
            Decl::Fn(f) => {
                if let Some(body) = &f.function.body {
                    out.push(ModuleFn {
                        name: f.ident.sym.as_str().to_owned(),
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
                            name: name.id.sym.as_str().to_owned(),
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

/// Module-level functions whose result is falsy when an argument is missing (`norm(v)`
/// returning `String(v || "").trim()`, `parse(t)` starting `if (!t) return null`): function
/// name → that parameter's index. `if (!norm(body.email)) reject` rejects a missing email.
pub fn falsy_returns(
    functions: &[ModuleFn<'_>],
    known: &FxHashMap<String, usize>,
    regexes: &FxHashMap<String, String>,
) -> FxHashMap<String, usize> {
    helper_answers(functions, known, |f, out| {
        f.params.iter().position(|p| {
            p.as_ref()
                .is_some_and(|p| falsy_without(&f.body, p, out, regexes))
        })
    })
}

/// Helpers answering with one expression (an arrow's body, or a block that only returns it)
/// that is a parameter's value made never undefined (`String(v || "").trim()`, `(v ?? "")
/// .toLowerCase()`): name → that parameter. A bare `return v` is not one: it may be undefined.
pub fn same_returns(
    functions: &[ModuleFn<'_>],
    known: &FxHashMap<String, usize>,
) -> FxHashMap<String, usize> {
    helper_answers(functions, known, |f, out| {
        let returned = f.body.single_return()?;
        let made = match unwrap_expr(returned) {
            Expr::Bin(_) | Expr::Cond(_) => true,
            Expr::Call(c) => crate::extract::ast_util::method_call(c)
                .is_none_or(|(_, m)| m != "get" && m != "find" && m != "findLast"),
            _ => false,
        };
        if !made {
            return None;
        }
        param_traced(
            f,
            |scope| scope.facts.same_returns = out.clone(),
            |scope| scope.same_value(returned),
        )
    })
}

/// Whether every value `body` returns is falsy when `param` is missing, and some of them
/// depend on it.
fn falsy_without(
    body: &FnBody<'_>,
    param: &str,
    known: &FxHashMap<String, usize>,
    regexes: &FxHashMap<String, String>,
) -> bool {
    let marker = vec![String::new()];
    let mut scope = Scope::default();
    scope.facts.falsy_returns = known.clone();
    scope.facts.regexes = regexes.clone();
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
                        let name = name.id.sym.as_str().to_owned();
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
pub(super) fn returns_falsy(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(r) => r.arg.as_deref().is_none_or(falsy_literal),
        Stmt::Block(b) => matches!(b.stmts.as_slice(), [only] if returns_falsy(only)),
        _ => false,
    }
}

/// Helpers returning an object literal built from one parameter (`return { amount:
/// Number(body.amount) }`): name → the parameter and, per key, what a missing field makes of
/// it. `!clean(body).description` then rejects a missing `description`.
pub fn object_returns(
    functions: &[ModuleFn<'_>],
    falsy: &FxHashMap<String, usize>,
) -> FxHashMap<String, (usize, FxHashMap<String, DerivedKey>)> {
    let mut out = FxHashMap::default();
    for f in functions {
        let returned = match &f.body {
            FnBody::Expr(e) => Some(*e),
            FnBody::Block(b) => match b.stmts.as_slice() {
                [Stmt::Return(ReturnStmt { arg: Some(e), .. })] => Some(&**e),
                _ => None,
            },
        };
        let Some(returned) = returned else {
            continue;
        };
        for (i, param) in f.params.iter().enumerate() {
            let Some(param) = param else {
                continue;
            };
            let mut scope = Scope::default();
            scope.facts.falsy_returns = falsy.clone();
            scope.bodies.insert(param.clone());
            let keys = object_keys(&scope, returned);
            if !keys.is_empty() {
                out.insert(f.name.clone(), (i, keys));
                break;
            }
        }
    }
    out
}

/// `{ a: String(x || ""), b: Number(y) }`: per key, the field whose absence leaves the value
/// falsy, or NaN.
pub(super) fn object_keys(scope: &Scope, e: &Expr) -> FxHashMap<String, DerivedKey> {
    let mut out = FxHashMap::default();
    let Expr::Object(o) = unwrap_expr(e) else {
        return out;
    };
    for p in &o.props {
        let PropOrSpread::Prop(p) = p else { continue };
        let Prop::KeyValue(kv) = &**p else { continue };
        let Some(key) = prop_name(&kv.key) else {
            continue;
        };
        let derived = DerivedKey {
            falsy: scope.falsy_when_missing(&kv.value),
            nan: nan_of(scope, &kv.value),
        };
        if derived.falsy.is_some() || derived.nan.is_some() {
            out.insert(key, derived);
        }
    }
    out
}

/// `{ id: String(body.id || "") }` or `clean(body)` (a helper returning such an object):
/// per key, what a missing field makes of it.
pub(super) fn built_object(scope: &Scope, init: &Expr) -> FxHashMap<String, DerivedKey> {
    if let Expr::Call(c) = unwrap_expr(init) {
        let Some((i, keys)) = crate::extract::ast_util::called_name(c)
            .and_then(|name| scope.facts.object_returns.get(name))
        else {
            return FxHashMap::default();
        };
        let prefix = match c.args.get(*i) {
            Some(a) if scope.is_body(&a.expr) => Vec::new(),
            Some(a) => match scope.path_of(&a.expr) {
                Some(p) => p,
                None => return FxHashMap::default(),
            },
            None => return FxHashMap::default(),
        };
        let under = |p: &Option<Vec<String>>| {
            p.as_ref()
                .map(|p| prefix.iter().chain(p).cloned().collect())
        };
        return keys
            .iter()
            .map(|(k, d)| {
                let key = DerivedKey {
                    falsy: under(&d.falsy),
                    nan: under(&d.nan),
                };
                (k.clone(), key)
            })
            .collect();
    }
    object_keys(scope, init)
}

/// Helpers that give back their first argument's shape: every `return` gives the argument
/// itself, a literal, a call on it (`trimString(value)`), its items mapped
/// (`value.map(clean)`), or its entries rebuilt
/// (`Object.fromEntries(Object.entries(value).map(...))`), and one of them keeps an object's
/// keys. `const payload = sanitize(body)` then reads the input.
pub fn shape_keeping(functions: &[ModuleFn<'_>]) -> FxHashSet<String> {
    functions
        .iter()
        .filter(|f| {
            let (Some(Some(param)), FnBody::Block(body)) = (f.params.first(), &f.body) else {
                return false;
            };
            let mut returns = ReturnArgs {
                param,
                all_keep: true,
                keeps_keys: false,
            };
            for stmt in &body.stmts {
                swc_ecma_visit::VisitWith::visit_with(stmt, &mut returns);
            }
            returns.all_keep && returns.keeps_keys
        })
        .map(|f| f.name.clone())
        .collect()
}

/// Whether `e` gives back `param`'s shape: `Some(true)` when it keeps an object's keys.
fn keeps_shape(e: &Expr, param: &str) -> Option<bool> {
    let is_param = |e: &Expr| matches!(unwrap_expr(e), Expr::Ident(i) if *i.sym == *param);
    if is_param(e) {
        return Some(true);
    }
    let Expr::Call(c) = e else {
        return None;
    };
    let Callee::Expr(callee) = &c.callee else {
        return None;
    };
    if let Expr::Member(m) = unwrap_expr(callee) {
        let method = crate::extract::ast_util::member_name(&m.prop)?;
        // `Object.fromEntries(Object.entries(value)...)`: the same keys.
        if crate::extract::ast_util::is_ident(&m.obj, "Object") && method == "fromEntries" {
            let arg = c.args.first()?;
            return entries_of(&arg.expr, param).then_some(true);
        }
        // `value.map(...)`, `value.slice(0, n).map(...)`, `value.trim()`: an array or string.
        let mut obj = unwrap_expr(&m.obj);
        while let Expr::Call(inner) = obj {
            let Callee::Expr(ic) = &inner.callee else {
                return None;
            };
            let Expr::Member(im) = unwrap_expr(ic) else {
                return None;
            };
            obj = unwrap_expr(&im.obj);
        }
        return is_param(obj).then_some(false);
    }
    // `trimString(value)`, `trim(String(value))`: a value computed from it (a string's
    // cleaning).
    fn computed_from(e: &Expr, param: &str) -> bool {
        match unwrap_expr(e) {
            Expr::Ident(i) => *i.sym == *param,
            Expr::Call(c) => c.args.iter().any(|a| computed_from(&a.expr, param)),
            _ => false,
        }
    }
    c.args
        .iter()
        .any(|a| computed_from(&a.expr, param))
        .then_some(false)
}

/// `Object.entries(value)` at the start of a method chain.
fn entries_of(e: &Expr, param: &str) -> bool {
    let Expr::Call(c) = unwrap_expr(e) else {
        return false;
    };
    let Callee::Expr(callee) = &c.callee else {
        return false;
    };
    let Expr::Member(m) = unwrap_expr(callee) else {
        return false;
    };
    if crate::extract::ast_util::is_ident(&m.obj, "Object")
        && crate::extract::ast_util::member_name(&m.prop).is_some_and(|n| n == "entries")
    {
        return c
            .args
            .first()
            .is_some_and(|a| matches!(unwrap_expr(&a.expr), Expr::Ident(i) if *i.sym == *param));
    }
    entries_of(&m.obj, param)
}

/// Whether every `return` of a function body (not of functions nested in it) keeps the
/// parameter's shape, and whether one keeps an object's keys.
struct ReturnArgs<'p> {
    param: &'p str,
    all_keep: bool,
    keeps_keys: bool,
}

impl swc_ecma_visit::Visit for ReturnArgs<'_> {
    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        match r.arg.as_deref().map(unwrap_expr) {
            None | Some(Expr::Lit(_)) => {}
            Some(e) => match keeps_shape(e, self.param) {
                Some(keys) => self.keeps_keys |= keys,
                None => self.all_keep = false,
            },
        }
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
}
