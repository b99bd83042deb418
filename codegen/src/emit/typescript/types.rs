//! Schemas → TypeScript type expressions.

use std::fmt::Write;

use crate::model::{Literal, ObjectType, Schema, StringFormat};

/// A TypeScript string literal (JSON escaping is valid TypeScript).
pub fn ts_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property key: bare when it is an identifier, quoted otherwise.
pub fn key(s: &str) -> String {
    if is_identifier(s) {
        s.to_string()
    } else {
        ts_string(s)
    }
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => ts_string(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
    }
}

/// JSDoc for a description, indented.
pub fn jsdoc(desc: Option<&str>, indent: &str) -> String {
    match desc {
        None => String::new(),
        Some(d) => {
            let body: Vec<String> = d
                .lines()
                .map(|l| format!("{indent} * {}", l.replace("*/", "* /")))
                .collect();
            format!("{indent}/**\n{}\n{indent} */\n", body.join("\n"))
        }
    }
}

/// The TypeScript type of `schema` (`indent` is the current nesting, for objects).
pub fn ts_type(schema: &Schema, indent: &str) -> String {
    match schema {
        Schema::Any => "unknown".into(),
        Schema::Null => "null".into(),
        Schema::Boolean => "boolean".into(),
        Schema::Number | Schema::Integer => "number".into(),
        Schema::String(Some(StringFormat::Binary)) => "File | Blob".into(),
        Schema::String(_) => "string".into(),
        Schema::Const(l) => literal(l),
        Schema::Enum(ls) => ls.iter().map(literal).collect::<Vec<_>>().join(" | "),
        Schema::Array(item) => {
            let t = ts_type(item, indent);
            if t.contains(' ') && !t.starts_with('{') {
                format!("({t})[]")
            } else {
                format!("{t}[]")
            }
        }
        Schema::Tuple {
            items,
            min_items,
            rest,
        } => {
            let mut parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let t = ts_type(s, indent);
                    if i >= *min_items {
                        format!("{t}?")
                    } else {
                        t
                    }
                })
                .collect();
            if let Some(r) = rest {
                parts.push(format!("...({})[]", ts_type(r, indent)));
            }
            format!("[{}]", parts.join(", "))
        }
        Schema::Object(o) => object(o, indent),
        Schema::Union(items) => items
            .iter()
            .map(|i| ts_type(i, indent))
            .collect::<Vec<_>>()
            .join(" | "),
        Schema::Ref(name) => name.clone(),
    }
}

/// An object type literal, one property per line with its JSDoc.
pub fn object(o: &ObjectType, indent: &str) -> String {
    if o.properties.is_empty() {
        return match &o.additional {
            Some(a) => format!("Record<string, {}>", ts_type(a, indent)),
            None => "Record<string, unknown>".into(),
        };
    }
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for (name, p) in &o.properties {
        out.push_str(&jsdoc(p.description.as_deref(), &inner));
        let opt = if p.required { "" } else { "?" };
        let _ = writeln!(
            out,
            "{inner}{}{opt}: {};",
            key(name),
            ts_type(&p.schema, &inner)
        );
    }
    if let Some(a) = &o.additional {
        let _ = writeln!(out, "{inner}[key: string]: {};", ts_type(a, &inner));
    }
    out.push_str(indent);
    out.push('}');
    out
}
