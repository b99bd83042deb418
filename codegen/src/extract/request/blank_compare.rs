//! Comparisons that a value blank for a missing field fails: `description.length < 10` of
//! `const description = (body.description || "").trim()` (`""` has length 0), or
//! `rating < 1` of `const rating = Number(body.rating || 0)`. A rejection behind such a
//! test rejects a missing field.

use swc_ecma_ast::*;

use super::empty_text::Blank;
use super::scope::Scope;
use crate::extract::ast_util::{is_ident, member_name, method_call, unwrap_expr};

impl Scope {
    /// The field whose absence makes `e` the number `0`: `Number(x || 0)`, `x ?? 0`,
    /// `Number(String(x || ""))`, `Math.round(...)` of one, a local bound so.
    pub(super) fn zero_when_missing(&self, e: &Expr) -> Option<Vec<String>> {
        match unwrap_expr(e) {
            Expr::Ident(i) if !self.untracked.contains(&*i.sym) => {
                match self.empty_locals.get(&*i.sym) {
                    Some((path, Blank::Zero)) => Some(path.clone()),
                    _ => None,
                }
            }
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Num(n)) if n.value == 0.0) =>
            {
                // `x ?? 0` keeps a `""` or a `0`; `x || 0` turns any falsy value into `0`.
                let blank = || {
                    self.zero_when_missing(&b.left)
                        .or_else(|| self.empty_when_missing(&b.left))
                };
                match b.op {
                    BinaryOp::LogicalOr => self.undefined_when_missing(&b.left).or_else(blank),
                    _ => self.undefined_when_missing(&b.left),
                }
            }
            Expr::Call(c) => {
                let [a] = c.args.as_slice() else {
                    return None;
                };
                let Callee::Expr(f) = &c.callee else {
                    return None;
                };
                if a.spread.is_some() {
                    return None;
                }
                // `Number("")` and `Number(0)` are `0`; `Math.round(0)` too.
                let keeps_zero = is_ident(f, "Number")
                    || method_call(c).is_some_and(|(obj, m)| {
                        is_ident(obj, "Math")
                            && matches!(&*m, "round" | "floor" | "ceil" | "trunc" | "abs")
                    });
                if !keeps_zero {
                    return None;
                }
                self.zero_when_missing(&a.expr).or_else(|| {
                    is_ident(f, "Number")
                        .then(|| self.empty_when_missing(&a.expr))
                        .flatten()
                })
            }
            _ => None,
        }
    }

    /// The number `e` is when a field is missing: `0` for a value zero then, or for the
    /// `length` of a value `""` then. The field.
    fn zero_number(&self, e: &Expr) -> Option<Vec<String>> {
        if let Expr::Member(m) = unwrap_expr(e) {
            if member_name(&m.prop).is_some_and(|n| n == "length") {
                return self.empty_when_missing(&m.obj);
            }
        }
        self.zero_when_missing(e)
    }
}

/// The fields whose absence makes `test` true by a comparison its blank value fails:
/// `v < n` (n > 0), `v <= n` (n ≥ 0), `v === 0`, `n > v`, where `v` is `0` or the length
/// of `""` for a missing field; through each side of `||`.
pub(super) fn blank_compared(scope: &Scope, test: &Expr, out: &mut Vec<Vec<String>>) {
    let Expr::Bin(b) = unwrap_expr(test) else {
        return;
    };
    if b.op == BinaryOp::LogicalOr {
        blank_compared(scope, &b.left, out);
        blank_compared(scope, &b.right, out);
        return;
    }
    let number = |e: &Expr| match unwrap_expr(e) {
        Expr::Lit(Lit::Num(n)) => Some(n.value),
        _ => None,
    };
    // The test as `zero op n`, with the blank value on the left.
    let (value, op, n) = match (number(&b.left), number(&b.right)) {
        (None, Some(n)) => (&b.left, b.op, n),
        (Some(n), None) => {
            let flipped = match b.op {
                BinaryOp::Gt => BinaryOp::Lt,
                BinaryOp::GtEq => BinaryOp::LtEq,
                BinaryOp::Lt => BinaryOp::Gt,
                BinaryOp::LtEq => BinaryOp::GtEq,
                other => other,
            };
            (&b.right, flipped, n)
        }
        _ => return,
    };
    let holds = match op {
        BinaryOp::Lt => 0.0 < n,
        BinaryOp::LtEq => 0.0 <= n,
        BinaryOp::Gt => 0.0 > n,
        BinaryOp::GtEq => 0.0 >= n,
        BinaryOp::EqEqEq | BinaryOp::EqEq => n == 0.0,
        BinaryOp::NotEqEq | BinaryOp::NotEq => n != 0.0,
        _ => false,
    };
    if holds {
        out.extend(scope.zero_number(value));
    }
}
