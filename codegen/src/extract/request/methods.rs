//! The HTTP methods a handler accepts, when it restricts `req.method`.

use std::collections::BTreeSet;

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::extract::ast_util::{member_name, str_value, unwrap_expr};
use crate::extract::handler::Handler;
use crate::extract::status::{answers_ok, literal_status, rejects};

/// Accepted methods, sorted, or `None` when the code does not restrict them. CORS preflight
/// handling (`OPTIONS`) is not a restriction.
pub fn accepted(handler: &Handler, req: &str) -> Option<Vec<String>> {
    let mut v = Methods {
        req,
        allowed: BTreeSet::new(),
        compared: BTreeSet::new(),
        served: BTreeSet::new(),
        rejects_405: false,
    };
    handler.func.visit(&mut v);
    let mut out = if !v.allowed.is_empty() {
        v.allowed.extend(v.served);
        v.allowed
    } else if v.rejects_405 {
        v.compared
    } else {
        return None;
    };
    out.remove("OPTIONS");
    (!out.is_empty()).then(|| out.into_iter().collect())
}

struct Methods<'r> {
    req: &'r str,
    /// Methods listed in a rejecting `if (req.method !== "X")`.
    allowed: BTreeSet<String>,
    /// Methods compared with `===` anywhere.
    compared: BTreeSet<String>,
    /// Methods served by a branch of their own before any rejecting `if` (`if (req.method
    /// === "POST") { ...; return ok }` ahead of `if (req.method !== "GET") return 405`).
    served: BTreeSet<String>,
    /// Some return answers 405.
    rejects_405: bool,
}

impl Methods<'_> {
    fn method_literal(&self, b: &BinExpr) -> Option<String> {
        let is_method = |e: &Expr| match unwrap_expr(e) {
            Expr::Member(m) => {
                member_name(&m.prop).as_deref() == Some("method")
                    && matches!(unwrap_expr(&m.obj), Expr::Ident(i) if *i.sym == *self.req)
            }
            _ => false,
        };
        for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
            if is_method(x) {
                if let Expr::Lit(Lit::Str(s)) = unwrap_expr(y) {
                    return Some(str_value(s).to_ascii_uppercase());
                }
            }
        }
        None
    }

    fn not_equal_methods(&self, e: &Expr, out: &mut Vec<String>) -> bool {
        match unwrap_expr(e) {
            Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => {
                self.not_equal_methods(&b.left, out) && self.not_equal_methods(&b.right, out)
            }
            Expr::Bin(b) if matches!(b.op, BinaryOp::NotEqEq | BinaryOp::NotEq) => {
                self.method_literal(b).map(|m| out.push(m)).is_some()
            }
            _ => false,
        }
    }
}

impl Visit for Methods<'_> {
    fn visit_if_stmt(&mut self, s: &IfStmt) {
        let mut listed = Vec::new();
        if rejects(&s.cons) && self.not_equal_methods(&s.test, &mut listed) {
            self.allowed.extend(listed);
        } else if self.allowed.is_empty() && answers_ok(&s.cons) {
            if let Expr::Bin(b) = unwrap_expr(&s.test) {
                if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) {
                    self.served.extend(self.method_literal(b));
                }
            }
        }
        s.visit_children_with(self);
    }

    fn visit_bin_expr(&mut self, b: &BinExpr) {
        if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) {
            if let Some(m) = self.method_literal(b) {
                self.compared.insert(m);
            }
        }
        b.visit_children_with(self);
    }

    fn visit_switch_stmt(&mut self, s: &SwitchStmt) {
        let on_method = matches!(unwrap_expr(&s.discriminant), Expr::Member(m)
            if member_name(&m.prop).as_deref() == Some("method")
                && matches!(unwrap_expr(&m.obj), Expr::Ident(i) if *i.sym == *self.req));
        if on_method {
            for case in &s.cases {
                if let Some(Expr::Lit(Lit::Str(lit))) = case.test.as_deref().map(unwrap_expr) {
                    self.compared.insert(str_value(lit).to_ascii_uppercase());
                }
            }
        }
        s.visit_children_with(self);
    }

    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        if r.arg.as_deref().and_then(literal_status) == Some(405) {
            self.rejects_405 = true;
        }
        r.visit_children_with(self);
    }
}
