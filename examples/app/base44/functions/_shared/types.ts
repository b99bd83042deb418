/** A line of an order. */
export interface OrderItem {
  /** Catalogue SKU. */
  sku: string;
  quantity: number;
  /** Unit price in cents. */
  unitPrice?: number;
}

export type Currency = "USD" | "EUR" | "GBP";

/** What the client sends to create an order. */
export interface CreateOrderRequest {
  customerId: string;
  items: OrderItem[];
  currency?: Currency;
  /** Free-form note shown on the packing slip. */
  note?: string | null;
}

export interface CreateOrderResponse {
  orderId: string;
  total: number;
  createdAt: string;
}

export interface ApiError {
  error: string;
}
