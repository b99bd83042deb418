interface Item { sku: string; qty: number }
interface CreateOrder {
  customerId: string;
  items: Item[];
  priority?: "low" | "high";
}
Deno.serve(async (req) => {
  const body = (await req.json()) as CreateOrder;
  if (!body.customerId) return Response.json({ error: "customerId" }, { status: 400 });
  return Response.json({ orderId: "o_1", total: body.items.length });
});
