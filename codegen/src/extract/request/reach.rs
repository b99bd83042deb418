//! Which code runs for every request: outside any branch (or in the branch that reads the
//! body), not past an answer chosen by a field's value, not inside a `try` whose catch shrugs
//! a throw off. A rejection, or a throw on a missing value, proves a field required only there.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::absence::absent_when_true;
use super::evidence::Evidence;
use super::fields::ITEMS;
use super::rejections::exits;
use crate::extract::ast_util::{is_ident, method_call, unwrap_expr};
use crate::extract::status::{answers_ok, error_answer, rejects};
use crate::model::Literal;

impl Evidence<'_> {
    /// Outside any branch, or in the branch that read the body (`if (req.method === "POST")
    /// { const body = await req.json(); ... }`): the code every request with a body runs.
    pub(super) fn top_level(&self) -> bool {
        self.conditional == self.body_depth
    }

    /// Whether a rejection here holds for every request: outside any branch, and not past
    /// an earlier answer chosen by the input.
    pub(super) fn everywhere(&self) -> bool {
        self.top_level() && self.after_exit.is_empty()
    }

    /// Whether a rejection of `path` here holds for every request: as [`Self::everywhere`],
    /// except that answers chosen by `path` itself (`if (action === "a") return ...`) leave
    /// the rejection of its other values standing.
    pub(super) fn everywhere_for(&self, path: &[String]) -> bool {
        self.top_level() && self.after_exit.iter().all(|p| p == path)
    }

    /// A rejection of a missing `path` met past answers chosen by one top-level field's
    /// values (`if (action === "create") return ...; if (!body.id) reject`): it holds for every
    /// other value of that field, kept for the variants of a dispatch on it.
    pub(super) fn required_past_answers(&mut self, path: &[String]) {
        let [tag] = self.after_exit.as_slice() else {
            return;
        };
        if !self.top_level()
            || tag.len() != 1
            || path.is_empty()
            || path.contains(&ITEMS.to_string())
        {
            return;
        }
        let answered: Vec<Literal> = self
            .answered_values
            .iter()
            .filter(|(p, _)| p == tag)
            .map(|(_, v)| v.clone())
            .collect();
        self.scope
            .required_unless
            .push((path.to_vec(), tag[0].clone(), answered));
    }

    /// `ticker.toUpperCase()`, `body.items.map(...)` outside any branch: a missing value
    /// throws a TypeError, answered with an error; the field is required.
    pub(super) fn unguarded_access(&mut self, m: &MemberExpr) {
        if self.lenient_try > 0 || !self.everywhere() || self.optional_members.contains(&m.span) {
            return;
        }
        let path = match unwrap_expr(&m.obj) {
            Expr::Ident(i)
                if !self.scope.untracked.contains(&*i.sym)
                    && !self.scope.defaulted.contains(&*i.sym) =>
            {
                self.scope.locals.get(&*i.sym).cloned()
            }
            Expr::Member(inner) => self.scope.member_path(&inner.obj, &inner.prop),
            _ => None,
        };
        let answered = |p: &Vec<String>| self.answered_missing.contains(p);
        if let Some(path) = path.filter(|p| !answered(p)) {
            self.require(&path);
        }
    }

    /// `await req.json()` (also `.clone().json()`, `.json().catch(...)`): the request's body
    /// read (not `await resp.json()` of a fetch).
    pub(super) fn reads_json(&self, e: &Expr) -> bool {
        let on_request = |obj: &Expr| match unwrap_expr(obj) {
            Expr::Ident(i) => *i.sym == *self.scope.request,
            Expr::Call(c) => method_call(c)
                .is_some_and(|(o, m)| m == "clone" && is_ident(o, &self.scope.request)),
            _ => false,
        };
        match unwrap_expr(e) {
            Expr::Await(a) => self.reads_json(&a.arg),
            Expr::Call(c) => method_call(c).is_some_and(|(obj, m)| {
                (m == "json" && on_request(obj)) || (m == "catch" && self.reads_json(obj))
            }),
            _ => false,
        }
    }

    /// The fields `test` compares with literals (`action === "delete"`, also within `&&` and
    /// `||`): an answer chosen that way serves one kind of request. An answer chosen by a flag
    /// (`if (body._honey) return ok`, a bot trap) leaves the other checks standing.
    fn chosen_by(&self, test: &Expr, out: &mut Vec<(Vec<String>, Literal)>) {
        let Expr::Bin(b) = unwrap_expr(test) else {
            return;
        };
        match b.op {
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr => {
                self.chosen_by(&b.left, out);
                self.chosen_by(&b.right, out);
            }
            BinaryOp::EqEqEq | BinaryOp::EqEq => {
                for (x, y) in [(&b.left, &b.right), (&b.right, &b.left)] {
                    let derived = match unwrap_expr(x) {
                        Expr::Ident(i) => self.scope.derived.get(&*i.sym).cloned(),
                        _ => None,
                    };
                    if let (Some(path), Some(lit)) = (
                        derived.or_else(|| self.scope.path_of(x)),
                        self.scope.value_literal(y),
                    ) {
                        out.push((path, lit));
                    }
                }
            }
            _ => {}
        }
    }

    /// After a top-level `if` that answers and leaves: the fields whose value chose it (later
    /// checks hold only for the other requests), and those whose absence did (later uses are
    /// guarded).
    pub(super) fn after_if(&mut self, s: &IfStmt) {
        if self.top_level() && s.alt.is_none() && exits(&s.cons) && !rejects(&s.cons) {
            let mut chosen = Vec::new();
            self.chosen_by(&s.test, &mut chosen);
            // `if (body.commitment_id) { update(commitment_id); return ok }`: another kind of
            // request, served with that field. A flag answered without its value (a bot
            // trap's `if (body.website) return ok`) is not one.
            // So is a branch on a flag that does work of its own (awaits a call, reads other
            // fields: `if (!accept) { await reject(intake_id); return ok }`), or on a flag
            // with a default (`{ accept = true }`): a mode of the function, not a trap.
            let flag = match unwrap_expr(&s.test) {
                Expr::Unary(u) if u.op == UnaryOp::Bang => &u.arg,
                other => other,
            };
            if let Some(path) = self.scope.path_of(flag) {
                let mode = self.reads_field(&*s.cons, &path)
                    || path
                        .first()
                        .and_then(|k| self.scope.fields.get(k))
                        .is_some_and(|f| f.default.is_some())
                    || self.does_work(&s.cons);
                if mode && !self.after_exit.contains(&path) {
                    self.after_exit.push(path);
                }
            }
            for (path, value) in chosen {
                if !self.after_exit.contains(&path) {
                    self.after_exit.push(path.clone());
                }
                self.answered_values.push((path, value));
            }
            // `if (!data?.x) return ...`: a missing data is answered there too.
            for path in absent_when_true(self.scope, &s.test) {
                for end in 1..=path.len() {
                    self.answered_missing.push(path[..end].to_vec());
                }
            }
        }
    }

    /// Visit a nested function: callbacks may never run (or run per item), so not on every
    /// path, and their returns answer nothing.
    pub(super) fn nested(&mut self, visit: impl FnOnce(&mut Self)) {
        self.conditional += 1;
        self.nested_fns += 1;
        visit(self);
        self.nested_fns -= 1;
        self.conditional -= 1;
    }

    /// Visit a branch, one level deeper when it runs on some paths only.
    pub(super) fn branch(&mut self, stmt: &Stmt, conditional: bool) {
        self.conditional += usize::from(conditional);
        stmt.visit_with(self);
        self.conditional -= usize::from(conditional);
    }

    /// Whether every way through `stmt` ends the request with an error: it rejects, no
    /// `return` in it answers without an error status, no `break` or `continue` leaves it for
    /// the code after it, and no `throw` in it meets a `try` that shrugs it off.
    pub(super) fn always_rejects(&self, stmt: &Stmt) -> bool {
        self.always_rejects_all(std::slice::from_ref(stmt))
    }

    /// As [`Self::always_rejects`], for statements run in turn (a `switch` case's).
    pub(super) fn always_rejects_all(&self, stmts: &[Stmt]) -> bool {
        if !stmts.iter().any(rejects) || stmts.iter().any(answers_ok) {
            return false;
        }
        let mut jumps = Jumps::default();
        stmts.visit_with(&mut jumps);
        let shrugged_off = jumps.throws && self.lenient_try > 0;
        !jumps.jumps && !shrugged_off
    }

    /// Whether running `stmt` ends the request with an error (first-level statements only),
    /// a `throw` counting only where no `try` shrugs it off.
    pub(super) fn rejects_here(&self, stmt: &Stmt) -> bool {
        match stmt {
            Stmt::Throw(_) => self.lenient_try == 0,
            Stmt::Block(b) => b.stmts.iter().any(|s| self.rejects_here(s)),
            other => rejects(other),
        }
    }

    /// Whether every request that may be accepted passes the code here: no answer without an
    /// error status came before it since the body was read, and no `catch` around it may
    /// answer ok or carry on past it (`const host = ex === "a" ? x : y` then `if (ex ===
    /// "b") ... else return 400` accepts "b" only).
    pub(super) fn passes_every_accepted(&self) -> bool {
        !self.answered_ok && self.forgiving_try == 0
    }

    /// `return x` in the function walked: an answer without an error status lets some
    /// requests through before what follows.
    pub(super) fn answers(&mut self, r: &ReturnStmt) {
        if self.nested_fns == 0 && !r.arg.as_deref().is_some_and(error_answer) {
            self.answered_ok = true;
        }
    }

    /// The first `await req.json()`: answers given before it (`OPTIONS`, a health check)
    /// took no body.
    pub(super) fn body_read(&mut self, e: &Expr) {
        if !self.body_seen && self.nested_fns == 0 && self.reads_json(e) {
            self.body_seen = true;
            self.answered_ok = false;
        }
    }

    /// A `try` whose catch answers without an error status makes throws inside it harmless.
    pub(super) fn try_stmt(&mut self, t: &TryStmt) {
        // A catch that answers without an error status (or has no statement that does).
        let lenient = t
            .handler
            .as_ref()
            .is_some_and(|h| !h.body.stmts.iter().any(rejects));
        let forgiving = t
            .handler
            .as_ref()
            .is_some_and(|h| !self.always_rejects_all(&h.body.stmts));
        self.lenient_try += usize::from(lenient);
        self.forgiving_try += usize::from(forgiving);
        t.block.visit_with(self);
        self.forgiving_try -= usize::from(forgiving);
        self.lenient_try -= usize::from(lenient);
        t.handler.visit_with(self);
        t.finalizer.visit_with(self);
    }
}

/// The `break`/`continue` and `throw` statements met outside nested functions.
#[derive(Default)]
struct Jumps {
    jumps: bool,
    throws: bool,
}

impl Visit for Jumps {
    fn visit_break_stmt(&mut self, _: &BreakStmt) {
        self.jumps = true;
    }

    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {
        self.jumps = true;
    }

    fn visit_throw_stmt(&mut self, t: &ThrowStmt) {
        self.throws = true;
        t.visit_children_with(self);
    }

    fn visit_function(&mut self, _: &Function) {}

    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
}
