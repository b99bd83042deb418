//! Where the handler reads its input: `req.json()` (and `req.clone().json()`, `.catch(...)`),
//! `req.formData()`, `new URL(req.url)`, `req.text()` (and `new URLSearchParams` or
//! `JSON.parse` over it); and the names those are bound to.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::body_helpers::Gives;
use crate::extract::ast_util::{
    call_or_awaited, called_name, is_ident, member_name, method_call, prop_name, unwrap_expr,
};
use crate::extract::status::{answers_ok, rejects};

/// A binding of the JSON body: `const <pat>: <T> = <source> as <U>`.
pub struct JsonBinding {
    /// The pattern bound (`body`, `{ a, b = 1, ...rest }`).
    pub pat: Pat,
    /// A declared type: the pattern's annotation or an `as T` on the source.
    pub ty: Option<TsType>,
}

/// Everything the handler reads from the request.
#[derive(Default)]
pub struct Sources {
    /// Name of the request parameter.
    pub req: String,
    /// The JSON body is read.
    pub json: bool,
    /// Names bound to (parts of) the JSON body.
    pub json_bindings: Vec<JsonBinding>,
    /// `Schema.parse(<body>)`: the schema expressions (zod).
    pub parsed_with: Vec<Expr>,
    /// Names bound to `await req.formData()`.
    pub forms: Vec<String>,
    /// The form data is read.
    pub form: bool,
    /// Names bound to `new URL(req.url)`.
    pub urls: Vec<String>,
    /// Names bound to `....searchParams`.
    pub params: Vec<String>,
    /// `searchParams` is used.
    pub query: bool,
    /// `req.text()` is read.
    pub text: bool,
    /// Names bound to the text read (`const raw = await req.text()`).
    pub texts: Vec<String>,
    /// Names bound to the text parsed as a URL-encoded form: `new URLSearchParams(raw)`
    /// (its `.get("x")` reads field `x`), or `Object.fromEntries(...)` of one (its `.x` does).
    pub urlencoded: Vec<String>,
    /// The names of [`Self::urlencoded`] that hold `Object.fromEntries(...)`.
    pub urlencoded_objects: Vec<String>,
    /// Names bound to `JSON.parse(raw)` of a local holding the text (webhooks keep the text
    /// to check a signature): its `.x` reads field `x`.
    pub json_texts: Vec<String>,
    /// Helpers the request is handed to that parse its JSON body (see
    /// [`super::body_helpers`]).
    pub body_helpers: rustc_hash::FxHashMap<String, super::body_helpers::BodyHelper>,
    /// The body helpers called.
    pub body_helper_calls: Vec<String>,
    /// Helpers parsing the request's text as JSON, and the text locals handed to them.
    pub text_parsing: super::text_body::TextParsing,
}

impl Sources {
    /// Whether `e` reads the JSON body (through `await`, `as`, `.catch(...)`, `.clone()`).
    pub fn is_json(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Await(a) => self.is_json(&a.arg),
            // `JSON.parse(await req.text())`, or of a local holding the text.
            Expr::Call(c) if self.parses_text(c) => true,
            // `parseBody(raw)` of text kept only to be parsed by a helper.
            Expr::Call(c)
                if self
                    .text_parsing
                    .parses(c, |e| self.is_call_on_req(e, "text")) =>
            {
                true
            }
            // `await parseBody(req)`: a helper that gives back the body it parses.
            Expr::Call(c) if self.body_helper(c).is_some_and(|g| g == Gives::Whole) => true,
            Expr::Call(c) => match method_call(c) {
                Some((obj, m)) if m == "json" && c.args.is_empty() => self.is_req(obj),
                Some((obj, m)) if m == "catch" || m == "then" => self.is_json(obj),
                _ => false,
            },
            // `req.method === "GET" ? {} : await req.json()`, `(await req.json()) || {}`.
            Expr::Cond(c) => {
                (self.is_json(&c.cons) && is_empty_object(&c.alt))
                    || (self.is_json(&c.alt) && is_empty_object(&c.cons))
            }
            Expr::Bin(b) if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing) => {
                self.is_json(&b.left) && is_empty_object(&b.right)
            }
            _ => false,
        }
    }

    /// `JSON.parse(await req.text())`: the text read only to be parsed. (Text kept in a
    /// local, as webhooks keep it to check a signature, stays raw input.)
    fn parses_text(&self, c: &CallExpr) -> bool {
        let parse = method_call(c).is_some_and(|(obj, m)| {
            m == "parse" && matches!(unwrap_expr(obj), Expr::Ident(i) if &*i.sym == "JSON")
        });
        parse
            && c.args
                .first()
                .is_some_and(|a| self.is_call_on_req(&a.expr, "text"))
    }

    /// `helper(req)` where `helper` parses the request's body: what it gives back of it.
    fn body_helper(&self, c: &CallExpr) -> Option<Gives> {
        let h = self.body_helpers.get(called_name(c)?)?;
        let arg = c.args.get(h.param)?;
        self.is_req(&arg.expr).then(|| h.gives.clone())
    }

    fn is_req(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Ident(i) => *i.sym == *self.req,
            Expr::Call(c) => {
                matches!(method_call(c), Some((obj, m)) if m == "clone" && self.is_req(obj))
            }
            _ => false,
        }
    }

    fn is_call_on_req(&self, e: &Expr, method: &str) -> bool {
        match unwrap_expr(e) {
            Expr::Await(a) => self.is_call_on_req(&a.arg, method),
            Expr::Call(c) => match method_call(c) {
                Some((obj, m)) if m == method => self.is_req(obj),
                // `req.formData().catch(() => null)`
                Some((obj, m)) if m == "catch" => self.is_call_on_req(obj, method),
                _ => false,
            },
            _ => false,
        }
    }

    /// `new URLSearchParams(await req.text())`, or of a local holding the text.
    fn is_urlencoded(&self, e: &Expr) -> bool {
        let Expr::New(n) = unwrap_expr(e) else {
            return false;
        };
        let arg = n.args.as_deref().and_then(|a| a.first());
        is_ident(&n.callee, "URLSearchParams")
            && arg.is_some_and(|a| {
                self.is_call_on_req(&a.expr, "text")
                    || matches!(unwrap_expr(&a.expr), Expr::Ident(i) if self.texts.iter().any(|t| *t == *i.sym))
            })
    }

    /// `JSON.parse(raw)` of a local holding the text. (`JSON.parse(await req.text())` is the
    /// JSON body itself: see [`Self::is_json`].)
    fn is_json_of_text(&self, e: &Expr) -> bool {
        let Expr::Call(c) = unwrap_expr(e) else {
            return false;
        };
        method_call(c).is_some_and(|(obj, m)| m == "parse" && is_ident(obj, "JSON"))
            && c.args.first().is_some_and(|a| {
                a.spread.is_none()
                    && matches!(unwrap_expr(&a.expr), Expr::Ident(i) if self.texts.iter().any(|t| *t == *i.sym))
            })
    }

    /// `Object.fromEntries(new URLSearchParams(raw))`, or of a local holding the params.
    fn is_urlencoded_object(&self, e: &Expr) -> bool {
        let Expr::Call(c) = unwrap_expr(e) else {
            return false;
        };
        let params = |e: &Expr| match unwrap_expr(e) {
            Expr::Ident(i) => {
                self.urlencoded.iter().any(|n| *n == *i.sym)
                    && !self.urlencoded_objects.iter().any(|n| *n == *i.sym)
            }
            other => self.is_urlencoded(other),
        };
        method_call(c).is_some_and(|(obj, m)| m == "fromEntries" && is_ident(obj, "Object"))
            && c.args.first().is_some_and(|a| params(&a.expr))
    }

    fn is_new_url(&self, e: &Expr) -> bool {
        let Expr::New(n) = unwrap_expr(e) else {
            return false;
        };
        matches!(unwrap_expr(&n.callee), Expr::Ident(i) if &*i.sym == "URL")
            && n.args.as_deref().and_then(|a| a.first()).is_some_and(|a| {
                match unwrap_expr(&a.expr) {
                    Expr::Member(m) => {
                        member_name(&m.prop).as_deref() == Some("url") && self.is_req(&m.obj)
                    }
                    _ => false,
                }
            })
    }
}

/// The type written on a source: `(await req.json()) as T`.
fn as_type(e: &Expr) -> Option<TsType> {
    match e {
        Expr::TsAs(a) => Some((*a.type_ann).clone()),
        Expr::Paren(p) => as_type(&p.expr),
        Expr::Await(a) => as_type(&a.arg),
        _ => None,
    }
}

impl Visit for Sources {
    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let Some(init) = &d.init {
            if self.is_json(init) {
                let ty = match &d.name {
                    Pat::Ident(b) => b.type_ann.as_ref().map(|t| (*t.type_ann).clone()),
                    Pat::Object(o) => o.type_ann.as_ref().map(|t| (*t.type_ann).clone()),
                    _ => None,
                }
                .or_else(|| as_type(init));
                self.json_bindings.push(JsonBinding {
                    pat: d.name.clone(),
                    ty,
                });
            } else if self.validated_json(init) {
                // `const order = OrderSchema.parse(await req.json())`: the body, once the
                // schema accepts it. When the schema can be read it describes the request;
                // otherwise what is read off `order` does.
                self.json_bindings.push(JsonBinding {
                    pat: d.name.clone(),
                    ty: None,
                });
            } else if let (Pat::Object(o), Some(Gives::Key(key))) =
                (&d.name, self.helper_call(init))
            {
                // `const { body } = await authenticate(req)`: the key holding the body.
                for p in &o.props {
                    let pat = match p {
                        ObjectPatProp::Assign(a) if *a.key.sym == *key && a.value.is_none() => {
                            Some(Pat::Ident(a.key.clone()))
                        }
                        ObjectPatProp::KeyValue(kv)
                            if prop_name(&kv.key).as_deref() == Some(key.as_str()) =>
                        {
                            Some((*kv.value).clone())
                        }
                        _ => None,
                    };
                    if let Some(pat) = pat {
                        self.json_bindings.push(JsonBinding { pat, ty: None });
                    }
                }
            } else if let (Pat::Ident(b), true) = (&d.name, self.is_call_on_req(init, "text")) {
                self.texts.push(b.id.sym.as_str().to_owned());
            } else if let (Pat::Ident(b), true) = (&d.name, self.is_json_of_text(init)) {
                self.json_texts.push(b.id.sym.as_str().to_owned());
            } else if let (Pat::Ident(b), true) = (&d.name, self.is_urlencoded(init)) {
                self.urlencoded.push(b.id.sym.as_str().to_owned());
            } else if let (Pat::Ident(b), true) = (&d.name, self.is_urlencoded_object(init)) {
                self.urlencoded.push(b.id.sym.as_str().to_owned());
                self.urlencoded_objects.push(b.id.sym.as_str().to_owned());
            } else if self.is_call_on_req(init, "formData") {
                if let Pat::Ident(b) = &d.name {
                    self.forms.push(b.id.sym.as_str().to_owned());
                }
            } else if self.is_new_url(init) {
                match &d.name {
                    Pat::Ident(b) => self.urls.push(b.id.sym.as_str().to_owned()),
                    Pat::Object(o) => {
                        // const { searchParams } = new URL(req.url)
                        for p in &o.props {
                            if let ObjectPatProp::Assign(a) = p {
                                if &*a.key.sym == "searchParams" {
                                    self.params.push("searchParams".into());
                                    self.query = true;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            } else if let Expr::Member(m) = unwrap_expr(init) {
                // const params = url.searchParams / new URL(req.url).searchParams
                if member_name(&m.prop).as_deref() == Some("searchParams") {
                    if let Pat::Ident(b) = &d.name {
                        self.params.push(b.id.sym.as_str().to_owned());
                    }
                }
            }
        }
        d.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        // let body = {}; try { body = await req.json() } catch {}
        if self.is_json(&a.right) {
            if let AssignTarget::Simple(SimpleAssignTarget::Ident(b)) = &a.left {
                self.json_bindings.push(JsonBinding {
                    pat: Pat::Ident(b.clone()),
                    ty: as_type(&a.right),
                });
            }
        } else if self.is_json_of_text(&a.right) {
            // let event; try { event = JSON.parse(raw) } catch { ... }
            if let AssignTarget::Simple(SimpleAssignTarget::Ident(b)) = &a.left {
                self.json_texts.push(b.id.sym.as_str().to_owned());
            }
        }
        a.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        if self.body_helper(c).is_some() {
            self.json = true;
            self.body_helper_calls
                .extend(called_name(c).map(str::to_string));
        }
        if let Some((obj, m)) = method_call(c) {
            match &*m {
                "json" if c.args.is_empty() && self.is_req(obj) => self.json = true,
                "formData" if self.is_req(obj) => self.form = true,
                "text" if c.args.is_empty() && self.is_req(obj) => self.text = true,
                "parse" | "safeParse" | "parseAsync" | "safeParseAsync"
                    if c.args
                        .first()
                        .is_some_and(|a| self.is_json(&a.expr) || self.binds_json(&a.expr)) =>
                {
                    self.parsed_with.push(obj.clone());
                }
                _ => {}
            }
        }
        c.visit_children_with(self);
    }

    fn visit_block_stmt(&mut self, b: &BlockStmt) {
        // A body read only to answer with an error (`catch { await req.json(); return 400 }`
        // telling JSON callers to send form data) is not how the function takes its input.
        let rejecting = b.stmts.iter().any(rejects) && !b.stmts.iter().any(answers_ok);
        let (json, bindings) = (self.json, self.json_bindings.len());
        b.visit_children_with(self);
        if rejecting {
            self.json = json;
            self.json_bindings.truncate(bindings);
        }
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        if member_name(&m.prop).as_deref() == Some("searchParams") {
            self.query = true;
        }
        m.visit_children_with(self);
    }
}

impl Sources {
    /// `await helper(req)`: what a body helper gives back.
    fn helper_call(&self, e: &Expr) -> Option<Gives> {
        match unwrap_expr(e) {
            Expr::Await(a) => self.helper_call(&a.arg),
            Expr::Call(c) => self.body_helper(c),
            _ => None,
        }
    }

    /// `Schema.parse(<body>)` or `await Schema.parseAsync(<body>)`: the body itself once
    /// validated (`safeParse` gives back a result object instead).
    fn validated_json(&self, e: &Expr) -> bool {
        let Some(call) = call_or_awaited(e) else {
            return false;
        };
        method_call(call).is_some_and(|(obj, m)| {
            matches!(&*m, "parse" | "parseAsync")
                && !matches!(unwrap_expr(obj), Expr::Ident(i) if &*i.sym == "JSON")
                && call
                    .args
                    .first()
                    .is_some_and(|a| self.is_json(&a.expr) || self.binds_json(&a.expr))
        })
    }

    fn binds_json(&self, e: &Expr) -> bool {
        matches!(unwrap_expr(e), Expr::Ident(i) if self.json_bindings.iter().any(|b| matches!(&b.pat, Pat::Ident(p) if p.id.sym == i.sym)))
    }
}

/// `{}`: what a handler falls back to when there is no body.
fn is_empty_object(e: &Expr) -> bool {
    matches!(unwrap_expr(e), Expr::Object(o) if o.props.is_empty())
}
