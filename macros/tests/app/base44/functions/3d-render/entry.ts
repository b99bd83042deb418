Deno.serve(() => new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } }));
