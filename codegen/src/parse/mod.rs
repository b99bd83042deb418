//! Parse: read a source file and turn it into an swc AST, keeping positions for diagnostics.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use swc_common::comments::{Comment, SingleThreadedComments};
use swc_common::{BytePos, Span, Spanned};
use swc_ecma_ast::Module;
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax, TsSyntax};

use crate::diagnostics::{Diagnostic, LineIndex, Severity};

mod depth;
mod nesting;
pub use depth::MAX_DEPTH;
pub use nesting::{too_nested, MAX_NESTING};

/// swc reserves position 0 for "no position"; files start at 1.
const START: u32 = 1;

/// A parsed source file: its text, AST and comments, and what is needed to point into it.
pub struct ParsedFile {
    /// Absolute path on disk.
    pub path: PathBuf,
    /// Path relative to the app root with `/` separators, as shown in diagnostics.
    pub display: String,
    /// The source text (without a UTF-8 BOM).
    pub text: String,
    /// The module's AST.
    pub module: Module,
    /// Comments before each position, for JSDoc lookups (none kept when the file has no
    /// `/**`). Plain data, so that a parsed shared module can serve every worker.
    leading: FxHashMap<BytePos, Vec<Comment>>,
    /// Built on first use: most files never need a line number.
    lines: std::sync::OnceLock<LineIndex>,
}

impl ParsedFile {
    /// 1-based line and column of a position in this file.
    pub fn line_col(&self, pos: BytePos) -> (usize, usize) {
        let offset = pos.0.saturating_sub(START) as usize;
        self.lines().line_col(&self.text, offset)
    }

    /// A diagnostic pointing at the start of `span`.
    pub fn diagnostic(
        &self,
        span: Span,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        at(
            &self.display,
            &self.text,
            self.lines(),
            span.lo,
            severity,
            message.into(),
        )
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The source text covered by `span` (empty when out of range).
    pub fn source_of(&self, span: Span) -> &str {
        let lo = span.lo.0.saturating_sub(START) as usize;
        let hi = span.hi.0.saturating_sub(START) as usize;
        self.text.get(lo..hi).unwrap_or("")
    }

    /// The JSDoc (`/** ... */`) comment right before `pos`, cleaned of its stars.
    pub fn jsdoc(&self, pos: BytePos) -> Option<String> {
        use swc_common::comments::CommentKind;
        let comments = self.leading.get(&pos)?;
        let doc = comments
            .iter()
            .rev()
            .find(|c| c.kind == CommentKind::Block && c.text.starts_with('*'))?;
        let cleaned: Vec<&str> = doc
            .text
            .trim_start_matches('*')
            .lines()
            .map(|l| l.trim().trim_start_matches('*').trim())
            .filter(|l| !l.starts_with('@'))
            .collect();
        let text = cleaned.join("\n").trim().to_string();
        (!text.is_empty()).then_some(text)
    }
}

fn at(
    display: &str,
    text: &str,
    lines: &LineIndex,
    pos: BytePos,
    severity: Severity,
    message: String,
) -> Diagnostic {
    let offset = pos.0.saturating_sub(START) as usize;
    let (line, col) = lines.line_col(text, offset);
    Diagnostic {
        path: display.to_string(),
        line,
        col,
        severity,
        message,
        snippet: lines.snippet(text, line, col),
    }
}

/// The leading comments the parser collected, moved out of swc's single-threaded store.
fn leading_comments(comments: SingleThreadedComments) -> FxHashMap<BytePos, Vec<Comment>> {
    let (leading, _trailing) = comments.take_all();
    // The parser has been dropped, so this is the only handle; otherwise copy.
    match std::rc::Rc::try_unwrap(leading) {
        Ok(cell) => cell.into_inner().into_iter().collect(),
        Err(shared) => shared
            .borrow()
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect(),
    }
}

/// Read a whole file without asking its size first: `std::fs::read` asks (one more system
/// call per file, a fifth of what reading a function's file costs), but handler files are
/// small, and a buffer that fits most of them in one read does as well.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(16 * 1024);
    // Through `Take`, which has no size hint to look up: the read goes straight into the
    // buffer and grows it as needed.
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a source file as UTF-8, dropping a BOM; invalid bytes are an error with their position.
pub fn read_source(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let mut bytes = read_file(path)
        .map_err(|e| Diagnostic::file_error(display, format!("cannot read file: {e}")))?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // The bytes read become the text as they are: no second copy of every file.
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let valid = e
                .as_bytes()
                .get(..valid_up_to)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let lines = LineIndex::new(valid);
            let (line, col) = lines.line_col(valid, valid.len());
            Err(Diagnostic {
                path: display.to_string(),
                line,
                col,
                severity: Severity::Error,
                message: "file is not valid UTF-8".into(),
                snippet: None,
            })
        }
    }
}

/// Parse `text` as TypeScript (`.ts`, `.tsx`, `.mts`) or JavaScript (anything else).
/// Returns every syntax error as a diagnostic when the file does not parse cleanly.
pub fn parse_source(
    path: &Path,
    display: &str,
    text: String,
) -> Result<ParsedFile, Vec<Diagnostic>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let syntax = match ext {
        "ts" | "mts" | "cts" => Syntax::Typescript(TsSyntax::default()),
        "tsx" => Syntax::Typescript(TsSyntax {
            tsx: true,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax::default()),
    };
    // Measured before parsing: the parser's recursion cannot be stopped once it has begun.
    if let Some(offset) = nesting::too_nested(&text) {
        let message = format!(
            "code nested more than {MAX_NESTING} levels deep (open brackets and chained operators); this file is skipped"
        );
        let pos = BytePos(START + u32::try_from(offset).unwrap_or(u32::MAX - START));
        return Err(vec![at(
            display,
            &text,
            &LineIndex::new(&text),
            pos,
            Severity::Error,
            message,
        )]);
    }
    let comments = SingleThreadedComments::default();
    // Comments are only read for JSDoc; most handlers have none, and keeping every `//`
    // comment costs the parser time and memory.
    let keep_comments = memchr::memmem::find(text.as_bytes(), b"/**").is_some();
    let len = u32::try_from(text.len()).unwrap_or(u32::MAX - START);
    // swc has debug assertions that malformed input can trip (found by fuzzing); in debug
    // builds (where proc-macros run) they panic. A parser panic is a syntax error to us.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let input = StringInput::new(&text, BytePos(START), BytePos(START + len));
        let mut parser = Parser::new(syntax, input, keep_comments.then_some(&comments));
        let parsed = parser.parse_module();
        let recovered = parser.take_errors();
        match parsed {
            Ok(module) if recovered.is_empty() => Ok(module),
            Ok(_) => Err(recovered),
            Err(fatal) => {
                let mut all = recovered;
                all.push(fatal);
                Err(all)
            }
        }
    }));
    let Ok(result) = parsed else {
        let message = "syntax error: the parser gave up on this file (internal parser failure)";
        return Err(vec![at(
            display,
            &text,
            &LineIndex::new(&text),
            BytePos(START),
            Severity::Error,
            message.into(),
        )]);
    };
    if let Ok(module) = &result {
        if let Some(span) = depth::too_deep(module) {
            let message =
                format!("code nested more than {MAX_DEPTH} levels deep; this file is skipped");
            return Err(vec![at(
                display,
                &text,
                &LineIndex::new(&text),
                span.lo,
                Severity::Error,
                message,
            )]);
        }
    }
    match result {
        Ok(module) => Ok(ParsedFile {
            path: path.to_path_buf(),
            display: display.to_string(),
            text,
            module,
            leading: leading_comments(comments),
            lines: std::sync::OnceLock::new(),
        }),
        Err(mut errors) => {
            let lines = LineIndex::new(&text);
            errors.sort_by_key(|e| e.span().lo);
            errors.dedup_by_key(|e| e.span().lo);
            Err(errors
                .into_iter()
                .map(|e| {
                    let span = e.span();
                    let message = format!("syntax error: {}", e.into_kind().msg());
                    at(display, &text, &lines, span.lo, Severity::Error, message)
                })
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_position() {
        let errs = parse_source(
            Path::new("a.ts"),
            "a.ts",
            "const x = 1;\nconst = ;\n".into(),
        )
        .err()
        .unwrap_or_default();
        assert!(!errs.is_empty());
        assert_eq!((errs[0].line, errs[0].col), (2, 7), "{}", errs[0]);
    }

    #[test]
    fn typescript_and_javascript() {
        assert!(parse_source(Path::new("a.ts"), "a.ts", "let x: number = 1;".into()).is_ok());
        assert!(parse_source(Path::new("a.js"), "a.js", "let x: number = 1;".into()).is_err());
    }
}
