//! The TypeScript augmentation: `base44/.types/functions.d.ts`.
//!
//! - `FunctionNameRegistry` lists every name as `"name": true`, exactly as the official CLI's
//!   `types.d.ts` does, so both files can be included together (identical declarations merge).
//! - Every named type is exported, and each function gets `{Name}Request`, `{Name}Response`
//!   and `{Name}Error{status}` where its shapes are anonymous.
//! - `FunctionTypes` maps each name to `{ request; response; errors }`.
//! - An `invoke` overload on `FunctionsModule` types `res.data` for known names.
//!
//! Strict mode (`--strict-invoke`) registers a single placeholder name instead of the real
//! ones, so the SDK's own loose `invoke(name: FunctionName, data?: Record<string, any>)` no
//! longer accepts known names: a call must match the typed overload, and wrong or missing
//! request fields are errors. The official `types.d.ts` re-registers the names and undoes
//! this, so leave it out of `include` in strict mode.

mod types;

use std::fmt::Write;

use rustc_hash::FxHashSet;

use self::types::{write_jsdoc, write_string, write_type};
use crate::emit::rust::names::pascal;
use crate::model::{Api, InputKind, ResponseKind, Schema};

/// The placeholder name registered in strict mode.
pub const STRICT_PLACEHOLDER: &str = "__base44_strict_invoke__";

/// Render the `.d.ts` augmentation of `@base44/sdk`.
pub fn render(api: &Api, strict: bool) -> String {
    // About 700 bytes per function in real-style apps; one allocation up front.
    let mut out = String::with_capacity(1024 * (api.functions.len() + api.defs.len()) + 4096);
    let _ = writeln!(
        out,
        "// {} — do not edit.\n// Regenerate with `{}`{}.\n",
        super::GENERATED_MARKER,
        super::REGENERATE,
        if strict { " --strict-invoke" } else { "" }
    );
    out.push_str("declare module \"@base44/sdk\" {\n  interface FunctionNameRegistry {\n");
    if strict {
        registered(&mut out, STRICT_PLACEHOLDER);
    } else {
        for f in &api.functions {
            registered(&mut out, &f.name);
        }
    }
    out.push_str("  }\n\n");
    out.push_str(OVERLOADS);
    out.push_str("}\n\n");
    out.push_str(INVOKE_RESULT);

    // Named types first, then each function's anonymous ones.
    // Names in use; only asked whether it holds a name (thousands of them, with long common
    // prefixes: hashing beats a sorted set's comparisons).
    let mut taken: FxHashSet<String> = api.defs.keys().cloned().collect();
    for (name, def) in &api.defs {
        write_jsdoc(&mut out, def.description.as_deref(), 0);
        export_type(&mut out, name, &def.schema);
    }
    let mut map = String::from("/** Request, response and error bodies of every function. */\nexport interface FunctionTypes {\n");
    for f in &api.functions {
        let base = pascal(&f.name);
        let mut named = |suffix: &str, schema: &Schema, out: &mut String| -> String {
            if let Schema::Ref(r) = schema {
                return r.clone();
            }
            let mut name = format!("{base}{suffix}");
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}{suffix}{n}");
                n += 1;
            }
            taken.insert(name.clone());
            export_type(out, &name, schema);
            name
        };
        let request = match (&f.input, &f.request) {
            (InputKind::None, _) | (_, None) => "void".to_string(),
            (_, Some(s)) => named("Request", s, &mut out),
        };
        let response = match (f.response_kind, &f.response) {
            (ResponseKind::Json, Some(s)) => named("Response", s, &mut out),
            (ResponseKind::Text, _) => "string".to_string(),
            _ => "unknown".to_string(),
        };
        let errors: Vec<String> = f
            .errors
            .iter()
            .map(|(status, s)| {
                format!(
                    "{status}: {}",
                    named(&format!("Error{status}"), s, &mut out)
                )
            })
            .collect();
        let _ = write!(map, "  /** `{}` ({}) */\n  ", f.name, f.source);
        write_string(&mut map, &f.name);
        let _ = writeln!(
            map,
            ": {{ request: {request}; response: {response}; errors: {{ {} }} }};",
            errors.join("; ")
        );
    }
    map.push_str("}\n");
    out.push_str(&map);
    out.push_str(HELPERS);
    out
}

/// `    "name": true;`: a name in `FunctionNameRegistry`.
fn registered(out: &mut String, name: &str) {
    out.push_str("    ");
    write_string(out, name);
    out.push_str(": true;\n");
}

/// `export type Name = ...;` and a blank line.
fn export_type(out: &mut String, name: &str, schema: &Schema) {
    out.push_str("export type ");
    out.push_str(name);
    out.push_str(" = ");
    write_type(out, schema, 0);
    out.push_str(";\n\n");
}

/// The typed overloads; declared inside `declare module "@base44/sdk"`.
const OVERLOADS: &str = r#"  interface FunctionsModule {
    /** Invoke a function that takes no input; `res.data` is its typed response. */
    invoke<K extends FunctionsWithoutInput>(functionName: K, data?: undefined): Promise<InvokeResult<FunctionTypes[K]["response"]>>;
    /** Invoke a function with its typed request; `res.data` is its typed response. */
    invoke<K extends FunctionsWithInput>(functionName: K, data: FunctionTypes[K]["request"]): Promise<InvokeResult<FunctionTypes[K]["response"]>>;
  }
"#;

const INVOKE_RESULT: &str = r#"/** What `invoke` resolves to (the raw axios response): the function's JSON is on `.data`. */
export interface InvokeResult<T> {
  data: T;
  status: number;
  statusText: string;
  headers: Record<string, unknown>;
}

"#;

const HELPERS: &str = r#"
/** Names of functions that take no input. */
export type FunctionsWithoutInput = {
  [K in keyof FunctionTypes]: FunctionTypes[K]["request"] extends void ? K : never;
}[keyof FunctionTypes];

/** Names of functions that take input. */
export type FunctionsWithInput = Exclude<keyof FunctionTypes, FunctionsWithoutInput>;
"#;
