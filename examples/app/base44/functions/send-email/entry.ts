import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";

type Handler = (req: Request) => Promise<Response>;

// Rejects requests without a user before the handler runs.
function withAuth(inner: Handler): Handler {
  return async (req) => {
    const base44 = createClientFromRequest(req);
    const user = await base44.auth.me().catch(() => null);
    if (!user) return Response.json({ error: "Unauthorized" }, { status: 401 });
    return inner(req);
  };
}

Deno.serve(withAuth(async (req) => {
  const { to, subject, body: text, cc = [] } = await req.json().catch(() => ({}));
  if (!to || !subject) {
    return Response.json({ error: "to and subject are required" }, { status: 400 });
  }
  const base44 = createClientFromRequest(req);
  await base44.integrations.Core.SendEmail({ to, subject, body: text ?? "", cc: cc.join(",") });
  return Response.json({ sent: true, recipients: 1 + cc.length });
}));
