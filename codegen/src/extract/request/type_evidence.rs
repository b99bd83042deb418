//! What calls, casts and fallbacks prove about a field's type: `Object.keys(x)` an object,
//! `Array.isArray(x)` an array (unless it is what a test turns away), string and array
//! methods (also through `?.`), `x as File`, `x instanceof File`, `typeof x === "t"`,
//! comparisons with literals (also `LIST.includes(x)`), and fallbacks such as `x ? x : ""`.

use swc_ecma_ast::*;

use super::builtins::{typeof_name, ARRAY_METHODS, STRING_METHODS};
use super::evidence::Evidence;
use super::scope::{is_empty_literal, literal_type};
use crate::extract::ast_util::{is_ident, member_name, method_call, str_value, unwrap_expr};
use crate::model::{Literal, Schema};

impl Evidence<'_> {
    /// `typeof x === "t"` / `x === lit` / `!x`: what a single comparison says about a field.
    pub(super) fn comparison(&mut self, b: &BinExpr) {
        if b.op == BinaryOp::InstanceOf {
            if let (Some(path), true) = (
                self.scope.path_of(&b.left),
                is_ident(&b.right, "File") || is_ident(&b.right, "Blob"),
            ) {
                if let Some(f) = self.scope.field(&path) {
                    f.add_type(Schema::String(Some(crate::model::StringFormat::Binary)));
                }
            }
            return;
        }
        if !matches!(
            b.op,
            BinaryOp::EqEqEq | BinaryOp::NotEqEq | BinaryOp::EqEq | BinaryOp::NotEq
        ) {
            return;
        }
        for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
            if let Expr::Unary(u) = unwrap_expr(x) {
                // Not when the other branch goes on with the value (`typeof d === "string" ?
                // JSON.parse(d) : d`): the check chooses a branch, other types are welcome.
                if let (UnaryOp::TypeOf, Expr::Lit(Lit::Str(s)), false) =
                    (u.op, unwrap_expr(y), self.open_test)
                {
                    for path in self.scope.paths_of(&u.arg) {
                        if let (Some(f), Some(t)) =
                            (self.scope.field(&path), typeof_name(&str_value(s)))
                        {
                            f.add_type(t);
                        }
                    }
                }
            }
            if let (Some(path), Some(lit)) = (self.scope.path_of(x), self.scope.value_literal(y)) {
                // `x.length === 0`: the field's length, not a field of its own.
                if super::fields::is_length(&path) {
                    continue;
                }
                if let Some(f) = self.scope.field(&path) {
                    if !f.literals.contains(&lit) {
                        f.literals.push(lit);
                    }
                }
            }
        }
    }

    /// `Object.keys(x)`, `Array.isArray(x)`, `x.trim()`: the type the call shows x has.
    pub(super) fn call_types(&mut self, c: &CallExpr) {
        let Some((obj, method)) = method_call(c) else {
            return;
        };
        // `VALID_TYPES.includes(type) ? type : "manual"`: compared with each listed value.
        if let Some((path, list)) = self.includes_call(c) {
            if let Some(f) = self.scope.field(&path) {
                for l in list {
                    if !f.literals.contains(&l) {
                        f.literals.push(l);
                    }
                }
            }
        }
        let first_arg = c.args.first().map(|a| &*a.expr);
        if is_ident(obj, "Object") && matches!(&*method, "keys" | "values" | "entries") {
            // `Object.keys(x)`: x is an object.
            if let Some(arg) = first_arg {
                self.add_type(arg, Schema::Object(Default::default()));
            }
        } else if is_ident(obj, "Array") && method == "isArray" {
            // An array is what passes: `Array.isArray(x)` choosing a branch, or
            // `!Array.isArray(x)` rejected (not `|| Array.isArray(x)` rejected, nor
            // `typeof x === "object" && !Array.isArray(x) ? x : {}`).
            let passes = self.negated_checks.contains(&c.span) == self.rejecting_test;
            if let (false, true, Some(arg)) = (self.open_test, passes, first_arg) {
                self.add_type(arg, Schema::Array(Box::new(Schema::Any)));
            }
        } else {
            self.method_types(obj, &method);
        }
    }

    /// `x?.toLowerCase()`: a string when there is one, as `x && x.toLowerCase()` shows.
    pub(super) fn opt_call_types(&mut self, c: &OptCall) {
        if let Expr::OptChain(o) = unwrap_expr(&c.callee) {
            if let OptChainBase::Member(m) = &*o.base {
                if let Some(method) = member_name(&m.prop) {
                    self.method_types(&m.obj, &method);
                }
            }
        }
    }

    /// `x ? x : ""`, `body && body.x ? body.x : []`: a fallback, as `x || ""` is (not
    /// `Array.isArray(x) ? x : [x]`, which wraps other values).
    pub(super) fn cond_fallback(&mut self, c: &CondExpr) {
        let built = matches!(unwrap_expr(&c.alt), Expr::Array(_) | Expr::Object(_));
        let fallback = literal_type(&c.alt).filter(|_| !built || is_empty_literal(&c.alt));
        if let (Some(path), Some(t)) = (self.scope.guarded_value(c), fallback) {
            if let Some(f) = self.scope.field(&path) {
                f.optional = true;
                f.add_type(t);
            }
        }
    }

    /// `x as File`, `x as string`; a declared type (`as Item[]`, `as Mode`) is resolved with
    /// the file's types once the walk is done.
    pub(super) fn cast(&mut self, a: &TsAsExpr) {
        let Some(path) = self.scope.path_of(&a.expr) else {
            return;
        };
        let t = match &*a.type_ann {
            TsType::TsTypeRef(r) => match &r.type_name {
                TsEntityName::Ident(i) if matches!(&*i.sym, "File" | "Blob") => {
                    Some(Schema::String(Some(crate::model::StringFormat::Binary)))
                }
                _ => None,
            },
            other => super::builtins::keyword_type(other),
        };
        match t {
            Some(t) => {
                if let Some(f) = self.scope.field(&path) {
                    f.add_type(t);
                }
            }
            None => self.scope.casts.push((path, (*a.type_ann).clone())),
        }
    }

    /// `obj.trim()`, `obj.map(...)` on a field: a string method shows a string, an array
    /// method an array.
    fn method_types(&mut self, obj: &Expr, method: &str) {
        let t = if ARRAY_METHODS.contains(&method) {
            Schema::Array(Box::new(Schema::Any))
        } else if STRING_METHODS.contains(&method) {
            Schema::string()
        } else {
            return;
        };
        self.add_type(obj, t);
    }

    /// `if (rating < 1 || rating > 5) return 400`: a field compared with a number literal
    /// (`<`, `>`, `<=`, `>=`) in a rejecting test is a number, also beside `||` and `&&`
    /// (`tip !== undefined && tip < 0`).
    pub(super) fn compared_numbers(&mut self, test: &Expr) {
        let Expr::Bin(b) = unwrap_expr(test) else {
            return;
        };
        if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::LogicalAnd) {
            self.compared_numbers(&b.left);
            self.compared_numbers(&b.right);
            return;
        }
        if !matches!(
            b.op,
            BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq
        ) {
            return;
        }
        for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
            if !self.number_constant(y) {
                continue;
            }
            for path in self.scope.paths_of(x) {
                // `x.length > 100`: the field's length, not a field of its own.
                if super::fields::is_length(&path) {
                    continue;
                }
                if let Some(f) = self.scope.field(&path) {
                    f.add_type(Schema::Number);
                }
            }
        }
    }

    /// A number the code spells out: a literal, a module `const` holding one, or arithmetic
    /// on those (`50 * 1024 * 1024`, `-1`, `MAX_MB * 1024`).
    fn number_constant(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Lit(Lit::Num(_)) => true,
            Expr::Ident(_) => matches!(self.scope.value_literal(e), Some(Literal::Number(_))),
            Expr::Unary(u) => u.op == UnaryOp::Minus && self.number_constant(&u.arg),
            Expr::Bin(b) => {
                matches!(
                    b.op,
                    BinaryOp::Add
                        | BinaryOp::Sub
                        | BinaryOp::Mul
                        | BinaryOp::Div
                        | BinaryOp::Mod
                        | BinaryOp::Exp
                ) && self.number_constant(&b.left)
                    && self.number_constant(&b.right)
            }
            _ => false,
        }
    }

    /// Add `t` to the field `e` is, when it is one (to each, for a local given a field in
    /// every branch of an `if`/`else`).
    fn add_type(&mut self, e: &Expr, t: Schema) {
        for path in self.scope.paths_of(e) {
            if let Some(f) = self.scope.field(&path) {
                f.add_type(t.clone());
            }
        }
    }
}
