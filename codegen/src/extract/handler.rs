//! Find a function's handler: `Deno.serve(...)` in its many shapes, `export default` functions,
//! and legacy `handler({ a, b }, ctx)` exports.

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

/// How the handler is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandlerStyle {
    /// `Deno.serve(...)` (directly, with options, or through a wrapper).
    Serve,
    /// `export default function (req)` (or an arrow, or `export default { fetch }`).
    DefaultExport,
    /// Legacy `export default function handler({ a, b }, { secrets, entities })`.
    Legacy,
}

/// The handler function itself (owned: it is a clone of the AST node).
#[derive(Clone, Debug)]
pub enum HandlerFn {
    /// A `function` declaration or expression, or an object method.
    Function(Box<Function>),
    /// An arrow function.
    Arrow(ArrowExpr),
}

impl HandlerFn {
    /// The handler's parameter patterns, in order.
    pub fn params(&self) -> Vec<&Pat> {
        match self {
            HandlerFn::Function(f) => f.params.iter().map(|p| &p.pat).collect(),
            HandlerFn::Arrow(a) => a.params.iter().collect(),
        }
    }

    /// The span of the whole function.
    pub fn span(&self) -> Span {
        match self {
            HandlerFn::Function(f) => f.span,
            HandlerFn::Arrow(a) => a.span,
        }
    }

    /// Walk the function (parameters and body) with a visitor.
    pub fn visit<V: Visit>(&self, v: &mut V) {
        match self {
            HandlerFn::Function(f) => f.visit_with(v),
            HandlerFn::Arrow(a) => a.visit_with(v),
        }
    }

    /// The declared return type, if any.
    pub fn return_type(&self) -> Option<&TsType> {
        match self {
            HandlerFn::Function(f) => f.return_type.as_deref().map(|t| &*t.type_ann),
            HandlerFn::Arrow(a) => a.return_type.as_deref().map(|t| &*t.type_ann),
        }
    }
}

/// A located handler.
#[derive(Clone, Debug)]
pub struct Handler {
    /// How it is registered.
    pub style: HandlerStyle,
    /// The function.
    pub func: HandlerFn,
    /// Where it is registered (the `Deno.serve` call or the `export default`).
    pub span: Span,
}

/// Why no handler was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoHandler {
    /// Where to point (a `Deno.serve` whose handler could not be resolved, or the file start).
    pub span: Span,
    /// What was missing.
    pub message: String,
}

/// Find the handler of a module.
pub fn find_handler(module: &Module) -> Result<Handler, NoHandler> {
    let mut calls = ServeCalls::default();
    module.visit_with(&mut calls);
    if let Some(call) = calls.found.into_iter().next() {
        return serve_handler(module, &call).ok_or_else(|| NoHandler {
            span: call.span,
            message: "cannot find the handler passed to `Deno.serve`".into(),
        });
    }
    if let Some(h) = default_export(module) {
        return Ok(h);
    }
    Err(NoHandler {
        span: module.span,
        message: "no handler found: expected `Deno.serve(handler)` or `export default function`"
            .into(),
    })
}

/// Every `Deno.serve(...)` call in source order (strings and templates are not calls).
#[derive(Default)]
struct ServeCalls {
    found: Vec<CallExpr>,
}

impl Visit for ServeCalls {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        if is_deno_serve(call) {
            self.found.push(call.clone());
        } else {
            call.visit_children_with(self);
        }
    }
}

fn is_deno_serve(call: &CallExpr) -> bool {
    let Callee::Expr(callee) = &call.callee else {
        return false;
    };
    let Expr::Member(m) = unwrap_expr(callee) else {
        return false;
    };
    matches!(unwrap_expr(&m.obj), Expr::Ident(i) if &*i.sym == "Deno")
        && matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "serve")
}

/// Strip parentheses and TS-only wrappers (`as`, `satisfies`, `!`).
pub fn unwrap_expr(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => unwrap_expr(&p.expr),
        Expr::TsAs(a) => unwrap_expr(&a.expr),
        Expr::TsSatisfies(s) => unwrap_expr(&s.expr),
        Expr::TsNonNull(n) => unwrap_expr(&n.expr),
        Expr::TsTypeAssertion(a) => unwrap_expr(&a.expr),
        Expr::TsConstAssertion(a) => unwrap_expr(&a.expr),
        other => other,
    }
}

fn serve_handler(module: &Module, call: &CallExpr) -> Option<Handler> {
    // Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ handler, ...options })
    let func = call
        .args
        .iter()
        .rev()
        .filter(|a| a.spread.is_none())
        .find_map(|a| resolve_handler(module, &a.expr, 0))?;
    Some(Handler {
        style: HandlerStyle::Serve,
        func,
        span: call.span,
    })
}

/// Wrappers and name lookups nest; real code stays shallow, cycles must not loop.
const MAX_RESOLVE_DEPTH: usize = 16;

/// Resolve an expression to a handler function: a function literal, a name bound to one, a
/// wrapper call holding one, or an options object with a `handler` (or `fetch`) member.
fn resolve_handler(module: &Module, expr: &Expr, depth: usize) -> Option<HandlerFn> {
    if depth > MAX_RESOLVE_DEPTH {
        return None;
    }
    match unwrap_expr(expr) {
        Expr::Arrow(a) => Some(HandlerFn::Arrow(a.clone())),
        Expr::Fn(f) => Some(HandlerFn::Function(f.function.clone())),
        Expr::Ident(i) => resolve_name(module, &i.sym, depth + 1),
        Expr::Call(c) if !is_deno_serve(c) => c
            .args
            .iter()
            .rev()
            .filter(|a| a.spread.is_none())
            .find_map(|a| resolve_handler(module, &a.expr, depth + 1)),
        Expr::Object(o) => handler_member(module, o, depth + 1),
        _ => None,
    }
}

fn handler_member(module: &Module, obj: &ObjectLit, depth: usize) -> Option<HandlerFn> {
    for key in ["handler", "fetch"] {
        for prop in &obj.props {
            let PropOrSpread::Prop(prop) = prop else {
                continue;
            };
            match &**prop {
                Prop::Shorthand(i) if &*i.sym == key => {
                    return resolve_name(module, &i.sym, depth);
                }
                Prop::KeyValue(kv) if prop_name_is(&kv.key, key) => {
                    return resolve_handler(module, &kv.value, depth);
                }
                Prop::Method(m) if prop_name_is(&m.key, key) => {
                    return Some(HandlerFn::Function(m.function.clone()));
                }
                _ => {}
            }
        }
    }
    None
}

fn prop_name_is(name: &PropName, want: &str) -> bool {
    match name {
        PropName::Ident(i) => &*i.sym == want,
        PropName::Str(s) => s.value.as_str() == Some(want),
        _ => false,
    }
}

/// A top-level function or variable named `name`, resolved to a handler.
fn resolve_name(module: &Module, name: &str, depth: usize) -> Option<HandlerFn> {
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Fn(f),
                ..
            })) if f.ident.as_ref().is_some_and(|i| &*i.sym == name) => {
                return Some(HandlerFn::Function(f.function.clone()));
            }
            _ => continue,
        };
        match decl {
            Decl::Fn(f) if &*f.ident.sym == name => {
                return Some(HandlerFn::Function(f.function.clone()));
            }
            Decl::Var(v) => {
                for d in &v.decls {
                    if matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name) {
                        return d
                            .init
                            .as_deref()
                            .and_then(|init| resolve_handler(module, init, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn default_export(module: &Module) -> Option<Handler> {
    for item in &module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        let (func, span) = match decl {
            ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Fn(f),
                span,
                ..
            }) => (HandlerFn::Function(f.function.clone()), *span),
            ModuleDecl::ExportDefaultExpr(e) => (resolve_handler(module, &e.expr, 0)?, e.span),
            _ => continue,
        };
        let style = if is_legacy(&func) {
            HandlerStyle::Legacy
        } else {
            HandlerStyle::DefaultExport
        };
        return Some(Handler { style, func, span });
    }
    None
}

/// Legacy handlers take the parameters object first: destructured, or followed by a context.
fn is_legacy(func: &HandlerFn) -> bool {
    let params = func.params();
    match params.first() {
        Some(Pat::Object(_)) => true,
        Some(Pat::Assign(a)) => matches!(&*a.left, Pat::Object(_)),
        Some(Pat::Ident(b)) => {
            let typed_request = b.type_ann.as_ref().is_some_and(|t| {
                matches!(&*t.type_ann, TsType::TsTypeRef(r) if matches!(&r.type_name, TsEntityName::Ident(i) if &*i.sym == "Request"))
            });
            !typed_request && params.len() >= 2 && !uses_request_api(func, &b.id.sym)
        }
        _ => false,
    }
}

/// Whether `name` is used like a `Request` (`.json()`, `.url`, `.method`, ...).
fn uses_request_api(func: &HandlerFn, name: &str) -> bool {
    struct Uses<'a> {
        name: &'a str,
        found: bool,
    }
    impl Visit for Uses<'_> {
        fn visit_member_expr(&mut self, m: &MemberExpr) {
            if matches!(unwrap_expr(&m.obj), Expr::Ident(i) if &*i.sym == self.name)
                && matches!(&m.prop, MemberProp::Ident(p) if matches!(&*p.sym,
                    "json" | "formData" | "text" | "url" | "method" | "headers" | "clone" | "body" | "arrayBuffer"))
            {
                self.found = true;
            }
            m.visit_children_with(self);
        }
    }
    let mut v = Uses { name, found: false };
    func.visit(&mut v);
    v.found
}

impl Spanned for Handler {
    fn span(&self) -> Span {
        self.span
    }
}
