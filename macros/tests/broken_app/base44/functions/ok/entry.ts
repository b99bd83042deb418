Deno.serve(() => Response.json({ ok: true }));
