//! Validators: helpers that tell whether fields of a parameter are missing, by answering a
//! message (`if (!t.title) return "title is required"`) or an object with a false flag
//! (`return { ok: false, code }`). Checking their answer rejects those fields when missing.

use std::collections::HashMap;

use swc_ecma_ast::*;

use super::absence::absent_when_true;
use super::returns::{returns_falsy, FnBody, ModuleFn};
use super::scope::{Scope, Validator};
use crate::extract::ast_util::{prop_name, unwrap_expr};

/// Validators: helpers whose first statements answer a failure when a field of a parameter
/// is missing (`if (!t.title) return "title is required"`, or `return { ok: false, ... }`),
/// and a success at the end (something falsy, or `{ ok: true, ... }`). Locals destructured or
/// read from the parameter on the way count (`const { probe_id } = input`).
pub fn validators(functions: &[ModuleFn<'_>]) -> HashMap<String, Validator> {
    let mut out = HashMap::new();
    for f in functions {
        let FnBody::Block(body) = &f.body else {
            continue;
        };
        for (i, param) in f.params.iter().enumerate() {
            let Some(param) = param else { continue };
            let marker = String::from("\u{0}param");
            let mut scope = Scope::default();
            scope.locals.insert(param.clone(), vec![marker.clone()]);
            let mut fields = Vec::new();
            let mut flag: Option<Option<String>> = None;
            for stmt in &body.stmts {
                match stmt {
                    Stmt::Decl(Decl::Var(v)) => {
                        for d in &v.decls {
                            let Some(init) = &d.init else { continue };
                            if let Some(path) = scope.same_value(init) {
                                scope.destructure(&d.name, &path);
                            } else if let (Pat::Ident(b), Some(p)) =
                                (&d.name, scope.falsy_when_missing(init))
                            {
                                scope.derived.insert(b.id.sym.to_string(), p);
                            }
                        }
                    }
                    Stmt::If(s) if s.alt.is_none() => {
                        let Some(this) = failure(&s.cons) else { break };
                        if flag.as_ref().is_some_and(|f| *f != this) {
                            break;
                        }
                        flag = Some(this);
                        for path in absent_when_true(&scope, &s.test) {
                            if path.first() == Some(&marker) && path.len() > 1 {
                                fields.push(path[1..].to_vec());
                            }
                        }
                    }
                    _ => break,
                }
            }
            let Some(flag) = flag else { continue };
            let ends_well = match &flag {
                None => body.stmts.last().is_some_and(returns_falsy),
                Some(key) => body
                    .stmts
                    .last()
                    .is_some_and(|s| flag_value(s, key) == Some(true)),
            };
            if !fields.is_empty() && ends_well {
                out.insert(
                    f.name.clone(),
                    Validator {
                        param: i,
                        fields,
                        flag,
                    },
                );
                break;
            }
        }
    }
    out
}

/// How a branch answers a failure: a message (`None`), or an object whose `key` is `false`
/// (`Some(key)`).
fn failure(stmt: &Stmt) -> Option<Option<String>> {
    if returns_message(stmt) {
        return Some(None);
    }
    let ret = match stmt {
        Stmt::Block(b) => match b.stmts.as_slice() {
            [only] => only,
            _ => return None,
        },
        other => other,
    };
    let Stmt::Return(ReturnStmt { arg: Some(e), .. }) = ret else {
        return None;
    };
    let Expr::Object(o) = unwrap_expr(e) else {
        return None;
    };
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv)
                if matches!(unwrap_expr(&kv.value), Expr::Lit(Lit::Bool(b)) if !b.value) =>
            {
                prop_name(&kv.key).map(Some)
            }
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })
}

/// `return { ok: true, ... }`: the literal boolean value of `key` in the returned object.
fn flag_value(stmt: &Stmt, key: &str) -> Option<bool> {
    let Stmt::Return(ReturnStmt { arg: Some(e), .. }) = stmt else {
        return None;
    };
    let Expr::Object(o) = unwrap_expr(e) else {
        return None;
    };
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some(key) => {
                match unwrap_expr(&kv.value) {
                    Expr::Lit(Lit::Bool(b)) => Some(b.value),
                    _ => None,
                }
            }
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })
}

/// `return "title is required"`: a non-empty message.
fn returns_message(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(ReturnStmt { arg: Some(e), .. }) => match unwrap_expr(e) {
            Expr::Lit(Lit::Str(s)) => !s.value.is_empty(),
            Expr::Tpl(_) => true,
            _ => false,
        },
        Stmt::Block(b) => matches!(b.stmts.as_slice(), [only] if returns_message(only)),
        _ => false,
    }
}
