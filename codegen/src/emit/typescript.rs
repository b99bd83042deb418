//! The TypeScript augmentation: `base44/.types/functions.d.ts`.

use std::fmt::Write;

use crate::model::Api;

/// Render the `.d.ts` augmentation of `@base44/sdk`.
///
/// `FunctionNameRegistry` entries are `true`, exactly as the official CLI's `types.d.ts`
/// declares them, so both files can be included together (identical re-declarations merge).
pub fn render(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} — do not edit.\n// Regenerate with `{}`.\n",
        super::GENERATED_MARKER,
        super::REGENERATE
    );
    out.push_str("declare module \"@base44/sdk\" {\n  interface FunctionNameRegistry {\n");
    for f in &api.functions {
        let _ = writeln!(out, "    {}: true;", ts_string(&f.name));
    }
    out.push_str("  }\n}\n\nexport {};\n");
    out
}

/// A TypeScript string literal (JSON escaping is valid TS).
pub fn ts_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}
