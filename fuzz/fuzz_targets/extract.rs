//! Fuzz parse → extract → emit on arbitrary bytes as a function's entry file.
#![no_main]

use std::path::PathBuf;

use base44_codegen::discover::FunctionEntry;
use base44_codegen::emit::{self, EmitOptions};
use base44_codegen::model::Api;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the dialect so both parsers get fuzzed.
    let ext = if data.first().is_some_and(|b| b & 1 == 1) { "js" } else { "ts" };
    let entry = FunctionEntry {
        name: "fuzz".into(),
        entry: PathBuf::from(format!("/nonexistent/base44/functions/fuzz/entry.{ext}")),
        source: format!("base44/functions/fuzz/entry.{ext}"),
        legacy: false,
    };
    if let Ok(x) = base44_codegen::extract_source(&entry, text.to_string()) {
        let api = Api {
            functions: vec![x.function],
            defs: x.defs,
        };
        let _ = emit::outputs(std::path::Path::new("/nonexistent"), &api, &EmitOptions::default());
    }
});
