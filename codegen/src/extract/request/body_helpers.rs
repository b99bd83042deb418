//! Helpers that read the request body themselves: `authenticate(req)` parsing
//! `await req.json()` and giving back `{ body, user }`, `requireSecret(req)` checking
//! `(await req.clone().json()).cron_secret`. The body they parse is the input: what they give
//! back binds it in the handler, and what they read off it are (optional) fields.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::evidence::Evidence;
use super::scope::Scope;
use super::sources::{JsonBinding, Sources};
use crate::extract::ast_util::{
    called_name, local_function, prop_name, top_level_function, unwrap_expr,
};
use crate::extract::handler::Handler;
use crate::extract::types::TypeContext;
use crate::parse::ParsedFile;

/// What a helper handed the request gives back of the body it parses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gives {
    /// The body itself (`return await req.json()`).
    Whole,
    /// An object holding it under a key (`return { body, user }`).
    Key(String),
    /// Nothing of it (a check that answers or not).
    Nothing,
}

/// A helper that parses the JSON body of the request passed as parameter `param`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyHelper {
    /// The parameter the request is passed as.
    pub param: usize,
    /// What it gives back.
    pub gives: Gives,
}

/// The helpers the handler hands its request `req` to that parse its JSON body: name → what
/// they do with it. Same-file helpers and helpers imported from relative modules.
pub fn find(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    req: &str,
) -> FxHashMap<String, BodyHelper> {
    let mut calls = ReqCalls {
        req,
        names: Vec::new(),
    };
    handler.func.visit(&mut calls);
    let mut out = FxHashMap::default();
    for name in calls.names {
        if out.contains_key(&name) {
            continue;
        }
        let found = with_function(file, handler, types, &name, |func, _| body_helper(func));
        if let Some(Some(h)) = found {
            out.insert(name, h);
        }
    }
    out
}

/// Merge what the body helpers the handler calls read off the body into `scope`: as optional
/// fields (the helper's own checks answer for it; the handler decides what they mean),
/// unless the handler hands the whole request over (`return check(req)`), when the helper's
/// checks are the handler's.
pub(super) fn follow(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    scope: &mut Scope,
    called: &[String],
) {
    let delegated = delegated_to(handler.func.body_stmts(), &scope.request);
    for name in called {
        let read = with_function(file, handler, types, name, |func, module| {
            let (_, bindings) = parsed_body(func)?;
            // The helper's module's own facts: its lists, guards and helpers.
            let mut inner = Scope::of_bindings(&bindings);
            inner.facts = super::module_facts::Facts::of_module(module);
            func.visit_children_with(&mut Evidence::new(&mut inner));
            Some(inner.fields)
        });
        if let Some(Some(fields)) = read {
            for (key, mut f) in fields {
                if !delegated.contains(name) {
                    super::helpers::not_required(&mut f);
                }
                super::helpers::merge_field(scope.fields.entry(key).or_default(), f);
            }
        }
    }
}

/// Helpers the handler hands its whole request to and answers with, at its top level
/// (`return check(req)`, also inside a top-level `try`).
fn delegated_to(stmts: &[Stmt], req: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stmt in stmts {
        match stmt {
            Stmt::Return(ReturnStmt { arg: Some(e), .. }) => {
                let mut e = unwrap_expr(e);
                if let Expr::Await(a) = e {
                    e = unwrap_expr(&a.arg);
                }
                let Expr::Call(c) = e else { continue };
                let Some(name) = called_name(c) else {
                    continue;
                };
                let hands_req = c
                    .args
                    .iter()
                    .any(|a| matches!(unwrap_expr(&a.expr), Expr::Ident(i) if *i.sym == *req));
                if hands_req {
                    out.push(name.to_string());
                }
            }
            Stmt::Try(t) => out.extend(delegated_to(&t.block.stmts, req)),
            _ => {}
        }
    }
    out
}

/// Run `f` on the function `name` names and the module holding it: declared in this file (or
/// inside the handler), or imported from a relative module.
fn with_function<T>(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    name: &str,
    f: impl FnOnce(&Function, &Module) -> T,
) -> Option<T> {
    let same_file: Option<Cow<'_, Function>> = top_level_function(&file.module, name)
        .or_else(|| local_function(handler.func.body_stmts(), name));
    if let Some(func) = same_file {
        return Some(f(&func, &file.module));
    }
    let (module, remote) = types.imported(name)?;
    let func = top_level_function(&module.module, &remote)?;
    Some(f(&func, &module.module))
}

/// The parameter of `func` whose JSON body it parses, and the names it binds the body to.
fn parsed_body(func: &Function) -> Option<(usize, Vec<JsonBinding>)> {
    func.params.iter().enumerate().find_map(|(i, p)| {
        let Pat::Ident(b) = &p.pat else {
            return None;
        };
        let mut sources = Sources {
            req: b.id.sym.as_str().to_owned(),
            ..Default::default()
        };
        func.body.visit_with(&mut sources);
        (sources.json || !sources.json_bindings.is_empty()).then_some((i, sources.json_bindings))
    })
}

/// Whether `func` parses the body of a request parameter, and what it gives back of it.
fn body_helper(func: &Function) -> Option<BodyHelper> {
    let (param, bindings) = parsed_body(func)?;
    let names: Vec<String> = bindings
        .iter()
        .filter_map(|b| match &b.pat {
            Pat::Ident(i) => Some(i.id.sym.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let Some(Pat::Ident(req)) = func.params.get(param).map(|p| &p.pat) else {
        return None;
    };
    let mut returns = Returns {
        sources: Sources {
            req: req.id.sym.as_str().to_owned(),
            ..Default::default()
        },
        names,
        gives: Gives::Nothing,
    };
    func.body.visit_with(&mut returns);
    Some(BodyHelper {
        param,
        gives: returns.gives,
    })
}

/// Calls in the handler that hand over the request itself: `helper(req, ...)`.
struct ReqCalls<'r> {
    req: &'r str,
    names: Vec<String>,
}

impl Visit for ReqCalls<'_> {
    fn visit_call_expr(&mut self, c: &CallExpr) {
        if let Some(name) = called_name(c) {
            let hands_req = c
                .args
                .iter()
                .any(|a| matches!(unwrap_expr(&a.expr), Expr::Ident(i) if *i.sym == *self.req));
            if hands_req {
                self.names.push(name.to_string());
            }
        }
        c.visit_children_with(self);
    }
}

/// What a helper's `return`s give back of the body (not those of functions nested in it).
struct Returns {
    sources: Sources,
    /// Names the body is bound to.
    names: Vec<String>,
    gives: Gives,
}

impl Returns {
    fn is_body(&self, e: &Expr) -> bool {
        self.sources.is_json(e)
            || matches!(unwrap_expr(e), Expr::Ident(i) if self.names.iter().any(|n| *n == *i.sym))
    }
}

impl Visit for Returns {
    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        let Some(arg) = r.arg.as_deref() else {
            return;
        };
        if self.is_body(arg) {
            self.gives = Gives::Whole;
            return;
        }
        let Expr::Object(o) = unwrap_expr(arg) else {
            return;
        };
        for p in &o.props {
            let PropOrSpread::Prop(p) = p else { continue };
            let key = match &**p {
                Prop::Shorthand(i) if self.names.iter().any(|n| *n == *i.sym) => {
                    Some(i.sym.as_str().to_owned())
                }
                Prop::KeyValue(kv) if self.is_body(&kv.value) => prop_name(&kv.key),
                _ => None,
            };
            if let (Some(key), Gives::Nothing) = (key, &self.gives) {
                self.gives = Gives::Key(key);
            }
        }
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
}
