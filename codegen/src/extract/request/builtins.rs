//! What the language's own methods and `typeof` names say about a value's type.

use crate::model::Schema;

/// Methods only arrays have (`slice`, `includes`, `indexOf`, `concat` exist on strings too).
pub(super) const ARRAY_METHODS: &[&str] = &[
    "map",
    "forEach",
    "filter",
    "reduce",
    "some",
    "every",
    "find",
    "findIndex",
    "join",
    "flatMap",
    "sort",
];
/// Methods only strings have.
pub(super) const STRING_METHODS: &[&str] = &[
    "trim",
    "toLowerCase",
    "toUpperCase",
    "split",
    "startsWith",
    "endsWith",
    "replace",
    "replaceAll",
    "padStart",
    "charAt",
    "substring",
    "match",
    "normalize",
];

/// The type a `typeof x === "..."` check names.
pub(super) fn typeof_name(s: &str) -> Option<Schema> {
    Some(match s {
        "string" => Schema::string(),
        "number" | "bigint" => Schema::Number,
        "boolean" => Schema::Boolean,
        "object" => Schema::Object(Default::default()),
        _ => return None,
    })
}

/// `string`, `number`, `boolean` written as a type: that schema.
pub(super) fn keyword_type(t: &swc_ecma_ast::TsType) -> Option<Schema> {
    use swc_ecma_ast::{TsKeywordTypeKind, TsType};
    match t {
        TsType::TsKeywordType(k) => match k.kind {
            TsKeywordTypeKind::TsStringKeyword => Some(Schema::string()),
            TsKeywordTypeKind::TsNumberKeyword => Some(Schema::Number),
            TsKeywordTypeKind::TsBooleanKeyword => Some(Schema::Boolean),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `e` always gives a string: a string literal or template, `String(x)`,
/// `new Date().toISOString()`, `crypto.randomUUID()`, or a string method on one of those
/// (`.slice(0, 10)`). Fallbacks like that prove a string as a literal one does.
pub(super) fn string_valued(e: &swc_ecma_ast::Expr) -> bool {
    use crate::extract::ast_util::{is_ident, method_call, unwrap_expr};
    use swc_ecma_ast::{Callee, Expr, Lit};
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(_)) | Expr::Tpl(_) => true,
        Expr::Call(c) => {
            if let Callee::Expr(f) = &c.callee {
                if is_ident(f, "String") {
                    return true;
                }
            }
            let Some((obj, m)) = method_call(c) else {
                return false;
            };
            match &*m {
                "toISOString" | "toString" | "toLowerCase" | "toUpperCase" | "trim"
                | "trimStart" | "trimEnd" | "join" | "padStart" | "padEnd" | "toFixed"
                | "toLocaleDateString" | "toLocaleString" | "toLocaleTimeString"
                | "toDateString" | "toTimeString" | "toUTCString" | "randomUUID" => true,
                "slice" | "substring" | "substr" | "replace" | "replaceAll" | "charAt"
                | "normalize" | "repeat" => string_valued(obj),
                _ => false,
            }
        }
        _ => false,
    }
}
