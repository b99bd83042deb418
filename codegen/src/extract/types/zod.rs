//! zod schemas as types: `z.object({...})` and friends, and `z.infer<typeof Schema>`.
//! Refinements (`.min()`, `.email()`, ...) do not change the JSON shape and are ignored.

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;

use super::scope::{self, Declared, Src};
use super::TypeContext;
use crate::extract::ast_util::{method_call, prop_name, str_value, unwrap_expr};
use crate::model::{Literal, ObjectType, Property, Schema};

/// Deepest zod expression chain followed.
const MAX_ZOD_DEPTH: usize = 64;

/// The schema bound to the zod constant `name` in `src`, as a named def.
pub(super) fn named(
    ctx: &mut TypeContext<'_>,
    src: &Src,
    name: &str,
    span: Span,
) -> Option<Schema> {
    let file = ctx.file_of(src);
    let file = file.get();
    if scope::local(&file.module, name).is_none() {
        // `z.infer<typeof Schema>` with `Schema` imported from a relative module: read there.
        if let Some(scope::Origin::Named { spec, remote, span }) = scope::origin(&file.module, name)
        {
            if let Some(module) = ctx.load(src, &spec, span) {
                if let Some((Declared::Const(_), _)) = scope::local(&module.module, &remote) {
                    return named(ctx, &Src::Module(module), &remote, span);
                }
            }
        }
    }
    let Some((Declared::Const(expr), stmt_span)) = scope::local(&file.module, name) else {
        ctx.warn(
            src,
            span,
            format!("`{name}` is not a zod schema declared in this file or imported from one; using {{}}"),
        );
        return Some(Schema::Any);
    };
    // Probe first: only real zod expressions become defs.
    if schema(ctx, src, expr, 0).is_none() {
        ctx.warn(
            src,
            span,
            format!("`{name}` is not a recognised zod schema; using {{}}"),
        );
        return Some(Schema::Any);
    }
    let key = (file.path.clone(), name.to_string());
    let doc = file.jsdoc(stmt_span.lo);
    let def_name = name
        .strip_suffix("Schema")
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
        .to_string();
    let key = (key.0, def_name);
    Some(ctx.define(key, doc, |ctx| {
        schema(ctx, src, expr, 0).unwrap_or(Schema::Any)
    }))
}

/// The name of the schema value an expression starts from: `OrderSchema` in `OrderSchema`
/// or `OrderSchema.extend({...}).strict()`. Not the library's namespace in `z.object({...})`:
/// only names a schema method is called on count.
pub(super) fn root_name(expr: &Expr) -> Option<String> {
    const SCHEMA_METHODS: &[&str] = &[
        "extend",
        "pick",
        "omit",
        "partial",
        "deepPartial",
        "required",
        "merge",
        "strict",
        "passthrough",
        "strip",
        "refine",
        "superRefine",
        "transform",
    ];
    match unwrap_expr(expr) {
        Expr::Ident(i) => Some(i.sym.as_str().to_owned()),
        Expr::Call(c) => {
            let (obj, method) = method_call(c)?;
            if let Expr::Ident(i) = unwrap_expr(obj) {
                return SCHEMA_METHODS
                    .contains(&&*method)
                    .then(|| i.sym.as_str().to_owned());
            }
            root_name(obj)
        }
        _ => None,
    }
}

/// The schema of a zod expression, or `None` when `expr` is not one.
pub(super) fn schema(
    ctx: &mut TypeContext<'_>,
    src: &Src,
    expr: &Expr,
    depth: usize,
) -> Option<Schema> {
    if depth > MAX_ZOD_DEPTH {
        return None;
    }
    let expr = unwrap_expr(expr);
    if let Expr::Ident(i) = expr {
        // A schema bound to a name in the same file.
        let file = ctx.file_of(src);
        let file = file.get();
        if let Some((Declared::Const(init), _)) = scope::local(&file.module, &i.sym) {
            return schema(ctx, src, init, depth + 1);
        }
        // A schema imported from a relative module (`import { BaseSchema } from
        // "../_shared/schemas.ts"`, then `BaseSchema.extend({...})`).
        let Some(scope::Origin::Named { spec, remote, span }) = scope::origin(&file.module, &i.sym)
        else {
            return None;
        };
        let module = ctx.load(src, &spec, span)?;
        let Some((Declared::Const(init), _)) = scope::local(&module.module, &remote) else {
            return None;
        };
        let from = Src::Module(std::sync::Arc::clone(&module));
        return schema(ctx, &from, init, depth + 1);
    }
    let Expr::Call(call) = expr else { return None };
    let (obj, method) = method_call(call)?;
    let arg = |i: usize| call.args.get(i).map(|a| &*a.expr);
    // z.<ctor>(...)
    if matches!(unwrap_expr(obj), Expr::Ident(z) if &*z.sym == "z") {
        return Some(match &*method {
            "string" => Schema::string(),
            "number" => Schema::Number,
            "bigint" => Schema::Integer,
            "boolean" => Schema::Boolean,
            "null" => Schema::Null,
            "date" | "coerce" => super::convert::date_time(),
            "any" | "unknown" => Schema::Any,
            "literal" => match arg(0).map(unwrap_expr) {
                Some(Expr::Lit(Lit::Str(s))) => Schema::Const(Literal::String(str_value(s))),
                Some(Expr::Lit(Lit::Num(n))) => Schema::Const(Literal::number(n.value)),
                Some(Expr::Lit(Lit::Bool(b))) => Schema::Const(Literal::Bool(b.value)),
                _ => Schema::Any,
            },
            "enum" => match arg(0).map(unwrap_expr) {
                Some(Expr::Array(a)) => Schema::Enum(
                    a.elems
                        .iter()
                        .flatten()
                        .filter_map(|e| match unwrap_expr(&e.expr) {
                            Expr::Lit(Lit::Str(s)) => Some(Literal::String(str_value(s))),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => Schema::string(),
            },
            "array" => Schema::Array(Box::new(item(ctx, src, arg(0), depth))),
            "record" => {
                let value = if call.args.len() > 1 { arg(1) } else { arg(0) };
                Schema::Object(ObjectType {
                    properties: Default::default(),
                    additional: Some(Box::new(item(ctx, src, value, depth))),
                })
            }
            "object" => Schema::Object(object(ctx, src, arg(0)?, depth)?),
            "union" | "discriminatedUnion" => {
                let list = if method == "union" { arg(0) } else { arg(1) };
                let Some(Expr::Array(a)) = list.map(unwrap_expr) else {
                    return Some(Schema::Any);
                };
                let items: Vec<Schema> = a
                    .elems
                    .iter()
                    .flatten()
                    .map(|e| item(ctx, src, Some(&e.expr), depth))
                    .collect();
                Schema::Union(items)
            }
            "nullable" => Schema::nullable(item(ctx, src, arg(0), depth)),
            "optional" => item(ctx, src, arg(0), depth),
            _ => {
                ctx.warn(
                    src,
                    call.span,
                    format!("zod `z.{method}` is not supported; using {{}}"),
                );
                Schema::Any
            }
        });
    }
    // <schema>.<modifier>(...)
    let base = schema(ctx, src, obj, depth + 1)?;
    Some(match &*method {
        "nullable" => Schema::nullable(base),
        "nullish" | "optional" | "default" | "catch" => base,
        "array" => Schema::Array(Box::new(base)),
        // `z.number().int()`: whole numbers only.
        "int" if base == Schema::Number => Schema::Integer,
        "partial" => match ctx.object_of(&base) {
            Some(mut o) => {
                o.properties.values_mut().for_each(|p| p.required = false);
                Schema::Object(o)
            }
            None => base,
        },
        "extend" | "merge" => {
            let extra = match arg(0).map(unwrap_expr) {
                Some(Expr::Object(_)) => arg(0).and_then(|a| object(ctx, src, a, depth)),
                Some(other) => schema(ctx, src, other, depth + 1).and_then(|s| ctx.object_of(&s)),
                None => None,
            };
            match (ctx.object_of(&base), extra) {
                (Some(mut o), Some(e)) => {
                    o.properties.extend(e.properties);
                    Schema::Object(o)
                }
                _ => base,
            }
        }
        // Refinements and transforms that keep the wire shape.
        _ => base,
    })
}

fn item(ctx: &mut TypeContext<'_>, src: &Src, e: Option<&Expr>, depth: usize) -> Schema {
    e.and_then(|e| schema(ctx, src, e, depth + 1))
        .unwrap_or(Schema::Any)
}

/// Whether a zod field expression is optional (`.optional()`, `.nullish()`, `.default()`).
fn is_optional(e: &Expr) -> bool {
    let Expr::Call(call) = unwrap_expr(e) else {
        return false;
    };
    match method_call(call) {
        Some((_, m)) if matches!(&*m, "optional" | "nullish" | "default" | "catch") => true,
        Some((obj, _)) => is_optional(obj),
        None => false,
    }
}

fn object(ctx: &mut TypeContext<'_>, src: &Src, shape: &Expr, depth: usize) -> Option<ObjectType> {
    let Expr::Object(o) = unwrap_expr(shape) else {
        return None;
    };
    let mut out = ObjectType::default();
    for p in &o.props {
        let PropOrSpread::Prop(p) = p else { continue };
        let Prop::KeyValue(kv) = &**p else { continue };
        let Some(name) = prop_name(&kv.key) else {
            continue;
        };
        let s = schema(ctx, src, &kv.value, depth + 1).unwrap_or_else(|| {
            ctx.warn(src, kv.value.span(), "not a zod schema; using {}");
            Schema::Any
        });
        out.properties.insert(
            name,
            Property {
                schema: s,
                required: !is_optional(&kv.value),
                description: None,
            },
        );
    }
    Some(out)
}
