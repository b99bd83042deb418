//! Early answers of the module's own wrappers around the handler:
//! `Deno.serve(withAuth(async (req) => ...))` where `withAuth` returns a function that answers
//! 401 itself when there is no user and calls the handler otherwise. Those error answers reach
//! the caller of this function like the handler's own; the wrapper's other answers (the
//! handler's, passed on) are the handler's business and are not read here.

use swc_ecma_ast::{Expr, Function, Module};

use super::walk::Body;
use crate::extract::ast_util::{arrow_as_function, top_level_function, unwrap_expr};

/// The functions the module's own function `name` returns (`function withAuth(h) { return
/// async (req) => { ... } }`, `const withAuth = (h) => async (req) => { ... }`), as functions
/// (an arrow copied as one); none when `name` is not declared in this module (an imported or
/// global wrapper). Wrappers are small and rare: the copies keep one code path.
pub(super) fn returned_functions(module: &Module, name: &str) -> Vec<Function> {
    let Some(outer) = top_level_function(module, name) else {
        return Vec::new();
    };
    let stmts = outer.body.as_ref().map_or(&[][..], |b| b.stmts.as_slice());
    Body::of_stmts(stmts)
        .returns
        .into_iter()
        .filter_map(|r| match unwrap_expr(r) {
            Expr::Arrow(a) => Some(arrow_as_function(a)),
            Expr::Fn(f) => Some((*f.function).clone()),
            _ => None,
        })
        .collect()
}
