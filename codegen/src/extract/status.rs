//! Which statements answer with an error: `return Response.json(x, { status: 4xx })`,
//! `return new Response(..., { status: 4xx })`, `return fail("...", 403)`, or `throw`.

use swc_ecma_ast::*;

use super::ast_util::{is_ident, method_call, prop_name, unwrap_expr};

/// The status set by a `{ status: N }` init object.
pub fn init_status(init: Option<&ExprOrSpread>) -> Option<u16> {
    let Expr::Object(o) = unwrap_expr(&init?.expr) else {
        return None;
    };
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some("status") => {
                number(&kv.value)
            }
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })
}

fn number(e: &Expr) -> Option<u16> {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Num(n)) if (100.0..600.0).contains(&n.value) => Some(n.value as u16),
        _ => None,
    }
}

/// The status of a response-building expression when it is written literally: the
/// `Response.json`/`new Response` init, or a numeric status argument of a helper call.
pub fn literal_status(e: &Expr) -> Option<u16> {
    match unwrap_expr(e) {
        Expr::Await(a) => literal_status(&a.arg),
        Expr::Call(c) => {
            if let Some((obj, m)) = method_call(c) {
                if is_ident(obj, "Response") && m == "json" {
                    return init_status(c.args.get(1)).or(Some(200));
                }
            }
            // `json(data, 400)`, `fail("...", 403)`; or status first: `json(400, data)`.
            let status_first = match c.args.as_slice() {
                [first, _, ..] => number(&first.expr),
                _ => None,
            };
            status_first.or_else(|| c.args.iter().skip(1).find_map(|a| number(&a.expr)))
        }
        Expr::New(n) if is_ident(&n.callee, "Response") => {
            init_status(n.args.as_deref().and_then(|a| a.get(1))).or(Some(200))
        }
        _ => None,
    }
}

/// Whether `e` is a call of a helper whose name says it answers an error (`fail`, `error`,
/// `badRequest`, `unauthorized`...), when no status is written.
fn error_helper(e: &Expr) -> bool {
    let Expr::Call(c) = unwrap_expr(e) else {
        return false;
    };
    let Callee::Expr(callee) = &c.callee else {
        return false;
    };
    let Expr::Ident(i) = unwrap_expr(callee) else {
        return false;
    };
    let name = i.sym.to_ascii_lowercase();
    [
        "fail",
        "error",
        "bad",
        "reject",
        "unauthori",
        "forbidden",
        "notfound",
        "invalid",
    ]
    .iter()
    .any(|k| name.contains(k))
}

/// Whether some `return` in `stmt` (outside nested functions) answers without an error status.
pub fn answers_ok(stmt: &Stmt) -> bool {
    struct Ok(bool);
    impl swc_ecma_visit::Visit for Ok {
        fn visit_return_stmt(&mut self, r: &ReturnStmt) {
            let error = r
                .arg
                .as_deref()
                .is_some_and(|a| literal_status(a).is_some_and(|s| s >= 400) || error_helper(a));
            self.0 |= !error;
        }
        fn visit_function(&mut self, _: &Function) {}
        fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    }
    let mut v = Ok(false);
    swc_ecma_visit::VisitWith::visit_with(stmt, &mut v);
    v.0
}

/// Whether `e` builds an error answer: an error status written literally, or a helper
/// whose name says so.
pub fn error_answer(e: &Expr) -> bool {
    literal_status(e).is_some_and(|s| s >= 400) || error_helper(e)
}

/// Whether running `stmt` ends the request with an error (first-level statements only).
pub fn rejects(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Throw(_) => true,
        Stmt::Return(r) => r.arg.as_deref().is_some_and(error_answer),
        Stmt::Block(b) => b.stmts.iter().any(rejects),
        _ => false,
    }
}
