//! Validators: helpers that tell whether fields of a parameter are missing, by answering a
//! message (`if (!t.title) return "title is required"`), an object with a false flag
//! (`return { ok: false, code }`) or one with an error (`return { error: json(..., 401) }`).
//! Checking their answer rejects those fields when missing.

use rustc_hash::FxHashMap;
use swc_ecma_ast::*;

use super::absence::absent_when_true;
use super::returns::{returns_falsy, FnBody, ModuleFn};
use super::scope::{Failure, Scope, Validator};
use crate::extract::ast_util::{prop_name, unwrap_expr};
use crate::extract::status::error_answer;

/// Validators: helpers whose first statements answer a failure when a field of a parameter
/// is missing (`if (!t.title) return "title is required"`, or `return { ok: false, ... }`),
/// and a success at the end (something falsy, or `{ ok: true, ... }`). Locals destructured or
/// read from the parameter on the way count (`const { probe_id } = input`).
pub fn validators(functions: &[ModuleFn<'_>]) -> FxHashMap<String, Validator> {
    let mut out = FxHashMap::default();
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
            let mut flag: Option<Failure> = None;
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
                                scope.derived.insert(b.id.sym.as_str().to_owned(), p);
                            }
                        }
                    }
                    Stmt::If(s) if s.alt.is_none() => {
                        let Some(this) = failure(&s.cons) else { break };
                        if flag.as_ref().is_some_and(|f| *f != this) {
                            break;
                        }
                        flag = Some(this);
                        // The parameter itself (`if (!token)`) or a field of it.
                        for path in absent_when_true(&scope, &s.test) {
                            if path.first() == Some(&marker) {
                                fields.push(path[1..].to_vec());
                            }
                        }
                    }
                    _ => break,
                }
            }
            let Some(failure) = flag else { continue };
            let last = body.stmts.last();
            let ends_well = match &failure {
                Failure::Answer => last.is_some_and(returns_falsy),
                Failure::FalsyKey(key) => last.is_some_and(|s| flag_value(s, key) == Some(true)),
                // `return { session }`: an answer without the error.
                Failure::TruthyKey { key, .. } => last.is_some_and(|s| {
                    returned_object(s).is_some_and(|o| key_value(o, key).is_none())
                }),
            };
            if !fields.is_empty() && ends_well {
                out.insert(
                    f.name.clone(),
                    Validator {
                        param: i,
                        fields,
                        failure,
                    },
                );
                break;
            }
        }
    }
    out
}

/// How a branch answers a failure: a message, an object whose key is `false`, or an object
/// whose one key holds an error (a message or an error response).
fn failure(stmt: &Stmt) -> Option<Failure> {
    if returns_message(stmt) {
        return Some(Failure::Answer);
    }
    let ret = match stmt {
        Stmt::Block(b) => match b.stmts.as_slice() {
            [only] => only,
            _ => return None,
        },
        other => other,
    };
    let o = returned_object(ret)?;
    let falsy = o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv)
                if matches!(unwrap_expr(&kv.value), Expr::Lit(Lit::Bool(b)) if !b.value) =>
            {
                prop_name(&kv.key).map(Failure::FalsyKey)
            }
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    });
    falsy.or_else(|| match o.props.as_slice() {
        [PropOrSpread::Prop(p)] => match &**p {
            Prop::KeyValue(kv) => {
                let value = unwrap_expr(&kv.value);
                let responds = error_answer(value);
                let message = matches!(value, Expr::Lit(Lit::Str(s)) if !s.value.is_empty())
                    || matches!(value, Expr::Tpl(_));
                let key = prop_name(&kv.key)?;
                (responds || message).then_some(Failure::TruthyKey { key, responds })
            }
            _ => None,
        },
        _ => None,
    })
}

/// `return { ... }`: the object returned.
fn returned_object(stmt: &Stmt) -> Option<&ObjectLit> {
    let Stmt::Return(ReturnStmt { arg: Some(e), .. }) = stmt else {
        return None;
    };
    match unwrap_expr(e) {
        Expr::Object(o) => Some(o),
        _ => None,
    }
}

/// The value of `key` in an object literal (a shorthand `{ key }` is its own name).
fn key_value<'o>(o: &'o ObjectLit, key: &str) -> Option<&'o Prop> {
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some(key) => Some(&**p),
            Prop::Shorthand(i) if &*i.sym == key => Some(&**p),
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })
}

/// `return { ok: true, ... }`: the literal boolean value of `key` in the returned object.
fn flag_value(stmt: &Stmt, key: &str) -> Option<bool> {
    match key_value(returned_object(stmt)?, key)? {
        Prop::KeyValue(kv) => match unwrap_expr(&kv.value) {
            Expr::Lit(Lit::Bool(b)) => Some(b.value),
            _ => None,
        },
        _ => None,
    }
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
