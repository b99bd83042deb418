//! base44 typed bindings: read a Base44 app's backend functions and emit typed bindings.
//!
//! The pipeline is discover → parse → extract → model → emit; each stage is a module.
//! [`generate`] runs the first four; the emitters in [`emit`] turn the resulting [`model::Api`]
//! into files, and [`output`] writes them.

#[cfg(feature = "mimalloc")]
pub mod allocator;
mod builder;
pub mod corpus;
pub mod diagnostics;
pub mod discover;
pub mod emit;
pub mod extract;
pub mod jsonc;
pub mod model;
pub mod output;
pub mod parse;
mod pipeline;
pub mod tsconfig;

pub use builder::{BuildError, Builder, Generated};
pub use pipeline::{extract_source, generate, Generation, INTERNAL_ERROR};
