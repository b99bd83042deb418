// A function whose name is a keyword in Rust and TypeScript.
interface TypeRequest {
  value: string | number | boolean | null;
}

Deno.serve({
  handler: async (req: Request) => {
    const { value }: TypeRequest = await req.json();
    return Response.json({ type: value === null ? "null" : typeof value });
  },
});
