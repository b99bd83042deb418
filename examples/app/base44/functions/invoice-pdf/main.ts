interface RenderInvoiceRequest {
  invoiceId: string;
  format?: "svg" | "text";
}

Deno.serve(async (req) => {
  const { invoiceId, format = "svg" }: RenderInvoiceRequest = await req.json();
  if (!invoiceId) {
    return Response.json({ error: "invoiceId is required" }, { status: 400 });
  }
  const body = format === "svg"
    ? `<svg xmlns="http://www.w3.org/2000/svg"><text>${invoiceId}</text></svg>`
    : `Invoice ${invoiceId}`;
  return new Response(body, { headers: { "Content-Type": format === "svg" ? "image/svg+xml" : "text/plain" } });
});
