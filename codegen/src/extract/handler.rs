//! Find a function's handler: `Deno.serve(...)` in its many shapes, `export default` functions,
//! and legacy `handler({ a, b }, ctx)` exports.

use swc_common::util::take::Take;
use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitMut, VisitMutWith, VisitWith};

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

/// The handler function itself, moved out of the module.
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

    /// Walk the function's parameters and body, not the function node itself (so visitors
    /// that treat nested functions specially see the handler's body as top level).
    pub fn visit_children<V: Visit>(&self, v: &mut V) {
        match self {
            HandlerFn::Function(f) => f.visit_children_with(v),
            HandlerFn::Arrow(a) => a.visit_children_with(v),
        }
    }

    /// The statements of the function's body (none for an expression-bodied arrow).
    pub fn body_stmts(&self) -> &[Stmt] {
        match self {
            HandlerFn::Function(f) => f.body.as_ref().map_or(&[], |b| b.stmts.as_slice()),
            HandlerFn::Arrow(a) => match &*a.body {
                ArrowFunctionBody::FunctionBody(b) => b.stmts.as_slice(),
                ArrowFunctionBody::Expr(_) => &[],
            },
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
    /// Names of the module's own functions the handler is passed through on its way to
    /// `Deno.serve` (`withAuth(handler)`), outermost first: their early answers (a 401 for a
    /// request without a user) are answers of this function too.
    pub wrappers: Vec<String>,
}

/// Why no handler was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoHandler {
    /// Where to point (a `Deno.serve` whose handler could not be resolved, or the file start).
    pub span: Span,
    /// What was missing.
    pub message: String,
}

/// Whether a module has a handler, without taking it out (cheap; used to tell shared modules
/// of the flat legacy layout from functions).
pub fn has_handler(module: &Module) -> bool {
    let mut calls = ServeCalls::default();
    module.visit_with(&mut calls);
    !calls.found.is_empty()
        || module.body.iter().any(|item| {
            matches!(
                item,
                ModuleItem::ModuleDecl(
                    ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                        decl: DefaultDecl::Fn(_),
                        ..
                    }) | ModuleDecl::ExportDefaultExpr(_)
                )
            )
        })
}

/// Find the handler of a module and move it out (the module keeps everything else: helpers,
/// types, wrappers). Moving instead of cloning keeps this O(1) in the handler's size, which
/// matters: a clone cost half as much as parsing the file.
pub fn find_handler(module: &mut Module) -> Result<Handler, NoHandler> {
    let mut calls = ServeCalls::default();
    module.visit_with(&mut calls);
    if let Some(span) = calls.found.first().copied() {
        let mut take = TakeCall { span, taken: None };
        module.visit_mut_with(&mut take);
        let found = take.taken.and_then(|call| serve_handler(module, call));
        return found.ok_or_else(|| NoHandler {
            span,
            message: "cannot find the handler passed to `Deno.serve`".into(),
        });
    }
    default_export(module).ok_or_else(|| no_handler(module))
}

/// [`find_handler`], reading the source text first to skip the walks over the whole module
/// where the text settles the question: every `Deno.serve` call spells the word `serve`, so a
/// file without that word has none, and a file with it once has at most one (the one at the
/// top level, if that is where it is). Identifier escapes (`\u0073erve`) could hide the word,
/// so a file with `\u` anywhere takes the full walk.
pub fn find_handler_in(module: &mut Module, text: &str) -> Result<Handler, NoHandler> {
    if memchr::memmem::find(text.as_bytes(), b"\\u").is_none() {
        match serve_words(text) {
            0 => return default_export(module).ok_or_else(|| no_handler(module)),
            1 => {
                if let Some(call) = take_top_level_serve(module) {
                    let span = call.span;
                    return serve_handler(module, call).ok_or(NoHandler {
                        span,
                        message: "cannot find the handler passed to `Deno.serve`".into(),
                    });
                }
            }
            _ => {}
        }
    }
    find_handler(module)
}

/// How many times `serve` stands as a word (not inside `server` or `observe`) in `text`.
/// Only ASCII identifier bytes join a word: anything else counts as a boundary, so the count
/// is never below the number of `Deno.serve` calls.
fn serve_words(text: &str) -> usize {
    let b = text.as_bytes();
    let joins = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    memchr::memmem::find_iter(b, b"serve")
        .filter(|i| {
            let before = i.checked_sub(1).and_then(|j| b.get(j)).copied();
            let after = b.get(i + 5).copied();
            !before.is_some_and(joins) && !after.is_some_and(joins)
        })
        .count()
}

/// Moves out a top-level `Deno.serve(...);` statement's call, if the module has one.
fn take_top_level_serve(module: &mut Module) -> Option<CallExpr> {
    let expr = module.body.iter_mut().find_map(|item| match item {
        ModuleItem::Stmt(Stmt::Expr(s)) if matches!(&*s.expr, Expr::Call(c) if is_deno_serve(c)) => {
            Some(&mut s.expr)
        }
        _ => None,
    })?;
    match *expr.take() {
        Expr::Call(call) => Some(call),
        _ => None,
    }
}

fn no_handler(module: &Module) -> NoHandler {
    if let Some((name, span)) = unserved_export(module) {
        return NoHandler {
            span,
            message: format!(
                "no handler found: `{name}` is exported but nothing serves it; Base44 runs the function given to `Deno.serve` (add `Deno.serve({name})`) or the default export"
            ),
        };
    }
    NoHandler {
        span: module.span,
        message: "no handler found: expected `Deno.serve(handler)` or `export default function`"
            .into(),
    }
}

/// A named export that looks like a handler nobody serves (`export async function
/// handler(req: Request)`): its name and span, to point the error at it.
fn unserved_export(module: &Module) -> Option<(String, Span)> {
    module.body.iter().find_map(|item| {
        let ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) = item else {
            return None;
        };
        let Decl::Fn(f) = &e.decl else { return None };
        let takes_request = f.function.params.first().is_some_and(|p| match &p.pat {
            Pat::Ident(b) => {
                matches!(&*b.id.sym, "req" | "request")
                    || b.type_ann.as_ref().is_some_and(|t| {
                        matches!(&*t.type_ann, TsType::TsTypeRef(r)
                            if matches!(&r.type_name, TsEntityName::Ident(i) if &*i.sym == "Request"))
                    })
            }
            _ => false,
        });
        takes_request.then(|| (f.ident.sym.to_string(), f.ident.span))
    })
}

/// Spans of every `Deno.serve(...)` call in source order (strings and templates are not calls).
#[derive(Default)]
struct ServeCalls {
    found: Vec<Span>,
}

impl Visit for ServeCalls {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        if is_deno_serve(call) {
            self.found.push(call.span);
        } else {
            call.visit_children_with(self);
        }
    }
}

/// Moves the `Deno.serve` call with the given span out of the module.
struct TakeCall {
    span: Span,
    taken: Option<CallExpr>,
}

impl VisitMut for TakeCall {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        if self.taken.is_some() {
            return;
        }
        if matches!(expr, Expr::Call(c) if c.span == self.span && is_deno_serve(c)) {
            if let Expr::Call(call) = expr.take() {
                self.taken = Some(call);
            }
            return;
        }
        expr.visit_mut_children_with(self);
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

/// [`unwrap_expr`] by value.
fn into_unwrapped(e: Expr) -> Expr {
    match e {
        Expr::Paren(p) => into_unwrapped(*p.expr),
        Expr::TsAs(a) => into_unwrapped(*a.expr),
        Expr::TsSatisfies(s) => into_unwrapped(*s.expr),
        Expr::TsNonNull(n) => into_unwrapped(*n.expr),
        Expr::TsTypeAssertion(a) => into_unwrapped(*a.expr),
        Expr::TsConstAssertion(a) => into_unwrapped(*a.expr),
        other => other,
    }
}

fn serve_handler(module: &mut Module, call: CallExpr) -> Option<Handler> {
    // Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ handler, ...options })
    let span = call.span;
    let mut wrappers = Vec::new();
    let func = call
        .args
        .into_iter()
        .rev()
        .filter(|a| a.spread.is_none())
        .find_map(|a| resolve_handler(module, *a.expr, 0, &mut wrappers))?;
    Some(Handler {
        style: HandlerStyle::Serve,
        func,
        span,
        wrappers,
    })
}

/// Wrappers and name lookups nest; real code stays shallow, cycles must not loop.
const MAX_RESOLVE_DEPTH: usize = 16;

/// Resolve an expression to a handler function: a function literal, a name bound to one, a
/// wrapper call holding one, or an options object with a `handler` (or `fetch`) member.
/// Wrapper calls met on the way are named in `wrappers` (when the callee is a plain name).
fn resolve_handler(
    module: &mut Module,
    expr: Expr,
    depth: usize,
    wrappers: &mut Vec<String>,
) -> Option<HandlerFn> {
    if depth > MAX_RESOLVE_DEPTH {
        return None;
    }
    match into_unwrapped(expr) {
        Expr::Arrow(a) => Some(HandlerFn::Arrow(a)),
        Expr::Fn(f) => Some(HandlerFn::Function(f.function)),
        Expr::Ident(i) => resolve_name(module, &i.sym, depth + 1, wrappers),
        Expr::Call(c) if !is_deno_serve(&c) => {
            let at = wrappers.len();
            let found = c
                .args
                .into_iter()
                .rev()
                .filter(|a| a.spread.is_none())
                .find_map(|a| resolve_handler(module, *a.expr, depth + 1, wrappers));
            if found.is_some() {
                if let Callee::Expr(callee) = &c.callee {
                    if let Expr::Ident(name) = unwrap_expr(callee) {
                        wrappers.insert(at, name.sym.to_string());
                    }
                }
            }
            found
        }
        Expr::Object(o) => handler_member(module, o, depth + 1, wrappers),
        _ => None,
    }
}

fn handler_member(
    module: &mut Module,
    obj: ObjectLit,
    depth: usize,
    wrappers: &mut Vec<String>,
) -> Option<HandlerFn> {
    let mut props: Vec<Prop> = obj
        .props
        .into_iter()
        .filter_map(|p| match p {
            PropOrSpread::Prop(p) => Some(*p),
            PropOrSpread::Spread(_) => None,
        })
        .collect();
    for key in ["handler", "fetch"] {
        let Some(at) = props.iter().position(|p| match p {
            Prop::Shorthand(i) => &*i.sym == key,
            Prop::KeyValue(kv) => prop_name_is(&kv.key, key),
            Prop::Method(m) => prop_name_is(&m.key, key),
            _ => false,
        }) else {
            continue;
        };
        return match props.swap_remove(at) {
            Prop::Shorthand(i) => resolve_name(module, &i.sym, depth, wrappers),
            Prop::KeyValue(kv) => resolve_handler(module, *kv.value, depth, wrappers),
            Prop::Method(m) => Some(HandlerFn::Function(m.function)),
            _ => None,
        };
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

/// A top-level function or variable named `name`, moved out and resolved to a handler.
fn resolve_name(
    module: &mut Module,
    name: &str,
    depth: usize,
    wrappers: &mut Vec<String>,
) -> Option<HandlerFn> {
    let mut init: Option<Expr> = None;
    for item in &mut module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(d)) => d,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &mut e.decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Fn(f),
                ..
            })) if f.ident.as_ref().is_some_and(|i| &*i.sym == name) => {
                return Some(HandlerFn::Function(f.function.take()));
            }
            _ => continue,
        };
        match decl {
            Decl::Fn(f) if &*f.ident.sym == name => {
                return Some(HandlerFn::Function(f.function.take()));
            }
            Decl::Var(v) => {
                if let Some(d) = v
                    .decls
                    .iter_mut()
                    .find(|d| matches!(&d.name, Pat::Ident(b) if &*b.id.sym == name))
                {
                    init = d.init.take().map(|e| *e);
                    break;
                }
            }
            _ => {}
        }
    }
    init.and_then(|e| resolve_handler(module, e, depth + 1, wrappers))
}

fn default_export(module: &mut Module) -> Option<Handler> {
    let mut found: Option<(Option<HandlerFn>, Option<Expr>, Span)> = None;
    for item in &mut module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::ExportDefaultDecl(ExportDefaultDecl {
                decl: DefaultDecl::Fn(f),
                span,
                ..
            }) => {
                let func = HandlerFn::Function(f.function.take());
                found = Some((Some(func), None, *span));
                break;
            }
            ModuleDecl::ExportDefaultExpr(e) => {
                found = Some((None, Some(*e.expr.take()), e.span));
                break;
            }
            _ => {}
        }
    }
    let (func, expr, span) = found?;
    let mut wrappers = Vec::new();
    let func = match (func, expr) {
        (Some(f), _) => f,
        (None, Some(e)) => resolve_handler(module, e, 0, &mut wrappers)?,
        (None, None) => return None,
    };
    let style = if is_legacy(&func) {
        HandlerStyle::Legacy
    } else {
        HandlerStyle::DefaultExport
    };
    Some(Handler {
        style,
        func,
        span,
        wrappers,
    })
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
    reads_member(func, name, |p| {
        matches!(
            p,
            "json"
                | "formData"
                | "text"
                | "url"
                | "method"
                | "headers"
                | "clone"
                | "body"
                | "arrayBuffer"
        )
    })
}

/// Whether `name` is used like the legacy context (`context.entities`, `ctx.auth.me()`).
fn uses_context_api(func: &HandlerFn, name: &str) -> bool {
    reads_member(func, name, |p| {
        matches!(
            p,
            "entities" | "auth" | "secrets" | "asServiceRole" | "integrations" | "functions"
        )
    })
}

/// Whether the function reads a property of the plain identifier `name` that `prop` accepts.
fn reads_member(func: &HandlerFn, name: &str, prop: fn(&str) -> bool) -> bool {
    struct Uses<'a> {
        name: &'a str,
        prop: fn(&str) -> bool,
        found: bool,
    }
    impl Visit for Uses<'_> {
        fn visit_member_expr(&mut self, m: &MemberExpr) {
            if matches!(unwrap_expr(&m.obj), Expr::Ident(i) if &*i.sym == self.name)
                && matches!(&m.prop, MemberProp::Ident(p) if (self.prop)(&p.sym))
            {
                self.found = true;
            }
            m.visit_children_with(self);
        }
    }
    let mut v = Uses {
        name,
        prop,
        found: false,
    };
    func.visit(&mut v);
    v.found
}

/// The parameter a legacy handler takes its input from: the first, unless the first is a
/// plain name used as the context (`context.entities`) and a second parameter follows, as in
/// `export default async function handler(context, { a, b })`.
pub fn legacy_input(func: &HandlerFn) -> Option<&Pat> {
    let params = func.params();
    let first = params.first().copied();
    match (first, params.get(1)) {
        (Some(Pat::Ident(b)), Some(second)) if uses_context_api(func, &b.id.sym) => Some(second),
        _ => first,
    }
}

impl Spanned for Handler {
    fn span(&self) -> Span {
        self.span
    }
}
