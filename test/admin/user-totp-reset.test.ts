/**
 * Issue 20: admins reset an account's authenticator (a lost phone) from the
 * users screen. The account must enrol a new one at its next sign-in, its
 * sessions end, and the reset is in the audit log.
 */
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { User } from "../../server/auth/model";
import { makeAuthority } from "../factories/program";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { signIn, signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

it("switches the authenticator off, ends the sessions and audits the reset", async () => {
  const authority = await makeAuthority();
  const coordinator = await makeUser("authority-coordinator", {
    authorityId: authority._id,
    totp: t.config,
  });
  const session = await signIn(app, coordinator.email);
  const admin = await signInAs(app, "admin");
  const res = await request(app)
    .post(`/api/users/${coordinator._id.toHexString()}/totp-reset?lang=en`)
    .set("Cookie", admin.cookie)
    .set("X-CSRF-Token", admin.csrf)
    .expect(200);
  expect(res.body.revoked).toBeGreaterThanOrEqual(1);
  await request(app).get("/api/auth/session").set("Cookie", session.cookie).expect(401);
  const after = (await User.findById(coordinator._id).lean())!;
  expect(after.totp?.enabled).toBe(false);
  expect(after.totp?.secret ?? null).toBeNull();
  // the next sign-in asks for a new enrolment, not for a code from the lost phone
  const login = await request(app)
    .post("/api/auth/login")
    .send({ email: coordinator.email, password: "correct horse battery staple" })
    .expect(200);
  expect(login.body.user.setup).toContain("totp-enrolment");
  expect(await AuditEvent.countDocuments({ action: "user.totp-reset" })).toBe(1);
});

it("refuses the admin's own authenticator and an unknown account", async () => {
  const admin = await signInAs(app, "admin");
  const own = await request(app)
    .post(`/api/users/${admin.userId}/totp-reset?lang=ar`)
    .set("Cookie", admin.cookie)
    .set("X-CSRF-Token", admin.csrf)
    .expect(409);
  expect(own.body.error.message).toMatch(/[\u0600-\u06FF]/);
  await request(app)
    .post(`/api/users/${"0".repeat(24)}/totp-reset`)
    .set("Cookie", admin.cookie)
    .set("X-CSRF-Token", admin.csrf)
    .expect(404);
});
