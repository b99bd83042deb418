//! Required fields checked through a list of names:
//! `const missing = ["title", "price"].filter((k) => !body[k]); if (missing.length) reject`,
//! or a list of problems filled as the checks go:
//! `const errors = []; if (!body.name) errors.push("name is required"); if (errors.length) reject`.
//! Every listed field is rejected when missing, on every path the check runs.

use swc_ecma_ast::*;

use super::absence::{absence_tests, absent_when_true};
use super::evidence::Evidence;
use super::scope::Scope;
use crate::extract::ast_util::{method_call, unwrap_expr};
use crate::model::Literal;

impl Evidence<'_> {
    /// `LIST.filter((k) => !obj[k] ...)` over a literal list of names (inline or a `const`):
    /// the paths of `obj[name]` for every listed name whose absence the callback keeps.
    pub(super) fn missing_list(&self, init: &Expr) -> Option<Vec<Vec<String>>> {
        let Expr::Call(c) = unwrap_expr(init) else {
            return None;
        };
        let (list, method) = method_call(c)?;
        if method != "filter" {
            return None;
        }
        let names: Vec<String> = match unwrap_expr(list) {
            Expr::Ident(i) => self.scope.facts.lists.get(&*i.sym).cloned()?,
            other => super::module_facts::literal_list(other)?,
        }
        .into_iter()
        .map(|l| match l {
            Literal::String(s) => Some(s),
            _ => None,
        })
        .collect::<Option<_>>()?;
        let (param, test) = match c.args.first().map(|a| unwrap_expr(&a.expr))? {
            Expr::Arrow(a) => {
                let Some(Pat::Ident(p)) = a.params.first() else {
                    return None;
                };
                let test: &Expr = match &*a.body {
                    ArrowFunctionBody::Expr(e) => e,
                    ArrowFunctionBody::FunctionBody(b) => match b.stmts.as_slice() {
                        [Stmt::Return(ReturnStmt { arg: Some(e), .. })] => e,
                        _ => return None,
                    },
                };
                (p.id.sym.as_str().to_owned(), test)
            }
            _ => return None,
        };
        let mut tested = Vec::new();
        absence_tests(test, &mut tested);
        // The object whose `[k]` member the callback tests for absence.
        let base = tested.iter().find_map(|e| match unwrap_expr(e) {
            Expr::Member(m) => match &m.prop {
                MemberProp::Computed(k) if matches!(unwrap_expr(&k.expr), Expr::Ident(i) if *i.sym == *param) => {
                    if self.scope.is_body(&m.obj) {
                        Some(Vec::new())
                    } else {
                        self.scope.path_of(&m.obj)
                    }
                }
                _ => None,
            },
            _ => None,
        })?;
        Some(
            names
                .into_iter()
                .map(|n| {
                    let mut p = base.clone();
                    p.push(n);
                    p
                })
                .collect(),
        )
    }

    /// `if (!body.name) errors.push(...)` at the top level, `errors` declared as an empty
    /// list: `name` joins the fields that list stands for (and is read). Whatever else is
    /// pushed, a rejection on the list's length then rejects a missing `name`.
    pub(super) fn pushed_when_missing(&mut self, s: &IfStmt) {
        if s.alt.is_some() || !self.top_level() {
            return;
        }
        let stmts = match &*s.cons {
            Stmt::Block(b) => b.stmts.as_slice(),
            other => std::slice::from_ref(other),
        };
        let lists: Vec<String> = stmts
            .iter()
            .filter_map(|st| {
                let Stmt::Expr(e) = st else { return None };
                let Expr::Call(c) = unwrap_expr(&e.expr) else {
                    return None;
                };
                let (list, method) = method_call(c)?;
                match unwrap_expr(list) {
                    Expr::Ident(i)
                        if method == "push" && self.scope.missing.contains_key(&*i.sym) =>
                    {
                        Some(i.sym.as_str().to_owned())
                    }
                    _ => None,
                }
            })
            .collect();
        if lists.is_empty() {
            return;
        }
        let paths = absent_when_true(self.scope, &s.test);
        for p in &paths {
            self.scope.field(p);
        }
        for list in lists {
            if let Some(known) = self.scope.missing.get_mut(&list) {
                known.extend(paths.iter().cloned());
            }
        }
    }

    /// In a rejecting `if`: `missing.length`, `missing.length > 0`, `missing.length !== 0`
    /// (or `>= 1`) on a list from [`Self::missing_list`]: all its fields are required.
    pub(super) fn missing_list_rejected(&mut self, test: &Expr) {
        if !self.top_level() {
            return;
        }
        let length_of = |e: &Expr| match unwrap_expr(e) {
            Expr::Member(m) if matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "length") => {
                match unwrap_expr(&m.obj) {
                    Expr::Ident(i) => Some(i.sym.as_str().to_owned()),
                    _ => None,
                }
            }
            _ => None,
        };
        let name = match unwrap_expr(test) {
            Expr::Bin(b) => {
                let zero =
                    matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Num(n)) if n.value == 0.0);
                let one = matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Num(n)) if n.value == 1.0);
                match b.op {
                    BinaryOp::Gt | BinaryOp::NotEqEq | BinaryOp::NotEq if zero => {
                        length_of(&b.left)
                    }
                    BinaryOp::GtEq if one => length_of(&b.left),
                    _ => None,
                }
            }
            other => length_of(other),
        };
        let Some(name) = name else { return };
        let Some(paths) = self.scope.missing.get(&name).cloned() else {
            // A list a helper returned (`const errors = validate(body)`): what it records is
            // known once the helper is followed.
            if let Some(func) = self.scope.call_results.get(&name).cloned() {
                self.scope.rejected_lists_of.push(func);
            }
            return;
        };
        for p in paths {
            self.require(&p);
        }
    }
}

/// The list of problems a helper's `body` returns (`return errors;` as its last statement,
/// and no other `return` in it, so every call reaches the checks before it), as the fields
/// whose absence it records.
pub(super) fn returned_missing(scope: &Scope, body: &[Stmt]) -> Vec<Vec<String>> {
    let mut returns = Returns(0);
    for s in body {
        swc_ecma_visit::VisitWith::visit_with(s, &mut returns);
    }
    let last = match body.last() {
        Some(Stmt::Return(ReturnStmt { arg: Some(e), .. })) if returns.0 == 1 => e,
        _ => return Vec::new(),
    };
    match unwrap_expr(last) {
        Expr::Ident(i) => scope.missing.get(&*i.sym).cloned().unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Counts `return`s, not those of nested functions.
struct Returns(usize);

impl swc_ecma_visit::Visit for Returns {
    fn visit_return_stmt(&mut self, _: &ReturnStmt) {
        self.0 += 1;
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
}
