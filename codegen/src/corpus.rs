//! Synthetic apps for benchmarks and scale tests: N functions in the real-world mix (untyped and
//! typed inputs, shared type modules, response helpers, form data, query strings, legacy
//! handlers, a few large files), deterministic by seed.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// How to build a synthetic app.
#[derive(Clone, Copy, Debug)]
pub struct CorpusSpec {
    /// Number of functions.
    pub functions: usize,
    /// Seed: the same spec writes the same bytes.
    pub seed: u64,
}

/// xorshift64*: tiny and deterministic (also drives the mutation property test).
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIELDS: &[&str] = &[
    "orderId",
    "customerId",
    "email",
    "amount",
    "currency",
    "note",
    "items",
    "quantity",
    "status",
    "title",
    "description",
    "tags",
    "limit",
    "offset",
    "userId",
    "projectId",
    "dueDate",
    "priority",
];
const PRIMS: &[&str] = &["string", "number", "boolean", "string[]", "number | null"];
/// Functions per shared type module (real apps group types by domain).
const TYPES_PER_MODULE: usize = 20;

/// Write a synthetic app under `root` (which will hold `base44/`). Returns the entry paths
/// written, relative to `root`, in order.
pub fn write_corpus(root: &Path, spec: CorpusSpec) -> io::Result<Vec<String>> {
    let mut rng = Rng(spec.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let fns = root.join("base44").join("functions");
    std::fs::create_dir_all(fns.join("_shared"))?;
    std::fs::write(fns.join("_shared/http.ts"), HTTP_HELPERS)?;
    let modules = spec.functions.div_ceil(TYPES_PER_MODULE);
    for m in 0..modules {
        std::fs::write(
            fns.join(format!("_shared/types_{m}.ts")),
            types_module(&mut rng, m),
        )?;
    }
    let mut written = Vec::with_capacity(spec.functions);
    for i in 0..spec.functions {
        let domain = ["orders", "users", "billing", "reports", "admin", "projects"][i % 6];
        let name = format!("{domain}/op-{i:05}");
        let dir = fns.join(&name);
        std::fs::create_dir_all(&dir)?;
        let kind = rng.below(100);
        let (file, text) = match kind {
            0..=54 => ("entry.ts", untyped_json(&mut rng, i)),
            55..=74 => ("entry.ts", typed_shared(&mut rng, i)),
            75..=84 => ("entry.ts", typed_inline(&mut rng, i)),
            85..=89 => ("entry.ts", formdata(i)),
            90..=94 => ("entry.ts", query(i)),
            _ => ("entry.js", legacy(&mut rng, i)),
        };
        let mut text = text;
        // About one file in a hundred is large (real apps reach 130 KB): a big inline table.
        if i % 100 == 37 {
            text = format!("{}{text}", big_table(120 * 1024));
        }
        std::fs::write(dir.join(file), text)?;
        written.push(format!("base44/functions/{name}/{file}"));
    }
    Ok(written)
}

const HTTP_HELPERS: &str = r#"export const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { "Content-Type": "application/json" } });

export function fail(message: string, status = 400) {
  return json({ error: message }, status);
}
"#;

fn types_module(rng: &mut Rng, module: usize) -> String {
    let mut out = String::new();
    for t in 0..TYPES_PER_MODULE {
        let n = module * TYPES_PER_MODULE + t;
        let _ = writeln!(
            out,
            "/** Request of operation {n}. */\nexport interface Op{n}Request {{"
        );
        for f in 0..3 + rng.below(5) {
            let field = FIELDS[(n + f * 7) % FIELDS.len()];
            let opt = if rng.below(3) == 0 { "?" } else { "" };
            let _ = writeln!(
                out,
                "  /** The {field}. */\n  {field}{f}{opt}: {};",
                rng.pick(PRIMS)
            );
        }
        let _ = writeln!(out, "  mode: \"fast\" | \"safe\";\n}}\n");
        let _ = writeln!(
            out,
            "export type Op{n}Response = {{ ok: boolean; id: string; count: number }};\n"
        );
    }
    out
}

fn body_logic(rng: &mut Rng, i: usize, var: &str, fields: &[String]) -> String {
    let mut out = String::new();
    let first = fields.first().map(String::as_str).unwrap_or("id");
    let _ = writeln!(
        out,
        "  if (!{var}.{first}) {{\n    return Response.json({{ error: \"{first} is required\" }}, {{ status: 400 }});\n  }}"
    );
    let _ = writeln!(out, "  const base44 = createClientFromRequest(req);");
    let _ = writeln!(out, "  const user = await base44.auth.me();");
    let _ = writeln!(
        out,
        "  if (!user) return Response.json({{ error: \"Unauthorized\" }}, {{ status: 401 }});"
    );
    for (k, f) in fields.iter().enumerate().skip(1) {
        match rng.below(4) {
            0 => {
                let _ = writeln!(out, "  const v{k} = {var}.{f} ?? \"default\";");
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  if (typeof {var}.{f} !== \"number\" && {var}.{f} !== undefined) {{\n    return Response.json({{ error: \"{f} must be a number\" }}, {{ status: 422 }});\n  }}"
                );
            }
            2 => {
                let _ = writeln!(out, "  const list{k} = Array.isArray({var}.{f}) ? {var}.{f}.map((x) => String(x)) : [];");
            }
            _ => {
                let _ = writeln!(out, "  console.log(\"{f}\", {var}.{f});");
            }
        }
    }
    let _ = writeln!(
        out,
        "  const record = await base44.entities.Record{m}.create({{ owner: user.email, index: {i} }});",
        m = i % 13
    );
    let _ = writeln!(
        out,
        "  return Response.json({{ ok: true, id: record.id, index: {i}, at: new Date().toISOString(), label: `op-${{record.id}}` }});"
    );
    out
}

fn field_names(rng: &mut Rng, i: usize) -> Vec<String> {
    (0..2 + rng.below(5))
        .map(|k| format!("{}{}", FIELDS[(i + k * 5) % FIELDS.len()], k))
        .collect()
}

fn untyped_json(rng: &mut Rng, i: usize) -> String {
    let fields = field_names(rng, i);
    let mut out =
        String::from("import { createClientFromRequest } from \"npm:@base44/sdk@0.8.6\";\n\n");
    let style = rng.below(3);
    let _ = writeln!(out, "Deno.serve(async (req) => {{\n  try {{");
    let var = match style {
        0 => {
            let _ = writeln!(out, "  const body = await req.json();");
            "body".to_string()
        }
        1 => {
            let _ = writeln!(
                out,
                "  const {{ {}, ...rest }} = await req.json().catch(() => ({{}}));\n  const input = {{ {}, ...rest }};",
                fields.join(", "),
                fields.join(", ")
            );
            "input".to_string()
        }
        _ => {
            let _ = writeln!(
                out,
                "  let payload: any = {{}};\n  try {{\n    payload = await req.json();\n  }} catch {{\n    // empty body\n  }}"
            );
            "payload".to_string()
        }
    };
    out.push_str(&body_logic(rng, i, &var, &fields));
    let _ = writeln!(
        out,
        "  }} catch (error) {{\n    return Response.json({{ error: error.message }}, {{ status: 500 }});\n  }}\n}});"
    );
    out
}

fn typed_shared(rng: &mut Rng, i: usize) -> String {
    let module = i / TYPES_PER_MODULE;
    let t = module * TYPES_PER_MODULE + rng.below(TYPES_PER_MODULE);
    let mut out = format!(
        "import {{ createClientFromRequest }} from \"npm:@base44/sdk@0.8.6\";\nimport type {{ Op{t}Request, Op{t}Response }} from \"../../_shared/types_{module}.ts\";\nimport {{ fail, json }} from \"../../_shared/http.ts\";\n\n"
    );
    let _ = writeln!(
        out,
        "Deno.serve(async (req: Request) => {{\n  const body = (await req.json()) as Op{t}Request;\n  if (body.mode !== \"fast\" && body.mode !== \"safe\") {{\n    return fail(\"mode must be fast or safe\");\n  }}\n  const base44 = createClientFromRequest(req);\n  const rows = await base44.entities.Row.filter({{ mode: body.mode }});\n  const result: Op{t}Response = {{ ok: true, id: String({i}), count: rows.length }};\n  return json(result);\n}});"
    );
    out
}

fn typed_inline(rng: &mut Rng, i: usize) -> String {
    let fields = field_names(rng, i);
    let mut out =
        String::from("import { createClientFromRequest } from \"npm:@base44/sdk@0.8.6\";\n\n");
    let _ = writeln!(out, "interface Input{i} {{");
    for f in &fields {
        let _ = writeln!(out, "  {f}: {};", rng.pick(PRIMS));
    }
    let _ = writeln!(
        out,
        "  options?: {{ dryRun?: boolean; retries: number }};\n}}\n"
    );
    let _ = writeln!(
        out,
        "Deno.serve(async (req) => {{\n  const input: Input{i} = await req.json();"
    );
    out.push_str(&body_logic(rng, i, "input", &fields));
    out.push_str("});\n");
    out
}

fn formdata(i: usize) -> String {
    format!(
        "Deno.serve(async (req) => {{\n  const form = await req.formData();\n  const file = form.get(\"file\") as File;\n  const folder = form.get(\"folder\") as string;\n  if (!file) return Response.json({{ error: \"file is required\" }}, {{ status: 400 }});\n  return Response.json({{ name: file.name, size: file.size, folder, index: {i} }});\n}});\n"
    )
}

fn query(i: usize) -> String {
    format!(
        "Deno.serve(async (req) => {{\n  const url = new URL(req.url);\n  const q = url.searchParams.get(\"q\");\n  const page = Number(url.searchParams.get(\"page\") ?? \"1\");\n  if (!q) return Response.json({{ error: \"q is required\" }}, {{ status: 400 }});\n  return Response.json({{ q, page, results: [], index: {i} }});\n}});\n"
    )
}

fn legacy(rng: &mut Rng, i: usize) -> String {
    let f = FIELDS[rng.below(FIELDS.len())];
    format!(
        "// Legacy handler.\nexport default async function handler({{ {f}, limit = 10 }}, {{ entities }}) {{\n  if (!{f}) throw new Error(\"{f} is required\");\n  const rows = await entities.Row.filter({{ {f} }}, \"-created_date\", limit);\n  return {{ rows, count: rows.length, index: {i} }};\n}}\n"
    )
}

fn big_table(bytes: usize) -> String {
    let mut out = String::from("const CATALOGUE = [\n");
    let mut n = 0;
    while out.len() < bytes {
        let _ = writeln!(
            out,
            "  {{ sku: \"SKU-{n:06}\", name: \"Product number {n}\", price: {}.99, tags: [\"a\", \"b\"] }},",
            n % 500
        );
        n += 1;
    }
    out.push_str("];\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_every_function_generates() {
        let a = tempfile::tempdir().expect("tmp");
        let b = tempfile::tempdir().expect("tmp");
        let spec = CorpusSpec {
            functions: 120,
            seed: 7,
        };
        let files = write_corpus(a.path(), spec).expect("write");
        write_corpus(b.path(), spec).expect("write");
        assert_eq!(files.len(), 120);
        for f in &files {
            let x = std::fs::read(a.path().join(f)).expect("read");
            let y = std::fs::read(b.path().join(f)).expect("read");
            assert_eq!(x, y, "{f}");
        }
        let g = crate::generate(a.path());
        let errors: Vec<String> = g
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert_eq!(g.api.functions.len(), 120);
    }
}
