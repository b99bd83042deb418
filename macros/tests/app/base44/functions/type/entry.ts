Deno.serve(async (req) => {
  const { value } = await req.json();
  return Response.json({ kind: typeof value });
});
