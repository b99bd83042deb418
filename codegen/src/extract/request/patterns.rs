//! Regular expressions in checks: `if (!EMAIL_RE.test(email)) reject` rejects a missing email
//! when no missing value can match: neither `""` (a value cleaned with `String(x || "")`) nor
//! `"undefined"` (what `test` makes of a missing one). Read without a regex engine: a pattern
//! proves it when it needs, outside any group or alternative, a character that `undefined`
//! does not have.

use swc_ecma_ast::*;

use crate::extract::ast_util::unwrap_expr;

/// Whether `pattern` can match neither `""` nor `"undefined"`: it has no alternative or group,
/// and some atom that must appear at least once matches none of `u n d e f i`.
pub fn excludes_missing(pattern: &str) -> bool {
    mandatory_atoms(pattern).is_some_and(|atoms| atoms.contains(&true))
}

/// Whether `pattern` cannot match `""`: it has no alternative or group, and some atom must
/// appear at least once (`^[A-Z]{2}$`). What a value made `""` for a missing field
/// (`String(x || "").toUpperCase()`) meets.
pub fn excludes_empty(pattern: &str) -> bool {
    mandatory_atoms(pattern).is_some_and(|atoms| !atoms.is_empty())
}

/// The atoms of `pattern` that must appear at least once, each with whether it matches none
/// of the letters of `undefined`; `None` for a pattern with an alternative or a group, or one
/// not read.
fn mandatory_atoms(pattern: &str) -> Option<Vec<bool>> {
    if pattern.contains('|') || pattern.contains('(') {
        return None;
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut atoms = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // One atom: an escape, a class, or a single character.
        let (foreign, end) = match chars[i] {
            '^' | '$' => {
                i += 1;
                continue;
            }
            '\\' => {
                let c = *chars.get(i + 1)?;
                // `\b`, `\B`: a position, no character.
                if c == 'b' || c == 'B' {
                    i += 2;
                    continue;
                }
                // `\d`, `\.`, `\-`: only digits or the escaped punctuation; `\w`, `\s`,
                // `\S`... may be letters.
                (c == 'd' || (!c.is_ascii_alphanumeric() && c != '_'), i + 2)
            }
            '[' => {
                let close = chars[i + 1..].iter().position(|&c| c == ']')?;
                let class: String = chars[i + 1..i + 1 + close].iter().collect();
                (class_is_foreign(&class), i + close + 2)
            }
            '.' => (false, i + 1),
            c => (!"undefi".contains(c) && !c.is_ascii_alphabetic(), i + 1),
        };
        let quantifier = chars.get(end).copied();
        let optional = matches!(quantifier, Some('*') | Some('?'))
            || (quantifier == Some('{') && chars.get(end + 1) == Some(&'0'));
        if !optional {
            atoms.push(foreign);
        }
        i = end;
        // Skip the quantifier itself.
        match chars.get(i) {
            Some('*') | Some('+') | Some('?') => i += 1,
            Some('{') => i += chars[i..].iter().position(|&c| c == '}')? + 1,
            _ => {}
        }
    }
    Some(atoms)
}

/// A character class that matches none of the letters of `undefined`: digits, punctuation,
/// `@`; not negated, no letters, no `\w`/`\s`-style escapes.
fn class_is_foreign(class: &str) -> bool {
    if class.starts_with('^') || class.is_empty() {
        return false;
    }
    let mut chars = class.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => {}
                Some(e) if !e.is_ascii_alphanumeric() => {}
                _ => return false,
            },
            c if c.is_ascii_alphabetic() => return false,
            _ => {}
        }
    }
    true
}

/// The pattern of a regular expression literal.
pub fn regex_literal(e: &Expr) -> Option<String> {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Regex(r)) => Some(r.exp.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{excludes_empty, excludes_missing};

    #[test]
    fn patterns_that_no_missing_value_matches() {
        // An email needs an `@`; four digits; a dotted version.
        assert!(excludes_missing(r"^[^\s@]+@[^\s@]+\.[^\s@]+$"));
        assert!(excludes_missing(r"^\d{4}$"));
        assert!(excludes_missing(r"^[0-9]+\.[0-9]+$"));
        // Letters only, optional parts, alternatives, groups: "undefined" or "" may match.
        assert!(!excludes_missing(r"^[a-z]+$"));
        assert!(!excludes_missing(r"^\d*$"));
        assert!(!excludes_missing(r"^@?[a-z]+$"));
        assert!(!excludes_missing(r"^(\d+)$"));
        assert!(!excludes_missing(r"^a|@$"));
        assert!(!excludes_missing(r"\w+"));
        assert!(!excludes_missing(r"^[^@]+$"));
    }

    #[test]
    fn patterns_that_the_empty_string_does_not_match() {
        assert!(excludes_empty(r"^[A-Z]{2}$"));
        assert!(excludes_empty(r"^[a-z]+$"));
        assert!(excludes_empty(r"^\w"));
        // Nothing mandatory, or not read: "" may match.
        assert!(!excludes_empty(r"^$"));
        assert!(!excludes_empty(r"^[a-z]*$"));
        assert!(!excludes_empty(r"^\d{0,4}$"));
        assert!(!excludes_empty(r"\b"));
        assert!(!excludes_empty(r"^(\d+)$"));
        assert!(!excludes_empty(r"^a|b$"));
    }
}
