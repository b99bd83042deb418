//! Locals given a field's value in every branch of an `if`/`else` (`let email; if (body.user)
//! email = body.user.email; else email = body.email;`): past it, the local holds one of those
//! fields. A type check on it shows that type for each of them; a rejection of a missing one
//! requires only what they all share (`profile` for `profile.a` and `profile.b`): either field
//! alone may be missing from a request that takes the other branch.

use swc_common::Span;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::evidence::Evidence;
use super::fields::ITEMS;
use super::scope::Scope;
use crate::extract::ast_util::unwrap_expr;

/// What a branch's assignment gives a local: the field whose absence leaves it falsy, and the
/// field whose value it is, when it is that value (`x`, `x || ""`, not `Number(x)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternative {
    /// The field a missing value of which leaves the local falsy.
    pub falsy: Vec<String>,
    /// The field whose value the local holds, for type evidence.
    pub same: Option<Vec<String>>,
}

impl Scope {
    /// The fields `e` holds the value of: the field it reads, or each field a local was given
    /// in the branches of an `if`/`else`.
    pub(super) fn paths_of(&self, e: &Expr) -> Vec<Vec<String>> {
        if let Expr::Ident(i) = unwrap_expr(e) {
            if let Some(alts) = self.alternatives.get(&*i.sym) {
                return alts.iter().filter_map(|a| a.same.clone()).collect();
            }
        }
        self.path_of(e).into_iter().collect()
    }

    /// For a local given a field in each branch of an `if`/`else`: `Some(what a missing
    /// value of every one of them lacks)`, which is `None` when they share nothing.
    pub(super) fn shared_absence(&self, e: &Expr) -> Option<Option<Vec<String>>> {
        let Expr::Ident(i) = unwrap_expr(e) else {
            return None;
        };
        let alts = self.alternatives.get(&*i.sym)?;
        let (first, rest) = alts.split_first()?;
        let mut shared: &[String] = &first.falsy;
        for a in rest {
            let n = shared
                .iter()
                .zip(&a.falsy)
                .take_while(|(x, y)| x == y)
                .count();
            shared = &shared[..n];
        }
        // The items of an array are not each required: stop at them.
        let end = shared
            .iter()
            .position(|s| s == ITEMS)
            .unwrap_or(shared.len());
        Some(Some(shared[..end].to_vec()).filter(|p| !p.is_empty()))
    }
}

impl Evidence<'_> {
    /// `name = value` in a branch: what the value is, kept by the assignment's span for
    /// [`Self::branch_values`].
    pub(super) fn record_branch_value(&mut self, a: &AssignExpr) {
        if a.op != AssignOp::Assign || self.top_level() {
            return;
        }
        if let Some(falsy) = self.scope.falsy_when_missing(&a.right) {
            let same = self.scope.same_value(&a.right);
            self.assigned.insert(a.span, Alternative { falsy, same });
        }
    }

    /// After a top-level `if`/`else` (or `else if` chain with a final `else`) each of whose
    /// branches gives a local a field's value, once and on every path through it: the local
    /// holds one of those fields.
    pub(super) fn branch_values(&mut self, s: &IfStmt) {
        if !self.top_level() {
            return;
        }
        let mut branches = vec![&*s.cons];
        let mut cur = s;
        loop {
            match cur.alt.as_deref() {
                Some(Stmt::If(next)) => {
                    branches.push(&next.cons);
                    cur = next;
                }
                Some(last) => {
                    branches.push(last);
                    break;
                }
                None => return,
            }
        }
        for name in assigned_names(branches[0]) {
            let alts: Option<Vec<Alternative>> = branches
                .iter()
                .map(|b| sole_assignment(b, &name).and_then(|span| self.assigned.get(&span)))
                .map(|a| a.cloned())
                .collect();
            let Some(mut alts) = alts else {
                continue;
            };
            alts.dedup();
            self.scope.locals.remove(&name);
            self.scope.alternatives.insert(name, alts);
        }
    }

    /// A new binding of a name (`const email = ...`): it no longer holds a branch's field.
    pub(super) fn forget_alternatives(&mut self, pat: &Pat) {
        if self.scope.alternatives.is_empty() {
            return;
        }
        let mut names = Names(Vec::new());
        pat.visit_with(&mut names);
        for n in names.0 {
            self.scope.alternatives.remove(&n);
        }
    }
}

/// Names assigned (`name = ...`) by the top-level statements of a branch.
fn assigned_names(branch: &Stmt) -> Vec<String> {
    top_level(branch)
        .iter()
        .filter_map(|s| plain_assignment(s).map(|(name, _)| name.to_owned()))
        .collect()
}

/// The statements a branch runs in order.
fn top_level(branch: &Stmt) -> &[Stmt] {
    match branch {
        Stmt::Block(b) => &b.stmts,
        other => std::slice::from_ref(other),
    }
}

/// `name = value;` as a statement: the name and the assignment's span.
fn plain_assignment(s: &Stmt) -> Option<(&str, Span)> {
    let Stmt::Expr(e) = s else {
        return None;
    };
    let Expr::Assign(a) = unwrap_expr(&e.expr) else {
        return None;
    };
    match (&a.op, &a.left) {
        (AssignOp::Assign, AssignTarget::Simple(SimpleAssignTarget::Ident(i))) => {
            Some((i.id.sym.as_str(), a.span))
        }
        _ => None,
    }
}

/// The span of the one assignment of `name` in `branch`, when it is a top-level statement,
/// nothing else in the branch writes `name`, and nothing leaves the branch early (a
/// `return`, `throw`, `break` or `continue`): then the local holds that value past it.
fn sole_assignment(branch: &Stmt, name: &str) -> Option<Span> {
    let mut spans = top_level(branch)
        .iter()
        .filter_map(plain_assignment)
        .filter(|(n, _)| *n == name)
        .map(|(_, span)| span);
    let span = spans.next()?;
    let mut writes = Writes {
        name,
        count: 0,
        exits: false,
    };
    branch.visit_with(&mut writes);
    (writes.count == 1 && !writes.exits).then_some(span)
}

/// Counts writes of one name and notes early exits, outside nested functions (whose writes
/// count too: they may run at any time).
struct Writes<'n> {
    name: &'n str,
    count: usize,
    exits: bool,
}

impl Writes<'_> {
    fn names(&self, e: &impl VisitWith<Names>) -> usize {
        let mut names = Names(Vec::new());
        e.visit_with(&mut names);
        names.0.iter().filter(|n| *n == self.name).count()
    }
}

impl Visit for Writes<'_> {
    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(i)) => {
                self.count += usize::from(&*i.id.sym == self.name);
            }
            AssignTarget::Pat(p) => self.count += self.names(p),
            AssignTarget::Simple(_) => {}
        }
        a.visit_children_with(self);
    }

    // `let name` in the branch is another variable (`var name` the same one): either way
    // the assignment may not be the one past the branch.
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        self.count += self.names(&d.name);
        d.visit_children_with(self);
    }

    fn visit_update_expr(&mut self, u: &UpdateExpr) {
        if let Expr::Ident(i) = unwrap_expr(&u.arg) {
            self.count += usize::from(&*i.sym == self.name);
        }
        u.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, f: &ForOfStmt) {
        self.count += self.names(&f.left);
        f.visit_children_with(self);
    }

    fn visit_for_in_stmt(&mut self, f: &ForInStmt) {
        self.count += self.names(&f.left);
        f.visit_children_with(self);
    }

    fn visit_return_stmt(&mut self, _: &ReturnStmt) {
        self.exits = true;
    }

    fn visit_throw_stmt(&mut self, _: &ThrowStmt) {
        self.exits = true;
    }

    fn visit_break_stmt(&mut self, _: &BreakStmt) {
        self.exits = true;
    }

    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {
        self.exits = true;
    }

    fn visit_function(&mut self, f: &Function) {
        let exits = self.exits;
        f.visit_children_with(self);
        self.exits = exits;
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        let exits = self.exits;
        a.visit_children_with(self);
        self.exits = exits;
    }
}

/// The names a pattern binds or assigns.
struct Names(Vec<String>);

impl Visit for Names {
    fn visit_binding_ident(&mut self, b: &BindingIdent) {
        self.0.push(b.id.sym.as_str().to_owned());
    }

    fn visit_assign_pat_prop(&mut self, p: &AssignPatProp) {
        self.0.push(p.key.sym.as_str().to_owned());
        p.value.visit_with(self);
    }

    // Computed keys and defaults are read, not bound.
    fn visit_expr(&mut self, _: &Expr) {}
}
