//! Which tests a missing value makes true: `!x`, `x == null`, `typeof x !== "string"`,
//! `!Number.isFinite(Number(x))`, `isNaN(x)`, a validator's failure (`if (err)`,
//! `if (!check.ok)`), through locals derived from the field. A rejection behind such a test
//! rejects a missing field.

use swc_ecma_ast::*;

use super::scope::{Failure, Scope};
use crate::extract::ast_util::{is_ident, method_call, unwrap_expr};

/// The expressions whose absence makes `test` true, so that a rejection guarded by it rejects
/// a missing value: `!x`, `x == null`, `x === undefined`, `typeof x !== "t"` (undefined is not
/// a `"t"`), and each side of `||`. Shared by the handler's rejections and by helpers that
/// reject a missing argument.
pub(super) fn absence_tests<'e>(test: &'e Expr, out: &mut Vec<&'e Expr>) {
    let mut tested = Vec::new();
    tests_of_absence(test, &mut tested);
    out.extend(tested.into_iter().map(|(e, _)| e));
}

/// As [`absence_tests`], each with whether the test is true only for a value that is
/// undefined (or null), not for any falsy one: `!Array.isArray(x)`, `typeof x !== "t"`,
/// `x == null` do not fire on the `[]` or `""` a default gives a missing field.
fn tests_of_absence<'e>(test: &'e Expr, out: &mut Vec<(&'e Expr, bool)>) {
    match unwrap_expr(test) {
        Expr::Bin(b) if b.op == BinaryOp::LogicalOr => {
            tests_of_absence(&b.left, out);
            tests_of_absence(&b.right, out);
        }
        Expr::Unary(u) if u.op == UnaryOp::Bang => match unwrap_expr(&u.arg) {
            // `!Array.isArray(x)`: a missing x is not an array.
            Expr::Call(c)
                if method_call(c)
                    .is_some_and(|(obj, m)| is_ident(obj, "Array") && m == "isArray") =>
            {
                out.extend(c.args.first().map(|a| (&*a.expr, true)));
            }
            _ => out.push((&u.arg, false)),
        },
        Expr::Bin(b) if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) => {
            let nothing = |e: &Expr| {
                is_ident(e, "undefined") || matches!(unwrap_expr(e), Expr::Lit(Lit::Null(_)))
            };
            for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
                if nothing(y) {
                    out.push((x, true));
                }
            }
        }
        Expr::Bin(b) if matches!(b.op, BinaryOp::NotEqEq | BinaryOp::NotEq) => {
            if let Expr::Unary(u) = unwrap_expr(&b.left) {
                if u.op == UnaryOp::TypeOf {
                    out.push((&u.arg, true));
                }
            }
        }
        _ => {}
    }
}

/// The fields whose absence makes `test` true: `!x`, `x == null`, `typeof x !== "string"`,
/// `!Number.isFinite(Number(x))`, `isNaN(x)`, `text.length < 10` of a text `""` then,
/// through locals derived from them.
pub(super) fn absent_when_true(scope: &Scope, test: &Expr) -> Vec<Vec<String>> {
    let mut tested = Vec::new();
    tests_of_absence(test, &mut tested);
    let mut nan = Vec::new();
    nan_tests(test, &mut nan);
    let mut out: Vec<Vec<String>> = tested
        .into_iter()
        .filter_map(|(e, nullish)| match nullish {
            true => scope.undefined_when_missing(e),
            false => scope.absent_path(e),
        })
        .chain(
            nan.into_iter()
                .filter_map(|(e, raw)| nan_when_missing(scope, e, raw)),
        )
        .collect();
    error_tests(scope, test, &mut out);
    super::blank_compare::blank_compared(scope, test, &mut out);
    out
}

/// `if (err)` with `const err = validate(body)`, `if (validate(body))`, or
/// `if (!check.ok)` with `const check = validate(body)`: a validator failing when fields are
/// missing. The fields whose absence makes it fail.
fn error_tests(scope: &Scope, test: &Expr, out: &mut Vec<Vec<String>>) {
    let answer = |e: &Expr| match unwrap_expr(e) {
        Expr::Ident(i) if !scope.untracked.contains(&*i.sym) => {
            scope.error_locals.get(&*i.sym).cloned()
        }
        other => scope.validated(other),
    };
    let mut keyed = |m: &MemberExpr, truthy: bool| {
        let key = crate::extract::ast_util::member_name(&m.prop);
        let flag = match answer(&m.obj) {
            Some((fields, Failure::FalsyKey(flag))) if !truthy => Some((fields, flag)),
            Some((fields, Failure::TruthyKey { key, .. })) if truthy => Some((fields, key)),
            _ => None,
        };
        if let (Some((fields, flag)), Some(key)) = (flag, key) {
            if flag == key {
                out.extend(fields);
            }
        }
    };
    match unwrap_expr(test) {
        Expr::Bin(b) if b.op == BinaryOp::LogicalOr => {
            error_tests(scope, &b.left, out);
            error_tests(scope, &b.right, out);
        }
        // `!check.ok` (a false flag) or `admin.error` (an error set): a key of a
        // validator's answer showing its failure.
        Expr::Unary(u) if u.op == UnaryOp::Bang => {
            if let Expr::Member(m) = unwrap_expr(&u.arg) {
                keyed(m, false);
            }
        }
        Expr::Member(m) => keyed(m, true),
        other => {
            if let Some((fields, Failure::Answer)) = answer(other) {
                out.extend(fields);
            }
        }
    }
}

/// The field a missing value of which makes `e` NaN: `Number(x)`, `parseInt(x)`, a local
/// bound to one, or (when `raw`, a test that fails on undefined too) `x` itself.
fn nan_when_missing(scope: &Scope, e: &Expr, raw: bool) -> Option<Vec<String>> {
    if let Some(key) = scope.derived_key(e) {
        return key
            .nan
            .clone()
            .or_else(|| key.falsy.clone().filter(|_| raw));
    }
    if let Expr::Ident(i) = unwrap_expr(e) {
        if let Some(p) = scope.nan_locals.get(&*i.sym) {
            return (!scope.untracked.contains(&*i.sym)).then(|| p.clone());
        }
    }
    if raw {
        if let Some(p) = scope.path_of(e) {
            return Some(p);
        }
    }
    nan_of(scope, e)
}

/// `Number(x)`, `parseInt(x)`, `parseFloat(x)` of a field without fallback: NaN when x is
/// missing.
pub(super) fn nan_of(scope: &Scope, e: &Expr) -> Option<Vec<String>> {
    let Expr::Call(c) = unwrap_expr(e) else {
        return None;
    };
    let Callee::Expr(f) = &c.callee else {
        return None;
    };
    let parses = ["Number", "parseInt", "parseFloat"]
        .iter()
        .any(|n| is_ident(f, n))
        || matches!(unwrap_expr(f), Expr::Member(m) if is_ident(&m.obj, "Number")
            && crate::extract::ast_util::member_name(&m.prop)
                .is_some_and(|n| n == "parseInt" || n == "parseFloat"));
    match c.args.first() {
        Some(a) if parses && a.spread.is_none() => scope.path_of(&a.expr),
        _ => None,
    }
}

/// Number checks in a rejecting test that fail when their argument is NaN: the argument, and
/// whether the check also fails on `undefined` itself (`!Number.isFinite(x)`, `isNaN(x)`
/// do; `Number.isNaN(x)` does not).
fn nan_tests<'e>(test: &'e Expr, out: &mut Vec<(&'e Expr, bool)>) {
    match unwrap_expr(test) {
        Expr::Bin(b) if b.op == BinaryOp::LogicalOr => {
            nan_tests(&b.left, out);
            nan_tests(&b.right, out);
        }
        Expr::Unary(u) if u.op == UnaryOp::Bang => {
            if let Expr::Call(c) = unwrap_expr(&u.arg) {
                let finite = method_call(c).is_some_and(|(obj, m)| {
                    is_ident(obj, "Number")
                        && matches!(&*m, "isFinite" | "isInteger" | "isSafeInteger")
                });
                if finite {
                    out.extend(c.args.first().map(|a| (&*a.expr, true)));
                }
            }
        }
        Expr::Call(c) => {
            let global = matches!(&c.callee, Callee::Expr(f) if is_ident(f, "isNaN"));
            let number =
                method_call(c).is_some_and(|(obj, m)| is_ident(obj, "Number") && m == "isNaN");
            if global || number {
                out.extend(c.args.first().map(|a| (&*a.expr, global)));
            }
        }
        _ => {}
    }
}
