//! Shared type modules are parsed once per run for all workers and reused across runs while
//! unchanged: many functions importing one module all see its types, and an edit between two
//! runs (as in `--watch` or the proc-macro) is picked up.

use base44_codegen::generate;
use serde_json::Value;

fn request_fields(api: &base44_codegen::model::Api) -> Vec<String> {
    let manifest: Value =
        serde_json::from_str(&base44_codegen::emit::manifest::render(api)).expect("json");
    let defs = &manifest["$defs"];
    let mut out: Vec<String> = manifest["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .map(|f| {
            let name = f["request"]["$ref"]
                .as_str()
                .and_then(|r| r.rsplit('/').next())
                .unwrap_or("");
            let props = defs[name]["properties"].as_object();
            let keys: Vec<&str> = props.map_or(vec![], |p| p.keys().map(|k| k.as_str()).collect());
            format!("{} {}", f["name"].as_str().unwrap_or(""), keys.join(","))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn many_functions_share_one_module_and_see_its_edits() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fns = tmp.path().join("base44/functions");
    std::fs::create_dir_all(fns.join("_shared")).expect("mkdir");
    let module = fns.join("_shared/types.ts");
    std::fs::write(&module, "export interface Req { alpha: string }\n").expect("write");
    for i in 0..40 {
        let dir = fns.join(format!("f{i:02}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(
            dir.join("entry.ts"),
            "import type { Req } from \"../_shared/types.ts\";\nDeno.serve(async (req) => {\n  const body: Req = await req.json();\n  return Response.json({ ok: body !== null });\n});\n",
        )
        .expect("write");
    }
    let first = generate(tmp.path());
    assert_eq!(first.error_count(), 0, "{:?}", first.diagnostics);
    let fields = request_fields(&first.api);
    assert_eq!(fields.len(), 40);
    assert!(fields.iter().all(|f| f.ends_with(" alpha")), "{fields:?}");

    // A different size, so the stamp changes even where timestamps are coarse.
    std::fs::write(
        &module,
        "export interface Req { beta: number; gamma?: string }\n",
    )
    .expect("write");
    let second = generate(tmp.path());
    let fields = request_fields(&second.api);
    assert!(
        fields.iter().all(|f| f.ends_with(" beta,gamma")),
        "{fields:?}"
    );
}
