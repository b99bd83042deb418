//! `functions!("<app root>")`: typed Rust bindings for a Base44 app's backend functions,
//! generated at compile time. A thin layer over `base44_codegen`.
//!
//! ```ignore
//! mod api {
//!     base44_macros::functions!("../app");
//! }
//! let client = base44_runtime::Client::builder().app_id("...").build()?;
//! let order = api::Base44Functions::new(&client).orders().create(&request).await?;
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`; `${NAME}` in it is
//! replaced by the environment variable `NAME`. Every file read is
//! tracked with `include_str!`, so editing a function recompiles the caller (adding a new
//! function folder needs a touch of the calling file or a `cargo clean -p`).

use std::path::Path;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, LitStr};

/// Replace `${NAME}` with the environment variable `NAME` (for apps located by CI setups).
fn expand_env(path: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| format!("unclosed `${{` in {path:?}"))?;
        let name = &after[..end];
        let value =
            std::env::var(name).map_err(|_| format!("environment variable `{name}` is not set"))?;
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Expand to the typed bindings of the app at the given root (relative to the crate).
#[proc_macro]
pub fn functions(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let path = match expand_env(&lit.value()) {
        Ok(p) => p,
        Err(msg) => return syn::Error::new(lit.span(), msg).to_compile_error().into(),
    };
    let root = Path::new(&manifest).join(path);
    if !root.is_dir() {
        let msg = format!(
            "base44 app root not found: {} (relative to CARGO_MANIFEST_DIR)",
            root.display()
        );
        return syn::Error::new(lit.span(), msg).to_compile_error().into();
    }
    let generation = base44_codegen::generate(&root);
    let errors: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let mut d = d.clone();
            d.snippet = None;
            d.to_string()
        })
        .collect();
    if !errors.is_empty() {
        let msg = format!("base44 functions have errors:\n{}", errors.join("\n"));
        return syn::Error::new(lit.span(), msg).to_compile_error().into();
    }
    let items = base44_codegen::emit::rust::tokens(&generation.api);
    let tracked = generation
        .files_read
        .iter()
        .filter_map(|p| p.to_str().map(str::to_string))
        .map(|p| {
            quote!(
                const _: &str = include_str!(#p);
            )
        });
    quote! {
        #items
        #(#tracked)*
    }
    .into()
}
