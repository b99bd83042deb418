//! Schemas → TypeScript type expressions, written into one output string (large apps render
//! megabytes of types; a `String` per node and joins cost more than the writing).

use crate::emit::json::escape_into;
use crate::model::{Literal, ObjectType, Schema, StringFormat};

/// Write a TypeScript string literal (JSON escaping is valid TypeScript).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s);
    out.push('"');
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Write a property key: bare when it is an identifier, quoted otherwise.
fn write_key(out: &mut String, s: &str) {
    if is_identifier(s) {
        out.push_str(s);
    } else {
        write_string(out, s);
    }
}

fn write_literal(out: &mut String, l: &Literal) {
    match l {
        Literal::String(s) => write_string(out, s),
        Literal::Number(n) => out.push_str(n),
        Literal::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

/// `n` spaces.
fn pad(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        left -= k;
    }
}

/// Write the JSDoc for a description, indented by `indent` spaces.
pub fn write_jsdoc(out: &mut String, desc: Option<&str>, indent: usize) {
    let Some(d) = desc else {
        return;
    };
    pad(out, indent);
    out.push_str("/**\n");
    // Lines joined by line breaks: an empty description leaves one empty line.
    for (i, l) in d.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        pad(out, indent);
        out.push_str(" * ");
        if l.contains("*/") {
            out.push_str(&l.replace("*/", "* /"));
        } else {
            out.push_str(l);
        }
    }
    out.push('\n');
    pad(out, indent);
    out.push_str(" */\n");
}

/// Write the TypeScript type of `schema` (`indent`: spaces before the current line, for
/// objects).
pub fn write_type(out: &mut String, schema: &Schema, indent: usize) {
    match schema {
        Schema::Any => out.push_str("unknown"),
        Schema::Null => out.push_str("null"),
        Schema::Boolean => out.push_str("boolean"),
        Schema::Number | Schema::Integer => out.push_str("number"),
        Schema::String(Some(StringFormat::Binary)) => out.push_str("File | Blob"),
        Schema::String(_) => out.push_str("string"),
        Schema::Const(l) => write_literal(out, l),
        Schema::Enum(ls) => {
            for (i, l) in ls.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                write_literal(out, l);
            }
        }
        Schema::Array(item) => {
            let start = out.len();
            write_type(out, item, indent);
            let t = &out[start..];
            // A union (`a | b`) needs parentheses before `[]`; an object literal does not.
            if !t.starts_with('{') && t.contains(' ') {
                out.insert(start, '(');
                out.push_str(")[]");
            } else {
                out.push_str("[]");
            }
        }
        Schema::Tuple {
            items,
            min_items,
            rest,
        } => {
            out.push('[');
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_type(out, s, indent);
                if i >= *min_items {
                    out.push('?');
                }
            }
            if let Some(r) = rest {
                if !items.is_empty() {
                    out.push_str(", ");
                }
                out.push_str("...(");
                write_type(out, r, indent);
                out.push_str(")[]");
            }
            out.push(']');
        }
        Schema::Object(o) => write_object(out, o, indent),
        Schema::Union(items) => {
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                write_type(out, s, indent);
            }
        }
        Schema::Ref(name) => out.push_str(name),
    }
}

/// Write an object type literal, one property per line with its JSDoc.
fn write_object(out: &mut String, o: &ObjectType, indent: usize) {
    if o.properties.is_empty() {
        match &o.additional {
            Some(a) => {
                out.push_str("Record<string, ");
                write_type(out, a, indent);
                out.push('>');
            }
            None => out.push_str("Record<string, unknown>"),
        }
        return;
    }
    let inner = indent + 2;
    out.push_str("{\n");
    for (name, p) in &o.properties {
        write_jsdoc(out, p.description.as_deref(), inner);
        pad(out, inner);
        write_key(out, name);
        out.push_str(if p.required { ": " } else { "?: " });
        write_type(out, &p.schema, inner);
        out.push_str(";\n");
    }
    if let Some(a) = &o.additional {
        pad(out, inner);
        out.push_str("[key: string]: ");
        write_type(out, a, inner);
        out.push_str(";\n");
    }
    pad(out, indent);
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Property;

    fn ts(schema: &Schema) -> String {
        let mut out = String::new();
        write_type(&mut out, schema, 0);
        out
    }

    fn doc(d: &str, indent: usize) -> String {
        let mut out = String::new();
        write_jsdoc(&mut out, Some(d), indent);
        out
    }

    fn object(props: Vec<(&str, Property)>, additional: Option<Schema>) -> Schema {
        Schema::Object(ObjectType {
            properties: props.into_iter().map(|(k, p)| (k.to_string(), p)).collect(),
            additional: additional.map(Box::new),
        })
    }

    #[test]
    fn shapes_print_as_before() {
        let s = Schema::string;
        let union = Schema::Union(vec![s(), Schema::Null]);
        let lit = |x: &str| Literal::String(x.to_string());
        let mut described = Property::optional(Schema::Array(Box::new(union.clone())));
        described.description = Some("Two lines,\nthe second with */ in it".to_string());
        let inner = object(vec![("a b", Property::required(Schema::Number))], None);
        let cases = [
            (Schema::Array(Box::new(union.clone())), "(string | null)[]"),
            (
                Schema::Array(Box::new(Schema::Array(Box::new(union.clone())))),
                "((string | null)[])[]",
            ),
            (
                Schema::Array(Box::new(object(vec![], Some(Schema::Any)))),
                "(Record<string, unknown>)[]",
            ),
            (
                Schema::Enum(vec![lit("x\"y"), Literal::Bool(true), Literal::number(1.5)]),
                "\"x\\\"y\" | true | 1.5",
            ),
            (
                Schema::Tuple {
                    items: vec![s(), Schema::Boolean],
                    min_items: 1,
                    rest: Some(Box::new(union.clone())),
                },
                "[string, boolean?, ...(string | null)[]]",
            ),
            (
                Schema::Tuple {
                    items: vec![],
                    min_items: 0,
                    rest: Some(Box::new(s())),
                },
                "[...(string)[]]",
            ),
            (
                object(
                    vec![
                        ("list", described),
                        ("nested", Property::required(inner.clone())),
                        ("$ok_1", Property::required(Schema::Array(Box::new(inner)))),
                    ],
                    Some(Schema::Integer),
                ),
                "{\n  $ok_1: {\n    \"a b\": number;\n  }[];\n  /**\n   * Two lines,\n   * the second with * / in it\n   */\n  list?: (string | null)[];\n  nested: {\n    \"a b\": number;\n  };\n  [key: string]: number;\n}",
            ),
        ];
        for (schema, expected) in cases {
            assert_eq!(ts(&schema), expected);
        }
        assert_eq!(doc("", 2), "  /**\n\n   */\n");
        assert_eq!(doc("one", 0), "/**\n * one\n */\n");
    }
}
