//! The output side of a function: the success body (`response`), error bodies by status
//! (`errors`) and whether the answer is streamed.
//!
//! Rules: only the handler's own `return`s count (callbacks inside it are not answers), with
//! the error answers of the module's own wrappers around it (`withAuth(handler)`), and
//! helpers called in a `return` are followed with their parameters bound to the call's
//! arguments. Success answers (2xx, and 3xx) are merged into one schema (a union when they
//! differ); answers without a body (`null`, preflight) are ignored; a status that cannot be
//! read is assumed to be a success only when no status is written at all (`Response.json(x)`).
//! Error answers are grouped by status; a non-JSON error body is `{}`.

mod replies;
mod value;
mod walk;
mod wrappers;

use std::collections::BTreeMap;

use self::replies::{BodyKind, Reply};
use self::value::Ctx;
use self::walk::Body;
use super::handler::{Handler, HandlerFn, HandlerStyle};
use super::types::TypeContext;
use crate::model::{ResponseKind, Schema};
use crate::parse::ParsedFile;

/// The output side of a function.
pub struct Output {
    /// Schema of the 2xx JSON body.
    pub response: Option<Schema>,
    /// What the 2xx body is.
    pub kind: ResponseKind,
    /// Error statuses and their bodies.
    pub errors: BTreeMap<u16, Schema>,
    /// Whether the success response is streamed.
    pub streaming: bool,
}

/// Collect the answers of the handler.
pub fn analyze(file: &ParsedFile, handler: &Handler, types: &mut TypeContext<'_>) -> Output {
    let synthetic;
    let stmts: &[swc_ecma_ast::Stmt] = match &handler.func {
        HandlerFn::Function(f) => f.body.as_ref().map(|b| b.stmts.as_slice()).unwrap_or(&[]),
        HandlerFn::Arrow(a) => match &*a.body {
            swc_ecma_ast::ArrowFunctionBody::FunctionBody(b) => b.stmts.as_slice(),
            // `(req) => Response.json(...)`: only an expression body needs a copy as a return.
            swc_ecma_ast::ArrowFunctionBody::Expr(_) => {
                synthetic = super::ast_util::arrow_as_function(a);
                synthetic
                    .body
                    .as_ref()
                    .map(|b| b.stmts.as_slice())
                    .unwrap_or(&[])
            }
        },
    };
    let legacy = handler.style == HandlerStyle::Legacy;
    let mut replies = body_replies(file, stmts, types, legacy);
    for name in &handler.wrappers {
        wrapper_errors(file, name, types, &mut replies);
    }
    summarize(replies)
}

/// The error answers (4xx, 5xx) of the wrapper `name`'s returned functions.
fn wrapper_errors(
    file: &ParsedFile,
    name: &str,
    types: &mut TypeContext<'_>,
    out: &mut Vec<Reply>,
) {
    for returned in wrappers::returned_functions(&file.module, name) {
        let stmts = returned
            .body
            .as_ref()
            .map_or(&[][..], |b| b.stmts.as_slice());
        let replies = body_replies(file, stmts, types, false);
        out.extend(
            replies
                .into_iter()
                .filter(|r| r.status.is_some_and(|s| s >= 400)),
        );
    }
}

/// The answers of one function body's `return`s. Legacy handlers return plain values, sent
/// as JSON.
fn body_replies(
    file: &ParsedFile,
    stmts: &[swc_ecma_ast::Stmt],
    types: &mut TypeContext<'_>,
    legacy: bool,
) -> Vec<Reply> {
    let body = Body::of_stmts(stmts);
    let mut ctx = Ctx {
        types,
        body: &body,
        env: Default::default(),
        depth: 0,
        module: &file.module,
    };
    let mut replies = Vec::new();
    for r in &body.returns {
        if legacy {
            let v = ctx.value(r);
            replies.push(Reply {
                status: Some(200),
                body: BodyKind::Json(v),
            });
        } else {
            ctx.replies(&file.module, r, 0, &mut replies);
        }
    }
    replies
}

fn summarize(replies: Vec<Reply>) -> Output {
    let mut success: Vec<Schema> = Vec::new();
    let (mut json, mut text, mut stream, mut unknown) = (false, false, false, false);
    let mut errors: BTreeMap<u16, Vec<Schema>> = BTreeMap::new();
    for r in replies {
        match r.status {
            Some(s) if s >= 400 => {
                let body = match r.body {
                    BodyKind::Json(s) => s,
                    _ => Schema::Any,
                };
                errors.entry(s).or_default().push(body);
            }
            _ => match r.body {
                BodyKind::Json(s) => {
                    json = true;
                    success.push(s);
                }
                BodyKind::Text => text = true,
                BodyKind::Stream => stream = true,
                BodyKind::Unknown => unknown = true,
                BodyKind::Empty => {}
            },
        }
    }
    let kind = if stream {
        ResponseKind::Stream
    } else if json && !text && !unknown {
        ResponseKind::Json
    } else if text && !json && !unknown {
        ResponseKind::Text
    } else {
        ResponseKind::Unknown
    };
    let response = (kind == ResponseKind::Json).then(|| merge(success));
    Output {
        response,
        kind,
        errors: errors.into_iter().map(|(k, v)| (k, merge(v))).collect(),
        streaming: stream,
    }
}

/// Identical bodies once; different ones as a union, in the order met.
fn merge(items: Vec<Schema>) -> Schema {
    Schema::union(items)
}
