//! A stack guard that runs before swc: swc's parser recurses once per open bracket and once per
//! chained right-associative operator (`a ? b : a ? b : ...`, `a = a = ...`, `!!!x`,
//! `new new X`, `a => a => ...`, `Array<Array<...>>`), and a stack overflow aborts the whole
//! process: no diagnostic, no other function's output. The parser cannot be stopped midway, so
//! the source text is measured first, in one linear pass over its bytes.
//!
//! The measure is an upper estimate of the parser's recursion: open brackets (`(`, `[`, `{`,
//! template `${`) plus, within each bracket, the operators met since the expression began (a
//! `;`, a `,`, a `case`/`default` or a line break between complete expressions ends it) and
//! the statements nested without braces (`if (a) if (b) ...`, an `else if` chain).
//! Strings, comments, template text and regular expressions are skipped. Real code measures in
//! the tens; the limit is far above that and far below what the worker stack can hold.

/// Largest measure that is parsed. Workers have 256 MiB of stack; swc needs at most ~10 KiB per
/// level in debug builds (where proc-macros run), so this leaves a wide margin.
pub const MAX_NESTING: usize = 4000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket,
    /// `${` inside a template literal: its `}` returns to the template's text.
    TemplateExpr,
}

/// One open bracket (the bottom one is the file) and what is chained inside it.
struct Level {
    open: Open,
    /// Operators since the current expression began.
    expr: usize,
    /// Statements nested without braces (`if (a) if (b) ...`, `else if` chains, `do do`).
    stmt: usize,
}

/// Bytes that continue a word: identifier characters, the `.` of member chains and numbers,
/// and every byte of a non-ASCII character.
const WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.' || c >= 0x80;
        i += 1;
    }
    table
};

/// Bytes that start a word: identifier characters, digits, `#` and `@` (private names and
/// decorators), and every byte of a non-ASCII character.
const STARTS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'#' | b'@') || c >= 0x80;
        i += 1;
    }
    table
};

/// How a word takes part in nesting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordKind {
    /// A name or literal.
    Operand,
    /// Continues an expression (`new`, `typeof`, `await`, `extends`, ...): it nests, and a line
    /// break after it does not end the expression.
    Operator,
    /// A statement that holds another statement without braces (`if`, `else`, `for`, ...).
    Nesting,
    /// Starts a switch clause (`case`, `default`): clauses follow one another, never nest.
    Clause,
}

fn word_kind(w: &[u8]) -> WordKind {
    // Every keyword below is 2 to 10 lowercase letters: most words are rejected here.
    if !(2..=10).contains(&w.len()) || !w[0].is_ascii_lowercase() {
        return WordKind::Operand;
    }
    match w {
        b"new" | b"typeof" | b"void" | b"delete" | b"await" | b"yield" | b"extends" | b"keyof"
        | b"in" | b"instanceof" | b"as" | b"satisfies" | b"infer" | b"is" | b"readonly"
        | b"unique" | b"return" | b"throw" => WordKind::Operator,
        b"if" | b"else" | b"for" | b"while" | b"do" | b"with" => WordKind::Nesting,
        b"case" | b"default" => WordKind::Clause,
        _ => WordKind::Operand,
    }
}

/// What the last significant token was, for regex detection and line-break handling.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of input, an operator or an opening bracket: an expression may start here.
    Operator,
    /// An identifier, number, literal or closing bracket: an expression may end here.
    Operand,
}

/// The scanner's state: open brackets and their chains.
struct Scan {
    stack: Vec<Level>,
    /// Sum of every level's chains.
    chained: usize,
    /// A statement just ended (`;`, `}` or a line break): unless `else` follows, the
    /// statement chain of the current level is over.
    statement_ended: bool,
}

impl Scan {
    fn depth(&self) -> usize {
        self.stack.len() - 1 + self.chained
    }

    fn top(&mut self) -> &mut Level {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn push(&mut self, open: Open) {
        self.stack.push(Level {
            open,
            expr: 0,
            stmt: 0,
        });
    }

    /// Close the innermost bracket (never the file level); its kind.
    fn pop(&mut self) -> Option<Open> {
        if self.stack.len() == 1 {
            return None;
        }
        let level = self.stack.pop()?;
        self.chained -= level.expr + level.stmt;
        Some(level.open)
    }

    fn chain_expr(&mut self) {
        self.top().expr += 1;
        self.chained += 1;
    }

    fn end_expr(&mut self) {
        let top = self.top();
        let n = std::mem::take(&mut top.expr);
        self.chained -= n;
    }

    /// Called before every significant token; `word` is the token when it is a word.
    fn before_token(&mut self, word: Option<&[u8]>) {
        if std::mem::take(&mut self.statement_ended) && word != Some(b"else") {
            let top = self.top();
            let n = std::mem::take(&mut top.stmt);
            self.chained -= n;
        }
    }
}

/// The byte offset where the measure first exceeds [`MAX_NESTING`], if it does.
pub fn too_nested(text: &str) -> Option<usize> {
    // Every level takes at least one byte: a shorter file cannot cross the limit.
    if text.len() <= MAX_NESTING {
        return None;
    }
    let b = text.as_bytes();
    let mut s = Scan {
        stack: Vec::new(),
        chained: 0,
        statement_ended: false,
    };
    s.push(Open::Bracket);
    let mut last = Last::Operator;
    let mut line_break = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' | b'\r' => {
                line_break = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = end_of_line(b, i);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = find_comment_end(b, i + 2).map_or(b.len(), |e| e + 2);
                continue;
            }
            _ => {}
        }
        let starts_word = STARTS_WORD[c as usize];
        let starts_operand = starts_word || matches!(c, b'"' | b'\'' | b'`');
        if std::mem::take(&mut line_break) && last == Last::Operand && starts_operand {
            // A line break between two complete expressions: a new statement (ASI).
            s.end_expr();
            s.statement_ended = true;
        }
        let start = i;
        if starts_word {
            i += 1;
            i += b[i..]
                .iter()
                .position(|&x| !WORD[x as usize])
                .unwrap_or(b.len() - i);
        }
        let word = starts_word.then(|| &b[start..i]);
        s.before_token(word);
        match c {
            b'"' | b'\'' => {
                i = skip_string(b, i);
                last = Last::Operand;
            }
            b'`' => {
                (i, last) = template_text(&mut s, b, i + 1);
            }
            b'(' | b'[' | b'{' => {
                s.push(Open::Bracket);
                last = Last::Operator;
                i += 1;
            }
            b')' | b']' | b'}' => {
                let open = s.pop();
                i += 1;
                last = Last::Operand;
                if c == b'}' {
                    if open == Some(Open::TemplateExpr) {
                        (i, last) = template_text(&mut s, b, i);
                    } else {
                        s.statement_ended = true;
                    }
                }
            }
            b';' => {
                s.end_expr();
                s.statement_ended = true;
                last = Last::Operator;
                i += 1;
            }
            b',' => {
                s.end_expr();
                last = Last::Operator;
                i += 1;
            }
            b'/' if last == Last::Operator => {
                i = skip_regex(b, i);
                last = Last::Operand;
            }
            _ => match word.map(word_kind) {
                Some(WordKind::Nesting) => {
                    s.top().stmt += 1;
                    s.chained += 1;
                    last = Last::Operator;
                }
                Some(WordKind::Operator) => {
                    s.chain_expr();
                    last = Last::Operator;
                }
                Some(WordKind::Clause) => {
                    s.end_expr();
                    last = Last::Operator;
                }
                Some(_) => last = Last::Operand,
                None => {
                    // Operator characters, each counted: `!!!x` nests three times, and
                    // `===` counting three only makes the estimate higher.
                    s.chain_expr();
                    if is_operator_char(c) {
                        i += 1;
                        while i < b.len() && is_operator_char(b[i]) {
                            s.chain_expr();
                            i += 1;
                        }
                    } else {
                        i = next_boundary(text, i + 1);
                    }
                    last = Last::Operator;
                }
            },
        }
        if s.depth() > MAX_NESTING {
            return Some(start);
        }
    }
    None
}

/// Scan template text from `from` (just past a backtick or a `${...}`'s closing brace):
/// either the template ends, or a `${` opens an expression level.
/// Returns where scanning resumes and what kind of token it follows.
fn template_text(s: &mut Scan, b: &[u8], from: usize) -> (usize, Last) {
    let (end, opens) = skip_template_text(b, from);
    if opens {
        s.push(Open::TemplateExpr);
        (end, Last::Operator)
    } else {
        (end, Last::Operand)
    }
}

fn is_operator_char(c: u8) -> bool {
    matches!(
        c,
        b'=' | b'!'
            | b'~'
            | b'?'
            | b':'
            | b'<'
            | b'>'
            | b'+'
            | b'-'
            | b'*'
            | b'%'
            | b'&'
            | b'|'
            | b'^'
            | b'.'
    )
}

/// The first char boundary at or after `i`.
fn next_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn end_of_line(b: &[u8], from: usize) -> usize {
    find_any(b, from, [b'\n'; 3])
}

/// Where `*/` starts at or after `from`.
fn find_comment_end(b: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    loop {
        j = find_any(b, j, [b'*'; 3]);
        if j >= b.len() {
            return None;
        }
        if b.get(j + 1) == Some(&b'/') {
            return Some(j);
        }
        j += 1;
    }
}

/// The first offset at or after `from` holding one of `set` (`b.len()` when none does).
/// Eight bytes at a time: strings and comments are most of what is skipped.
fn find_any(b: &[u8], from: usize, set: [u8; 3]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of the lowest byte of `w` equal to `c` is set (bytes above it may be
    // marked wrongly through the borrow; only the lowest mark is used).
    let equal_at = |w: u64, c: u8| {
        let x = w ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let w = u64::from_le_bytes(bytes);
        let marks = equal_at(w, set[0]) | equal_at(w, set[1]) | equal_at(w, set[2]);
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() {
        if set.contains(&b[i]) {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// Past a `'...'` or `"..."` string starting at `i` (or the end of its line when unclosed).
fn skip_string(b: &[u8], i: usize) -> usize {
    let quote = b[i];
    let mut j = i + 1;
    loop {
        j = find_any(b, j, [quote, b'\\', b'\n']);
        match b.get(j) {
            None => return b.len(),
            Some(b'\\') => j += 2,
            Some(b'\n') => return j,
            Some(_) => return j + 1,
        }
    }
}

/// Past template text starting at `i`: `(offset after the closing backtick, false)` or
/// `(offset after "${", true)`.
fn skip_template_text(b: &[u8], i: usize) -> (usize, bool) {
    let mut j = i;
    loop {
        j = find_any(b, j, [b'\\', b'`', b'$']);
        match b.get(j) {
            None => return (b.len(), false),
            Some(b'\\') => j += 2,
            Some(b'`') => return (j + 1, false),
            Some(_) if b.get(j + 1) == Some(&b'{') => return (j + 2, true),
            Some(_) => j += 1,
        }
    }
}

/// Past a regular expression literal starting at `i` (or the end of its line).
fn skip_regex(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    let mut class = false;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            b'[' => {
                class = true;
                j += 1;
            }
            b']' => {
                class = false;
                j += 1;
            }
            b'/' if !class => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(open: &str, middle: &str, close: &str, n: usize) -> String {
        format!("{}{middle}{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn every_recursive_construct_is_caught_before_parsing() {
        let n = 200_000;
        let cases = [
            deep("(", "1", ")", n),
            deep("[", "", "]", n),
            deep("{ a: ", "1", " }", n),
            deep("`${", "1", "}`", n),
            deep("!", "x", "", n),
            deep("- ", "x", "", n),
            deep("a ? b : ", "c", "", n),
            deep("a =\n", "1", "", n),
            deep("a => ", "1", "", n),
            deep("new ", "X", "", n),
            deep("typeof ", "x", "", n),
            deep("Array<", "string", ">", n),
            deep("A extends B ? C :\n", "D", "", n),
            deep("if (a) ", "b;", "", n),
            deep("if (a) b;\nelse ", "c;", "", n),
            deep("if (a) {}\nelse ", "{}", "", n),
            deep("do ", "x;", " while (a);", n),
            deep("l: ", "x;", "", n),
        ];
        for (k, text) in cases.iter().enumerate() {
            assert!(too_nested(text).is_some(), "case {k}: {}", &text[..40]);
        }
    }

    #[test]
    fn real_code_is_far_below_the_limit() {
        let mut text = String::from("const TABLE = [\n");
        for _ in 0..50_000 {
            text.push_str("  { id: 1, name: \"a (b\", re: /[(]{2}/g, t: `x ${a ? `y` : 1}` },\n");
        }
        text.push_str("];\n");
        // Statements without semicolons, sequential ifs, a long switch, comments with brackets.
        for i in 0..10_000 {
            text.push_str(&format!(
                "x{i} = a ? b : c // (((\nif (a) b = c\n/* [[[ */\n"
            ));
            text.push_str("switch (a) { case 1: case 2: default: }\n");
        }
        assert_eq!(too_nested(&text), None);
    }

    #[test]
    fn find_any_agrees_with_a_byte_loop() {
        // Every length around the 8-byte chunks, every place of the byte sought, and starts
        // past the end.
        for len in 0..40 {
            for at in 0..=len {
                let mut b = vec![b'x'; len];
                if at < len {
                    b[at] = if at % 2 == 0 { b'"' } else { b'\n' };
                }
                for from in 0..len + 3 {
                    let naive = (from..len)
                        .find(|&i| matches!(b[i], b'"' | b'\\' | b'\n'))
                        .unwrap_or(len);
                    assert_eq!(find_any(&b, from, [b'"', b'\\', b'\n']), naive);
                }
            }
        }
        let text = "/* a * b **/ x";
        assert_eq!(find_comment_end(text.as_bytes(), 2), Some(10));
    }

    #[test]
    fn position_is_where_the_limit_is_crossed() {
        let text = format!("const a = 1;\n{}", "(".repeat(MAX_NESTING + 10));
        assert_eq!(too_nested(&text), Some(13 + MAX_NESTING));
    }
}
