import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { Session, User } from "../../server/auth/model";
import { base32Decode, totp } from "../../server/auth/totp";
import { ensureAdmin } from "../../server/users/service";
import { makeAuthority, makeOpenWave, submission } from "../factories/program";
import { makeUser, TEST_PASSWORD } from "../factories/users";
import { answerAll } from "../helpers/answers";
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

const login = (body: object, a: Express = app) =>
  request(a).post("/api/auth/login").set("Accept-Language", "en").send(body);

describe("signing in", () => {
  it("sets an httpOnly, SameSite=Lax session cookie and returns the user and CSRF token", async () => {
    const user = await makeUser("researcher");
    const res = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(
      200,
    );
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^kp_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(res.body.user).toMatchObject({ email: user.email, role: "researcher", authority: null });
    expect(res.body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash|tokenHash/);
    // only a hash of the cookie's token is stored
    const token = cookie.split(";")[0]!.split("=")[1]!;
    expect(await Session.exists({ tokenHash: token })).toBeNull();
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const user = await makeUser("researcher");
    const wrong = await login({ email: user.email, password: "not the password" }).expect(401);
    const unknown = await login({ email: "nobody@test.example", password: "x" }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("refuses invited and disabled accounts", async () => {
    const disabled = await makeUser("researcher", { status: "disabled" });
    await login({ email: disabled.email, password: TEST_PASSWORD }).expect(401);
  });

  it("locks an account after 5 failures, even for the right password, and says when in Arabic", async () => {
    const user = await makeUser("authority-analyst", { authorityId: (await makeAuthority())._id });
    for (let i = 0; i < 4; i += 1)
      await login({ email: user.email, password: "wrong" }).expect(401);
    const fifth = await login({ email: user.email, password: "wrong" }).expect(429);
    expect(fifth.body.error.code).toBe("ACCOUNT_LOCKED");
    const locked = await request(app)
      .post("/api/auth/login?lang=ar")
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    expect(locked.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(locked.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(locked.body.error.message).toContain("15");
    // another account from the same address is not locked by this one
    const other = await makeUser("researcher");
    await login({ email: other.email, password: TEST_PASSWORD }).expect(200);
  });

  it("locks an address that tries many accounts", async () => {
    const strict = testApp(t, { login: { maxFailures: 100, ipMaxFailures: 3, lockMinutes: 15 } });
    const user = await makeUser("researcher");
    for (const i of [1, 2])
      await login({ email: `a${i}@x.test`, password: "x" }, strict).expect(401);
    await login({ email: "a3@x.test", password: "x" }, strict).expect(429);
    const res = await login({ email: user.email, password: TEST_PASSWORD }, strict).expect(429);
    expect(res.body.error.code).toBe("ACCOUNT_LOCKED");
  });

  it("uses a __Host- cookie with Secure in production", async () => {
    const prod = testApp(t, {
      session: { ttlHours: 12, idleMinutes: 60, secureCookie: true },
    });
    const user = await makeUser("researcher");
    const res = await login({ email: user.email, password: TEST_PASSWORD }, prod).expect(200);
    expect(String(res.headers["set-cookie"])).toMatch(/^__Host-kp_session=.*; Secure$/);
  });
});

describe("sessions", () => {
  it("are refused without the CSRF token on a mutation, and from another origin", async () => {
    const s = await signInAs(app, "admin");
    const noToken = await request(app).post("/api/auth/logout").set("Cookie", s.cookie).expect(403);
    expect(noToken.body.error.code).toBe("CSRF_FAILED");
    await request(app)
      .post("/api/auth/logout")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", "x".repeat(43))
      .expect(403);
    const foreign = await request(app)
      .post("/api/auth/logout")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", s.csrf)
      .set("Origin", "https://evil.example")
      .expect(403);
    expect(foreign.body.error.code).toBe("CSRF_FAILED");
    // reads need no token
    await request(app).get("/api/auth/session").set("Cookie", s.cookie).expect(200);
  });

  it("end at logout: the cookie stops working on the server", async () => {
    const s = await signInAs(app, "researcher");
    const out = await request(app)
      .post("/api/auth/logout")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", s.csrf)
      .expect(200);
    expect(String(out.headers["set-cookie"])).toMatch(/Max-Age=0/);
    const res = await request(app).get("/api/auth/session").set("Cookie", s.cookie).expect(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("expire: past their absolute expiry or idle too long", async () => {
    const a = await signInAs(app, "researcher");
    await Session.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await request(app).get("/api/auth/session").set("Cookie", a.cookie).expect(401);
    const b = await signInAs(app, "researcher");
    await Session.updateMany({}, { $set: { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) } });
    await request(app).get("/api/auth/session").set("Cookie", b.cookie).expect(401);
  });
});

describe("accounts", () => {
  it("first start creates the admin from the configuration, once", async () => {
    expect(await ensureAdmin(t.config)).toEqual({ created: true, email: t.config.admin.email });
    expect(await ensureAdmin(t.config)).toMatchObject({ created: false });
    const s = await signIn(app, t.config.admin.email, t.config.admin.password);
    expect(s.userId).toMatch(/^[0-9a-f]{24}$/);
  });

  it("invite: the admin gets a one-time link, the person sets a password and signs in", async () => {
    const authority = await makeAuthority();
    const admin = await signInAs(app, "admin");
    const invite = await request(app)
      .post("/api/users/invites")
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrf)
      .send({
        email: "New.Analyst@Town.example",
        role: "authority-analyst",
        authoritySlug: authority.slug,
      })
      .expect(201);
    expect(invite.body.user).toMatchObject({ status: "invited", authoritySlug: authority.slug });
    const token = invite.body.inviteUrl.split("/invite/")[1];
    const info = await request(app).get(`/api/auth/invites/${token}`).expect(200);
    expect(info.body).toEqual({ email: "new.analyst@town.example", role: "authority-analyst" });
    await request(app).post(`/api/auth/invites/${token}`).send({ password: "short" }).expect(400);
    await request(app)
      .post(`/api/auth/invites/${token}`)
      .send({ password: "a good long passphrase" })
      .expect(200);
    const again = await request(app)
      .post(`/api/auth/invites/${token}`)
      .send({ password: "another long passphrase" })
      .expect(404);
    expect(again.body.error.code).toBe("INVITE_INVALID");
    const s = await signIn(app, "new.analyst@town.example", "a good long passphrase");
    const own = await request(app).get("/api/authorities").set("Cookie", s.cookie).expect(200);
    expect(own.body.map((a: { slug: string }) => a.slug)).toEqual([authority.slug]);
  });

  it("refuses an authority role without an authority, and a program role with one", async () => {
    const admin = await signInAs(app, "admin");
    const send = (body: object) =>
      request(app)
        .post("/api/users/invites")
        .set("Cookie", admin.cookie)
        .set("X-CSRF-Token", admin.csrf)
        .send(body);
    await send({ email: "a@x.test", role: "authority-coordinator" }).expect(400);
    const town = await makeAuthority();
    await send({ email: "b@x.test", role: "researcher", authoritySlug: town.slug }).expect(400);
  });

  it("a role change is audited, ends the user's sessions, and shows in the audit log", async () => {
    const town = await makeAuthority();
    const target = await makeUser("authority-analyst", { authorityId: town._id });
    const theirs = await signIn(app, target.email);
    const admin = await signInAs(app, "admin");
    const res = await request(app)
      .patch(`/api/users/${target._id.toHexString()}`)
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrf)
      .send({ role: "researcher", authoritySlug: null })
      .expect(200);
    expect(res.body).toMatchObject({ role: "researcher", authoritySlug: null });
    await request(app).get("/api/auth/session").set("Cookie", theirs.cookie).expect(401);

    const log = await request(app)
      .get("/api/audit?action=user.role-changed")
      .set("Cookie", admin.cookie)
      .expect(200);
    expect(log.body[0]).toMatchObject({
      action: "user.role-changed",
      actor: { kind: "user", id: admin.userId, role: "admin" },
      target: { kind: "user", id: target._id.toHexString() },
      details: {
        from: { role: "authority-analyst", authorityId: town._id.toHexString() },
        to: { role: "researcher", authorityId: null },
      },
    });
    // reading the audit log is itself audited
    expect(await AuditEvent.countDocuments({ action: "audit.read" })).toBe(1);
  });

  it("an admin cannot demote or disable themselves", async () => {
    const admin = await signInAs(app, "admin");
    await request(app)
      .patch(`/api/users/${admin.userId}`)
      .set("Cookie", admin.cookie)
      .set("X-CSRF-Token", admin.csrf)
      .send({ role: "researcher" })
      .expect(409);
  });

  it("reading the accounts list (staff emails) is audited", async () => {
    const admin = await signInAs(app, "admin");
    await request(app).get("/api/users").set("Cookie", admin.cookie).expect(200);
    const event = await AuditEvent.findOne({ action: "users.read" }).lean();
    expect(event).toMatchObject({ actor: { id: admin.userId }, details: { count: 1 } });
  });
});

describe("TOTP second factor", () => {
  it("once enabled, login needs a fresh code; the secret is sealed at rest", async () => {
    const s = await signInAs(app, "researcher");
    const setup = await request(app)
      .post("/api/auth/totp/setup")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", s.csrf)
      .expect(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const stored = await User.findById(s.userId).lean();
    expect(stored!.totp!.pendingSecret).toMatch(/^v1\.\w+\./);
    expect(stored!.totp!.pendingSecret).not.toContain(setup.body.secret);

    const secret = base32Decode(setup.body.secret);
    const now = Date.now() / 1000;
    await request(app)
      .post("/api/auth/totp/enable")
      .set("Cookie", s.cookie)
      .set("X-CSRF-Token", s.csrf)
      .send({ code: totp(secret, now - 30) })
      .expect(200);

    const noCode = await login({ email: s.email, password: TEST_PASSWORD }).expect(401);
    expect(noCode.body.error.code).toBe("TOTP_REQUIRED");
    // the code used to enable (previous step) cannot be replayed
    await login({ email: s.email, password: TEST_PASSWORD, totp: totp(secret, now - 30) }).expect(
      401,
    );
    const code = totp(secret, now);
    await login({ email: s.email, password: TEST_PASSWORD, totp: code }).expect(200);
    await login({ email: s.email, password: TEST_PASSWORD, totp: code }).expect(401);
  });
});

describe("kiosk devices", () => {
  it("a coordinator registers a kiosk; it submits to its wave only, with channel kiosk; revoked, it stops", async () => {
    const { authority, wave, slug } = await makeOpenWave();
    const coordinator = await signInAs(app, "authority-coordinator", authority._id);
    const created = await request(app)
      .post(`/api/authorities/${authority.slug}/kiosks`)
      .set("Cookie", coordinator.cookie)
      .set("X-CSRF-Token", coordinator.csrf)
      .send({ label: "Lobby \u202Etablet", waveId: wave._id.toHexString() })
      .expect(201);
    expect(created.body.label).toBe("Lobby tablet"); // bidi override removed
    const bearer = { Authorization: `Bearer ${created.body.token}` };
    const survey = (await request(app).get("/api/kiosk/survey?lang=ar").set(bearer).expect(200))
      .body;
    expect(survey.wave.id).toBe(wave._id.toHexString());
    const posted = await request(app)
      .post("/api/kiosk/responses")
      .set(bearer)
      .send(submission(answerAll(survey.survey)))
      .expect(201);
    const { SurveyResponse } = await import("../../server/responses/model");
    expect((await SurveyResponse.findById(posted.body.id).lean())!.channel).toBe("kiosk");
    // a kiosk is not a person: no results, no session routes
    await request(app).get(`/api/results/authorities/${authority.slug}`).set(bearer).expect(403);
    await request(app).get(`/api/take/${slug}`).set(bearer).expect(200); // the public link stays public

    await request(app)
      .post(`/api/authorities/${authority.slug}/kiosks/${created.body.id}/revoke`)
      .set("Cookie", coordinator.cookie)
      .set("X-CSRF-Token", coordinator.csrf)
      .expect(200);
    await request(app).get("/api/kiosk/survey").set(bearer).expect(401);
  });
});

describe("rate limits on public endpoints", () => {
  it("per address: a 429 with Retry-After once the bucket is empty", async () => {
    const { slug } = await makeOpenWave();
    const limited = testApp(t, { rateLimit: { ipPerMinute: 4, tokenPerMinute: 1000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await request(limited).get(`/api/take/${slug}`)).status);
    // the burst is half a minute's allowance: 2 of 4
    expect(statuses).toEqual([200, 200, 429, 429]);
    const res = await request(limited).get(`/api/take/${slug}?lang=en`);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("per survey token: one personal link is limited on its own", async () => {
    // Open links have no per-link limit (one script would lock residents out): their
    // stuffing guard challenges instead (test/security/open-link-stuffing.test.ts).
    const [a, b] = ["a", "b"].map((c) => `/api/r/${c.repeat(43)}`) as [string, string];
    const limited = testApp(t, { rateLimit: { ipPerMinute: 1000, tokenPerMinute: 2 } });
    await request(limited).get(a).expect(404);
    await request(limited).get(a).expect(429);
    await request(limited).get(b).expect(404);
  });
});
