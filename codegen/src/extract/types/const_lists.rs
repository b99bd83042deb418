//! Types read off constant values: `(typeof LIST)[number]` for a literal list.

use swc_ecma_ast::*;

use super::convert::literal_union;
use super::{scope, Src, TypeContext};
use crate::extract::ast_util::{str_value, unwrap_expr};
use crate::model::{Literal, Schema};

impl TypeContext<'_> {
    /// `(typeof LIST)[number]` where `const LIST = ["a", "b"] as const` in the same file: the
    /// union of the listed literals.
    pub(super) fn list_element(&self, src: &Src, ix: &TsIndexedAccessType) -> Option<Schema> {
        let TsType::TsKeywordType(k) = &*ix.index_type else {
            return None;
        };
        if k.kind != TsKeywordTypeKind::TsNumberKeyword {
            return None;
        }
        let mut obj = &*ix.obj_type;
        while let TsType::TsParenthesizedType(p) = obj {
            obj = &p.type_ann;
        }
        let TsType::TsTypeQuery(q) = obj else {
            return None;
        };
        let TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(name)) = &q.expr_name else {
            return None;
        };
        let file = self.file_of(src);
        let (scope::Declared::Const(init), _) = scope::local(&file.get().module, &name.sym)? else {
            return None;
        };
        let Expr::Array(list) = unwrap_expr(init) else {
            return None;
        };
        let items = list
            .elems
            .iter()
            .map(|e| match e.as_ref().map(|e| unwrap_expr(&e.expr)) {
                Some(Expr::Lit(Lit::Str(s))) => Some(Schema::Const(Literal::String(str_value(s)))),
                Some(Expr::Lit(Lit::Num(n))) => Some(Schema::Const(Literal::number(n.value))),
                Some(Expr::Lit(Lit::Bool(b))) => Some(Schema::Const(Literal::Bool(b.value))),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        (!items.is_empty()).then(|| literal_union(items))
    }
}
