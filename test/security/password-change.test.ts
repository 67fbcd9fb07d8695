/**
 * Issue 16, finding 3: there was no way to change a password. A person now changes
 * their own (the current one, then a new one that passes the shared rule); every
 * other session of theirs ends and their own session is replaced. An administrator
 * can make an account choose a new password at its next sign-in.
 */
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { testApp } from "../helpers/app";
import { signIn, signInAs, type SignedIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const NEW_PASSWORD = "a fresh and long passphrase";

const change = (s: SignedIn, body: object, lang = "en") =>
  request(app)
    .post(`/api/auth/password?lang=${lang}`)
    .set("Cookie", s.cookie)
    .set("X-CSRF-Token", s.csrf)
    .send(body);

const cookieOf = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0]!)
    .join("; ");

it("changes the password, ends the other sessions and replaces this one", async () => {
  const user = await makeUser("researcher");
  const laptop = await signIn(app, user.email);
  const phone = await signIn(app, user.email);
  const res = await change(laptop, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
  expect(res.status).toBe(200);
  const rotated = cookieOf(res);
  expect(rotated).toMatch(/^kp_session=/);
  expect(rotated).not.toBe(laptop.cookie);
  expect(res.body.csrfToken).not.toBe(laptop.csrf);
  // the old cookies, this one's too, open nothing; the new one works
  await request(app).get("/api/auth/session").set("Cookie", phone.cookie).expect(401);
  await request(app).get("/api/auth/session").set("Cookie", laptop.cookie).expect(401);
  await request(app).get("/api/auth/session").set("Cookie", rotated).expect(200);
  // the old password no longer signs in; the new one does
  await request(app)
    .post("/api/auth/login")
    .send({ email: user.email, password: TEST_PASSWORD })
    .expect(401);
  await signIn(app, user.email, NEW_PASSWORD);
  expect(await AuditEvent.countDocuments({ action: "auth.password-changed" })).toBe(1);
});

it("refuses a wrong current password (throttled like a login) and a weak new one", async () => {
  const s = await signInAs(app, "researcher");
  const wrong = await change(s, { currentPassword: "not it", newPassword: NEW_PASSWORD }, "he");
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.code).toBe("CURRENT_PASSWORD_WRONG");
  expect(wrong.body.error.message).toMatch(/[\u0590-\u05FF]/);
  for (const weak of [
    "aaaaaaaaaaaaaaaa",
    "abababababababab",
    "demo-pulse-2026",
    "dev-admin-password-change-me",
  ]) {
    const res = await change(s, { currentPassword: TEST_PASSWORD, newPassword: weak }, "ar");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("PASSWORD_TOO_WEAK");
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
  }
  const same = await change(s, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
  expect(same.body.error).toMatchObject({
    code: "PASSWORD_TOO_WEAK",
    details: [{ path: "body.newPassword", code: "unchanged" }],
  });
  // guessing the current password through a session locks like guessing at login
  for (let i = 0; i < 4; i += 1)
    await change(s, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }).expect(400);
  const locked = await change(s, { currentPassword: "guess 5", newPassword: NEW_PASSWORD });
  expect(locked.status).toBe(429);
  expect(locked.body.error.code).toBe("ACCOUNT_LOCKED");
});

it("an admin's reset: sessions end, the next sign-in must choose a new password first", async () => {
  const user = await makeUser("authority-analyst", {
    authorityId: (await import("../factories/program").then((m) => m.makeAuthority()))._id,
  });
  const theirs = await signIn(app, user.email);
  const admin = await signInAs(app, "admin");
  await request(app)
    .post(`/api/users/${user._id.toHexString()}/password-reset`)
    .set("Cookie", admin.cookie)
    .set("X-CSRF-Token", admin.csrf)
    .expect(200);
  await request(app).get("/api/auth/session").set("Cookie", theirs.cookie).expect(401);
  expect(await AuditEvent.countDocuments({ action: "user.password-reset" })).toBe(1);

  const s = await signIn(app, user.email);
  const session = await request(app).get("/api/auth/session").set("Cookie", s.cookie).expect(200);
  expect(session.body.user.setup).toEqual(["password-change"]);
  const refused = await request(app).get("/api/authorities").set("Cookie", s.cookie).expect(403);
  expect(refused.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
  const res = await change(s, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
  expect(res.status).toBe(200);
  expect(res.body.user.setup).toEqual([]);
  await request(app).get("/api/authorities").set("Cookie", cookieOf(res)).expect(200);
});
