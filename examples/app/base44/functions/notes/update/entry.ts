import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";

Deno.serve(async (req) => {
  let body = {};
  try {
    body = await req.json();
  } catch {
    // empty body: handled below
  }
  const { action, noteId, ...payload } = body;
  const base44 = createClientFromRequest(req);
  switch (action) {
    case "create": {
      const note = await base44.entities.Note.create({ title: payload.title, text: payload.text ?? "" });
      return Response.json({ note });
    }
    case "rename":
      if (!noteId) return Response.json({ error: "noteId is required" }, { status: 400 });
      await base44.entities.Note.update(noteId, { title: payload.title });
      return Response.json({ ok: true });
    case "delete":
      if (!noteId) return Response.json({ error: "noteId is required" }, { status: 400 });
      await base44.entities.Note.delete(noteId);
      return Response.json({ ok: true });
    default:
      return Response.json({ error: `unknown action: ${action}` }, { status: 400 });
  }
});
