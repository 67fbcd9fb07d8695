/** Test helper: aggregates compared up to rounding. */

/** Equal up to rounding in the last bits: sums taken in another order. */
export function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (Number.isNaN(expected)) expect([path, actual]).toEqual([path, NaN]);
    else if (Math.abs(actual - expected) > tolerance)
      expect([path, actual]).toEqual([path, expected]);
    return;
  }
  if (expected instanceof Map) {
    expect(actual).toBeInstanceOf(Map);
    const a = actual as Map<unknown, unknown>;
    expect([path, [...a.keys()].sort()]).toEqual([path, [...expected.keys()].sort()]);
    for (const [k, v] of expected) expectClose(a.get(k), v, `${path}.${String(k)}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect([path, (actual as unknown[]).length]).toEqual([path, expected.length]);
    expected.forEach((v, i) => expectClose((actual as unknown[])[i], v, `${path}[${i}]`));
    return;
  }
  if (typeof expected === "object" && expected !== null) {
    const a = actual as Record<string, unknown>;
    expect([path, Object.keys(a ?? {}).sort()]).toEqual([path, Object.keys(expected).sort()]);
    for (const [k, v] of Object.entries(expected)) expectClose(a[k], v, `${path}.${k}`);
    return;
  }
  expect([path, actual]).toEqual([path, expected]);
}
