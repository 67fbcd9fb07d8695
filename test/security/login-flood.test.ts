/**
 * Issue 16, finding 4: 50 parallel logins with unknown emails made a resident's
 * sign-up wait 26 s: every login's scrypt ran at once on libuv's thread pool,
 * which the store's fdatasync needs too. Password hashes now run through a small
 * bounded queue; past its waiting list a login is answered at once (503 AUTH_BUSY).
 * The time it saves is measured by `npm run bench:login-flood`, not here.
 */
import request from "supertest";
import type { Express } from "express";
import { LoginThrottle } from "../../server/auth/model";
import { throttleKeys } from "../../server/auth/throttle";
import { HASH_CONCURRENCY, HASH_QUEUE_LIMIT, hashQueueLoad } from "../../server/auth/hash-queue";
import { makeOpenWave, submission } from "../factories/program";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  // limits high enough that the flood reaches the hash queue
  app = testApp(t, { login: { maxFailures: 1000, ipMaxFailures: 1000, lockMinutes: 15 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const login = (body: object, lang = "en") =>
  request(app).post(`/api/auth/login?lang=${lang}`).send(body);

// Each flood hashes dozens of passwords at the production cost: on a machine
// shared with browser tests that takes longer than jest's default 30 s.
const FLOOD_TIMEOUT_MS = 120_000;

it(
  "50 parallel logins with unknown emails never run more hashes at once than the queue allows",
  async () => {
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, hashQueueLoad().running);
    }, 2);
    const flood = Array.from({ length: 50 }, (_, i) =>
      login({ email: `nobody-${i}@x.test`, password: "a guess" }),
    );
    // a resident answering meanwhile: the store's writes are not starved
    const { slug } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body.survey;
    await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission(answerAll(survey)))
      .expect(201);
    const statuses = (await Promise.all(flood)).map((r) => r.status);
    clearInterval(sampler);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
    // at most the running and the waiting were checked; the rest were told to come back
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeLessThanOrEqual(50);
    expect(checked).toBeGreaterThanOrEqual(HASH_CONCURRENCY + Math.min(HASH_QUEUE_LIMIT, 48) - 2);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 503)).toBe(true);
  },
  FLOOD_TIMEOUT_MS,
);

it(
  "past the waiting list: 503 AUTH_BUSY, translated, and not counted against the account",
  async () => {
    const user = await makeUser("researcher");
    const flood = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE_LIMIT + 10 }, (_, i) =>
      login({ email: `nobody-${i}@x.test`, password: "a guess" }, "ar"),
    );
    const mine = Array.from({ length: 5 }, () =>
      login({ email: user.email, password: "wrong password" }, "ar"),
    );
    const results = await Promise.all([...flood, ...mine]);
    const busy = results.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(10);
    expect(busy[0]!.body.error.code).toBe("AUTH_BUSY");
    expect(busy[0]!.body.error.message).toMatch(/[\u0600-\u06FF]/);
    // the account's attempts that were not checked gave their slots back
    const mineChecked = results.slice(flood.length).filter((r) => r.status === 401).length;
    const { account: key } = throttleKeys(user.email, undefined);
    const account = await LoginThrottle.findOne({ key }).lean();
    expect(account?.failures ?? 0).toBe(mineChecked);
    await login({ email: user.email, password: TEST_PASSWORD }).expect(200);
  },
  FLOOD_TIMEOUT_MS,
);
