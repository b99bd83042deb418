//! Adding the generated types to the app's `tsconfig.json`, as the official CLI does: the
//! `include` array gets `"base44/.types/*.d.ts"` when nothing in it covers that folder. The
//! edit is textual, so comments and formatting stay as they were.

use crate::jsonc;

/// The entry added to `include`.
pub const TYPES_GLOB: &str = "base44/.types/*.d.ts";

/// The new text of a `tsconfig.json`, or `None` when it needs no change (types already
/// included, no `include` array to extend, or not valid JSONC).
pub fn with_types_included(text: &str) -> Option<String> {
    let value = jsonc::parse(text).ok()?;
    let include = value.get("include")?.as_array()?;
    if include
        .iter()
        .filter_map(|v| v.as_str())
        .any(|s| s.contains(".types"))
    {
        return None;
    }
    // Positions in the comment-free copy are positions in the original.
    let plain = jsonc::to_plain_json(text).ok()?;
    let key = find_key(&plain, "include")?;
    let open = key + plain[key..].find('[')?;
    let rest = &plain[open + 1..];
    let empty = rest.trim_start().starts_with(']');
    let entry = if empty {
        format!("\"{TYPES_GLOB}\"")
    } else {
        format!("\"{TYPES_GLOB}\", ")
    };
    // Insert right after `[`, keeping the whitespace that follows it.
    let ws = rest.len() - rest.trim_start().len();
    let at = open + 1 + ws;
    let mut out = String::with_capacity(text.len() + entry.len());
    out.push_str(&text[..at]);
    out.push_str(&entry);
    out.push_str(&text[at..]);
    Some(out)
}

/// Byte offset of `"name"` used as a top-level key (the first occurrence outside strings is
/// enough for tsconfig files: `include` appears once, as a key).
fn find_key(plain: &str, name: &str) -> Option<usize> {
    let needle = format!("\"{name}\"");
    let mut from = 0;
    while let Some(i) = plain[from..].find(&needle) {
        let at = from + i;
        let after = plain[at + needle.len()..].trim_start();
        if after.starts_with(':') {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_types_and_keeps_comments() {
        let text = "{\n  // app sources\n  \"compilerOptions\": { \"strict\": true },\n  \"include\": [\n    \"src\", // code\n  ],\n}\n";
        let out = with_types_included(text).unwrap_or_default();
        assert_eq!(
            out,
            "{\n  // app sources\n  \"compilerOptions\": { \"strict\": true },\n  \"include\": [\n    \"base44/.types/*.d.ts\", \"src\", // code\n  ],\n}\n"
        );
        assert_eq!(
            with_types_included(&out),
            None,
            "second run changes nothing"
        );
        assert_eq!(
            with_types_included("{ \"include\": [] }").as_deref(),
            Some("{ \"include\": [\"base44/.types/*.d.ts\"] }")
        );
        assert_eq!(with_types_included("{ \"compilerOptions\": {} }"), None);
        assert_eq!(with_types_included("{ broken"), None);
    }
}
