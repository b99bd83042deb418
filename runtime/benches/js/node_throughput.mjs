// Invokes a function N times with concurrency C through the real @base44/sdk; prints
// "<seconds> <p50 ms> <p99 ms>".
const [, , sdkPath, serverUrl, n, c] = process.argv;
const { createClient } = await import(sdkPath);
const base44 = createClient({ serverUrl, appId: "bench", token: "t" });
const total = Number(n);
const lat = [];
let next = 0;
const payload = { orderId: "o_1", items: [{ sku: "a", quantity: 2 }, { sku: "b", quantity: 1 }], note: "x".repeat(200) };
async function worker() {
  while (next < total) {
    next++;
    const t = performance.now();
    const res = await base44.functions.invoke("orders/create", payload);
    if (!res.data.ok) throw new Error("bad answer");
    lat.push(performance.now() - t);
  }
}
const start = performance.now();
await Promise.all(Array.from({ length: Number(c) }, worker));
const secs = (performance.now() - start) / 1000;
lat.sort((a, b) => a - b);
console.log(`${secs} ${lat[Math.floor(lat.length * 0.5)]} ${lat[Math.floor(lat.length * 0.99)]}`);
