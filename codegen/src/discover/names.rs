//! Function name rules.

/// Check a function name: non-empty `/`-separated segments of letters, digits, `-` and `_`.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("function name is empty".into());
    }
    if name.contains('.') {
        return Err(format!(
            "function name `{name}` contains a dot, which Base44 does not allow"
        ));
    }
    if name.split('/').any(str::is_empty) {
        return Err(format!("function name `{name}` has an empty path segment"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '/')))
    {
        return Err(format!(
            "function name `{name}` contains the character {c:?}"
        ));
    }
    Ok(())
}
