// Serves an app's functions on loopback the way the Base44 platform routes them:
//   POST /api/apps/{appId}/functions/{name}   (invoke)
//   ANY  /api/functions/{name}                 (fetch)
// Usage: deno run --allow-net --allow-read --import-map=import_map.json gateway.ts <functions dir>
const dir = Deno.args[0];
type Handler = (req: Request) => Response | Promise<Response>;
const handlers = new Map<string, Handler>();

// Capture each function's handler instead of letting it start its own server.
const realServe = Deno.serve.bind(Deno);
let captured: Handler | null = null;
// deno-lint-ignore no-explicit-any
(Deno as any).serve = (...args: any[]) => {
  const last = args[args.length - 1];
  captured = typeof last === "function" ? last : (last?.handler ?? args[0]?.handler);
  return { finished: Promise.resolve(), shutdown: async () => {} };
};

async function walk(path: string, name: string) {
  for await (const e of Deno.readDir(path)) {
    if (e.name.startsWith(".")) continue;
    const full = `${path}/${e.name}`;
    if (e.isDirectory) {
      await walk(full, name ? `${name}/${e.name}` : e.name);
      continue;
    }
    let entry = e.name === "entry.ts" || e.name === "entry.js" ? full : null;
    let fnName = name;
    if (e.name === "function.jsonc") {
      const cfg = JSON.parse((await Deno.readTextFile(full)).replace(/\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1"));
      entry = `${path}/${cfg.entry}`;
      fnName = cfg.name ?? name;
    }
    if (!entry) continue;
    captured = null;
    const mod = await import(`file://${entry}`);
    let handler: Handler | null = captured;
    if (!handler && typeof mod.default === "function") {
      const fn = mod.default;
      // Legacy handlers take (params, ctx) and return plain objects.
      handler = fn.length >= 2
        ? async (req: Request) => Response.json(await fn(await req.json().catch(() => ({})), { secrets: {} }))
        : fn;
    }
    if (handler) handlers.set(fnName, handler);
  }
}
await walk(dir, "");

realServe({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(`LISTENING ${port}`) }, async (req) => {
  const url = new URL(req.url);
  const invoke = url.pathname.match(/^\/api\/apps\/[^/]+\/functions\/(.+)$/);
  const fetched = url.pathname.match(/^\/api\/functions\/(.+)$/);
  const name = invoke?.[1] ?? fetched?.[1];
  const handler = name ? handlers.get(name) : undefined;
  if (!handler) return Response.json({ error: `no function ${name}` }, { status: 404 });
  try {
    return await handler(req);
  } catch (e) {
    return Response.json({ error: String(e) }, { status: 500 });
  }
});
