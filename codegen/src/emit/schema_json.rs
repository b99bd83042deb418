//! JSON Schema (2020-12) text written straight from the IR: the same document
//! [`Schema::to_json`] describes, key for key, through [`JsonWriter`] instead of a `Value` tree.

use super::json::JsonWriter;
use crate::model::{Literal, ObjectType, Schema, StringFormat};

/// Where named types live in the document being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefBase {
    /// `#/$defs/Name` (the manifest).
    Defs,
    /// `#/components/schemas/Name` (OpenAPI).
    Components,
}

impl RefBase {
    fn prefix(self) -> &'static str {
        match self {
            RefBase::Defs => "#/$defs/",
            RefBase::Components => "#/components/schemas/",
        }
    }
}

/// The keys of one schema object, written in sorted order with an optional `description`
/// slotted in where it sorts.
struct Keys<'w, 'd> {
    w: &'w mut JsonWriter,
    description: Option<&'d str>,
}

impl Keys<'_, '_> {
    fn key(&mut self, key: &str) -> &mut JsonWriter {
        if key > "description" {
            self.flush_description();
        }
        self.w.key(key);
        self.w
    }

    fn flush_description(&mut self) {
        if let Some(d) = self.description.take() {
            self.w.key("description");
            self.w.string(d);
        }
    }
}

/// Write `schema` (with `description`, when given, as its `description` keyword).
pub fn write_schema(w: &mut JsonWriter, schema: &Schema, description: Option<&str>, refs: RefBase) {
    w.object(|w| {
        let mut k = Keys { w, description };
        match schema {
            Schema::Any => {}
            Schema::Null => k.key("type").string("null"),
            Schema::Boolean => k.key("type").string("boolean"),
            Schema::Number => k.key("type").string("number"),
            Schema::Integer => k.key("type").string("integer"),
            Schema::String(format) => {
                match format {
                    Some(StringFormat::DateTime) => k.key("format").string("date-time"),
                    Some(StringFormat::Binary) => k.key("format").string("binary"),
                    None => {}
                }
                k.key("type").string("string");
            }
            Schema::Const(lit) => {
                write_literal(k.key("const"), lit);
                k.key("type").string(lit.type_name());
            }
            Schema::Enum(lits) => {
                k.key("enum").array(|w| {
                    for lit in lits {
                        w.item();
                        write_literal(w, lit);
                    }
                });
                let first = lits.first().map(Literal::type_name);
                if let Some(first) = first {
                    if lits.iter().all(|l| l.type_name() == first) {
                        k.key("type").string(first);
                    }
                }
            }
            Schema::Array(item) => {
                write_schema(k.key("items"), item, None, refs);
                k.key("type").string("array");
            }
            Schema::Tuple {
                items,
                min_items,
                rest,
            } => {
                match rest {
                    Some(r) => write_schema(k.key("items"), r, None, refs),
                    None => k.key("maxItems").uint(items.len()),
                }
                k.key("minItems").uint(*min_items);
                k.key("prefixItems").array(|w| {
                    for item in items {
                        w.item();
                        write_schema(w, item, None, refs);
                    }
                });
                k.key("type").string("array");
            }
            Schema::Object(obj) => write_object(&mut k, obj, refs),
            Schema::Union(items) => {
                k.key("anyOf").array(|w| {
                    for item in items {
                        w.item();
                        write_schema(w, item, None, refs);
                    }
                });
            }
            Schema::Ref(name) => k.key("$ref").string2(refs.prefix(), name),
        }
        k.flush_description();
    });
}

fn write_object(k: &mut Keys<'_, '_>, obj: &ObjectType, refs: RefBase) {
    if let Some(additional) = &obj.additional {
        write_schema(k.key("additionalProperties"), additional, None, refs);
    }
    k.key("properties").object(|w| {
        for (name, prop) in &obj.properties {
            w.key(name);
            write_schema(w, &prop.schema, prop.description.as_deref(), refs);
        }
    });
    k.key("required").array(|w| {
        for (name, _) in obj.properties.iter().filter(|(_, p)| p.required) {
            w.item();
            w.string(name);
        }
    });
    k.key("type").string("object");
}

fn write_literal(w: &mut JsonWriter, lit: &Literal) {
    match lit {
        Literal::String(s) => w.string(s),
        Literal::Bool(b) => w.bool(*b),
        // serde_json decides how a number prints (`1e20`, `0.1`); ask it, as `to_json` does.
        Literal::Number(_) => w.value(&lit.to_json()),
    }
}
