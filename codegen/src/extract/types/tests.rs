use serde_json::{json, Value};

use std::path::{Path, PathBuf};

use super::TypeContext;
use crate::parse::parse_source;

/// Write `files` under a temp app root, parse the first as the entry, and resolve `name`.
fn resolve(files: &[(&str, &str)], name: &str) -> (Value, Value, Vec<String>) {
    let tmp = tempfile::tempdir().expect("tmp");
    for (rel, text) in files {
        let p = tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, text).expect("write");
    }
    let root = std::fs::canonicalize(tmp.path()).expect("canon");
    let (rel, text) = files[0];
    let file = parse_source(&root.join(rel), rel, text.to_string())
        .map_err(|e| e[0].to_string())
        .expect("parses");
    let mut ctx = TypeContext::new(&file);
    let schema = ctx
        .schema_of_name(name)
        .map(|s| s.to_json())
        .unwrap_or(Value::Null);
    let out = ctx.finish();
    let defs: serde_json::Map<String, Value> = out
        .defs
        .iter()
        .map(|(k, d)| {
            let mut v = d.schema.to_json();
            if let (Some(desc), Value::Object(m)) = (&d.description, &mut v) {
                m.insert("description".into(), json!(desc));
            }
            (k.clone(), v)
        })
        .collect();
    let warnings = out.warnings.iter().map(|d| d.message.clone()).collect();
    (schema, Value::Object(defs), warnings)
}

fn one(src: &str, name: &str) -> (Value, Value, Vec<String>) {
    resolve(&[("base44/functions/f/entry.ts", src)], name)
}

#[test]
fn interface_with_extends_optional_nullable_and_jsdoc() {
    let (s, defs, w) = one(
        "interface Base { id: string }\n/** A user. */\ninterface User extends Base {\n  /** Display name. */\n  name?: string;\n  age: number | null;\n  nick: string | undefined;\n}",
        "User",
    );
    assert_eq!(s, json!({"$ref": "#/$defs/User"}));
    assert_eq!(
        defs["User"],
        json!({"type": "object", "description": "A user.", "properties": {
            "id": {"type": "string"},
            "name": {"type": "string", "description": "Display name."},
            "age": {"anyOf": [{"type": "number"}, {"type": "null"}]},
            "nick": {"type": "string"}
        }, "required": ["age", "id"]})
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn literal_unions_enums_tuples_and_records() {
    let (_, defs, w) = one(
        "enum Color { Red = \"red\", Blue = \"blue\" }\nenum Level { Low, High }\ntype T = {\n  mode: \"a\" | \"b\";\n  color: Color;\n  level: Level;\n  pair: [string, number?, ...boolean[]];\n  map: Record<string, number>;\n  fixed: Record<\"x\" | \"y\", boolean>;\n  list: ReadonlyArray<string>;\n  when: Date;\n};",
        "T",
    );
    let t = &defs["T"]["properties"];
    assert_eq!(t["mode"], json!({"type": "string", "enum": ["a", "b"]}));
    assert_eq!(t["color"], json!({"$ref": "#/$defs/Color"}));
    assert_eq!(
        defs["Color"],
        json!({"type": "string", "enum": ["red", "blue"]})
    );
    assert_eq!(defs["Level"], json!({"type": "integer", "enum": [0, 1]}));
    assert_eq!(
        t["pair"],
        json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "minItems": 1, "items": {"type": "boolean"}})
    );
    assert_eq!(
        t["map"],
        json!({"type": "object", "properties": {}, "required": [], "additionalProperties": {"type": "number"}})
    );
    assert_eq!(t["fixed"]["required"], json!(["x", "y"]));
    assert_eq!(
        t["list"],
        json!({"type": "array", "items": {"type": "string"}})
    );
    assert_eq!(t["when"], json!({"type": "string", "format": "date-time"}));
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn utility_types_and_generics() {
    let (_, defs, w) = one(
        "interface User { id: string; name: string; email?: string }\ninterface Page<T, M = { total: number }> { items: T[]; meta: M }\ntype Status = \"a\" | \"b\" | \"c\";\ntype Q = {\n  p: Partial<User>;\n  r: Required<User>;\n  k: Pick<User, \"id\" | \"email\">;\n  o: Omit<User, \"email\">;\n  page: Page<User>;\n  s: Exclude<Status, \"c\">;\n  e: Extract<Status, \"a\" | \"z\">;\n  n: NonNullable<string | null>;\n};",
        "Q",
    );
    let q = &defs["Q"]["properties"];
    assert_eq!(q["p"]["required"], json!([]));
    assert_eq!(q["r"]["required"], json!(["email", "id", "name"]));
    assert_eq!(q["k"]["properties"].as_object().map(|m| m.len()), Some(2));
    assert_eq!(q["o"]["required"], json!(["id", "name"]));
    assert_eq!(
        q["page"]["properties"]["items"],
        json!({"type": "array", "items": {"$ref": "#/$defs/User"}})
    );
    assert_eq!(
        q["page"]["properties"]["meta"]["required"],
        json!(["total"])
    );
    assert_eq!(q["s"], json!({"type": "string", "enum": ["a", "b"]}));
    assert_eq!(q["e"], json!({"type": "string", "const": "a"}));
    assert_eq!(q["n"], json!({"type": "string"}));
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn recursive_and_discriminated_union_types() {
    let (_, defs, _) = one(
        "interface Node { value: number; children: Node[] }\ntype Shape = { kind: \"circle\"; r: number } | { kind: \"square\"; side: number };",
        "Node",
    );
    assert_eq!(
        defs["Node"]["properties"]["children"]["items"],
        json!({"$ref": "#/$defs/Node"})
    );
    let (_, defs, _) = one(
        "type Shape = { kind: \"circle\"; r: number } | { kind: \"square\"; side: number };",
        "Shape",
    );
    assert_eq!(defs["Shape"]["anyOf"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        defs["Shape"]["anyOf"][0]["properties"]["kind"],
        json!({"type": "string", "const": "circle"})
    );
}

#[test]
fn imports_reexports_and_export_star() {
    let (s, defs, w) = resolve(
        &[
            ("base44/functions/f/entry.ts", "import type { Order as O } from \"../_shared/index.ts\";\ntype Req = { order: O };"),
            ("base44/functions/_shared/index.ts", "export * from \"./types.ts\";\nexport { Money } from \"./money.ts\";"),
            ("base44/functions/_shared/types.ts", "import { Money } from \"./money.ts\";\n/** An order. */\nexport interface Order { id: string; total: Money }"),
            ("base44/functions/_shared/money.ts", "export type Money = { cents: number; currency: \"USD\" | \"EUR\" };"),
        ],
        "Req",
    );
    assert_eq!(s, json!({"$ref": "#/$defs/Req"}));
    assert_eq!(defs["Order"]["description"], json!("An order."));
    assert_eq!(
        defs["Order"]["properties"]["total"],
        json!({"$ref": "#/$defs/Money"})
    );
    assert_eq!(
        defs["Money"]["properties"]["currency"],
        json!({"type": "string", "enum": ["USD", "EUR"]})
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn unknown_constructs_cycles_and_missing_imports_warn() {
    let (_, defs, w) = one(
        "import type { Gone } from \"./missing.ts\";\ntype A = B;\ntype B = A;\ntype T = { a: A; k: keyof T; c: T extends string ? 1 : 2; g: Gone };",
        "T",
    );
    let t = &defs["T"]["properties"];
    for k in ["a", "k", "c", "g"] {
        assert_eq!(t[k], json!({}), "{k}");
    }
    let all = w.join("\n");
    assert!(all.contains("refers to itself"), "{all}");
    assert!(all.contains("`keyof`"), "{all}");
    assert!(all.contains("conditional type"), "{all}");
    assert!(all.contains("cannot find module `./missing.ts`"), "{all}");
}

#[test]
fn zod_schemas_and_infer() {
    let (_, defs, w) = one(
        "import { z } from \"npm:zod@3.23.8\";\nconst CreateSchema = z.object({\n  name: z.string().min(1),\n  age: z.number().int().optional(),\n  role: z.enum([\"admin\", \"user\"]).default(\"user\"),\n  tags: z.array(z.string()),\n  meta: z.record(z.string()).nullable(),\n  kind: z.literal(\"x\"),\n  either: z.union([z.string(), z.number()]),\n});\ntype Req = { body: z.infer<typeof CreateSchema> };",
        "Req",
    );
    let c = &defs["Create"];
    assert_eq!(
        c["required"],
        json!(["either", "kind", "meta", "name", "tags"])
    );
    assert_eq!(
        c["properties"]["role"],
        json!({"type": "string", "enum": ["admin", "user"]})
    );
    assert_eq!(c["properties"]["meta"]["anyOf"][1], json!({"type": "null"}));
    assert_eq!(
        defs["Req"]["properties"]["body"],
        json!({"$ref": "#/$defs/Create"})
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn deep_types_stop_with_a_warning() {
    // The pipeline runs extraction on big-stack workers; do the same here.
    let w = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(|| {
            let deep = format!(
                "type T = {}string{};",
                "Array<".repeat(300),
                ">".repeat(300)
            );
            one(&deep, "T").2
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(w.iter().any(|m| m.contains("nested more than")), "{w:?}");
}

#[test]
fn imports_from_sibling_folders_share_one_resolution_key() {
    let a = super::lexical_key(Path::new("/app/fns/orders/a"), "../../_shared/t.ts");
    let b = super::lexical_key(Path::new("/app/fns/users/b"), "./../../_shared/t.ts");
    assert_eq!(a, (PathBuf::from("/app/fns"), "_shared/t.ts".to_string()));
    assert_eq!(a, b);
    // `..` inside the path is left to the file system (it may follow a link).
    let c = super::lexical_key(Path::new("/app/fns/a"), "./lib/../t.ts");
    assert_eq!(c, (PathBuf::from("/app/fns/a"), "lib/../t.ts".to_string()));
    // Never above the root.
    let d = super::lexical_key(Path::new("/"), "../t.ts");
    assert_eq!(d, (PathBuf::from("/"), "../t.ts".to_string()));
}
