interface Node { value: number; children: Node[]; parent?: Node | null }
type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };
type Id = string | number;
interface TreeReq { root: Node; shape: Shape; id: Id }
Deno.serve(async (req) => {
  const body: TreeReq = await req.json();
  return Response.json({ depth: 1, shape: body.shape });
});
