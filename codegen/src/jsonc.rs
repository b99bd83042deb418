//! JSONC (JSON with comments and trailing commas), as used by `config.jsonc`, `function.jsonc`
//! and `tsconfig.json`.

use serde_json::Value;

/// A JSONC syntax error with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsoncError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

/// Parse JSONC text into a JSON value.
pub fn parse(text: &str) -> Result<Value, JsoncError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plain = to_plain_json(text)?;
    serde_json::from_str(&plain).map_err(|e| JsoncError {
        line: e.line(),
        col: e.column(),
        message: strip_position(&e.to_string()),
    })
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Blank out comments and trailing commas with spaces, keeping every byte's line and column.
pub fn to_plain_json(text: &str) -> Result<String, JsoncError> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut last_comma: Option<usize> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                last_comma = None;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                if i >= bytes.len() {
                    let (line, col) = position(text, start);
                    return Err(JsoncError {
                        line,
                        col,
                        message: "unterminated block comment".into(),
                    });
                }
                i += 2;
                for b in &mut out[start..i] {
                    if *b != b'\n' && *b != b'\r' {
                        *b = b' ';
                    }
                }
            }
            b',' => {
                last_comma = Some(i);
                i += 1;
            }
            b'}' | b']' => {
                if let Some(c) = last_comma.take() {
                    out[c] = b' ';
                }
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                last_comma = None;
                i += 1;
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(out).map_err(|_| JsoncError {
        line: 1,
        col: 1,
        message: "invalid UTF-8".into(),
    })
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas() {
        let v = parse("{\n // c\n \"a\": [1, 2,], /* x */ \"b\": \"//not\",\n}").ok();
        assert_eq!(v, Some(serde_json::json!({"a": [1, 2], "b": "//not"})));
    }

    #[test]
    fn error_position_survives_comments() {
        let e = parse("{ /* long comment */\n  \"a\": tru }").err();
        assert_eq!(e.map(|e| (e.line, e.col)), Some((2, 11)));
    }
}
