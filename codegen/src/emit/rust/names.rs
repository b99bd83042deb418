//! Rust identifiers from wire names: valid, deterministic, and distinct.

use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Words of a name: split on non-alphanumerics and lower→upper case changes; non-ASCII
/// characters become their code point (`é` → `u00e9`) so every name maps to ASCII.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c);
        } else if c.is_alphanumeric() {
            cur.push_str(&format!("u{:04x}", c as u32));
            prev_lower = true;
        } else {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `snake_case`, never empty, never starting with a digit.
pub fn snake(name: &str) -> String {
    let s = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    fix_start(s, "_")
}

/// `PascalCase`, never empty, never starting with a digit.
pub fn pascal(name: &str) -> String {
    let s: String = words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    match s.as_str() {
        "" => "Empty".to_string(),
        // The one PascalCase keyword; a trailing `_` keeps the name camel case for rustc.
        "Self" => "Self_".to_string(),
        _ => fix_start(s, "T"),
    }
}

fn fix_start(s: String, prefix: &str) -> String {
    if s.is_empty() {
        return format!("{prefix}_");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{prefix}{s}");
    }
    s
}

/// An identifier token for `name` (raw for keywords; `self`-like words get a `_` suffix).
pub fn ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => {
            Ident::new(&format!("{name}_"), Span::call_site())
        }
        n if KEYWORDS.contains(&n) => Ident::new_raw(n, Span::call_site()),
        n => Ident::new(n, Span::call_site()),
    }
}

/// Give each of `names` a distinct identifier from `make`: a name that already is an
/// identifier (its own `make` or `snake` form) comes first and keeps its form; the others take
/// numbered suffixes in sorted order. The same order for `snake` and `pascal`, so `send_email`
/// gets `send_email` and `SendEmail` while `send-email` gets `send_email_2` and `SendEmail2`.
/// Deterministic.
pub fn distinct(names: &[String], make: impl Fn(&str) -> String) -> Vec<String> {
    distinct_except(names, make, &[])
}

/// [`distinct`], never producing one of `reserved` (names the generated code already uses).
pub fn distinct_except(
    names: &[String],
    make: impl Fn(&str) -> String,
    reserved: &[&str],
) -> Vec<String> {
    let mut out: Vec<Option<String>> = vec![None; names.len()];
    let mut taken: std::collections::BTreeSet<String> =
        reserved.iter().map(|r| r.to_string()).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| {
        let n = &names[i];
        (make(n) != *n && snake(n) != *n, n.clone())
    });
    for i in order {
        let base = make(&names[i]);
        // `snake_2`, but `Pascal2`: an underscore after a letter is not camel case.
        let camel = base.starts_with(|c: char| c.is_ascii_uppercase());
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = if camel {
                format!("{}{n}", base.trim_end_matches('_'))
            } else {
                format!("{base}_{n}")
            };
            n += 1;
        }
        taken.insert(candidate.clone());
        out[i] = Some(candidate);
    }
    out.into_iter().map(Option::unwrap_or_default).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awkward_names() {
        assert_eq!(snake("orderId"), "order_id");
        assert_eq!(snake("get-user"), "get_user");
        assert_eq!(snake("3d-render"), "_3d_render");
        assert_eq!(snake("café"), "cafu00e9");
        assert_eq!(pascal("orders/create"), "OrdersCreate");
        assert_eq!(pascal("2fa"), "T2fa");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        let d = distinct(
            &["get-user".into(), "get_user".into(), "getUser".into()],
            snake,
        );
        assert_eq!(d, ["get_user_2", "get_user", "get_user_3"]);
        let names = ["send-email".to_string(), "send_email".to_string()];
        assert_eq!(distinct(&names, snake), ["send_email_2", "send_email"]);
        assert_eq!(distinct(&names, pascal), ["SendEmail2", "SendEmail"]);
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(
            distinct_except(&["new".to_string()], snake, &["new"]),
            ["new_2"]
        );
    }
}
