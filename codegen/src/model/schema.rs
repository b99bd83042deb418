//! The type model: a small JSON-Schema-shaped enum with deterministic (sorted) contents.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::Properties;

/// A literal value usable in `const` and `enum`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Literal {
    /// A string literal.
    String(String),
    /// A number literal, kept as its canonical JSON text so the type stays `Ord`.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
}

impl Literal {
    /// A number literal from an `f64` (integers print without a fraction).
    pub fn number(n: f64) -> Literal {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            Literal::Number(format!("{}", n as i64))
        } else {
            Literal::Number(format!("{n}"))
        }
    }

    /// The literal as a JSON value.
    pub fn to_json(&self) -> Value {
        match self {
            Literal::String(s) => Value::String(s.clone()),
            Literal::Number(n) => n
                .parse::<serde_json::Number>()
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Literal::Bool(b) => Value::Bool(*b),
        }
    }

    /// The JSON Schema `type` of the literal.
    pub fn type_name(&self) -> &'static str {
        match self {
            Literal::String(_) => "string",
            Literal::Number(n) if !n.contains(['.', 'e', 'E']) => "integer",
            Literal::Number(_) => "number",
            Literal::Bool(_) => "boolean",
        }
    }
}

/// Special string formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StringFormat {
    /// ISO 8601 date-time (`Date` values).
    DateTime,
    /// Raw bytes: an uploaded file in a form.
    Binary,
}

/// One property of an object type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Property {
    /// The property's type.
    pub schema: Schema,
    /// Whether the property must be present.
    pub required: bool,
    /// JSDoc on the property.
    pub description: Option<String>,
}

impl Property {
    /// A required property without a description.
    pub fn required(schema: Schema) -> Self {
        Property {
            schema,
            required: true,
            description: None,
        }
    }

    /// An optional property without a description.
    pub fn optional(schema: Schema) -> Self {
        Property {
            schema,
            required: false,
            description: None,
        }
    }
}

/// An object type: named properties plus, optionally, a type for any other key.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectType {
    /// Known properties by wire name.
    pub properties: Properties,
    /// Type of other keys (`Record<string, T>`, index signatures); `None` means unspecified.
    pub additional: Option<Box<Schema>>,
}

/// A type in the IR. Serializes to JSON Schema 2020-12 with [`Schema::to_json`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Schema {
    /// Anything (`{}`): no evidence of a type.
    Any,
    /// `null`.
    Null,
    /// `boolean`.
    Boolean,
    /// `number`.
    Number,
    /// An integer (array lengths, counts).
    Integer,
    /// `string`, optionally with a format.
    String(Option<StringFormat>),
    /// Exactly one literal value.
    Const(Literal),
    /// One of several literal values.
    Enum(Vec<Literal>),
    /// `T[]`.
    Array(Box<Schema>),
    /// `[A, B?, ...C[]]`: fixed items, how many are required, and the rest type.
    Tuple {
        /// Item types in order.
        items: Vec<Schema>,
        /// How many leading items are required.
        min_items: usize,
        /// Type of items after the fixed ones, if any are allowed.
        rest: Option<Box<Schema>>,
    },
    /// An object.
    Object(ObjectType),
    /// Any of several types (`A | B`); kept as written, not flattened into one object.
    Union(Vec<Schema>),
    /// A reference to a named type in `defs`.
    Ref(String),
}

impl Schema {
    /// A plain string.
    pub fn string() -> Schema {
        Schema::String(None)
    }

    /// `T | null`.
    pub fn nullable(inner: Schema) -> Schema {
        match inner {
            Schema::Any | Schema::Null => inner,
            Schema::Union(mut items) => {
                if !items.contains(&Schema::Null) {
                    items.push(Schema::Null);
                }
                Schema::Union(items)
            }
            other => Schema::Union(vec![other, Schema::Null]),
        }
    }

    /// A union of `items`: nested unions are flattened, duplicates removed (first wins),
    /// and any `Any` member makes the whole union `Any`.
    pub fn union(items: impl IntoIterator<Item = Schema>) -> Schema {
        let mut out: Vec<Schema> = Vec::new();
        for item in items {
            match item {
                Schema::Any => return Schema::Any,
                Schema::Union(inner) => {
                    for i in inner {
                        if !out.contains(&i) {
                            out.push(i);
                        }
                    }
                }
                other => {
                    if !out.contains(&other) {
                        out.push(other);
                    }
                }
            }
        }
        match out.len() {
            0 => Schema::Any,
            1 => out.remove(0),
            _ => Schema::Union(out),
        }
    }

    /// Point references to the names in `renames` at their new names.
    pub fn rename_refs(&mut self, renames: &BTreeMap<String, String>) {
        match self {
            Schema::Ref(name) => {
                if let Some(new) = renames.get(name) {
                    *name = new.clone();
                }
            }
            Schema::Array(item) => item.rename_refs(renames),
            Schema::Tuple { items, rest, .. } => {
                items.iter_mut().for_each(|i| i.rename_refs(renames));
                if let Some(r) = rest {
                    r.rename_refs(renames);
                }
            }
            Schema::Object(obj) => {
                for p in obj.properties.values_mut() {
                    p.schema.rename_refs(renames);
                }
                if let Some(a) = &mut obj.additional {
                    a.rename_refs(renames);
                }
            }
            Schema::Union(items) => items.iter_mut().for_each(|i| i.rename_refs(renames)),
            Schema::Any
            | Schema::Null
            | Schema::Boolean
            | Schema::Number
            | Schema::Integer
            | Schema::String(_)
            | Schema::Const(_)
            | Schema::Enum(_) => {}
        }
    }

    /// The JSON Schema (2020-12) form, with named types as `#/$defs/Name` references.
    pub fn to_json(&self) -> Value {
        match self {
            Schema::Any => json!({}),
            Schema::Null => json!({"type": "null"}),
            Schema::Boolean => json!({"type": "boolean"}),
            Schema::Number => json!({"type": "number"}),
            Schema::Integer => json!({"type": "integer"}),
            Schema::String(None) => json!({"type": "string"}),
            Schema::String(Some(StringFormat::DateTime)) => {
                json!({"type": "string", "format": "date-time"})
            }
            Schema::String(Some(StringFormat::Binary)) => {
                json!({"type": "string", "format": "binary"})
            }
            Schema::Const(lit) => json!({"type": lit.type_name(), "const": lit.to_json()}),
            Schema::Enum(lits) => {
                let values: Vec<Value> = lits.iter().map(Literal::to_json).collect();
                let first = lits.first().map(Literal::type_name);
                if first.is_some() && lits.iter().all(|l| Some(l.type_name()) == first) {
                    json!({"type": first, "enum": values})
                } else {
                    json!({"enum": values})
                }
            }
            Schema::Array(item) => json!({"type": "array", "items": item.to_json()}),
            Schema::Tuple {
                items,
                min_items,
                rest,
            } => {
                let mut m = Map::new();
                m.insert("type".into(), json!("array"));
                m.insert(
                    "prefixItems".into(),
                    Value::Array(items.iter().map(Schema::to_json).collect()),
                );
                m.insert("minItems".into(), json!(min_items));
                match rest {
                    Some(r) => m.insert("items".into(), r.to_json()),
                    None => m.insert("maxItems".into(), json!(items.len())),
                };
                Value::Object(m)
            }
            Schema::Object(obj) => object_json(obj),
            Schema::Union(items) => {
                json!({"anyOf": items.iter().map(Schema::to_json).collect::<Vec<_>>()})
            }
            Schema::Ref(name) => json!({"$ref": format!("#/$defs/{name}")}),
        }
    }
}

fn object_json(obj: &ObjectType) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, prop) in &obj.properties {
        let mut schema = prop.schema.to_json();
        if let (Some(desc), Value::Object(m)) = (&prop.description, &mut schema) {
            m.insert("description".into(), Value::String(desc.clone()));
        }
        props.insert(name.clone(), schema);
        if prop.required {
            required.push(Value::String(name.clone()));
        }
    }
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    m.insert("properties".into(), Value::Object(props));
    m.insert("required".into(), Value::Array(required));
    if let Some(additional) = &obj.additional {
        m.insert("additionalProperties".into(), additional.to_json());
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_schema_is_sorted_and_lists_required() {
        let mut obj = ObjectType::default();
        obj.properties
            .insert("b".into(), Property::optional(Schema::Number));
        obj.properties
            .insert("a".into(), Property::required(Schema::string()));
        let v = Schema::Object(obj).to_json();
        assert_eq!(
            serde_json::to_string(&v).unwrap_or_default(),
            r#"{"properties":{"a":{"type":"string"},"b":{"type":"number"}},"required":["a"],"type":"object"}"#
        );
    }

    #[test]
    fn union_flattens_and_any_absorbs() {
        let u = Schema::union([
            Schema::string(),
            Schema::union([Schema::Null, Schema::string()]),
        ]);
        assert_eq!(u, Schema::Union(vec![Schema::string(), Schema::Null]));
        assert_eq!(Schema::union([Schema::Null, Schema::Any]), Schema::Any);
    }
}
