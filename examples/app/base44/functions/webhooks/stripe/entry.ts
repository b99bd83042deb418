Deno.serve(async (req) => {
  if (req.method !== "POST") {
    return new Response("Method not allowed", { status: 405 });
  }
  const signature = req.headers.get("stripe-signature");
  const payload = await req.text();
  if (!signature) {
    return Response.json({ error: "missing signature" }, { status: 400 });
  }
  const event = JSON.parse(payload);
  return Response.json({ received: true, type: event.type });
});
