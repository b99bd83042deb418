//! What a local's value is, given the field it came from: the field itself (`x || ""`,
//! `String(x || "").trim()`), a value falsy when the field is missing (`Number(x)`,
//! `norm(x)`), the field with a default (`x || "list"`), a copy of it (`{ ...x, lat }`), or
//! the input handed through a shape-keeping helper (`sanitize(body)`).

use swc_ecma_ast::*;

use super::scope::{falsy_literal, literal, DerivedKey, Scope};
use crate::extract::ast_util::{
    called_name, is_ident, member_name, method_call, optional_method_call, unwrap_expr,
};

impl Scope {
    /// The argument of a call to a helper that keeps its argument's shape (`sanitize(x)`).
    pub(super) fn passed_through<'e>(&self, c: &'e CallExpr) -> Option<&'e Expr> {
        let name = called_name(c)?;
        if !self.facts.shape_keeping.contains(name) {
            return None;
        }
        c.args
            .first()
            .filter(|a| a.spread.is_none())
            .map(|a| &*a.expr)
    }

    /// `obj.key` where `obj` holds an object built from fields: what that key derives from.
    pub fn derived_key(&self, e: &Expr) -> Option<&DerivedKey> {
        let Expr::Member(m) = unwrap_expr(e) else {
            return None;
        };
        let Expr::Ident(obj) = unwrap_expr(&m.obj) else {
            return None;
        };
        self.object_fields
            .get(&*obj.sym)?
            .get(&*member_name(&m.prop)?)
    }

    /// The field whose absence a falsy `local` shows, when `local` was bound to it (or
    /// derived from it) and no truthy default stands in for a missing value.
    pub fn absent_path(&self, e: &Expr) -> Option<Vec<String>> {
        if let Some(shared) = self.shared_absence(e) {
            return shared;
        }
        if let Expr::Ident(i) = unwrap_expr(e) {
            if self.untracked.contains(&*i.sym) {
                return None;
            }
            if let Some(p) = self.derived.get(&*i.sym) {
                return Some(p.clone());
            }
        }
        if let Some(p) = self.derived_key(e).and_then(|k| k.falsy.clone()) {
            return Some(p);
        }
        let mut path = self.falsy_when_missing(e)?;
        // `!x.length`, `!x?.length`: x itself (a `length` is no input field).
        if super::fields::is_length(&path) {
            path.pop();
        }
        Some(path)
    }

    /// The field whose absence leaves `e` undefined (or null), not merely falsy: `x`, a local
    /// bound to it without default, `form.get("x")`, `x || null`. A default (`x ?? []`,
    /// `String(x || "")`) gives a missing field a value that `typeof` and `Array.isArray`
    /// checks may let through.
    pub fn undefined_when_missing(&self, e: &Expr) -> Option<Vec<String>> {
        if let Some(shared) = self.shared_absence(e) {
            return shared;
        }
        let mut path = match unwrap_expr(e) {
            Expr::Ident(i) => {
                let name = &*i.sym;
                if self.untracked.contains(name) || self.defaulted.contains(name) {
                    return None;
                }
                self.locals.get(name).cloned()?
            }
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && (is_ident(&b.right, "undefined")
                        || matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Null(_)))) =>
            {
                return self.undefined_when_missing(&b.left);
            }
            Expr::Member(_) | Expr::OptChain(_) if self.derived_key(e).is_none() => {
                self.path_of(e)?
            }
            // `form.get("x")`; `clamp(x) === null` of a helper answering a missing value
            // with a falsy one, as it was read.
            Expr::Call(c) => match self.path_of(e) {
                Some(p) => p,
                None if called_name(c)
                    .is_some_and(|n| self.facts.falsy_returns.contains_key(n)) =>
                {
                    self.falsy_when_missing(e)?
                }
                None => return None,
            },
            _ => return None,
        };
        // `typeof x?.length !== "number"`: x itself.
        if super::fields::is_length(&path) {
            path.pop();
        }
        Some(path)
    }

    /// The field whose value `e` is, when a missing field leaves `e` falsy and a present one
    /// leaves it equal: `x`, `x || ""`, `x ?? ""`, `String(x || "")`. Such locals stand for
    /// the field in comparisons (`action === "list"`).
    pub fn same_value(&self, e: &Expr) -> Option<Vec<String>> {
        match unwrap_expr(e) {
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && falsy_literal(&b.right) =>
            {
                self.same_value(&b.left)
            }
            // `typeof x === "string" ? x : ""`, `body && body.x ? body.x : ""`
            Expr::Cond(c) if falsy_literal(&c.alt) => self.guarded_value(c),
            Expr::Call(c) => match (&c.callee, c.args.as_slice()) {
                (Callee::Expr(f), [a]) if is_ident(f, "String") => match unwrap_expr(&a.expr) {
                    Expr::Bin(_) => self.same_value(&a.expr),
                    _ => None,
                },
                // `safeString(body.action, 80)` of a helper answering `String(v || "").trim()`.
                _ if called_name(c).is_some_and(|n| self.facts.same_returns.contains_key(n)) => {
                    let i = *called_name(c).and_then(|n| self.facts.same_returns.get(n))?;
                    let arg = c.args.get(i).filter(|a| a.spread.is_none())?;
                    self.same_value(&arg.expr)
                }
                // `(x || "").trim().toLowerCase()`: the value as the code means it (the
                // canonical spelling of what it compares with).
                (_, [])
                    if method_call(c).is_some_and(|(_, m)| {
                        matches!(
                            &*m,
                            "trim" | "trimStart" | "trimEnd" | "toLowerCase" | "toUpperCase"
                        )
                    }) =>
                {
                    let (obj, _) = method_call(c)?;
                    self.same_value(obj)
                }
                // `items.filter(...)`, `(items || []).slice(0, 5)`: some of the same items.
                _ if method_call(c).is_some_and(|(_, m)| {
                    matches!(
                        &*m,
                        "filter" | "slice" | "sort" | "toSorted" | "reverse" | "toReversed"
                    )
                }) =>
                {
                    let (obj, _) = method_call(c)?;
                    self.same_value(obj)
                }
                // `records.find((r) => ...)`: one of its items.
                _ if method_call(c)
                    .is_some_and(|(_, m)| matches!(m.as_ref(), "find" | "findLast")) =>
                {
                    let (obj, _) = method_call(c)?;
                    let mut path = self.same_value(obj)?;
                    path.push(super::fields::ITEMS.to_string());
                    Some(path)
                }
                // `form.get("x")` and other reads.
                _ => self.path_of(e),
            },
            // `x?.trim().toLowerCase()`: undefined without x, as `x` itself would be.
            Expr::OptChain(_) => match recased(e) {
                Some(obj) => self.same_value(obj),
                None => self.path_of(e),
            },
            other => self.path_of(other),
        }
    }

    /// The field `e` is, or is spelled anew by optional calls (`x?.trim().toLowerCase()`).
    fn recased_field(&self, e: &Expr) -> Option<Vec<String>> {
        match recased(e) {
            Some(obj) => self.recased_field(obj),
            None => self.path_of(e),
        }
    }

    /// The field `e` is computed from, when a missing field makes `e` falsy:
    /// `String(x || "")`, `Number(x)`, `(x || "").trim()`, `x || ""`, `x ?? 0`.
    pub fn falsy_when_missing(&self, e: &Expr) -> Option<Vec<String>> {
        if let Some(shared) = self.shared_absence(e) {
            return shared;
        }
        let e = unwrap_expr(e);
        if let Some(p) = self.path_of(e) {
            return Some(p);
        }
        match e {
            // `await verifySession(token)`: what the helper answers.
            Expr::Await(a) => self.falsy_when_missing(&a.arg),
            // A local already derived so (`text && text.length <= n ? text : null`).
            Expr::Ident(i) if !self.untracked.contains(&*i.sym) => {
                self.derived.get(&*i.sym).cloned()
            }
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && falsy_literal(&b.right) =>
            {
                self.falsy_when_missing(&b.left)
            }
            // `typeof x === "string" ? x : null`, `x ? String(x) : ""`: both arms falsy.
            Expr::Cond(c) if falsy_literal(&c.alt) => self.falsy_when_missing(&c.cons),
            // `EMAIL_RE.test(x)` where no missing value matches: false without x.
            Expr::Call(c) if self.regex_rejects(c).is_some() => self.regex_rejects(c),
            // `typeof x === "string" && x.length > 0`, `!!x`, `Boolean(x)`: false without x.
            Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => self
                .falsy_when_missing(&b.left)
                .or_else(|| self.falsy_when_missing(&b.right)),
            Expr::Bin(b) if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) => {
                let Expr::Unary(u) = unwrap_expr(&b.left) else {
                    return None;
                };
                let Expr::Lit(Lit::Str(t)) = unwrap_expr(&b.right) else {
                    return None;
                };
                (u.op == UnaryOp::TypeOf && &*t.value != "undefined")
                    .then(|| self.path_of(&u.arg))?
            }
            Expr::Unary(u) if u.op == UnaryOp::Bang => match unwrap_expr(&u.arg) {
                Expr::Unary(inner) if inner.op == UnaryOp::Bang => {
                    self.falsy_when_missing(&inner.arg)
                }
                _ => None,
            },
            // `TABLE[k]?.has(x)` of sets none of which holds `""`.
            Expr::OptChain(_) | Expr::Call(_) if self.set_table_test(e).is_some() => {
                self.set_table_test(e)
            }
            // `x?.trim()`, `x?.trim().split(",")`: undefined when x is missing.
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Call(call) => match unwrap_expr(&call.callee) {
                    Expr::Member(m) => self.recased_field(&m.obj),
                    Expr::OptChain(inner) => match &*inner.base {
                        OptChainBase::Member(m) => self.recased_field(&m.obj),
                        OptChainBase::Call(_) => None,
                    },
                    _ => None,
                },
                OptChainBase::Member(_) => None,
            },
            Expr::Call(c) => {
                // `norm(body.email || "")` where `norm` returns a falsy value for a falsy one.
                if let Some(&i) = called_name(c).and_then(|n| self.facts.falsy_returns.get(n)) {
                    let arg = c.args.get(i).filter(|a| a.spread.is_none())?;
                    // The helper was read for a missing (undefined) argument; a number or
                    // boolean standing in for it (`x ?? 0`) may take another path.
                    if let Expr::Bin(b) = unwrap_expr(&arg.expr) {
                        let non_text = matches!(
                            unwrap_expr(&b.right),
                            Expr::Lit(Lit::Num(_)) | Expr::Lit(Lit::Bool(_))
                        );
                        if non_text {
                            return None;
                        }
                    }
                    return self.falsy_when_missing(&arg.expr);
                }
                let arg = c.args.first().map(|a| &*a.expr);
                match (&c.callee, arg) {
                    // Number(undefined) is NaN; String(undefined) is "undefined", so String
                    // needs a falsy fallback inside.
                    (Callee::Expr(f), Some(a)) if is_ident(f, "Number") => {
                        self.falsy_when_missing(a)
                    }
                    (Callee::Expr(f), Some(a)) if is_ident(f, "String") => match unwrap_expr(a) {
                        Expr::Bin(_) => self.falsy_when_missing(a),
                        _ => None,
                    },
                    _ => {
                        // `(x || "").trim()` and friends keep an empty string empty.
                        let (obj, method) = method_call(c)?;
                        let keeps_empty = matches!(
                            &*method,
                            "trim"
                                | "toString"
                                | "toLowerCase"
                                | "toUpperCase"
                                | "trimStart"
                                | "trimEnd"
                                | "slice"
                                | "substring"
                                | "substr"
                                | "replace"
                                | "replaceAll"
                                | "normalize"
                        );
                        match unwrap_expr(obj) {
                            Expr::Bin(_) | Expr::Call(_) | Expr::Cond(_) if keeps_empty => {
                                self.falsy_when_missing(obj)
                            }
                            // `x.trim()` on the field itself: a missing x throws, which is
                            // answered with an error too (`typeof x === "string" ? x.trim() : ""`).
                            _ if keeps_empty => self.path_of(obj),
                            _ => None,
                        }
                    }
                }
            }
            _ => None,
        }
    }

    /// `body.action || "list"` (also `?? "list"`, and wrapped in `String(...)`, `.trim()`,
    /// `.toLowerCase()`): the field, with a literal standing in for a missing value.
    pub(super) fn with_default<'e>(&self, e: &'e Expr) -> Option<(Vec<String>, &'e Expr)> {
        match unwrap_expr(e) {
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && literal(&b.right).is_some()
                    && !falsy_literal(&b.right) =>
            {
                Some((self.recased_field(&b.left)?, &b.right))
            }
            Expr::Call(c) => match (&c.callee, c.args.as_slice()) {
                (Callee::Expr(f), [a]) if is_ident(f, "String") => self.with_default(&a.expr),
                _ => {
                    let (obj, m) = method_call(c)?;
                    matches!(&*m, "trim" | "toLowerCase" | "toUpperCase")
                        .then(|| self.with_default(obj))?
                }
            },
            _ => None,
        }
    }

    /// `{ ...body }`, `{ ...body.address, lat: 1 }`: a copy of the input or of one field,
    /// with the keys it sets itself. Only plain keys may sit beside the one spread.
    pub(super) fn copy_of(&self, e: &Expr) -> Option<(Vec<String>, Vec<String>)> {
        let Expr::Object(o) = unwrap_expr(e) else {
            return None;
        };
        let mut copied = None;
        let mut own = Vec::new();
        for p in &o.props {
            match p {
                PropOrSpread::Spread(s) if copied.is_none() => {
                    copied = Some(if self.is_body(&s.expr) {
                        Vec::new()
                    } else {
                        self.path_of(&s.expr)?
                    });
                }
                PropOrSpread::Prop(p) => own.push(match &**p {
                    Prop::Shorthand(i) => i.sym.as_str().to_owned(),
                    Prop::KeyValue(kv) => crate::extract::ast_util::prop_name(&kv.key)?,
                    _ => return None,
                }),
                PropOrSpread::Spread(_) => return None,
            }
        }
        Some((copied?, own))
    }

    /// `validate(x)` (or `await check(x)`) of a validator: the fields (under what `x` is)
    /// whose absence makes it fail, and how the failure shows.
    pub fn validated(&self, e: &Expr) -> Option<super::scope::Verdict> {
        let c = match unwrap_expr(e) {
            Expr::Call(c) => c,
            Expr::Await(a) => return self.validated(&a.arg),
            _ => return None,
        };
        let v = self.facts.validators.get(called_name(c)?)?;
        let arg = c.args.get(v.param).filter(|a| a.spread.is_none())?;
        let prefix = if self.is_body(&arg.expr) {
            Vec::new()
        } else {
            self.path_of(&arg.expr)?
        };
        let fields: Vec<Vec<String>> = v
            .fields
            .iter()
            .map(|f| prefix.iter().chain(f).cloned().collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        if fields.is_empty() {
            return None;
        }
        Some((fields, v.failure.clone()))
    }

    /// `RE.test(x)` (a regex literal or a `const` holding one) whose pattern no missing value
    /// matches: the field whose absence makes it false. A value made `""` for a missing field
    /// meets only `""` (`/^[A-Z]{2}$/.test(String(x || ""))`).
    fn regex_rejects(&self, c: &CallExpr) -> Option<Vec<String>> {
        let (obj, method) = method_call(c)?;
        if method != "test" {
            return None;
        }
        let pattern = match unwrap_expr(obj) {
            Expr::Ident(i) => self.facts.regexes.get(&*i.sym).cloned()?,
            other => super::patterns::regex_literal(other)?,
        };
        let arg = &*c.args.first().filter(|a| a.spread.is_none())?.expr;
        if super::patterns::excludes_missing(&pattern) {
            return self.absent_path(arg);
        }
        super::patterns::excludes_empty(&pattern)
            .then(|| self.empty_when_missing(arg))
            .flatten()
    }
}

/// `obj?.trim()`, `obj?.toLowerCase()` (without arguments, somewhere in an optional chain): the
/// same text as the code means it, or undefined when `obj` is missing. Its `obj`.
fn recased(e: &Expr) -> Option<&Expr> {
    let (obj, method, args) = optional_method_call(e)?;
    let recases = matches!(
        &*method,
        "trim" | "trimStart" | "trimEnd" | "toLowerCase" | "toUpperCase"
    );
    (recases && args.is_empty()).then_some(obj)
}
