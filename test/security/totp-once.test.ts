/**
 * Issue 16, finding 4: five concurrent logins with one TOTP code all succeeded
 * (each read the last used step, then wrote its own). A code's time step is now
 * taken with a conditional update, once, whichever process serves the login.
 */
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { Session, User } from "../../server/auth/model";
import { base32Decode, totp } from "../../server/auth/totp";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { TEST_TOTP_SECRET } from "../helpers/totp";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const login = (body: object) => request(app).post("/api/auth/login").send(body);

it("five concurrent logins with one code: exactly one gets in", async () => {
  const user = await makeUser("researcher", { totp: t.config });
  const code = totp(base32Decode(TEST_TOTP_SECRET), Date.now() / 1000);
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      login({ email: user.email, password: TEST_PASSWORD, totp: code }),
    ),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  expect(await Session.countDocuments({ userId: user._id })).toBe(1);
  // the refused ones are failed logins in the audit log, with the reason and no email
  const failed = await AuditEvent.find({ action: "auth.login-failed" }).lean();
  expect(failed).toHaveLength(4);
  expect(failed[0]).toMatchObject({
    actor: { kind: "anonymous" },
    target: { kind: "user", id: user._id.toHexString() },
    details: { reason: "totp" },
  });
  expect(JSON.stringify(failed)).not.toContain(user.email);
});

it("a used step cannot be used again, nor an earlier one", async () => {
  const user = await makeUser("admin", { totp: t.config });
  const secret = base32Decode(TEST_TOTP_SECRET);
  const now = Date.now() / 1000;
  await login({ email: user.email, password: TEST_PASSWORD, totp: totp(secret, now) }).expect(200);
  await login({ email: user.email, password: TEST_PASSWORD, totp: totp(secret, now) }).expect(401);
  await login({
    email: user.email,
    password: TEST_PASSWORD,
    totp: totp(secret, now - 30),
  }).expect(401);
  await login({
    email: user.email,
    password: TEST_PASSWORD,
    totp: totp(secret, now + 30),
  }).expect(200);
  expect((await User.findById(user._id).lean())!.totp!.lastStep).toBe(Math.floor(now / 30) + 1);
});
