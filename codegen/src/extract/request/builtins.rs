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
