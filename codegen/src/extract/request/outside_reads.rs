//! Fields read outside a dispatch's branches (`const key = keyFor(email)` before `if (action
//! === "check") ...`): every request carries them, whatever its action, so every variant
//! lists them, not only the variants whose branch reads them again.

use rustc_hash::FxHashSet;
use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::scope::Scope;
use crate::extract::handler::Handler;

/// The top-level fields the handler reads outside `scope.case_spans`.
pub(super) fn outside_reads(handler: &Handler, scope: &Scope) -> FxHashSet<String> {
    let mut v = Outside {
        scope,
        found: FxHashSet::default(),
    };
    if !scope.case_spans.is_empty() {
        handler.func.visit_children(&mut v);
    }
    v.found
}

struct Outside<'s> {
    scope: &'s Scope,
    found: FxHashSet<String>,
}

impl Outside<'_> {
    fn in_a_case(&self, span: Span) -> bool {
        self.scope
            .case_spans
            .iter()
            .any(|c| c.lo <= span.lo && span.hi <= c.hi)
    }
}

impl Visit for Outside<'_> {
    fn visit_stmt(&mut self, s: &Stmt) {
        if !self.in_a_case(s.span()) {
            s.visit_children_with(self);
        }
    }

    fn visit_expr(&mut self, e: &Expr) {
        if self.in_a_case(e.span()) {
            return;
        }
        if let Some(first) = self.scope.path_of(e).and_then(|p| p.first().cloned()) {
            self.found.insert(first);
        }
        e.visit_children_with(self);
    }
}
