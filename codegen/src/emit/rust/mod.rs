//! The Rust emitter: typed request/response/error types and one async method per function,
//! calling `base44_runtime`. Shared by the `functions!` macro, the `build.rs` [`crate::Builder`]
//! and `codegen --rust-out`. Generated code names its dependencies only through
//! `::base44_runtime`, so a crate needs just `macros` and `runtime`.

mod functions;
pub mod names;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Api;

/// The generated items as tokens.
pub fn tokens(api: &Api) -> TokenStream {
    let mut gen = types::TypeGen::new(&api.defs);
    gen.all_defs();
    let handles = functions::functions(api, &mut gen);
    let names = functions::name_enum(api, &mut gen);
    let items = gen.items.values();
    quote! {
        #handles
        #names
        #(#items)*
    }
}

/// The generated code as a formatted Rust file with a "generated" header.
pub fn render(api: &Api) -> String {
    let tokens = tokens(api);
    let body = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    };
    format!(
        "// {} — do not edit.\n// Regenerate with `{} --rust-out <FILE>` (or the build.rs builder).\n\n{body}",
        super::GENERATED_MARKER,
        super::REGENERATE
    )
}
