Deno.serve(async (req) => {
  const { from, to } = await req.json();
  const rows = [["date", "orders"], [from, "3"], [to, "5"]];
  const csv = rows.map((r) => r.join(",")).join("\n");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv",
      "Content-Disposition": `attachment; filename="report.csv"`,
    },
  });
});
