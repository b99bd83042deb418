//! How the handler reads its input: JSON body, form data, query string, text, or legacy params.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::handler::{unwrap_expr, Handler, HandlerStyle};
use crate::diagnostics::Diagnostic;
use crate::model::{InputKind, Schema};
use crate::parse::ParsedFile;

/// The input side of a function.
pub struct Input {
    /// How the input is read.
    pub kind: InputKind,
    /// Its schema (`None` for no input).
    pub schema: Option<Schema>,
    /// Accepted HTTP methods when the code restricts them.
    pub methods: Option<Vec<String>>,
}

/// Work out the input kind (the schema is refined by the request extractors).
pub fn analyze(_file: &ParsedFile, handler: &Handler, _warnings: &mut Vec<Diagnostic>) -> Input {
    if handler.style == HandlerStyle::Legacy {
        return Input {
            kind: InputKind::Params,
            schema: Some(Schema::Any),
            methods: None,
        };
    }
    let mut reads = Reads::default();
    handler.func.visit(&mut reads);
    let kind = if reads.json {
        InputKind::Json
    } else if reads.form {
        InputKind::Formdata
    } else if reads.query {
        InputKind::Query
    } else if reads.text {
        InputKind::Text
    } else {
        InputKind::None
    };
    Input {
        kind,
        schema: (kind != InputKind::None).then_some(Schema::Any),
        methods: None,
    }
}

#[derive(Default)]
struct Reads {
    json: bool,
    form: bool,
    query: bool,
    text: bool,
}

impl Visit for Reads {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            if let Expr::Member(m) = unwrap_expr(callee) {
                if let MemberProp::Ident(p) = &m.prop {
                    match &*p.sym {
                        "json" if call.args.is_empty() => self.json = true,
                        "formData" => self.form = true,
                        "text" if call.args.is_empty() => self.text = true,
                        _ => {}
                    }
                }
            }
        }
        call.visit_children_with(self);
    }

    fn visit_member_prop(&mut self, prop: &MemberProp) {
        if matches!(prop, MemberProp::Ident(p) if &*p.sym == "searchParams") {
            self.query = true;
        }
    }
}
