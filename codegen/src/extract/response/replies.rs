//! What a returned expression answers: status and body kind, through `Response.json`,
//! `new Response(...)`, local variables, conditionals and helper functions (same file or
//! imported from a relative module) whose parameters are bound to the call's arguments.

use rustc_hash::FxHashMap;
use swc_ecma_ast::*;

use super::value::{Bound, Ctx};
use super::walk::Body;
use crate::extract::ast_util::{
    is_ident, method_call, prop_name, str_value, top_level_function, unwrap_expr,
};
use crate::model::Schema;

/// How deep helper calls are followed.
const MAX_HELPER_DEPTH: usize = 4;

/// The body of one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyKind {
    /// JSON with this schema.
    Json(Schema),
    /// Text (plain, CSV, SVG, HTML...).
    Text,
    /// A stream (SSE, `ReadableStream`).
    Stream,
    /// No body (`null`, preflight answers).
    Empty,
    /// A body of unknown kind.
    Unknown,
}

/// One way the function answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// The status code, when written literally (or bound through a helper parameter).
    pub status: Option<u16>,
    /// What the body is.
    pub body: BodyKind,
}

impl Ctx<'_, '_, '_> {
    /// Every answer `e` can produce.
    pub fn replies(
        &mut self,
        module: &Module,
        e: &Expr,
        helper_depth: usize,
        out: &mut Vec<Reply>,
    ) {
        match unwrap_expr(e) {
            Expr::Await(a) => self.replies(module, &a.arg, helper_depth, out),
            Expr::Cond(c) => {
                self.replies(module, &c.cons, helper_depth, out);
                self.replies(module, &c.alt, helper_depth, out);
            }
            Expr::Call(c) => {
                if let Some((obj, m)) = method_call(c) {
                    if is_ident(obj, "Response") && m == "json" {
                        let body = c
                            .args
                            .first()
                            .map(|a| self.value(&a.expr))
                            .unwrap_or(Schema::Any);
                        let status = self.status(c.args.get(1)).or(Some(200));
                        out.push(Reply {
                            status,
                            body: BodyKind::Json(body),
                        });
                    }
                    return;
                }
                let Callee::Expr(callee) = &c.callee else {
                    return;
                };
                if let Expr::Ident(name) = unwrap_expr(callee) {
                    if helper_depth < MAX_HELPER_DEPTH {
                        self.helper(module, &name.sym, &c.args, helper_depth + 1, out);
                    }
                }
            }
            Expr::New(n) if is_ident(&n.callee, "Response") => {
                let args = n.args.as_deref().unwrap_or(&[]);
                let status = self.status(args.get(1)).or(Some(200));
                let body = self.new_response_body(args.first().map(|a| &*a.expr), args.get(1));
                out.push(Reply { status, body });
            }
            Expr::Ident(i) => {
                if let Some(init) = self.body.decl(&i.sym).and_then(|d| d.init.as_deref()) {
                    self.replies(module, init, helper_depth, out);
                }
            }
            _ => {}
        }
    }

    fn new_response_body(&mut self, body: Option<&Expr>, init: Option<&ExprOrSpread>) -> BodyKind {
        let content_type = init
            .and_then(|i| header(&i.expr, "content-type"))
            .unwrap_or_default();
        let Some(body) = body else {
            return BodyKind::Empty;
        };
        let body = unwrap_expr(body);
        if matches!(body, Expr::Lit(Lit::Null(_))) || is_ident(body, "undefined") {
            return BodyKind::Empty;
        }
        if let Expr::Call(c) = body {
            let stringify =
                method_call(c).is_some_and(|(o, m)| is_ident(o, "JSON") && m == "stringify");
            if stringify {
                let v = c
                    .args
                    .first()
                    .map(|a| self.value(&a.expr))
                    .unwrap_or(Schema::Any);
                return BodyKind::Json(v);
            }
        }
        if content_type.contains("event-stream") || self.is_stream(body) {
            return BodyKind::Stream;
        }
        if content_type.contains("json") {
            return BodyKind::Json(Schema::Any);
        }
        if !content_type.is_empty() {
            return BodyKind::Text;
        }
        match self.value(body) {
            Schema::String(None) => BodyKind::Text,
            _ => BodyKind::Unknown,
        }
    }

    fn is_stream(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::New(n) => is_ident(&n.callee, "ReadableStream"),
            Expr::Member(m) => {
                crate::extract::ast_util::member_name(&m.prop).as_deref() == Some("readable")
            }
            Expr::Ident(i) => self
                .body
                .decl(&i.sym)
                .and_then(|d| d.init.as_deref())
                .is_some_and(|init| self.is_stream(init)),
            _ => false,
        }
    }

    /// The status of a `{ status }` init: a number, or a name bound to one.
    fn status(&mut self, init: Option<&ExprOrSpread>) -> Option<u16> {
        let Expr::Object(o) = unwrap_expr(&init?.expr) else {
            return None;
        };
        for p in &o.props {
            let PropOrSpread::Prop(p) = p else { continue };
            match &**p {
                Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some("status") => {
                    return self.number(&kv.value);
                }
                Prop::Shorthand(i) if &*i.sym == "status" => {
                    return self.number(&Expr::Ident(i.clone()));
                }
                _ => {}
            }
        }
        None
    }

    /// A literal status, or a name bound to one (helper parameter or local constant).
    pub fn number(&mut self, e: &Expr) -> Option<u16> {
        match unwrap_expr(e) {
            Expr::Lit(Lit::Num(n)) if (100.0..600.0).contains(&n.value) => Some(n.value as u16),
            Expr::Ident(i) => {
                if let Some(b) = self.env.get(&*i.sym) {
                    return b.status;
                }
                let decl = self
                    .body
                    .decl(&i.sym)
                    .or_else(|| crate::extract::ast_util::module_decl(self.module, &i.sym))?;
                let init = decl.init.as_deref()?;
                match unwrap_expr(init) {
                    Expr::Lit(Lit::Num(n)) if (100.0..600.0).contains(&n.value) => {
                        Some(n.value as u16)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Answers of a helper `name(args)`: declared in this module or imported from a relative one.
    fn helper(
        &mut self,
        module: &Module,
        name: &str,
        args: &[ExprOrSpread],
        depth: usize,
        out: &mut Vec<Reply>,
    ) {
        let imported;
        let (func, home): (_, &Module) = match top_level_function(module, name) {
            Some(f) => (f, module),
            None => {
                let Some((m, remote)) = self.types.imported(name) else {
                    return;
                };
                imported = m;
                match top_level_function(&imported.module, &remote) {
                    Some(f) => (f, &imported.module),
                    None => return,
                }
            }
        };
        // Bind parameters to the caller's arguments (evaluated here) or their defaults.
        let mut env = FxHashMap::default();
        for (i, p) in func.params.iter().enumerate() {
            let (ident, default) = match &p.pat {
                Pat::Ident(b) => (b.id.sym.as_str().to_owned(), None),
                Pat::Assign(a) => match &*a.left {
                    Pat::Ident(b) => (b.id.sym.as_str().to_owned(), Some(&*a.right)),
                    _ => continue,
                },
                _ => continue,
            };
            let arg = args.get(i).filter(|a| a.spread.is_none()).map(|a| &*a.expr);
            let bound = match (arg, default) {
                (Some(a), _) => Bound {
                    schema: self.value(a),
                    status: self.number(a),
                },
                (None, Some(d)) => Bound {
                    schema: self.value(d),
                    status: self.number(d),
                },
                (None, None) => Bound {
                    schema: Schema::Any,
                    status: None,
                },
            };
            env.insert(ident, bound);
        }
        let Some(stmts) = func.body.as_ref().map(|b| b.stmts.as_slice()) else {
            return;
        };
        let body = Body::of_stmts(stmts);
        let mut inner = Ctx {
            types: &mut *self.types,
            body: &body,
            env,
            depth: self.depth,
            module: home,
        };
        for r in &body.returns {
            inner.replies(home, r, depth, out);
        }
    }
}

/// The value of header `name` (case-insensitive) in a `{ headers: { ... } }` init.
fn header(init: &Expr, name: &str) -> Option<String> {
    let Expr::Object(o) = unwrap_expr(init) else {
        return None;
    };
    for p in &o.props {
        let PropOrSpread::Prop(p) = p else { continue };
        let Prop::KeyValue(kv) = &**p else { continue };
        if prop_name(&kv.key).as_deref() != Some("headers") {
            continue;
        }
        let Expr::Object(h) = unwrap_expr(&kv.value) else {
            return None;
        };
        for hp in &h.props {
            let PropOrSpread::Prop(hp) = hp else { continue };
            let Prop::KeyValue(hkv) = &**hp else { continue };
            if prop_name(&hkv.key).is_some_and(|k| k.eq_ignore_ascii_case(name)) {
                return match unwrap_expr(&hkv.value) {
                    Expr::Lit(Lit::Str(s)) => Some(str_value(s).to_ascii_lowercase()),
                    Expr::Cond(c) => match (unwrap_expr(&c.cons), unwrap_expr(&c.alt)) {
                        (Expr::Lit(Lit::Str(a)), _) => Some(str_value(a).to_ascii_lowercase()),
                        (_, Expr::Lit(Lit::Str(b))) => Some(str_value(b).to_ascii_lowercase()),
                        _ => Some("unknown".into()),
                    },
                    _ => Some("unknown".into()),
                };
            }
        }
    }
    None
}
