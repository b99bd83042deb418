import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";

// Lists the signed-in user's recent orders. Takes no input.
Deno.serve(async (req) => {
  const base44 = createClientFromRequest(req);
  const user = await base44.auth.me();
  if (!user) {
    return Response.json({ error: "Unauthorized" }, { status: 401 });
  }
  const orders = await base44.entities.Order.filter({ created_by: user.email }, "-created_date", 50);
  return Response.json({ orders, count: orders.length });
});
