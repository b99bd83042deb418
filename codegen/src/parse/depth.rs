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
        // Leaves (most nodes: every literal and name of a data table) hold nothing to walk
        // into; only the limit is checked, as entering them would.
        if matches!(n, Expr::Lit(_) | Expr::Ident(_) | Expr::This(_)) {
            if self.found.is_none() && self.depth >= MAX_DEPTH {
                self.found = Some(swc_common::Spanned::span(n));
            }
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use swc_common::BytePos;
    use swc_ecma_parser::{Parser, StringInput, Syntax, TsSyntax};

    /// The walk without the shortcut for leaves: every node entered.
    struct Reference(Depth);

    impl Visit for Reference {
        fn visit_expr(&mut self, n: &Expr) {
            let span = swc_common::Spanned::span(n);
            if self.0.found.is_some() {
                return;
            }
            if self.0.depth >= MAX_DEPTH {
                self.0.found = Some(span);
                return;
            }
            self.0.depth += 1;
            n.visit_children_with(self);
            self.0.depth -= 1;
        }
        fn visit_stmt(&mut self, n: &Stmt) {
            let d = &mut self.0;
            if d.found.is_some() {
                return;
            }
            if d.depth >= MAX_DEPTH {
                d.found = Some(swc_common::Spanned::span(n));
                return;
            }
            d.depth += 1;
            n.visit_children_with(self);
            self.0.depth -= 1;
        }
    }

    fn parse(text: &str) -> Module {
        let end = BytePos(1 + text.len() as u32);
        let input = StringInput::new(text, BytePos(1), end);
        let mut parser = Parser::new(Syntax::Typescript(TsSyntax::default()), input, None);
        parser.parse_module().expect("parses")
    }

    #[test]
    fn leaves_at_the_limit_are_found_where_the_full_walk_finds_them() {
        // Parsing and walking a thousand levels needs more than a test thread's stack.
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(compare_around_the_limit)
            .expect("thread")
            .join()
            .expect("no panic");
    }

    fn compare_around_the_limit() {
        for n in [
            MAX_DEPTH - 3,
            MAX_DEPTH - 2,
            MAX_DEPTH - 1,
            MAX_DEPTH,
            MAX_DEPTH + 1,
        ] {
            let cases = [
                format!("x{};", ".a".repeat(n)),
                format!("f{};", "()".repeat(n)),
                format!("const t = {}1{};", "[".repeat(n), "]".repeat(n)),
                format!("const t = {}this{};", "(".repeat(n), ")".repeat(n)),
                format!("y = 1{};", " + 1".repeat(n)),
            ];
            for text in &cases {
                let module = parse(text);
                let mut reference = Reference(Depth {
                    depth: 0,
                    found: None,
                });
                module.visit_with(&mut reference);
                assert_eq!(too_deep(&module), reference.0.found, "{n}: {}", &text[..20]);
                if n > MAX_DEPTH {
                    assert!(reference.0.found.is_some(), "{n}: {}", &text[..20]);
                }
            }
        }
    }
}
