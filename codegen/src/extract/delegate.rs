//! A handler that only hands the request on to a function of the module, so that the request
//! side reads that function as the handler.

use swc_ecma_ast::{ArrowFunctionBody, Expr, Module, Pat, Stmt};

use super::ast_util::{named_call, top_level_function};
use super::handler::{unwrap_expr, Handler, HandlerFn, HandlerStyle};

/// The module's own function the handler hands the whole request to and answers with, when
/// that is all the handler does: `Deno.serve(async (req) => { try { return await
/// handle(req); } catch (e) { return Response.json(..., { status: 500 }) } })`. What the
/// function accepts is what `handle` accepts, read as a handler of its own (its dispatch
/// per action, its method checks); the answers stay the handler's, which follow the call.
pub fn delegate(module: &Module, handler: &Handler) -> Option<Handler> {
    if handler.style == HandlerStyle::Legacy {
        return None;
    }
    let req = match handler.func.params().first() {
        Some(Pat::Ident(b)) => b.id.sym.clone(),
        _ => return None,
    };
    let returned = match &handler.func {
        // `(req) => handle(req)`
        HandlerFn::Arrow(a) => match &*a.body {
            ArrowFunctionBody::Expr(e) => Some(&**e),
            ArrowFunctionBody::FunctionBody(_) => None,
        },
        HandlerFn::Function(_) => None,
    };
    let returned = match (returned, handler.func.body_stmts()) {
        (Some(e), _) => e,
        (None, stmts) => returned_call(stmts)?,
    };
    let (call, name) = named_call(returned)?;
    let [arg] = call.args.as_slice() else {
        return None;
    };
    if arg.spread.is_some() || !matches!(unwrap_expr(&arg.expr), Expr::Ident(i) if i.sym == req) {
        return None;
    }
    let func = top_level_function(module, name)?;
    Some(Handler {
        style: handler.style,
        func: HandlerFn::Function(Box::new(func.into_owned())),
        span: handler.span,
        wrappers: Vec::new(),
    })
}

/// The value of `return x` or `try { return x } catch ...`, when that is the whole body.
fn returned_call(stmts: &[Stmt]) -> Option<&Expr> {
    match stmts {
        [Stmt::Return(r)] => r.arg.as_deref(),
        [Stmt::Try(t)] => match t.block.stmts.as_slice() {
            [Stmt::Return(r)] => r.arg.as_deref(),
            _ => None,
        },
        _ => None,
    }
}
