Deno.serve(async (req) => {
  const { prompt } = await req.json();
  const words = String(prompt ?? "").split(" ");
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    start(controller) {
      for (const word of words) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ token: word })}\n\n`));
      }
      controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
  });
});
