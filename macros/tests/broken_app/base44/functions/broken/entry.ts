Deno.serve(async (req) => {
  const body = await req.json(;
});
