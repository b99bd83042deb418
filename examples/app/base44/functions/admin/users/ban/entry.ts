import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";
import { fail, json } from "../../../_shared/http.ts";

/** Temporarily or permanently ban a user. */
type BanRequest =
  | { mode: "temporary"; userId: string; days: number }
  | { mode: "permanent"; userId: string; reason: string };

export default async function (req: Request): Promise<Response> {
  const base44 = createClientFromRequest(req);
  const admin = await base44.auth.me();
  if (admin?.role !== "admin") {
    return fail("Forbidden", 403);
  }
  const input = (await req.json()) as BanRequest;
  const until = input.mode === "temporary"
    ? new Date(Date.now() + input.days * 86_400_000).toISOString()
    : null;
  await base44.asServiceRole.entities.User.update(input.userId, { banned_until: until });
  return json({ userId: input.userId, bannedUntil: until });
}
