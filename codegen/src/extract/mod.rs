//! Extract: from a parsed entry file, find the handler and work out the request, responses and
//! errors, as precisely as the code proves and never more.

pub mod ast_util;
mod delegate;
pub mod handler;
mod request;
mod response;
pub mod status;
pub mod types;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Severity};
use crate::discover::FunctionEntry;
use crate::model::{Function, TypeDef};
use crate::parse::ParsedFile;

pub use handler::{
    find_handler, find_handler_in, has_handler, Handler, HandlerFn, HandlerStyle, NoHandler,
};

/// What extraction produced for one function.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The function's IR.
    pub function: Function,
    /// Named types the function's schemas reference.
    pub defs: BTreeMap<String, TypeDef>,
    /// Warnings (approximations) met on the way.
    pub warnings: Vec<Diagnostic>,
    /// Every file read besides the entry (imported modules), for rebuild tracking.
    pub files_read: Vec<std::path::PathBuf>,
}

/// Extract one function from its parsed entry file.
/// The handler is moved out of `file.module`; everything else in the module stays.
pub fn extract_function(
    entry: &FunctionEntry,
    file: &mut ParsedFile,
) -> Result<Extracted, Diagnostic> {
    let handler = find_handler_in(&mut file.module, &file.text)
        .map_err(|e| file.diagnostic(e.span, Severity::Error, e.message))?;
    let file: &ParsedFile = file;
    let mut warnings = Vec::new();
    let mut types = types::TypeContext::new(file);
    // A handler that only hands the request on (`return await handle(req)` in a try) accepts
    // what the function it hands it to accepts.
    let delegate = delegate::delegate(&file.module, &handler);
    let input = request::analyze(file, delegate.as_ref().unwrap_or(&handler), &mut types);
    let output = response::analyze(file, &handler, &mut types);
    let typed = types.finish();
    warnings.extend(typed.warnings);
    if let Some(message) = input.warning {
        warnings.push(file.diagnostic(handler.func.span(), Severity::Warning, message));
    }
    Ok(Extracted {
        function: Function {
            name: entry.name.clone(),
            source: entry.source.clone(),
            input: input.kind,
            request: input.schema,
            response: output.response,
            response_kind: output.kind,
            errors: output.errors,
            methods: input.methods,
            streaming: output.streaming,
            description: file.jsdoc(handler.func.span().lo),
        },
        defs: typed.defs,
        warnings,
        files_read: typed.files_read,
    })
}
