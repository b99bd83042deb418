export default Deno.serve(() => Response.json({ ok: true, time: new Date().toISOString() }));
