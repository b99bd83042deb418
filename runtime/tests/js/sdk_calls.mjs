// Makes the conformance calls with the real @base44/sdk against the server given as argv[3].
// argv[2] is the path of the SDK's entry module.
const [, , sdkPath, serverUrl] = process.argv;
const { createClient } = await import(sdkPath);

const user = createClient({ serverUrl, appId: "app_1", token: "user-secret-token", serviceToken: "service-secret-token" });
const versioned = createClient({ serverUrl, appId: "app_1", token: "user-secret-token", functionsVersion: "v7" });

const calls = [
  () => user.functions.invoke("orders/create", { a: 1, nested: { b: [1, 2] } }),
  () => user.asServiceRole.functions.invoke("admin/task", { x: 1 }),
  () => versioned.functions.invoke("f", { b: 2 }),
  () => user.functions.invoke("upload", { file: new File(["hello"], "a.txt", { type: "text/plain" }), meta: { k: 1 }, count: 3 }),
  () => user.functions.fetch("/stream/items/42", { method: "PUT", headers: { "x-custom": "1" }, body: "raw" }),
];
for (const call of calls) {
  await call();
}
process.exit(0);
