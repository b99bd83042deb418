//! Built-in generic and utility types: `Array`, `Record`, `Partial`, `Required`, `Readonly`,
//! `Pick`, `Omit`, `NonNullable`, `Exclude`, `Extract`, and the types JSON turns into strings.

use swc_common::Span;
use swc_ecma_ast::TsType;

use super::convert::{date_time, literal_union};
use super::{Src, Subst, TypeContext};
use crate::model::{Literal, ObjectType, Property, Schema, StringFormat};

impl TypeContext<'_> {
    /// The schema of built-in `name<args>`, or `None` when `name` is not a built-in.
    pub(crate) fn builtin(
        &mut self,
        src: &Src,
        name: &str,
        args: &[&TsType],
        span: Span,
        subst: &Subst,
    ) -> Option<Schema> {
        let arg = |ctx: &mut Self, i: usize| match args.get(i) {
            Some(t) => ctx.convert(src, t, subst),
            None => Schema::Any,
        };
        // Utilities act on the shape: named types are looked through.
        let shape = |ctx: &mut Self, i: usize| {
            let s = arg(ctx, i);
            ctx.resolved(s)
        };
        let schema = match name {
            "Array" | "ReadonlyArray" | "Set" | "ReadonlySet" => {
                Schema::Array(Box::new(arg(self, 0)))
            }
            "Promise" | "Readonly" | "Awaited" => arg(self, 0),
            "Date" => date_time(),
            // `(e as Error).message` in catch blocks: the declared shape of the built-in.
            "Error" | "TypeError" | "RangeError" | "SyntaxError" | "EvalError" | "URIError" => {
                let string = || Property::required(Schema::string());
                Schema::Object(ObjectType {
                    properties: [
                        ("message".to_string(), string()),
                        ("name".to_string(), string()),
                        ("stack".to_string(), Property::optional(Schema::string())),
                    ]
                    .into_iter()
                    .collect(),
                    additional: None,
                })
            }
            "File" | "Blob" => Schema::String(Some(StringFormat::Binary)),
            "Record" => {
                let key = shape(self, 0);
                let value = arg(self, 1);
                match literal_keys(&key) {
                    Some(keys) => Schema::Object(ObjectType {
                        properties: keys
                            .into_iter()
                            .map(|k| (k, Property::required(value.clone())))
                            .collect(),
                        additional: None,
                    }),
                    None => Schema::Object(ObjectType {
                        properties: Default::default(),
                        additional: Some(Box::new(value)),
                    }),
                }
            }
            "Partial" | "Required" => {
                let inner = shape(self, 0);
                let Some(mut obj) = self.object_of(&inner) else {
                    self.warn(
                        src,
                        span,
                        format!("`{name}` of a non-object type is not supported; using {{}}"),
                    );
                    return Some(Schema::Any);
                };
                for p in obj.properties.values_mut() {
                    p.required = name == "Required";
                }
                Schema::Object(obj)
            }
            "Pick" | "Omit" => {
                let inner = shape(self, 0);
                let keys = literal_keys(&shape(self, 1));
                let (Some(mut obj), Some(keys)) = (self.object_of(&inner), keys) else {
                    self.warn(
                        src,
                        span,
                        format!("`{name}` needs an object type and literal keys; using {{}}"),
                    );
                    return Some(Schema::Any);
                };
                obj.properties
                    .retain(|k, _| keys.contains(k) == (name == "Pick"));
                Schema::Object(obj)
            }
            "NonNullable" => without(shape(self, 0), |s| *s == Schema::Null),
            "Exclude" | "Extract" => {
                let from = shape(self, 0);
                let (Some(all), Some(picked)) = (literals(&from), literals(&shape(self, 1))) else {
                    self.warn(
                        src,
                        span,
                        format!("`{name}` is supported on literal unions only; using {{}}"),
                    );
                    return Some(Schema::Any);
                };
                let kept: Vec<Schema> = all
                    .into_iter()
                    .filter(|l| picked.contains(l) == (name == "Extract"))
                    .map(Schema::Const)
                    .collect();
                literal_union(kept)
            }
            "Map" | "WeakMap" | "ReadonlyMap" => {
                self.warn(
                    src,
                    span,
                    format!("`{name}` does not survive JSON; using {{}}"),
                );
                Schema::Any
            }
            _ => return None,
        };
        Some(schema)
    }
}

impl TypeContext<'_> {
    /// `schema` with a top-level reference replaced by its definition.
    pub(crate) fn resolved(&self, schema: Schema) -> Schema {
        match &schema {
            Schema::Ref(name) => match self.defs.get(name) {
                Some(d) if d.schema != Schema::Any => d.schema.clone(),
                _ => schema,
            },
            _ => schema,
        }
    }
}

/// The literal values of a literal or literal union.
fn literals(s: &Schema) -> Option<Vec<Literal>> {
    match s {
        Schema::Const(l) => Some(vec![l.clone()]),
        Schema::Enum(ls) => Some(ls.clone()),
        Schema::Union(items) => {
            let mut out = Vec::new();
            for i in items {
                out.extend(literals(i)?);
            }
            Some(out)
        }
        _ => None,
    }
}

/// Keys named by a string-literal type (`"a" | "b"`).
fn literal_keys(s: &Schema) -> Option<Vec<String>> {
    literals(s)?
        .into_iter()
        .map(|l| match l {
            Literal::String(s) => Some(s),
            Literal::Number(n) => Some(n),
            Literal::Bool(_) => None,
        })
        .collect()
}

fn without(s: Schema, drop: impl Fn(&Schema) -> bool) -> Schema {
    match s {
        Schema::Union(items) => Schema::union(items.into_iter().filter(|i| !drop(i))),
        other => other,
    }
}
