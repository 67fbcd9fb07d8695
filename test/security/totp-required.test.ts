/**
 * Issue 16, findings 4 and 6: TOTP was optional for everyone and coordinators,
 * who can reveal residents' numbers, could not enrol at all. Admins and every
 * role that may reveal personal data must now have it: such an account without
 * it signs in to a session that can only enrol (and sign out, change password).
 */
import request from "supertest";
import type { Express } from "express";
import { TOTP_REQUIRED_ROLES } from "../../server/shared/roles";
import { base32Decode, totp } from "../../server/auth/totp";
import { NUMBER_REVEALERS } from "../../server/shared/contact-access";
import { makeAuthority } from "../factories/program";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { testApp } from "../helpers/app";
import { signIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

it("is required of admins and of every role that may reveal numbers", () => {
  expect(TOTP_REQUIRED_ROLES.has("admin")).toBe(true);
  for (const role of NUMBER_REVEALERS) expect(TOTP_REQUIRED_ROLES.has(role)).toBe(true);
  expect(TOTP_REQUIRED_ROLES.has("researcher")).toBe(false);
});

it("a coordinator without TOTP gets a session that can only enrol, then everything", async () => {
  const town = await makeAuthority();
  const user = await makeUser("authority-coordinator", { authorityId: town._id });
  const s = await signIn(app, user.email, TEST_PASSWORD, { enrol: false });
  const as = (method: "get" | "post", path: string) =>
    request(app)[method](path).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrf);

  const session = await as("get", "/api/auth/session").expect(200);
  expect(session.body.user.setup).toEqual(["totp-enrolment"]);
  const refused = await as("get", `/api/authorities/${town.slug}/waves?lang=ar`).expect(403);
  expect(refused.body.error.code).toBe("TOTP_ENROLMENT_REQUIRED");
  expect(refused.body.error.message).toMatch(/[\u0600-\u06FF]/);

  const setup = await as("post", "/api/auth/totp/setup").expect(200);
  const secret = base32Decode(setup.body.secret);
  await as("post", "/api/auth/totp/enable")
    .send({ code: totp(secret, Date.now() / 1000) })
    .expect(200);
  // the same session now opens what the role may
  expect((await as("get", "/api/auth/session").expect(200)).body.user).toMatchObject({
    setup: [],
    totpEnabled: true,
  });
  await as("get", `/api/authorities/${town.slug}/waves`).expect(200);
  // and the next sign-in asks for a code
  const noCode = await request(app)
    .post("/api/auth/login")
    .send({ email: user.email, password: TEST_PASSWORD })
    .expect(401);
  expect(noCode.body.error.code).toBe("TOTP_REQUIRED");
});

it("starting enrolment again does not switch an enabled factor off", async () => {
  const admin = await makeUser("admin", { totp: t.config });
  const s = await signIn(app, admin.email);
  await request(app)
    .post("/api/auth/totp/setup")
    .set("Cookie", s.cookie)
    .set("X-CSRF-Token", s.csrf)
    .expect(200);
  const again = await request(app)
    .post("/api/auth/login")
    .send({ email: admin.email, password: TEST_PASSWORD })
    .expect(401);
  expect(again.body.error.code).toBe("TOTP_REQUIRED");
});

it("a researcher may sign in without TOTP and use everything", async () => {
  const user = await makeUser("researcher");
  const s = await signIn(app, user.email);
  const session = await request(app).get("/api/auth/session").set("Cookie", s.cookie).expect(200);
  expect(session.body.user.setup).toEqual([]);
  await request(app).get("/api/bank?lang=he").set("Cookie", s.cookie).expect(200);
});
