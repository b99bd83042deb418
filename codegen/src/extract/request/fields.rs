//! What the code proves about each input field, and the schema that follows from it.

use std::collections::BTreeMap;

use crate::model::{Literal, ObjectType, Property, Schema, StringFormat};

/// Evidence about one field.
#[derive(Clone, Debug, Default)]
pub struct Field {
    /// A default, `??` or `||` shows the code copes with a missing value (a `?.` read proves
    /// nothing). Informative only: a rejection of a missing value still makes it required.
    pub optional: bool,
    /// A rejection (`4xx` / `throw`) when it is missing shows it must be present.
    pub required: bool,
    /// Types seen in `typeof` checks, defaults, methods called on it...
    pub types: Vec<Schema>,
    /// Literal values it was compared with.
    pub literals: Vec<Literal>,
    /// Values other than `literals` are rejected (a `default:`/`else` branch answering 4xx).
    pub closed: bool,
    /// The values accepted, when a check on every path with no ok answer before it closes
    /// the field: every accepted request passed it, so literals only compared elsewhere
    /// (`ex === "binance" ? a : b`) are not among them. Each such check narrows it.
    pub exact: Option<Vec<Literal>>,
    /// Values of any type are accepted: a `typeof` dispatch whose last `else` takes the rest.
    /// The types checked along the way then say nothing about what is accepted.
    pub open: bool,
    /// Fields read off it (`body.user.id`, `{ user: { id } }`).
    pub nested: BTreeMap<String, Field>,
    /// What is read off each of its items, when it is an array the code iterates over.
    pub items: Option<Box<Field>>,
    /// The type the code declares for it (`body.items as Item[]`): it wins over evidence.
    pub declared: Option<Schema>,
    /// The literal that stands in for a missing value (`{ action = "list" }`,
    /// `body.action || "list"`): a dispatch takes a missing value as that one.
    pub default: Option<Literal>,
}

/// The path segment that stands for "each item" of an array field.
pub const ITEMS: &str = "[]";

/// Whether `path` is a field's `.length` (`x.length`, `x?.length`): a string or array
/// property, not an input field of its own.
pub fn is_length(path: &[String]) -> bool {
    path.len() > 1 && path.last().is_some_and(|l| l == "length")
}

impl Field {
    /// Add a type (deduplicated).
    pub fn add_type(&mut self, t: Schema) {
        if !self.types.contains(&t) {
            self.types.push(t);
        }
    }

    /// The values a closed field accepts.
    pub fn accepted(&self) -> &[Literal] {
        self.exact.as_deref().unwrap_or(&self.literals)
    }

    /// The field's schema from its evidence; `{}` without any.
    pub fn schema(&self) -> Schema {
        if let Some(declared) = &self.declared {
            return declared.clone();
        }
        // Nested reads make an object, unless other evidence says it is a scalar or array
        // (`file.name` on an uploaded file, say).
        let scalar = self
            .types
            .iter()
            .any(|t| !matches!(t, Schema::Object(_) | Schema::Any));
        if !self.nested.is_empty() && !scalar {
            return Schema::Object(object(&self.nested));
        }
        if !self.accepted().is_empty() && self.closed {
            let mut lits = self.accepted().to_vec();
            lits.sort();
            lits.dedup();
            return if lits.len() == 1 {
                Schema::Const(lits.remove(0))
            } else {
                Schema::Enum(lits)
            };
        }
        if self.open {
            return Schema::Any;
        }
        let mut types = self.types.clone();
        for l in &self.literals {
            let t = match l {
                Literal::String(_) => Schema::string(),
                Literal::Number(_) => Schema::Number,
                Literal::Bool(_) => Schema::Boolean,
            };
            if !types.contains(&t) {
                types.push(t);
            }
        }
        // A file or a string: the file wins (a binary field is also a string on the wire).
        if types.contains(&Schema::String(Some(StringFormat::Binary))) {
            return Schema::String(Some(StringFormat::Binary));
        }
        // Items read one by one: an array of what they show.
        if let Some(items) = &self.items {
            types.retain(|t| !matches!(t, Schema::Array(_)));
            types.push(Schema::Array(Box::new(items.schema())));
        }
        // Specific array evidence beats "some array".
        if types
            .iter()
            .any(|t| matches!(t, Schema::Array(i) if **i != Schema::Any))
        {
            types.retain(|t| *t != Schema::Array(Box::new(Schema::Any)));
        }
        Schema::union(types)
    }
}

/// The object schema of a set of fields: required only where the code proves it.
pub fn object(fields: &BTreeMap<String, Field>) -> ObjectType {
    ObjectType {
        properties: fields
            .iter()
            .map(|(name, f)| {
                (
                    name.clone(),
                    Property {
                        schema: f.schema(),
                        // A rejection of a missing value holds on every path; a fallback
                        // elsewhere (`body.x ?? ""`) is only defensive.
                        required: f.required,
                        description: None,
                    },
                )
            })
            .collect(),
        additional: None,
    }
}

/// `{ product = "disbursement" }` before a dispatch: what the default proves about a field
/// (its type, optional, the value standing in for it) holds in each branch reading it.
pub fn keep_defaults(branch: &mut BTreeMap<String, Field>, outside: &BTreeMap<String, Field>) {
    for (key, f) in branch.iter_mut() {
        let Some(default) = outside.get(key).and_then(|o| o.default.clone()) else {
            continue;
        };
        f.optional = true;
        f.add_type(match &default {
            Literal::String(_) => Schema::string(),
            Literal::Bool(_) => Schema::Boolean,
            Literal::Number(_) => Schema::Number,
        });
        f.default.get_or_insert(default);
    }
}
