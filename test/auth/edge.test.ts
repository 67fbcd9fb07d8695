import { createRateLimiter } from "../../server/middleware/rate-limit";
import { findUnsafeKey } from "../../server/middleware/unsafe-keys";

describe("token bucket rate limiter", () => {
  it("allows a burst, then refills at the configured rate", () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 60, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("ip:a"))).toEqual([0, 0, 0]);
    expect(limiter.take("ip:a")).toBe(1); // one token a second: wait a second
    expect(limiter.take("ip:b")).toBe(0); // keys are independent
    now += 1000;
    expect(limiter.take("ip:a")).toBe(0);
    expect(limiter.take("ip:a")).toBeGreaterThan(0);
  });
});

describe("unsafe keys in user input", () => {
  it.each([
    [{ $gt: "" }, "$gt"],
    [{ a: { $ne: 1 } }, "a.$ne"],
    [{ "a.b": 1 }, "a.b"],
    [{ list: [{ ok: 1 }, { $where: "1" }] }, "list[1].$where"],
    [JSON.parse('{"__proto__":{"x":1}}'), "__proto__"],
    [{ constructor: { prototype: 1 } }, "constructor"],
  ])("finds %j", (value, path) => {
    expect(findUnsafeKey(value)).toBe(path);
  });

  it("passes plain input, including $ and dots inside values", () => {
    expect(findUnsafeKey({ a: "$gt", b: "x.y", c: [1, { d: "e" }] })).toBeUndefined();
  });

  it("refuses absurdly deep nesting", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(findUnsafeKey(deep)).toBeDefined();
  });
});
