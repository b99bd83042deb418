//! Diagnostics: every problem the generator reports, with `path:line:col` and a source snippet.

use std::fmt;

/// How bad a diagnostic is. Errors drop the function from the output; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The function (or the whole run, for discovery problems) could not be generated.
    Error,
    /// Output was generated, but something was approximated (usually as `{}`).
    Warning,
}

/// One message about one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the app root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem has no position (a missing file, say).
    pub line: usize,
    /// 1-based column in characters; 0 when there is no position.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What went wrong, in one sentence.
    pub message: String,
    /// The offending source line with a caret under the column, when known.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error about a file as a whole.
    pub fn file_error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message: message.into(),
            snippet: None,
        }
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {kind}: {}",
                self.path, self.line, self.col, self.message
            )?;
        } else {
            write!(f, "{}: {kind}: {}", self.path, self.message)?;
        }
        if let Some(snippet) = &self.snippet {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

/// How many characters of a source line a snippet shows, and how many before the column.
const WINDOW: usize = 120;
const WINDOW_BEFORE: usize = 60;

/// Line/column lookup and snippets for one source text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text` (`\n`, so CRLF works too).
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based line and character column of a byte offset (clamped into the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line, col + 1)
    }

    /// The source line holding `line` with a caret under `col`, trimmed of its line ending.
    pub fn snippet(&self, text: &str, line: usize, col: usize) -> Option<String> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).copied().unwrap_or(text.len());
        let src = text.get(start..end)?.trim_end_matches(['\n', '\r']);
        // Long (minified, generated) lines would flood the terminal: show a window around the
        // column; the position printed before the snippet stays exact.
        let skip = col.saturating_sub(1).saturating_sub(WINDOW_BEFORE);
        let mut shown: String = src.chars().skip(skip).take(WINDOW).collect();
        if skip > 0 {
            shown.insert(0, '…');
        }
        if src.chars().count() > skip + WINDOW {
            shown.push('…');
        }
        let pad: String = shown
            .chars()
            .take(col.saturating_sub(1) - skip + usize::from(skip > 0))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        Some(format!("  | {shown}\n  | {pad}^"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_and_snippet() {
        let text = "ab\r\ncdé f\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        // é is two bytes but one column
        assert_eq!(idx.line_col(text, 9), (2, 5));
        assert_eq!(
            idx.snippet(text, 2, 5).as_deref(),
            Some("  | cdé f\n  |     ^")
        );
    }
}
