// Older style: parameters object first, context second; returns a plain object.
export default async function handler({ a, b = 1 }, { secrets }) {
  if (typeof a !== "number") {
    throw new Error("a must be a number");
  }
  return { sum: a + b, region: secrets?.REGION ?? "local" };
}
