import { createClientFromRequest } from "npm:@base44/sdk@0.8.6";

Deno.serve(async (req) => {
  if (req.method !== "POST") {
    return new Response("Method not allowed", { status: 405 });
  }
  const form = await req.formData();
  const file = form.get("file") as File;
  const userId = form.get("userId") as string;
  if (!file || !userId) {
    return Response.json({ error: "file and userId are required" }, { status: 400 });
  }
  const base44 = createClientFromRequest(req);
  const { file_url } = await base44.integrations.Core.UploadFile({ file });
  return Response.json({ url: file_url, size: file.size, name: file.name });
});
