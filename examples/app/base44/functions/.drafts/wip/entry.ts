// Dot-folders are skipped: this draft is not a function.
Deno.serve(() => new Response("draft"));
