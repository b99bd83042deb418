//! Small helpers for reading swc nodes: names of keys and members, string values.
//!
//! Names are copied out of atoms with `as_str().to_owned()`: an atom's `to_string()` goes
//! through `Display` and a formatter, a measurable share of the walks.

use std::borrow::Cow;

use swc_ecma_ast::*;

pub use super::handler::unwrap_expr;

/// The text of a string literal (lone surrogates replaced).
pub fn str_value(s: &Str) -> String {
    s.value.to_atom_lossy().as_str().to_owned()
}

/// The static name of an object key (`a`, `"a"`, `1`), if it has one.
pub fn prop_name(name: &PropName) -> Option<String> {
    match name {
        PropName::Ident(i) => Some(i.sym.as_str().to_owned()),
        PropName::Str(s) => Some(str_value(s)),
        PropName::Num(n) => Some(crate::model::Literal::number(n.value).to_json().to_string()),
        PropName::Computed(c) => match unwrap_expr(&c.expr) {
            Expr::Lit(Lit::Str(s)) => Some(str_value(s)),
            _ => None,
        },
        _ => None,
    }
}

/// The static name of a member access (`a.b`, `a["b"]`, `a?.b`), borrowed from the node
/// where it can be: most callers only compare it.
pub fn member_name(prop: &MemberProp) -> Option<Cow<'_, str>> {
    match prop {
        MemberProp::Ident(i) => Some(Cow::Borrowed(&i.sym)),
        MemberProp::Computed(c) => match unwrap_expr(&c.expr) {
            Expr::Lit(Lit::Str(s)) => Some(Cow::Owned(str_value(s))),
            _ => None,
        },
        _ => None,
    }
}

/// The static key of a type member (`a: T`, `"a": T`).
pub fn key_name(key: &Expr) -> Option<String> {
    match unwrap_expr(key) {
        Expr::Ident(i) => Some(i.sym.as_str().to_owned()),
        Expr::Lit(Lit::Str(s)) => Some(str_value(s)),
        Expr::Lit(Lit::Num(n)) => {
            Some(crate::model::Literal::number(n.value).to_json().to_string())
        }
        _ => None,
    }
}

/// `callee` is `obj.method` (through parentheses and `?.`): the object and method name.
pub fn method_call(call: &CallExpr) -> Option<(&Expr, Cow<'_, str>)> {
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    match unwrap_expr(callee) {
        Expr::Member(m) => Some((&m.obj, member_name(&m.prop)?)),
        Expr::OptChain(o) => match &*o.base {
            OptChainBase::Member(m) => Some((&m.obj, member_name(&m.prop)?)),
            _ => None,
        },
        _ => None,
    }
}

/// `obj?.method(...)` (or `obj.method?.(...)`, `a?.b.method(...)`): the object, the method's
/// name and the arguments of a call made within an optional chain.
pub fn optional_method_call(e: &Expr) -> Option<(&Expr, Cow<'_, str>, &[ExprOrSpread])> {
    let Expr::OptChain(o) = unwrap_expr(e) else {
        return None;
    };
    let OptChainBase::Call(call) = &*o.base else {
        return None;
    };
    let (obj, prop) = match unwrap_expr(&call.callee) {
        Expr::Member(m) => (&m.obj, &m.prop),
        Expr::OptChain(inner) => match &*inner.base {
            OptChainBase::Member(m) => (&m.obj, &m.prop),
            OptChainBase::Call(_) => return None,
        },
        _ => return None,
    };
    Some((obj, member_name(prop)?, call.args.as_slice()))
}

/// The name a plain call calls: `name` in `name(...)` (not a method, not a computed callee).
pub fn called_name(call: &CallExpr) -> Option<&str> {
    match &call.callee {
        Callee::Expr(callee) => match unwrap_expr(callee) {
            Expr::Ident(i) => Some(&i.sym),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `e` is the identifier `name`.
pub fn is_ident(e: &Expr, name: &str) -> bool {
    matches!(unwrap_expr(e), Expr::Ident(i) if &*i.sym == name)
}

/// A function declared at the top level (`function f(...)` or `const f = (...) => ...`).
pub fn top_level_function<'m>(
    module: &'m Module,
    name: &str,
) -> Option<std::borrow::Cow<'m, Function>> {
    module.body.iter().find_map(|item| match item {
        ModuleItem::Stmt(Stmt::Decl(d)) => declared_function(d, name),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => declared_function(&e.decl, name),
        _ => None,
    })
}

/// A top-level `const name = ...` of the module (exported or not).
pub fn module_decl<'m>(module: &'m Module, name: &str) -> Option<&'m VarDeclarator> {
    module.body.iter().find_map(|item| {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => v,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(v),
                ..
            })) => v,
            _ => return None,
        };
        decl.decls
            .iter()
            .find(|d| matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name))
    })
}

/// A function held in a module-level `const TABLE = { key: (data) => ..., ... }`, named
/// `TABLE.key` (a helper picked by `TABLE[type](data)`).
pub fn table_function<'m>(
    module: &'m Module,
    name: &str,
) -> Option<std::borrow::Cow<'m, Function>> {
    let (table, key) = name.split_once('.')?;
    let d = module_decl(module, table)?;
    let Expr::Object(o) = unwrap_expr(d.init.as_deref()?) else {
        return None;
    };
    o.props.iter().find_map(|p| {
        let PropOrSpread::Prop(p) = p else {
            return None;
        };
        match &**p {
            Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some(key) => {
                match unwrap_expr(&kv.value) {
                    Expr::Arrow(a) => Some(std::borrow::Cow::Owned(arrow_as_function(a))),
                    Expr::Fn(f) => Some(std::borrow::Cow::Borrowed(&*f.function)),
                    _ => None,
                }
            }
            Prop::Method(m) if prop_name(&m.key).as_deref() == Some(key) => {
                Some(std::borrow::Cow::Borrowed(&*m.function))
            }
            _ => None,
        }
    })
}

/// A function declared among `stmts` (a function body's own declarations).
pub fn local_function<'m>(stmts: &'m [Stmt], name: &str) -> Option<std::borrow::Cow<'m, Function>> {
    stmts.iter().find_map(|s| nested_function(s, name, 0))
}

/// Blocks searched for a helper's declaration: real code nests a few; hostile code must not
/// recurse without end.
const MAX_BLOCK_DEPTH: usize = 32;

/// `name` declared in `stmt` or in the blocks inside it (`if (type === "a") { const f = ...
/// }`), not inside nested functions.
fn nested_function<'m>(
    stmt: &'m Stmt,
    name: &str,
    depth: usize,
) -> Option<std::borrow::Cow<'m, Function>> {
    if depth > MAX_BLOCK_DEPTH {
        return None;
    }
    let within = |stmts: &'m [Stmt]| {
        stmts
            .iter()
            .find_map(|s| nested_function(s, name, depth + 1))
    };
    match stmt {
        Stmt::Decl(d) => declared_function(d, name),
        Stmt::Block(b) => within(&b.stmts),
        Stmt::If(i) => nested_function(&i.cons, name, depth + 1).or_else(|| {
            i.alt
                .as_deref()
                .and_then(|a| nested_function(a, name, depth + 1))
        }),
        Stmt::Try(t) => within(&t.block.stmts)
            .or_else(|| t.handler.as_ref().and_then(|h| within(&h.body.stmts)))
            .or_else(|| t.finalizer.as_ref().and_then(|f| within(&f.stmts))),
        Stmt::Switch(sw) => sw.cases.iter().find_map(|c| within(&c.cons)),
        Stmt::Labeled(l) => nested_function(&l.body, name, depth + 1),
        _ => None,
    }
}

/// `function name(...)` or `const name = (...) => ...` / `function (...)`.
fn declared_function<'m>(decl: &'m Decl, name: &str) -> Option<std::borrow::Cow<'m, Function>> {
    match decl {
        Decl::Fn(f) if &*f.ident.sym == name => Some(std::borrow::Cow::Borrowed(&f.function)),
        Decl::Var(v) => {
            let d = v
                .decls
                .iter()
                .find(|d| matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name))?;
            match d.init.as_deref().map(unwrap_expr) {
                Some(Expr::Fn(f)) => Some(std::borrow::Cow::Borrowed(&f.function)),
                Some(Expr::Arrow(a)) => Some(std::borrow::Cow::Owned(arrow_as_function(a))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Arrow helpers are rare enough that a copy as a `Function` keeps one code path.
pub fn arrow_as_function(a: &ArrowExpr) -> Function {
    let body = match &*a.body {
        ArrowFunctionBody::FunctionBody(b) => b.clone(),
        ArrowFunctionBody::Expr(e) => FunctionBody {
            span: a.span,
            stmts: vec![Stmt::Return(ReturnStmt {
                span: a.span,
                arg: Some(e.clone()),
            })],
        },
    };
    Function {
        params: a
            .params
            .iter()
            .map(|p| Param {
                span: a.span,
                decorators: vec![],
                pat: p.clone(),
            })
            .collect(),
        body: Some(body),
        span: a.span,
        ..Default::default()
    }
}

/// `f(...)` or `await f(...)`: the call.
pub fn call_or_awaited(e: &Expr) -> Option<&CallExpr> {
    match unwrap_expr(e) {
        Expr::Await(a) => match unwrap_expr(&a.arg) {
            Expr::Call(c) => Some(c),
            _ => None,
        },
        Expr::Call(c) => Some(c),
        _ => None,
    }
}

/// `name(...)` or `await name(...)` with a plain name as callee: the call and the name.
pub fn named_call(e: &Expr) -> Option<(&CallExpr, &str)> {
    let call = call_or_awaited(e)?;
    match &call.callee {
        Callee::Expr(callee) => match unwrap_expr(callee) {
            Expr::Ident(i) => Some((call, i.sym.as_str())),
            _ => None,
        },
        _ => None,
    }
}
