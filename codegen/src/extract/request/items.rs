//! Array items: what the code reads off each element of an array field
//! (`items.map((item) => item.sku)`, `for (const frame of frames)`), and which of those reads
//! a rejection inside the callback or loop proves present on every item.

use swc_ecma_ast::*;
use swc_ecma_visit::VisitWith;

use super::evidence::Evidence;
use super::fields::ITEMS;
use crate::extract::ast_util::{method_call, unwrap_expr};

/// Array methods that call back with each item, and the item's parameter position.
const ITEM_CALLBACKS: &[(&str, usize)] = &[
    ("map", 0),
    ("forEach", 0),
    ("filter", 0),
    ("some", 0),
    ("every", 0),
    ("find", 0),
    ("findIndex", 0),
    ("findLast", 0),
    ("flatMap", 0),
    ("reduce", 1),
];

/// Array methods whose result holds (some of) the same items.
const SAME_ITEMS: &[&str] = &[
    "slice",
    "filter",
    "sort",
    "reverse",
    "toSorted",
    "toReversed",
];

impl Evidence<'_> {
    /// The array fields that `e` holds the items of: `items`, `body.items || []`,
    /// `items.slice(0, 5)`, `items.filter(...)`, and each of `body.a ?? body.b ?? []` (two
    /// names for the same list).
    pub(super) fn array_sources(&self, e: &Expr) -> Vec<Vec<String>> {
        if let Some(p) = self.scope.path_of(e) {
            return vec![p];
        }
        match unwrap_expr(e) {
            Expr::Bin(b) if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing) => {
                let mut all = self.array_sources(&b.left);
                all.extend(self.array_sources(&b.right));
                all
            }
            Expr::Call(c) => match method_call(c) {
                Some((obj, method)) if SAME_ITEMS.contains(&&*method) => self.array_sources(obj),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// `field.map((item) => ...)` and the like: visit the call's arguments with the
    /// callback's item parameter bound to the field's items. False when `c` is not such a call.
    pub(super) fn item_callback(&mut self, c: &CallExpr) -> bool {
        let Some((obj, method)) = method_call(c) else {
            return false;
        };
        let Some(&(_, position)) = ITEM_CALLBACKS.iter().find(|(m, _)| *m == method) else {
            return false;
        };
        let arrays = self.array_sources(obj);
        if arrays.is_empty() {
            return false;
        }
        let param = match c.args.first().map(|a| unwrap_expr(&a.expr)) {
            Some(Expr::Arrow(a)) => a.params.get(position),
            Some(Expr::Fn(f)) => f.function.params.get(position).map(|p| &p.pat),
            _ => None,
        };
        let Some(param) = param else {
            return false;
        };
        obj.visit_with(self);
        // The callback's body runs one level deeper (a nested function).
        let level = self.conditional + 1;
        for array in &arrays {
            self.with_item(param, array, level, |ev| c.args.visit_with(ev));
        }
        true
    }

    /// `for (const item of field)`: the loop body with `item` bound to the field's items.
    /// False when the loop does not iterate over a field.
    pub(super) fn item_loop(&mut self, f: &ForOfStmt) -> bool {
        let ForHead::VarDecl(v) = &f.left else {
            return false;
        };
        let [decl] = v.decls.as_slice() else {
            return false;
        };
        let arrays = self.array_sources(&f.right);
        if arrays.is_empty() {
            return false;
        }
        f.right.visit_with(self);
        // The body may run for no item at all: it is conditional, once per item.
        self.conditional += 1;
        let level = self.conditional;
        for array in &arrays {
            self.with_item(&decl.name, array, level, |ev| f.body.visit_with(ev));
        }
        self.conditional -= 1;
        true
    }

    /// Run `visit` with `pat` bound to the items of `array`; rejections at `level` (the
    /// callback's or loop body's top level) hold for every item.
    fn with_item(
        &mut self,
        pat: &Pat,
        array: &[String],
        level: usize,
        visit: impl FnOnce(&mut Self),
    ) {
        let mut base = array.to_vec();
        base.push(ITEMS.to_string());
        let saved_locals = self.scope.locals.clone();
        let saved_item = self.item.replace((base.clone(), level));
        self.scope.field(&base);
        self.scope.destructure(pat, &base);
        visit(self);
        // The parameter's name means something else outside the callback.
        self.scope.locals = saved_locals;
        self.item = saved_item;
    }

    /// A rejection of a missing `path` inside an item callback or loop body: when it runs at
    /// the body's top level and reads the item, the item's field (and the objects on the way
    /// to it within the item) must be present on every item.
    pub(super) fn item_field_rejected(&mut self, path: &[String]) {
        let Some((base, level)) = &self.item else {
            return;
        };
        if self.conditional != *level || path.len() <= base.len() || !path.starts_with(base) {
            return;
        }
        for end in base.len() + 1..=path.len() {
            if let Some(f) = self.scope.field(&path[..end]) {
                f.required = true;
            }
        }
    }
}
