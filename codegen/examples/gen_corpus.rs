//! Write a synthetic app: `cargo run -p codegen --example gen_corpus -- <OUT_DIR> <FUNCTIONS> [SEED]`.

use base44_codegen::corpus::{write_corpus, CorpusSpec};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: gen_corpus <OUT_DIR> <FUNCTIONS> [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match write_corpus(std::path::Path::new(out), CorpusSpec { functions: n, seed }) {
        Ok(files) => eprintln!("wrote {} functions under {out}", files.len()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
