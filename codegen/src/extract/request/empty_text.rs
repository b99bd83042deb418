//! Values that are the empty string when a field is missing (`String(x || "")`,
//! `(x ?? "").trim().toUpperCase()`, `safeString(x, 2)` of a helper answering so): a check
//! that `""` fails (`!/^[A-Z]{2}$/.test(code)`) rejects a missing field, though
//! `"undefined"` might pass it.

use swc_ecma_ast::*;

use super::returns::{helper_answers, param_traced, ModuleFn};
use super::scope::Scope;
use crate::extract::ast_util::{called_name, is_ident, method_call, unwrap_expr};
use rustc_hash::FxHashMap;

/// What a local is when a field is missing: the empty string or zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// `""` (`String(x || "").trim()`).
    Text,
    /// `0` (`Number(x || 0)`).
    Zero,
}

/// Locals that are blank when a field is missing: name → (field, what they are then).
pub type BlankLocals = FxHashMap<String, (Vec<String>, Blank)>;

impl Scope {
    /// The field whose absence makes `e` the empty string.
    pub fn empty_when_missing(&self, e: &Expr) -> Option<Vec<String>> {
        // What stays `""` when given `""` or undefined: undefined itself, or `""`.
        let given = |a: &Expr| {
            self.undefined_when_missing(a)
                .or_else(|| self.empty_when_missing(a))
        };
        match unwrap_expr(e) {
            Expr::Ident(i) if !self.untracked.contains(&*i.sym) => {
                match self.empty_locals.get(&*i.sym) {
                    Some((path, Blank::Text)) => Some(path.clone()),
                    _ => None,
                }
            }
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Str(s)) if s.value.is_empty()) =>
            {
                given(&b.left)
            }
            Expr::Call(c) => {
                let only = match c.args.as_slice() {
                    [a] if a.spread.is_none() => Some(&*a.expr),
                    _ => None,
                };
                if let (Callee::Expr(f), Some(a)) = (&c.callee, only) {
                    if is_ident(f, "String") {
                        return self.empty_when_missing(a);
                    }
                }
                if let Some(&i) = called_name(c).and_then(|n| self.facts.empty_returns.get(n)) {
                    let arg = c.args.get(i).filter(|a| a.spread.is_none())?;
                    return given(&arg.expr);
                }
                // `"".trim()`, `"".slice(0, 2)`: still empty.
                let (obj, m) = method_call(c)?;
                let keeps_empty = matches!(
                    &*m,
                    "trim"
                        | "toString"
                        | "trimStart"
                        | "trimEnd"
                        | "toUpperCase"
                        | "toLowerCase"
                        | "toLocaleUpperCase"
                        | "toLocaleLowerCase"
                        | "slice"
                        | "substring"
                        | "substr"
                        | "normalize"
                );
                keeps_empty.then(|| self.empty_when_missing(obj))?
            }
            _ => None,
        }
    }

    /// `TABLE[k]?.has(x)` (or `.includes`) of a table of literal sets none of which holds
    /// `""`: false (or a throw) when x is missing, as undefined or `""`. The field.
    pub(super) fn set_table_test(&self, e: &Expr) -> Option<Vec<String>> {
        let call = match unwrap_expr(e) {
            Expr::Call(c) => (&c.callee, &c.args),
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Call(c) => {
                    return self.set_table_call(&c.callee, &c.args);
                }
                OptChainBase::Member(_) => return None,
            },
            _ => return None,
        };
        match call {
            (Callee::Expr(f), args) => self.set_table_call(f, args),
            _ => None,
        }
    }

    fn set_table_call(&self, callee: &Expr, args: &[ExprOrSpread]) -> Option<Vec<String>> {
        let member = match unwrap_expr(callee) {
            Expr::Member(m) => m,
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Member(m) => m,
                OptChainBase::Call(_) => return None,
            },
            _ => return None,
        };
        let method = crate::extract::ast_util::member_name(&member.prop)?;
        if method != "has" && method != "includes" {
            return None;
        }
        let Expr::Member(entry) = unwrap_expr(&member.obj) else {
            return None;
        };
        let known = matches!((unwrap_expr(&entry.obj), &entry.prop),
            (Expr::Ident(t), MemberProp::Computed(_)) if self.facts.set_tables.contains(&*t.sym));
        let [arg] = args else {
            return None;
        };
        if !known || arg.spread.is_some() {
            return None;
        }
        self.undefined_when_missing(&arg.expr)
            .or_else(|| self.empty_when_missing(&arg.expr))
    }

    /// `const code = String(body.code || "").toUpperCase()`: `code` is `""` without the
    /// field (`Number(body.n || 0)`: `0`); any other binding of the name is neither.
    pub(super) fn note_empty(&mut self, name: &Pat, init: &Expr) {
        let Pat::Ident(b) = name else {
            return;
        };
        let name = b.id.sym.as_str().to_owned();
        let blank = match self.empty_when_missing(init) {
            Some(path) => Some((path, Blank::Text)),
            None => self.zero_when_missing(init).map(|p| (p, Blank::Zero)),
        };
        match blank {
            Some(blank) => self.empty_locals.insert(name, blank),
            None => self.empty_locals.remove(&name),
        };
    }
}

/// Helpers answering with one expression that is `""` when a parameter is missing
/// (`String(v || "").trim().slice(0, max)`): name → that parameter.
pub(super) fn empty_returns(
    functions: &[ModuleFn<'_>],
    known: &FxHashMap<String, usize>,
) -> FxHashMap<String, usize> {
    helper_answers(functions, known, |f, out| {
        let returned = f.body.single_return()?;
        param_traced(
            f,
            |scope| scope.facts.empty_returns = out.clone(),
            |scope| scope.empty_when_missing(returned),
        )
    })
}
