//! A function's own statements, without descending into nested functions: its `return`
//! expressions and its variable declarations.

use swc_ecma_ast::*;

/// Returns and declarations of one function body.
#[derive(Default)]
pub struct Body<'h> {
    /// Every `return <expr>` of the function itself (nested callbacks excluded).
    pub returns: Vec<&'h Expr>,
    /// Every variable declaration, in source order.
    pub decls: Vec<&'h VarDeclarator>,
    /// Names given another value somewhere (`x = ...`, `x += ...`, nested callbacks too):
    /// their declaration's value is not the only one they hold.
    pub reassigned: Vec<String>,
}

impl<'h> Body<'h> {
    /// Walk a block-bodied function.
    pub fn of_stmts(stmts: &'h [Stmt]) -> Self {
        let mut b = Body::default();
        for s in stmts {
            b.stmt(s);
        }
        let mut assigned = Assigned(Vec::new());
        for s in stmts {
            swc_ecma_visit::VisitWith::visit_with(s, &mut assigned);
        }
        b.reassigned = assigned.0;
        b
    }

    /// Whether `name` is given another value after its declaration.
    pub fn is_reassigned(&self, name: &str) -> bool {
        self.reassigned.iter().any(|n| n == name)
    }

    /// The declaration of `name`, if any (the first one).
    pub fn decl(&self, name: &str) -> Option<&'h VarDeclarator> {
        self.decls
            .iter()
            .copied()
            .find(|d| matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name))
    }

    fn stmt(&mut self, s: &'h Stmt) {
        match s {
            Stmt::Return(r) => {
                if let Some(a) = &r.arg {
                    self.returns.push(a);
                }
            }
            Stmt::Block(b) => b.stmts.iter().for_each(|s| self.stmt(s)),
            Stmt::If(i) => {
                self.stmt(&i.cons);
                if let Some(a) = &i.alt {
                    self.stmt(a);
                }
            }
            Stmt::Try(t) => {
                t.block.stmts.iter().for_each(|s| self.stmt(s));
                if let Some(h) = &t.handler {
                    h.body.stmts.iter().for_each(|s| self.stmt(s));
                }
                if let Some(f) = &t.finalizer {
                    f.stmts.iter().for_each(|s| self.stmt(s));
                }
            }
            Stmt::Switch(sw) => sw
                .cases
                .iter()
                .flat_map(|c| &c.cons)
                .for_each(|s| self.stmt(s)),
            Stmt::Labeled(l) => self.stmt(&l.body),
            Stmt::For(f) => {
                if let Some(VarDeclOrExpr::VarDecl(v)) = &f.init {
                    self.decls.extend(v.decls.iter());
                }
                self.stmt(&f.body);
            }
            Stmt::ForOf(f) => self.stmt(&f.body),
            Stmt::ForIn(f) => self.stmt(&f.body),
            Stmt::While(w) => self.stmt(&w.body),
            Stmt::DoWhile(d) => self.stmt(&d.body),
            Stmt::Decl(Decl::Var(v)) => self.decls.extend(v.decls.iter()),
            _ => {}
        }
    }
}

/// Names assigned with `=` or `+=`.
struct Assigned(Vec<String>);

impl swc_ecma_visit::Visit for Assigned {
    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if matches!(a.op, AssignOp::Assign | AssignOp::AddAssign) {
            if let AssignTarget::Simple(SimpleAssignTarget::Ident(i)) = &a.left {
                self.0.push(i.id.sym.as_str().to_owned());
            }
        }
        swc_ecma_visit::VisitWith::visit_children_with(a, self);
    }
}
