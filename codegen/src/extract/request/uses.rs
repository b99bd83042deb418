//! Which fields an expression hands on, uses or writes: copies and object literals passed to
//! helpers, a local used as a value, the fields of a fallback chain, whether the other branch
//! of a conditional uses a field its test checks, and what an assignment changes.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::evidence::Evidence;
use super::scope::{Passed, Scope};
use crate::extract::ast_util::{is_ident, method_call, prop_name, unwrap_expr};

impl Evidence<'_> {
    /// A call handing the input, a field, a copy or an object of fields to a helper: recorded
    /// so that the helper's reads are followed. `f(x)`, or `BUILDERS[type](data)` (each
    /// function of the table may run).
    pub(super) fn hand_on(&mut self, callee: &Expr, args: &[ExprOrSpread]) {
        let (called, conditional) = match unwrap_expr(callee) {
            Expr::Ident(name) if !self.scope.lookups.contains_key(&*name.sym) => {
                // Past an answer chosen by the input, or inside a `try` whose catch shrugs
                // a throw off, what the helper rejects is not required of every request.
                (
                    vec![name.sym.as_str().to_owned()],
                    !self.everywhere() || self.lenient_try > 0,
                )
            }
            other => match self.scope.lookup(other) {
                Some((table, _)) => match self.scope.facts.function_tables.get(&table) {
                    Some(keys) => (keys.iter().map(|k| format!("{table}.{k}")).collect(), true),
                    None => (Vec::new(), true),
                },
                None => (Vec::new(), true),
            },
        };
        for func in called {
            for (index, a) in args.iter().enumerate() {
                let mut keys = Vec::new();
                let (own, prefix) = if self.scope.is_body(&a.expr) {
                    (Vec::new(), Vec::new())
                } else if let Some(own) = self.spread_copy(&a.expr) {
                    (own, Vec::new())
                } else if let Some(path) = self.scope.path_of(&a.expr) {
                    (Vec::new(), path)
                } else {
                    keys = self.keys_from_fields(&a.expr);
                    if keys.is_empty() {
                        continue;
                    }
                    (Vec::new(), Vec::new())
                };
                self.scope.passed_to.push(Passed {
                    func: func.clone(),
                    index,
                    own,
                    prefix,
                    keys,
                    conditional,
                });
            }
        }
    }

    /// What an assignment changes: a local now holding a copy of a field, a key the server
    /// writes itself (not input), a local that no longer shows its field's absence. True when
    /// the assignment's parts were visited here.
    pub(super) fn assignment(&mut self, a: &AssignExpr) -> bool {
        // `address = { ...body.address, lat }`: a copy, as when declared so.
        if let (AssignOp::Assign, AssignTarget::Simple(SimpleAssignTarget::Ident(i))) =
            (a.op, &a.left)
        {
            if let Some(copy) = self.scope.copy_of(&a.right) {
                self.scope.copies.insert(i.id.sym.as_str().to_owned(), copy);
            }
        }
        // `booking.status = "new"` before any read of it: the server sets that value itself.
        if let (AssignOp::Assign, AssignTarget::Simple(SimpleAssignTarget::Member(m))) =
            (a.op, &a.left)
        {
            if let Some(path) = self.scope.member_path(&m.obj, &m.prop) {
                // The value is computed before the write: `x.a = other || x.a` reads x.a.
                a.right.visit_with(self);
                m.obj.visit_with(self);
                m.prop.visit_with(self);
                // A write on some paths only leaves the input's value on the others.
                if !self.scope.has_field(&path) && self.top_level() {
                    self.scope.written.insert(path);
                }
                return true;
            }
        }
        // `x = other` on a local bound to a field: its falsiness no longer shows the field's
        // absence.
        if let AssignTarget::Simple(SimpleAssignTarget::Ident(i)) = &a.left {
            let name = i.id.sym.as_str().to_owned();
            // `path = body.path ?? null` into `let path: string | null`: the declared type.
            if let (AssignOp::Assign, Some(t)) = (a.op, self.declared_locals.get(&name)) {
                if let Some(path) = self.scope.same_value(&a.right) {
                    let t = super::evidence::defined(t, Some(&a.right));
                    self.scope.casts.push((path, t));
                }
            }
            self.record_branch_value(a);
            // `let token = ""; token = body.token || "";` outside any branch: every request
            // goes on with the new value, which is falsy when the field is missing.
            let derived = (a.op == AssignOp::Assign && self.top_level())
                .then(|| self.scope.falsy_when_missing(&a.right))
                .flatten();
            // Given again: no longer one of the fields an `if`/`else` gave it.
            self.scope.alternatives.remove(&name);
            self.scope.empty_locals.remove(&name);
            // `dest = ""` (`null`, `0`, `false`, `undefined`): a local falsy when the field
            // is missing stays so, though it may no longer be undefined then.
            let emptied = a.op == AssignOp::Assign
                && !self.scope.untracked.contains(&name)
                && (self.scope.locals.contains_key(&name)
                    || self.scope.derived.contains_key(&name))
                && super::scope::falsy_literal(&a.right);
            if let Some(path) = derived {
                self.scope.locals.remove(&name);
                self.scope.untracked.remove(&name);
                self.scope.defaulted.remove(&name);
                self.scope.derived.insert(name, path);
            } else if emptied {
                // Neither NaN nor a validator's answer any more.
                self.scope.nan_locals.remove(&name);
                self.scope.error_locals.remove(&name);
                self.scope.defaulted.insert(name);
            } else if self.scope.locals.contains_key(&name)
                || self.scope.derived.contains_key(&name)
            {
                self.scope.untracked.insert(name);
            }
        }
        false
    }

    /// `{ ...body, kind: "x" }`: a copy of the input; the keys the literal sets itself.
    pub(super) fn spread_copy(&self, e: &Expr) -> Option<Vec<String>> {
        let Expr::Object(o) = unwrap_expr(e) else {
            return None;
        };
        let mut spreads_body = false;
        let mut own = Vec::new();
        for p in &o.props {
            match p {
                PropOrSpread::Spread(s) => spreads_body |= self.scope.is_body(&s.expr),
                PropOrSpread::Prop(p) => match &**p {
                    Prop::Shorthand(i) => own.push(i.sym.as_str().to_owned()),
                    Prop::KeyValue(kv) => own.extend(prop_name(&kv.key)),
                    Prop::Method(m) => own.extend(prop_name(&m.key)),
                    _ => {}
                },
            }
        }
        spreads_body.then_some(own)
    }

    /// `{ name, items: body.list }` (no spread of the input): the keys set from fields.
    pub(super) fn keys_from_fields(&self, e: &Expr) -> Vec<(String, Vec<String>)> {
        let Expr::Object(o) = unwrap_expr(e) else {
            return Vec::new();
        };
        o.props
            .iter()
            .filter_map(|p| match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::Shorthand(i) => self
                        .scope
                        .locals
                        .get(&*i.sym)
                        .map(|path| (i.sym.as_str().to_owned(), path.clone())),
                    Prop::KeyValue(kv) => prop_name(&kv.key).zip(self.scope.path_of(&kv.value)),
                    _ => None,
                },
                PropOrSpread::Spread(_) => None,
            })
            .collect()
    }

    /// `name` read as a value: when it is bound to a field, that field is read.
    pub(super) fn local_used(&mut self, name: &str) {
        if let Some(p) = self.scope.locals.get(name).cloned() {
            self.scope.field(&p);
        }
    }

    /// The fields of `a || b ?? c` (each operand that reads a field).
    pub(super) fn fallback_chain(&self, e: &Expr, out: &mut Vec<Vec<String>>) {
        if let Some(p) = self.scope.path_of(e) {
            out.push(p);
            return;
        }
        if let Expr::Bin(b) = unwrap_expr(e) {
            if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing) {
                self.fallback_chain(&b.left, out);
                self.fallback_chain(&b.right, out);
            }
        }
    }

    /// Whether `other` (the branch taken when `test` fails) uses a field that `test` checks
    /// with `Array.isArray` or `typeof`.
    pub(super) fn other_branch_uses_checked<N: for<'a> VisitWith<FieldUse<'a>>>(
        &self,
        test: &Expr,
        other: &N,
    ) -> bool {
        let mut checked = FieldUse {
            scope: self.scope,
            wanted: Vec::new(),
            array_checked: true,
            found: Vec::new(),
        };
        test.visit_with(&mut checked);
        if checked.found.is_empty() {
            return false;
        }
        let mut uses = FieldUse {
            scope: self.scope,
            wanted: checked.found,
            array_checked: false,
            found: Vec::new(),
        };
        other.visit_with(&mut uses);
        !uses.found.is_empty()
    }

    /// Whether `node` reads the field at `path` (or a field inside it).
    pub(super) fn reads_field<N: for<'a> VisitWith<FieldUse<'a>>>(
        &self,
        node: &N,
        path: &[String],
    ) -> bool {
        let mut uses = FieldUse {
            scope: self.scope,
            wanted: vec![path.to_vec()],
            array_checked: false,
            found: Vec::new(),
        };
        node.visit_with(&mut uses);
        !uses.found.is_empty()
    }
}

impl Evidence<'_> {
    /// Whether `stmt` awaits something or reads a field: work done with the request.
    pub(super) fn does_work(&self, stmt: &Stmt) -> bool {
        let mut work = Work {
            scope: self.scope,
            found: false,
        };
        stmt.visit_with(&mut work);
        work.found
    }
}

/// Finds an `await` or a field read.
struct Work<'s> {
    scope: &'s Scope,
    found: bool,
}

impl Visit for Work<'_> {
    fn visit_expr(&mut self, e: &Expr) {
        if self.found {
            return;
        }
        match e {
            Expr::Await(_) => self.found = true,
            Expr::Ident(_) | Expr::Member(_) | Expr::OptChain(_)
                if self.scope.path_of(e).is_some() =>
            {
                self.found = true
            }
            _ => e.visit_children_with(self),
        }
    }
}

/// Finds fields: those passed to `Array.isArray` or `typeof` (`array_checked`), or the `wanted` ones
/// wherever they are read.
pub(super) struct FieldUse<'s> {
    scope: &'s Scope,
    wanted: Vec<Vec<String>>,
    array_checked: bool,
    found: Vec<Vec<String>>,
}

impl Visit for FieldUse<'_> {
    fn visit_expr(&mut self, e: &Expr) {
        if self.array_checked {
            match e {
                Expr::Call(c)
                    if method_call(c)
                        .is_some_and(|(obj, m)| is_ident(obj, "Array") && m == "isArray") =>
                {
                    self.found
                        .extend(c.args.first().and_then(|a| self.scope.path_of(&a.expr)));
                }
                // `typeof x === "string"`: a type check as well.
                Expr::Unary(u) if u.op == UnaryOp::TypeOf => {
                    self.found.extend(self.scope.path_of(&u.arg));
                }
                _ => {}
            }
        } else if let Some(p) = self.scope.path_of(e) {
            if self.wanted.contains(&p) {
                self.found.push(p);
                return;
            }
        }
        e.visit_children_with(self);
    }
}
