Deno.serve(async (req) => {
  const { userId, days = 7 } = await req.json();
  if (!userId) return Response.json({ error: "userId" }, { status: 400 });
  return Response.json({ banned: true, days });
});
