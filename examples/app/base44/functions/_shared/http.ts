export const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json" },
  });

export function fail(message: string, status = 400) {
  return json({ error: message }, status);
}
