//! Early answers of the module's own wrappers around the handler:
//! `Deno.serve(withAuth(async (req) => ...))` where `withAuth` returns a function that answers
//! 401 itself when there is no user and calls the handler otherwise. Those error answers reach
//! the caller of this function like the handler's own; the wrapper's other answers (the
//! handler's, passed on) are the handler's business and are not read here.

use swc_ecma_ast::{ArrowFunctionBody, Decl, Expr, Function, ModuleDecl, ModuleItem, Pat, Stmt};

use super::walk::Body;
use crate::extract::handler::unwrap_expr;

/// A function the wrapper named `name` returns, as statements to read answers from: its
/// body, or for an expression-bodied arrow that expression as a `return`.
pub(super) enum Returned<'m> {
    /// A block body.
    Stmts(&'m [Stmt]),
    /// `(req) => expr`.
    Expr(&'m Expr),
}

/// The functions the module's own function `name` returns (`function withAuth(h) { return
/// async (req) => { ... } }`, `const withAuth = (h) => async (req) => { ... }`); none when
/// `name` is not declared in this module (an imported or global wrapper).
pub(super) fn returned_functions<'m>(module: &'m [ModuleItem], name: &str) -> Vec<Returned<'m>> {
    let mut out = Vec::new();
    let Some(outer) = declaration(module, name) else {
        return out;
    };
    match outer {
        Outer::Function(f) => {
            let stmts = f.body.as_ref().map_or(&[][..], |b| b.stmts.as_slice());
            for r in Body::of_stmts(stmts).returns {
                returned(r, &mut out);
            }
        }
        Outer::Arrow(body) => match body {
            ArrowFunctionBody::FunctionBody(b) => {
                for r in Body::of_stmts(&b.stmts).returns {
                    returned(r, &mut out);
                }
            }
            ArrowFunctionBody::Expr(e) => returned(e, &mut out),
        },
    }
    out
}

enum Outer<'m> {
    Function(&'m Function),
    Arrow(&'m ArrowFunctionBody),
}

fn declaration<'m>(module: &'m [ModuleItem], name: &str) -> Option<Outer<'m>> {
    module.iter().find_map(|item| {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
            _ => return None,
        };
        match decl {
            Decl::Fn(f) if &*f.ident.sym == name => Some(Outer::Function(&f.function)),
            Decl::Var(v) => v.decls.iter().find_map(|d| {
                let Pat::Ident(b) = &d.name else { return None };
                if &*b.id.sym != name {
                    return None;
                }
                match unwrap_expr(d.init.as_deref()?) {
                    Expr::Arrow(a) => Some(Outer::Arrow(&a.body)),
                    Expr::Fn(f) => Some(Outer::Function(&f.function)),
                    _ => None,
                }
            }),
            _ => None,
        }
    })
}

fn returned<'m>(e: &'m Expr, out: &mut Vec<Returned<'m>>) {
    match unwrap_expr(e) {
        Expr::Arrow(a) => out.push(match &*a.body {
            ArrowFunctionBody::FunctionBody(b) => Returned::Stmts(&b.stmts),
            ArrowFunctionBody::Expr(e) => Returned::Expr(e),
        }),
        Expr::Fn(f) => out.push(Returned::Stmts(
            f.function
                .body
                .as_ref()
                .map_or(&[][..], |b| b.stmts.as_slice()),
        )),
        _ => {}
    }
}
