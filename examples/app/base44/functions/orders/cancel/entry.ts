import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";

Deno.serve(async (req) => {
  try {
    const base44 = createClientFromRequest(req);
    const body = await req.json();
    const orderId = body.orderId;
    const reason = body.reason || "customer_request";

    if (!orderId) {
      return Response.json({ error: "orderId is required" }, { status: 400 });
    }
    if (typeof body.notify !== "boolean" && body.notify !== undefined) {
      return Response.json({ error: "notify must be a boolean" }, { status: 422 });
    }

    const order = await base44.entities.Order.get(orderId);
    if (!order) {
      return Response.json({ error: "Order not found" }, { status: 404 });
    }
    await base44.entities.Order.update(orderId, { status: "cancelled", cancel_reason: reason });
    return Response.json({ success: true, orderId, status: "cancelled" });
  } catch (error) {
    return Response.json({ error: error.message }, { status: 500 });
  }
});
