Deno.serve(async (req) => {
  const url = new URL(req.url);
  const q = url.searchParams.get("q");
  const limit = Number(url.searchParams.get("limit") ?? "20");
  if (!q) {
    return Response.json({ error: "q is required" }, { status: 400 });
  }
  const results = [`${q} one`, `${q} two`].slice(0, limit);
  return Response.json({ query: q, results, total: results.length });
});
