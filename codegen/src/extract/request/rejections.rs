//! What rejections prove: a field is required when its absence is rejected on every path, and
//! its values are closed when other values are rejected (`x !== "a" && x !== "b"`,
//! `!LIST.includes(x)`, an `if`/`else if` or sequential-`if` dispatch ending in a rejection, a
//! closed `switch` read case by case).

use rustc_hash::FxHashMap;
use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::VisitWith;

use super::absence::absent_when_true;
use super::evidence::Evidence;
use super::module_facts::literal_list;
use super::scope::{literal, Failure, Scope};
use crate::extract::ast_util::{is_ident, member_name, method_call, unwrap_expr};
use crate::model::Literal;

/// The branches of a dispatch: the value each one handles and its body.
type Branches<'a> = Vec<(Literal, &'a Stmt)>;

impl Evidence<'_> {
    /// In the test of an `if` that rejects: the fields whose absence is rejected.
    pub(super) fn missing_rejected(&mut self, test: &Expr) {
        for path in absent_when_true(self.scope, test) {
            if self.everywhere_for(&path) {
                self.require(&path);
            } else {
                self.required_past_answers(&path);
                self.item_field_rejected(&path);
            }
        }
    }

    /// `x !== "a" && x !== "b"` or `!["a", "b"].includes(x)` (also through a `const` list) in
    /// a rejecting `if`: only those values are accepted. `if (A || B) reject` rejects on `A`
    /// alone and on `B` alone, so each side is read on its own.
    pub(super) fn allowed_values(&mut self, test: &Expr) {
        if let Expr::Bin(b) = unwrap_expr(test) {
            if b.op == BinaryOp::LogicalOr {
                self.allowed_values(&b.left);
                self.allowed_values(&b.right);
                return;
            }
        }
        let mut parts = Vec::new();
        conjuncts(test, &mut parts);
        // `x && !LIST.includes(x)`: the values are closed when x is present; a missing x is
        // accepted.
        let mut when_present: Vec<Vec<String>> = Vec::new();
        let mut by_path: FxHashMap<Vec<String>, Vec<Literal>> = FxHashMap::default();
        for p in parts {
            if let Some(path) = self.scope.path_of(p) {
                when_present.push(path);
                continue;
            }
            // `x !== undefined`, `x != null`: the same "when present" (`x !== null` is not:
            // a missing x passes it).
            if let Expr::Bin(b) = unwrap_expr(p) {
                let undefined = is_ident(&b.right, "undefined");
                let null = matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Null(_)));
                let present = match b.op {
                    BinaryOp::NotEqEq => undefined,
                    BinaryOp::NotEq => undefined || null,
                    _ => false,
                };
                if present {
                    if let Some(path) = self.scope.path_of(&b.left) {
                        when_present.push(path);
                        continue;
                    }
                }
            }
            let (path, lits) = match unwrap_expr(p) {
                Expr::Bin(b) if matches!(b.op, BinaryOp::NotEqEq | BinaryOp::NotEq) => {
                    let (Some(path), Some(lit)) = (
                        self.scope.path_of(&b.left),
                        self.scope.value_literal(&b.right),
                    ) else {
                        return;
                    };
                    (path, vec![lit])
                }
                Expr::Unary(u) if u.op == UnaryOp::Bang => match self.includes_check(&u.arg) {
                    Some(found) => found,
                    None => return,
                },
                _ => return,
            };
            by_path.entry(path).or_default().extend(lits);
        }
        if when_present.iter().any(|p| !by_path.contains_key(p)) {
            return;
        }
        for (path, lits) in by_path {
            if when_present.contains(&path) {
                self.close_present(&path, lits);
            } else {
                self.close(&path, lits);
            }
        }
    }

    /// Field `path` accepts only `lits` when present; a missing value is accepted.
    fn close_present(&mut self, path: &[String], lits: Vec<Literal>) {
        if let Some(f) = self.scope.field(path) {
            f.closed = true;
        }
        self.narrow(path, lits);
    }

    /// `LIST.includes(x)` with a literal list (inline or a `const`): x's path and the list.
    fn includes_check(&self, e: &Expr) -> Option<(Vec<String>, Vec<Literal>)> {
        // `!TEMPLATES[x]` (or `!builder` for `const builder = BUILDERS[x]`) over a `const`
        // object of truthy values: x is one of its keys.
        if matches!(unwrap_expr(e), Expr::Member(_) | Expr::Ident(_)) {
            let (table, path) = self.scope.lookup(e)?;
            let keys = self.scope.facts.tables.get(&table)?;
            return Some((path, keys.clone()));
        }
        let Expr::Call(c) = unwrap_expr(e) else {
            return None;
        };
        self.includes_call(c)
    }

    /// `LIST.includes(x)` or `SET.has(x)` with a literal list (inline or a `const`): x's path
    /// and the list.
    pub(super) fn includes_call(&self, c: &CallExpr) -> Option<(Vec<String>, Vec<Literal>)> {
        let (obj, method) = method_call(c)?;
        if method != "includes" && method != "has" {
            return None;
        }
        let [arg] = c.args.as_slice() else {
            return None;
        };
        let list = match unwrap_expr(obj) {
            Expr::Ident(i) => self.scope.facts.lists.get(&*i.sym).cloned()?,
            other => literal_list(other)?,
        };
        Some((self.scope.path_of(&arg.expr)?, list))
    }

    /// `if (x === "a") return ...; if (x === "b") return ...; reject`: each `if` leaves the
    /// function, so the rejection after them is reached for every other value.
    pub(super) fn sequential_dispatch(&mut self, stmts: &[Stmt]) {
        if !self.top_level() {
            return;
        }
        let mut path: Option<Vec<String>> = None;
        let mut branches: Vec<(Literal, &Stmt)> = Vec::new();
        // Exiting branches met earlier in the block, before other statements: their values
        // are accepted too (`if (a === "x") return ...; <code>; if (a === "y") ...; reject`).
        let mut earlier: Vec<(Vec<String>, Branches)> = Vec::new();
        for stmt in stmts {
            let case = match stmt {
                Stmt::If(i) => self.exiting_chain(i),
                _ => None,
            };
            // `if (a === "y") {...} else if (a === "z") {...} else reject` after exiting
            // branches on the same field: one closed dispatch over all of them, the chain's
            // branches going on to the code after it.
            if let (None, Stmt::If(i)) = (&case, stmt) {
                if let Some((p, chain, Some(last_else))) = self.eq_chain(i) {
                    let mut all: Branches = earlier
                        .iter()
                        .filter(|(q, _)| *q == p)
                        .flat_map(|(_, b)| b.iter().cloned())
                        .collect();
                    if path.as_ref() == Some(&p) {
                        all.append(&mut branches);
                    }
                    if self.always_rejects(last_else) && !all.is_empty() {
                        all.extend(chain);
                        // The chain alone was read as the dispatch while visiting it.
                        if matches!(&self.scope.dispatch, Some((tag, _)) if [tag.clone()] == *p) {
                            self.scope.dispatch = None;
                        }
                        self.close_dispatch(&p, all);
                        return;
                    }
                }
            }
            match case {
                Some((p, cases)) if path.as_ref().is_none_or(|q| *q == p) => {
                    path = Some(p);
                    branches.extend(cases);
                }
                _ => {
                    if let Some(p) = path.take() {
                        if self.always_rejects(stmt) {
                            let mut all: Branches = earlier
                                .iter()
                                .filter(|(q, _)| *q == p)
                                .flat_map(|(_, b)| b.iter().cloned())
                                .collect();
                            all.append(&mut branches);
                            self.close_dispatch(&p, all);
                        } else {
                            earlier.push((p, std::mem::take(&mut branches)));
                        }
                    }
                    branches.clear();
                    // This statement may itself start a run.
                    if let Some((p, cases)) = case {
                        path = Some(p);
                        branches.extend(cases);
                    }
                }
            }
        }
        if let Some(p) = path {
            earlier.push((p, branches));
        }
        self.answered_allowed_values(earlier);
    }

    /// `if (!ACTIONS.includes(action)) reject` and then a branch that answers each listed
    /// value (`if (action === "create") return ...`, shared code between them or not): the
    /// list closed the values, so the branches make a closed dispatch.
    fn answered_allowed_values(&mut self, runs: Vec<(Vec<String>, Branches<'_>)>) {
        if self.scope.dispatch.is_some() {
            return;
        }
        for (i, (p, _)) in runs.iter().enumerate() {
            if runs[..i].iter().any(|(q, _)| q == p) {
                continue;
            }
            let all: Branches = runs
                .iter()
                .filter(|(q, _)| q == p)
                .flat_map(|(_, b)| b.iter().cloned())
                .collect();
            let Some(listed) = self.listed_values(p) else {
                continue;
            };
            let answered: Vec<&Literal> = all.iter().map(|(l, _)| l).collect();
            if listed.iter().all(|l| answered.contains(&l))
                && answered.iter().all(|l| listed.contains(l))
            {
                let p = p.clone();
                self.close_dispatch(&p, all);
                return;
            }
        }
    }

    /// `if (x === "a") return ...; [else if (x === "b" || x === "c") return ...]` with no
    /// final `else`: every branch leaves the function, so what follows sees the other values.
    fn exiting_chain<'a>(&self, first: &'a IfStmt) -> Option<(Vec<String>, Branches<'a>)> {
        let (path, cases, last_else) = self.eq_chain(first)?;
        (last_else.is_none() && cases.iter().all(|(_, cons)| exits(cons))).then_some((path, cases))
    }

    /// `if (x === "a") ... else if (x === "b" || x === "c") ... [else ...]` on one field: the
    /// field, each value with its branch, and the final `else` when there is one.
    fn eq_chain<'a>(
        &self,
        first: &'a IfStmt,
    ) -> Option<(Vec<String>, Branches<'a>, Option<&'a Stmt>)> {
        let mut path: Option<Vec<String>> = None;
        let mut cases = Vec::new();
        let mut cur = first;
        loop {
            let (p, lits) = self.eq_cases(&cur.test)?;
            if path.as_ref().is_some_and(|q| *q != p) {
                return None;
            }
            path = Some(p);
            cases.extend(lits.into_iter().map(|l| (l, &*cur.cons)));
            match cur.alt.as_deref() {
                Some(Stmt::If(next)) => cur = next,
                last_else => return path.map(|p| (p, cases, last_else)),
            }
        }
    }

    /// `if (typeof x === "string") {...} else if (typeof x === "number") {...} else {...}`:
    /// when the last `else` accepts the rest, x takes values of any type; when it rejects,
    /// a missing x (`typeof` is "undefined") is rejected.
    pub(super) fn typeof_catch_all(&mut self, first: &IfStmt) {
        let mut path: Option<Vec<String>> = None;
        let mut cur = first;
        let rejecting_else = loop {
            let Expr::Bin(b) = unwrap_expr(&cur.test) else {
                return;
            };
            let Expr::Unary(u) = unwrap_expr(&b.left) else {
                return;
            };
            if !matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) || u.op != UnaryOp::TypeOf {
                return;
            }
            let Some(p) = self.scope.path_of(&u.arg) else {
                return;
            };
            if path.as_ref().is_some_and(|q| *q != p) {
                return;
            }
            path = Some(p);
            match cur.alt.as_deref() {
                Some(Stmt::If(next)) => cur = next,
                Some(rest) => break self.always_rejects(rest),
                None => return,
            }
        };
        let Some(path) = path else {
            return;
        };
        if !rejecting_else {
            if let Some(f) = self.scope.field(&path) {
                f.open = true;
            }
        } else {
            self.require(&path);
        }
    }

    /// `x === "a"`, or `x === "a" || x === "b"` on one field: the field and the values.
    fn eq_cases(&self, test: &Expr) -> Option<(Vec<String>, Vec<Literal>)> {
        match unwrap_expr(test) {
            Expr::Bin(b) if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::EqEq) => {
                let path = self.scope.path_of(&b.left)?;
                Some((path, vec![self.scope.value_literal(&b.right)?]))
            }
            Expr::Bin(b) if b.op == BinaryOp::LogicalOr => {
                // `action === "list" || !action`: a missing value takes this branch too (see
                // [`Self::missing_takes`]); the values compared are the branch's.
                for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
                    if let Some(absent) = self.absent_test(y) {
                        let (p, lits) = self.eq_cases(x)?;
                        return (p == absent).then_some((p, lits));
                    }
                }
                let (p, mut lits) = self.eq_cases(&b.left)?;
                let (q, more) = self.eq_cases(&b.right)?;
                if p != q {
                    return None;
                }
                lits.extend(more);
                Some((p, lits))
            }
            _ => None,
        }
    }

    /// `return admin.error` (or a block starting with it), where `admin` holds a validator's
    /// answer whose `error` is an error response: the branch rejects the request.
    pub(super) fn returns_failure(&self, stmt: &Stmt) -> bool {
        let ret = match stmt {
            Stmt::Block(b) => b.stmts.first(),
            other => Some(other),
        };
        let Some(Stmt::Return(ReturnStmt { arg: Some(e), .. })) = ret else {
            return false;
        };
        let Expr::Member(m) = unwrap_expr(e) else {
            return false;
        };
        let Expr::Ident(local) = unwrap_expr(&m.obj) else {
            return false;
        };
        matches!(
            self.scope.error_locals.get(&*local.sym),
            Some((_, Failure::TruthyKey { key, responds: true }))
                if member_name(&m.prop).as_deref() == Some(key.as_str())
        )
    }

    /// `!x` on a field: its path.
    fn absent_test(&self, e: &Expr) -> Option<Vec<String>> {
        match unwrap_expr(e) {
            Expr::Unary(u) if u.op == UnaryOp::Bang => self.scope.path_of(&u.arg),
            _ => None,
        }
    }

    /// `if (action === "list" || !action)` at the top level: a missing action is taken as
    /// "list", as `{ action = "list" }` would take it.
    pub(super) fn missing_takes(&mut self, test: &Expr) {
        let Expr::Bin(b) = unwrap_expr(test) else {
            return;
        };
        if b.op != BinaryOp::LogicalOr || !self.top_level() {
            return;
        }
        for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
            if let (Some(absent), Some((p, lits))) = (self.absent_test(y), self.eq_cases(x)) {
                if let ([lit], true) = (lits.as_slice(), p == absent) {
                    if let Some(f) = self.scope.field(&p) {
                        f.optional = true;
                        f.default = Some(lit.clone());
                    }
                }
            }
        }
    }

    /// A dispatch on `path` over `branches` that rejects every other value: the values are
    /// closed, and (on a top-level field, outside any branch) each branch is read on its own.
    fn close_dispatch(&mut self, path: &[String], branches: Vec<(Literal, &Stmt)>) {
        let lits = branches.iter().map(|(l, _)| l.clone()).collect();
        self.close(path, lits);
        if let [field] = path {
            if self.top_level() && self.scope.dispatch.is_none() {
                let cases = branches
                    .into_iter()
                    .filter_map(|(lit, stmt)| match lit {
                        Literal::String(value) => Some((value, std::slice::from_ref(stmt))),
                        _ => None,
                    })
                    .collect::<Vec<_>>();
                self.per_branch(field, &cases);
            }
        }
    }

    /// Field `path` must be present, and so must every object on the way to it: rejecting a
    /// missing `a?.b?.c` rejects a missing `a` and `a.b` too.
    pub(super) fn require(&mut self, path: &[String]) {
        // A missing value was answered already (`if (action === "read" || !action) return
        // ok`): none reaches this rejection.
        if !self.everywhere_for(path) || self.answered_missing.iter().any(|p| p == path) {
            return;
        }
        self.scope.require_path(path);
    }

    /// Field `path` accepts only `lits`; outside any branch, it is also required (a missing
    /// value is not one of them). Inside a branch the check holds on that branch only.
    pub(super) fn close(&mut self, path: &[String], lits: Vec<Literal>) {
        let everywhere =
            self.everywhere_for(path) && !self.answered_missing.iter().any(|p| p == path);
        if let Some(f) = self.scope.field(path) {
            f.closed = true;
            // A missing value taken as an accepted default is accepted.
            let defaulted = f.default.as_ref().is_some_and(|d| lits.contains(d));
            f.required |= everywhere && !defaulted;
        }
        self.narrow(path, lits);
    }

    /// Field `path` is closed to `lits`: every value compared so far stays a literal of it,
    /// but where every request that may be accepted passes this check, only `lits` are.
    fn narrow(&mut self, path: &[String], lits: Vec<Literal>) {
        let exact = self.everywhere_for(path) && self.passes_every_accepted();
        if let Some(f) = self.scope.field(path) {
            if exact {
                f.exact = Some(match f.exact.take() {
                    Some(before) => before.into_iter().filter(|l| lits.contains(l)).collect(),
                    None => lits.clone(),
                });
            }
            for l in lits {
                if !f.literals.contains(&l) {
                    f.literals.push(l);
                }
            }
        }
    }

    /// `if (x === "a") {...} else if (x === "b") {...} else reject`: a closed dispatch. So is
    /// a chain over the values an allow-list let through (`if (!LIST.includes(x)) reject`
    /// before it): with a branch for each (`if (x === "a") ... else if (x === "b") ...`), or
    /// an `else` taking the one value left (`if (x === "once") ... else ...`).
    pub(super) fn dispatch_chain(&mut self, stmt: &IfStmt) {
        let Some((path, mut branches, last_else)) = self.eq_chain(stmt) else {
            return;
        };
        if last_else.is_some_and(|e| self.always_rejects(e)) {
            self.close_dispatch(&path, branches);
            return;
        }
        let Some(listed) = self.listed_values(&path) else {
            return;
        };
        let left: Vec<Literal> = listed
            .into_iter()
            .filter(|l| !branches.iter().any(|(b, _)| b == l))
            .collect();
        match (left.as_slice(), last_else) {
            ([], None) => self.close_dispatch(&path, branches),
            ([one], Some(rest)) => {
                branches.push((one.clone(), rest));
                self.close_dispatch(&path, branches);
            }
            _ => {}
        }
    }

    /// The values of a top-level field an earlier allow-list let through, when one did.
    fn listed_values(&self, path: &[String]) -> Option<Vec<Literal>> {
        let [name] = path else { return None };
        let field = self.scope.fields.get(name)?;
        (field.closed && field.required && !field.accepted().is_empty())
            .then(|| field.accepted().to_vec())
    }
}

impl Evidence<'_> {
    /// Read each string case of a closed `switch` on its own: what a case reads and rejects
    /// there holds for that variant of the input.
    pub(super) fn per_case(&mut self, discriminant: &str, s: &SwitchStmt) {
        let cases: Vec<(String, &[Stmt])> = s
            .cases
            .iter()
            .filter_map(|case| match case.test.as_deref().and_then(literal) {
                Some(Literal::String(value)) => Some((value, case.cons.as_slice())),
                _ => None,
            })
            .collect();
        self.per_branch(discriminant, &cases);
    }

    /// Read each branch of a closed dispatch on `discriminant` (a `switch` case, an `if` on
    /// one value) on its own: what a branch reads and rejects there holds for that variant of
    /// the input.
    fn per_branch(&mut self, discriminant: &str, branches: &[(String, &[Stmt])]) {
        let mut cases = Vec::new();
        for (value, stmts) in branches {
            let mut inner = Scope {
                bodies: self.scope.bodies.clone(),
                locals: self.scope.locals.clone(),
                getters: self.scope.getters.clone(),
                urls: self.scope.urls.clone(),
                facts: self.scope.facts.clone(),
                lookups: self.scope.lookups.clone(),
                // `{ limit = 10 }`: never missing in the branch either.
                untracked: self.scope.untracked.clone(),
                defaulted: self.scope.defaulted.clone(),
                ..Scope::default()
            };
            let mut ev = Evidence::new(&mut inner);
            ev.answered_ok = self.answered_ok;
            ev.forgiving_try = self.forgiving_try;
            // Rejections at the branch's top level hold on every path through the branch.
            for stmt in *stmts {
                match stmt {
                    Stmt::Block(b) => b.stmts.iter().for_each(|st| st.visit_with(&mut ev)),
                    other => other.visit_with(&mut ev),
                }
            }
            inner.fields.remove(discriminant);
            super::fields::keep_defaults(&mut inner.fields, &self.scope.fields);
            cases.push((value.clone(), inner.fields, inner.passed_to));
        }
        if cases.iter().any(|(_, f, p)| !f.is_empty() || !p.is_empty()) {
            self.scope.dispatch = Some((discriminant.to_string(), cases));
            self.scope.case_spans = branches
                .iter()
                .filter_map(|(_, stmts)| {
                    let (first, last) = (stmts.first()?, stmts.last()?);
                    Some(swc_common::Span::new(first.span().lo, last.span().hi))
                })
                .collect();
        }
    }
}

/// Whether `stmt` always leaves the function (a `return` or `throw`, or a block that has one
/// at its top level).
pub(super) fn exits(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(_) | Stmt::Throw(_) => true,
        Stmt::Block(b) => b.stmts.iter().any(exits),
        // `if (ok) { return a } else { return b }`: both ways out.
        Stmt::If(i) => exits(&i.cons) && i.alt.as_deref().is_some_and(exits),
        _ => false,
    }
}

fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match unwrap_expr(e) {
        Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => {
            conjuncts(&b.left, out);
            conjuncts(&b.right, out);
        }
        other => out.push(other),
    }
}
