//! Generates the example app's bindings into OUT_DIR.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    base44_codegen::Builder::new("../app")
        .generate()?
        .write(out.join("base44_functions.rs"))?;
    Ok(())
}
