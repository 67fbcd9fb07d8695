import request from "supertest";
import { databaseBuckets, RateBucket } from "../../server/middleware/rate-buckets";
import { createRateLimiter } from "../../server/middleware/rate-limit";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await clearCollections();
});

/** One app server's limiter on the shared buckets, with a clock the test moves. */
function instance(clock: { now: number }) {
  return createRateLimiter({
    perMinute: 60,
    burst: 3,
    now: () => clock.now,
    shared: databaseBuckets,
  });
}

describe("rate limits shared through the database", () => {
  it("one instance sees what another took, and a restarted one does not start full", async () => {
    const clock = { now: Date.now() };
    const a = instance(clock);
    const b = instance(clock);
    expect([1, 2, 3].map(() => a.take("ip:x"))).toEqual([0, 0, 0]);
    await a.sync();

    // b has not heard of the key: it allows one (at most one sync interval of overshoot)...
    expect(b.take("ip:x")).toBe(0);
    await b.sync();
    // ...then knows the bucket is empty: 3 taken by a, 1 by b, a second to one token back.
    expect(b.take("ip:x")).toBe(2);
    clock.now += 2_000;
    expect(b.take("ip:x")).toBe(0);
    await b.sync();

    // A restart (a new limiter) learns the shared state on its first sync.
    const restarted = instance(clock);
    restarted.take("ip:x");
    await restarted.sync();
    expect(restarted.take("ip:x")).toBeGreaterThan(0);
    expect(b.take("ip:y")).toBe(0); // keys are independent
    await Promise.all([a.sync(), b.sync(), restarted.sync()]);
  });

  it("keeps buckets in a collection with a TTL index, written by the app's limiters", async () => {
    const indexes = await RateBucket.collection.indexes();
    expect(indexes.find((i) => i.key.expiresAt === 1)?.expireAfterSeconds).toBe(0);

    const app = testApp(t, { rateLimit: { ipPerMinute: 600, tokenPerMinute: 600 } });
    await request(app)
      .get(`/api/r/${"z".repeat(43)}`)
      .expect(404);
    // Synced within the sync interval (250 ms).
    let buckets: Array<{ _id: unknown; tokens: number; expiresAt: Date }> = [];
    for (let i = 0; i < 40 && buckets.length < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      buckets = await RateBucket.find().lean();
    }
    expect(buckets.map((b) => String(b._id)).sort()).toEqual([
      expect.stringMatching(/^ip:/),
      expect.stringMatching(/^token:/),
    ]);
    // A link's token is kept hashed, never in the clear (test/security/outbox-masking.test.ts).
    expect(JSON.stringify(buckets)).not.toContain("z".repeat(43));
    for (const b of buckets) {
      expect(b.tokens).toBeCloseTo(299, 0);
      expect(b.expiresAt.getTime()).toBeGreaterThan(Date.now());
    }
  });

  it("decides alone while the store cannot be reached, and sends the counts later", async () => {
    let reachable = false;
    const seen: number[] = [];
    const limiter = createRateLimiter({
      perMinute: 60,
      burst: 2,
      now: () => 0,
      shared: {
        take: async (changes) => {
          if (!reachable) throw new Error("store away");
          seen.push(...changes.map((c) => c.used));
          return new Map(changes.map((c) => [c.key, 0]));
        },
      },
    });
    expect([limiter.take("k"), limiter.take("k"), limiter.take("k")]).toEqual([0, 0, 1]);
    await limiter.sync();
    reachable = true;
    await limiter.sync();
    expect(seen).toEqual([2]);
  });
});
