//! A pretty JSON writer that prints exactly what `serde_json::to_string_pretty` prints for a
//! `serde_json::Value` (two-space indent, `": "`, the same string escapes), without building the
//! `Value` tree first: large apps write tens of megabytes of JSON, and the tree of small
//! allocations cost more than the rest of the run. Callers write object keys in sorted order,
//! as a `Value` map would hold them.

use std::fmt::Write as _;

/// Pretty JSON text under construction.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: String,
    depth: usize,
    /// The innermost open container has no element yet.
    empty: bool,
    /// Debug builds check that object keys come in sorted order.
    #[cfg(debug_assertions)]
    keys: Vec<Option<String>>,
}

impl JsonWriter {
    /// A writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter {
            out: String::with_capacity(capacity),
            ..JsonWriter::default()
        }
    }

    /// The text written, with a trailing newline.
    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }

    fn newline(&mut self) {
        if self.empty {
            self.out.push('\n');
        } else {
            self.out.push_str(",\n");
        }
        self.empty = false;
        self.indent();
    }

    /// Two spaces per open container, in one copy (a push per level cost a tenth of the
    /// renders).
    fn indent(&mut self) {
        const SPACES: &str = "                                                                ";
        let mut left = 2 * self.depth;
        while left > 0 {
            let n = left.min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            left -= n;
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.empty {
            self.out.push('\n');
            self.indent();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Write an object; `fields` writes its entries with [`JsonWriter::key`] and a value each.
    pub fn object(&mut self, fields: impl FnOnce(&mut Self)) {
        self.open('{');
        #[cfg(debug_assertions)]
        self.keys.push(None);
        fields(self);
        #[cfg(debug_assertions)]
        self.keys.pop();
        self.close('}');
    }

    /// Write an array; `items` writes each element after a call to [`JsonWriter::item`].
    pub fn array(&mut self, items: impl FnOnce(&mut Self)) {
        self.open('[');
        items(self);
        self.close(']');
    }

    /// Start the next object entry: its key (keys must come in sorted order).
    #[inline]
    pub fn key(&mut self, key: &str) {
        #[cfg(debug_assertions)]
        if let Some(last) = self.keys.last_mut() {
            debug_assert!(
                last.as_deref().is_none_or(|l| l < key),
                "JSON keys out of order: {last:?} then {key:?}"
            );
            *last = Some(key.to_string());
        }
        self.newline();
        self.escaped(key);
        self.out.push_str(": ");
    }

    /// Start the next array element.
    pub fn item(&mut self) {
        self.newline();
    }

    /// A string value.
    pub fn string(&mut self, s: &str) {
        self.escaped(s);
    }

    /// A string value made of two parts (`#/$defs/` + a name) without joining them first.
    pub fn string2(&mut self, a: &str, b: &str) {
        self.out.push('"');
        escape_into(&mut self.out, a);
        escape_into(&mut self.out, b);
        self.out.push('"');
    }

    /// An integer value.
    pub fn uint(&mut self, n: usize) {
        let _ = write!(self.out, "{n}");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A value printed by serde_json itself (numbers, whose text serde_json normalises).
    pub fn value(&mut self, v: &serde_json::Value) {
        let _ = write!(self.out, "{v}");
    }

    #[inline]
    fn escaped(&mut self, s: &str) {
        self.out.push('"');
        escape_into(&mut self.out, s);
        self.out.push('"');
    }
}

/// Append `s` with serde_json's escapes (`"`, `\`, and control characters; everything else as
/// is), without the quotes: JSON strings and TypeScript string literals.
///
/// Inlined: most keys and values written are literals (`"type"`, `"properties"`), whose check
/// the compiler then settles at build time.
#[inline(always)]
pub fn escape_into(out: &mut String, s: &str) {
    // Almost no key or name needs an escape: one branch-free pass settles it.
    let plain = s
        .as_bytes()
        .iter()
        .fold(true, |ok, &b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if plain {
        out.push_str(s);
    } else {
        escape_slow(out, s);
    }
}

#[inline(never)]
fn escape_slow(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_serde_json_pretty() {
        let mut w = JsonWriter::default();
        w.object(|w| {
            w.key("a");
            w.array(|_| {});
            w.key("b");
            w.object(|_| {});
            w.key("c");
            w.array(|w| {
                w.item();
                w.string("x\"\\\n\u{1}\u{7f}é\t");
                w.item();
                w.object(|w| {
                    w.key("d");
                    w.null();
                });
                w.item();
                w.bool(true);
                w.item();
                w.uint(42);
                w.item();
                w.value(&json!(1.5));
            });
        });
        let expected =
            json!({"a": [], "b": {}, "c": ["x\"\\\n\u{1}\u{7f}é\t", {"d": null}, true, 42, 1.5]});
        let mut text = serde_json::to_string_pretty(&expected).unwrap_or_default();
        text.push('\n');
        assert_eq!(w.finish(), text);
    }

    #[test]
    fn deep_nesting_indents_as_serde_json() {
        // Deeper than the indentation's one-copy run of spaces.
        fn nest(w: &mut JsonWriter, n: usize) {
            w.object(|w| {
                w.key("a");
                if n == 0 {
                    w.string("\"x\"");
                } else {
                    nest(w, n - 1);
                }
            });
        }
        let mut w = JsonWriter::default();
        nest(&mut w, 70);
        let mut expected = json!("\"x\"");
        for _ in 0..=70 {
            expected = json!({ "a": expected });
        }
        let mut text = serde_json::to_string_pretty(&expected).unwrap_or_default();
        text.push('\n');
        assert_eq!(w.finish(), text);
    }
}
