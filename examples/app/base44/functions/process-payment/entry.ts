// Payment capture. Note: a comment mentioning Deno.serve(fake) must not confuse the tool,
// and neither must this string:
const DOCS = "call Deno.serve(handler) to start";

const handler = async (req: Request): Promise<Response> => {
  const { amount, currency = "USD", orderId: order_id, capture = true, ...metadata } = await req.json();
  if (typeof amount !== "number" || amount <= 0) {
    return Response.json({ error: "amount must be a positive number", docs: DOCS }, { status: 400 });
  }
  const paymentId = `pay_${order_id}_${Date.now()}`;
  return Response.json({
    paymentId,
    amount,
    currency,
    captured: capture,
    metadataKeys: Object.keys(metadata).length,
  });
};

Deno.serve({ port: 8000, onListen() {} }, handler);
