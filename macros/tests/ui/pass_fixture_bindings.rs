#![deny(warnings)]
#![allow(dead_code)]

// The generated Rust of every extraction fixture, written by tests/ui.rs, compiled here.
include!(env!("BASE44_FIXTURE_BINDINGS"));

fn main() {}
