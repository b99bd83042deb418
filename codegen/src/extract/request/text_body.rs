//! Request text kept in a local and parsed by a helper (`const raw = await req.text(); ...
//! const body = parseBody(raw)` where `parseBody` answers `JSON.parse(raw)`): a JSON body.
//! Text the handler uses as it is (handed to a signature check, sent on, parsed inline the
//! way webhooks do beside their signature headers) stays raw text input.

use rustc_hash::{FxHashMap, FxHashSet};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::returns::{FnBody, ModuleFn};
use super::scope::{falsy_literal, is_empty_literal};
use crate::extract::ast_util::{called_name, is_ident, member_name, method_call, unwrap_expr};

/// What parses the request's text as JSON: helpers answering `JSON.parse(param)` (name →
/// that parameter), and the locals holding the text that only such helpers and length or
/// emptiness checks use.
#[derive(Default)]
pub struct TextParsing {
    /// Helpers parsing a parameter as JSON: name → the parameter.
    pub parsers: FxHashMap<String, usize>,
    /// Locals holding the request's text, used only to be measured and parsed.
    pub parsed_locals: FxHashSet<String>,
}

impl TextParsing {
    /// Read `functions` for JSON parsers and `handler` for the text locals handed to them.
    pub fn read(
        functions: &[ModuleFn<'_>],
        handler: &crate::extract::handler::HandlerFn,
        req: &str,
    ) -> TextParsing {
        let parsers: FxHashMap<String, usize> = functions
            .iter()
            .filter_map(|f| {
                let i = f
                    .params
                    .iter()
                    .position(|p| p.as_ref().is_some_and(|p| parses_param(&f.body, p)))?;
                Some((f.name.clone(), i))
            })
            .collect();
        if parsers.is_empty() {
            return TextParsing::default();
        }
        let mut uses = TextUses {
            req,
            parsers: &parsers,
            texts: FxHashSet::default(),
            parsed: FxHashSet::default(),
            raw: FxHashSet::default(),
        };
        handler.visit_children(&mut uses);
        let parsed_locals = uses
            .parsed
            .into_iter()
            .filter(|n| uses.texts.contains(n) && !uses.raw.contains(n))
            .collect();
        TextParsing {
            parsers,
            parsed_locals,
        }
    }

    /// `parseBody(raw)` of a parser on a text local only parsed, or `parseBody(await
    /// req.text())`.
    pub fn parses(&self, c: &CallExpr, on_text: impl Fn(&Expr) -> bool) -> bool {
        let Some(&i) = called_name(c).and_then(|n| self.parsers.get(n)) else {
            return false;
        };
        c.args
            .get(i)
            .filter(|a| a.spread.is_none())
            .is_some_and(|a| match unwrap_expr(&a.expr) {
                Expr::Ident(id) => self.parsed_locals.contains(&*id.sym),
                other => on_text(other),
            })
    }
}

/// Whether every value `body` answers is `JSON.parse(param)` (or a falsy or empty fallback
/// for text that is empty or not JSON), and one of them is.
fn parses_param(body: &FnBody<'_>, param: &str) -> bool {
    let mut returns = Vec::new();
    match body {
        FnBody::Expr(e) => returns.push(Some(*e)),
        FnBody::Block(b) => Returns(&mut returns).stmts(&b.stmts),
    }
    let is_parse = |e: &Expr| {
        let Expr::Call(c) = unwrap_expr(e) else {
            return false;
        };
        method_call(c).is_some_and(|(o, m)| m == "parse" && is_ident(o, "JSON"))
            && c.args.first().is_some_and(|a| is_ident(&a.expr, param))
    };
    let mut parses = false;
    for r in returns {
        match r {
            Some(e) if is_parse(e) => parses = true,
            Some(e) if falsy_literal(e) || is_empty_literal(e) => {}
            None => {}
            Some(_) => return false,
        }
    }
    parses
}

/// The `return` values of a function body, not of functions inside it.
struct Returns<'a, 'b>(&'a mut Vec<Option<&'b Expr>>);

impl<'b> Returns<'_, 'b> {
    fn stmts(&mut self, stmts: &'b [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'b Stmt) {
        match s {
            Stmt::Return(r) => self.0.push(r.arg.as_deref()),
            Stmt::Block(b) => self.stmts(&b.stmts),
            Stmt::If(i) => {
                self.stmt(&i.cons);
                if let Some(alt) = &i.alt {
                    self.stmt(alt);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.block.stmts);
                if let Some(h) = &t.handler {
                    self.stmts(&h.body.stmts);
                }
                if let Some(f) = &t.finalizer {
                    self.stmts(&f.stmts);
                }
            }
            Stmt::Labeled(l) => self.stmt(&l.body),
            Stmt::Switch(sw) => sw.cases.iter().for_each(|c| self.stmts(&c.cons)),
            Stmt::For(f) => self.stmt(&f.body),
            Stmt::ForIn(f) => self.stmt(&f.body),
            Stmt::ForOf(f) => self.stmt(&f.body),
            Stmt::While(w) => self.stmt(&w.body),
            Stmt::DoWhile(w) => self.stmt(&w.body),
            _ => {}
        }
    }
}

/// The handler's text locals and how it uses them.
struct TextUses<'a> {
    req: &'a str,
    parsers: &'a FxHashMap<String, usize>,
    /// `const raw = await req.text()`.
    texts: FxHashSet<String>,
    /// Handed to a parser.
    parsed: FxHashSet<String>,
    /// Used any other way than measured (`raw.length`, `!raw`) or parsed.
    raw: FxHashSet<String>,
}

impl TextUses<'_> {
    fn is_text_read(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Await(a) => self.is_text_read(&a.arg),
            Expr::Call(c) => {
                c.args.is_empty()
                    && method_call(c).is_some_and(|(o, m)| m == "text" && is_ident(o, self.req))
            }
            _ => false,
        }
    }

    fn text_local(&self, e: &Expr) -> Option<String> {
        match unwrap_expr(e) {
            Expr::Ident(i) if self.texts.contains(&*i.sym) => Some(i.sym.as_str().to_owned()),
            _ => None,
        }
    }
}

impl Visit for TextUses<'_> {
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let (Pat::Ident(b), Some(init)) = (&d.name, &d.init) {
            if self.is_text_read(init) {
                self.texts.insert(b.id.sym.as_str().to_owned());
            }
        }
        d.visit_children_with(self);
    }

    fn visit_expr(&mut self, e: &Expr) {
        match e {
            // `raw.length`: measured.
            Expr::Member(m)
                if self.text_local(&m.obj).is_some()
                    && member_name(&m.prop).as_deref() == Some("length") => {}
            // `!raw`: tested for emptiness.
            Expr::Unary(u) if u.op == UnaryOp::Bang && self.text_local(&u.arg).is_some() => {}
            Expr::Call(c) => {
                let parsed = called_name(c)
                    .and_then(|n| self.parsers.get(n))
                    .and_then(|&i| c.args.get(i))
                    .filter(|a| a.spread.is_none())
                    .and_then(|a| self.text_local(&a.expr));
                match parsed {
                    Some(name) => {
                        self.parsed.insert(name.clone());
                        for a in &c.args {
                            if self.text_local(&a.expr).as_deref() != Some(name.as_str()) {
                                a.visit_with(self);
                            }
                        }
                        c.callee.visit_with(self);
                    }
                    None => c.visit_children_with(self),
                }
            }
            Expr::Ident(i) if self.texts.contains(&*i.sym) => {
                self.raw.insert(i.sym.as_str().to_owned());
            }
            _ => e.visit_children_with(self),
        }
    }
}
