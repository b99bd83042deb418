//! What the handler answers: success body, error statuses, streaming.

use std::collections::BTreeMap;

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::handler::{unwrap_expr, Handler};
use crate::diagnostics::Diagnostic;
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

/// Collect the statuses the handler answers with.
pub fn analyze(_file: &ParsedFile, handler: &Handler, _warnings: &mut Vec<Diagnostic>) -> Output {
    let mut found = Responses::default();
    handler.func.visit(&mut found);
    let streaming = found.stream;
    Output {
        response: (found.json_ok && !streaming).then_some(Schema::Any),
        kind: if streaming {
            ResponseKind::Stream
        } else if found.json_ok {
            ResponseKind::Json
        } else {
            ResponseKind::Unknown
        },
        errors: found.errors.into_iter().map(|s| (s, Schema::Any)).collect(),
        streaming,
    }
}

#[derive(Default)]
struct Responses {
    json_ok: bool,
    stream: bool,
    errors: std::collections::BTreeSet<u16>,
}

fn status_of(init: Option<&ExprOrSpread>) -> Option<u16> {
    let Expr::Object(o) = unwrap_expr(&init?.expr) else {
        return None;
    };
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if matches!(&kv.key, PropName::Ident(i) if &*i.sym == "status") => {
                match unwrap_expr(&kv.value) {
                    Expr::Lit(Lit::Num(n)) => Some(n.value as u16),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    })
}

impl Visit for Responses {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            if let Expr::Member(m) = unwrap_expr(callee) {
                let is_response =
                    matches!(unwrap_expr(&m.obj), Expr::Ident(i) if &*i.sym == "Response");
                if is_response && matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "json") {
                    match status_of(call.args.get(1)) {
                        Some(s) if s >= 400 => {
                            self.errors.insert(s);
                        }
                        _ => self.json_ok = true,
                    }
                }
            }
        }
        call.visit_children_with(self);
    }

    fn visit_new_expr(&mut self, new: &NewExpr) {
        if matches!(unwrap_expr(&new.callee), Expr::Ident(i) if &*i.sym == "ReadableStream") {
            self.stream = true;
        }
        if matches!(unwrap_expr(&new.callee), Expr::Ident(i) if &*i.sym == "Response") {
            let args = new.args.as_deref().unwrap_or(&[]);
            if let Some(s) = status_of(args.get(1)).filter(|s| *s >= 400) {
                self.errors.insert(s);
            }
        }
        new.visit_children_with(self);
    }
}
