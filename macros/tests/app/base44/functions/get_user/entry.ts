Deno.serve(async (req) => { const { id } = await req.json(); return Response.json({ id, via: "underscore" }); });
