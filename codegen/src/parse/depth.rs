//! A nesting-depth limit. Every later stage walks the AST recursively; real code nests a few
//! dozen levels, generated or hostile code can nest thousands. Past the limit the file is
//! reported instead of risking the stack.

use swc_common::Span;
use swc_ecma_ast::{Expr, Module, Pat, Stmt, TsType};
use swc_ecma_visit::{Visit, VisitWith};

/// Deepest nesting of expressions, statements, patterns and types that is processed.
pub const MAX_DEPTH: usize = 1000;

/// The first node nested deeper than [`MAX_DEPTH`], if any.
pub fn too_deep(module: &Module) -> Option<Span> {
    let mut v = Depth {
        depth: 0,
        found: None,
    };
    module.visit_with(&mut v);
    v.found
}

struct Depth {
    depth: usize,
    found: Option<Span>,
}

impl Depth {
    /// Descend into a node unless the limit is reached (then remember where and stop).
    fn enter(&mut self, span: Span, walk: impl FnOnce(&mut Self)) {
        if self.found.is_some() {
            return;
        }
        if self.depth >= MAX_DEPTH {
            self.found = Some(span);
            return;
        }
        self.depth += 1;
        walk(self);
        self.depth -= 1;
    }
}

impl Visit for Depth {
    fn visit_expr(&mut self, n: &Expr) {
        self.enter(swc_common::Spanned::span(n), |v| n.visit_children_with(v));
    }

    fn visit_stmt(&mut self, n: &Stmt) {
        self.enter(swc_common::Spanned::span(n), |v| n.visit_children_with(v));
    }

    fn visit_pat(&mut self, n: &Pat) {
        self.enter(swc_common::Spanned::span(n), |v| n.visit_children_with(v));
    }

    fn visit_ts_type(&mut self, n: &TsType) {
        self.enter(swc_common::Spanned::span(n), |v| n.visit_children_with(v));
    }
}
