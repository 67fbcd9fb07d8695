/**
 * Issue 16, finding 4: the login lockout could be raced. Every attempt passed the
 * "is it locked?" check before any failure was counted (the password check takes
 * tens of milliseconds), so 100 parallel wrong passwords plus the right one from one
 * address let the right one in. Now an attempt reserves its slot in the store,
 * atomically, before its password is checked.
 */
import request from "supertest";
import type { Express } from "express";
import { LoginThrottle } from "../../server/auth/model";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const login = (body: object, a: Express = app) =>
  request(a).post("/api/auth/login").set("Accept-Language", "en").send(body);

it("100 parallel wrong passwords then the right one: the right one is locked out", async () => {
  const user = await makeUser("researcher");
  const wrong = Array.from({ length: 100 }, (_, i) =>
    login({ email: user.email, password: `wrong password ${i}` }),
  );
  const right = login({ email: user.email, password: TEST_PASSWORD });
  const statuses = (await Promise.all([...wrong, right])).map((r) => r.status);
  const rightStatus = statuses.pop();
  expect(rightStatus).toBe(429);
  // only the account's five slots had their password checked; the rest were refused unread
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
  // and it stays locked for the right password afterwards
  const after = await login({ email: user.email, password: TEST_PASSWORD }).expect(429);
  expect(after.body.error.code).toBe("ACCOUNT_LOCKED");
});

it("an address trying many accounts in parallel gets no more than its allowance checked", async () => {
  const strict = testApp(t, { login: { maxFailures: 100, ipMaxFailures: 10, lockMinutes: 15 } });
  const user = await makeUser("researcher");
  const attempts = Array.from({ length: 60 }, (_, i) =>
    login({ email: `someone-${i}@x.test`, password: "not it" }, strict),
  );
  const statuses = (await Promise.all(attempts)).map((r) => r.status);
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  await login({ email: user.email, password: TEST_PASSWORD }, strict).expect(429);
});

it("a right password gives its slot back: the account's count starts over", async () => {
  const user = await makeUser("researcher");
  for (let i = 0; i < 4; i += 1) await login({ email: user.email, password: "wrong" }).expect(401);
  await login({ email: user.email, password: TEST_PASSWORD }).expect(200);
  for (let i = 0; i < 4; i += 1) await login({ email: user.email, password: "wrong" }).expect(401);
  await login({ email: user.email, password: TEST_PASSWORD }).expect(200);
  // the address's slots taken by the right passwords were handed back
  const ip = await LoginThrottle.findOne({ key: /^ip:/ }).lean();
  expect(ip?.failures).toBe(8);
});

it("concurrent right passwords all get in (a reservation is not a failure)", async () => {
  const user = await makeUser("researcher");
  const results = await Promise.all(
    Array.from({ length: 8 }, () => login({ email: user.email, password: TEST_PASSWORD })),
  );
  // each holds a slot only while its password is checked; at most five at once, so
  // some may be asked to wait, but none is counted as a failure
  expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(5);
  const account = await LoginThrottle.findOne({ key: /^acct:/ }).lean();
  expect(account?.failures ?? 0).toBe(0);
  await login({ email: user.email, password: TEST_PASSWORD }).expect(200);
});
