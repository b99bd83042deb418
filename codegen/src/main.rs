//! `codegen`: generate typed bindings for a Base44 app's backend functions.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
