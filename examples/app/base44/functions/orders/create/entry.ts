import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";
import type { ApiError, CreateOrderRequest, CreateOrderResponse } from "../../_shared/types.ts";

/** Create an order for a customer and return its id and total. */
Deno.serve(async (req: Request) => {
  const base44 = createClientFromRequest(req);
  const body = (await req.json()) as CreateOrderRequest;

  if (!body.customerId || !Array.isArray(body.items) || body.items.length === 0) {
    return Response.json({ error: "customerId and items are required" } satisfies ApiError, { status: 400 });
  }

  const total = body.items.reduce((sum, item) => sum + item.quantity * (item.unitPrice ?? 0), 0);
  const order = await base44.asServiceRole.entities.Order.create({
    customer_id: body.customerId,
    items: body.items,
    currency: body.currency ?? "USD",
    total,
  });

  const result: CreateOrderResponse = {
    orderId: order.id,
    total,
    createdAt: new Date().toISOString(),
  };
  return Response.json(result);
});
