/**
 * Issue 16, finding 5 (audit items): wave edits, status changes, SMS text changes,
 * sends, failed logins and access denials were not audited, and request logs
 * carried no user. Each now leaves an audit event; a request log line names the
 * caller by id only.
 */
import { Writable } from "node:stream";
import pino from "pino";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app";
import { AuditEvent } from "../../server/audit/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { queueDueReminders } from "../../server/distribution/queue/runner";
import { processQueue } from "../../server/distribution/queue/worker";
import { importInto, makeSmsWave, testQueueDeps } from "../distribution/fixtures";
import { makeOpenWave } from "../factories/program";
import { makeUser } from "../factories/users";
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

const send = (s: SignedIn, method: "post" | "patch", path: string, body?: object) =>
  request(app)[method](path).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrf).send(body);

const events = (action: string) => AuditEvent.find({ action }).sort({ at: 1 }).lean();

it("a failed login is audited without the email typed", async () => {
  await request(app)
    .post("/api/auth/login")
    .send({ email: "who.is.this@x.test", password: "a guess" })
    .expect(401);
  const [event] = await events("auth.login-failed");
  expect(event).toMatchObject({
    actor: { kind: "anonymous" },
    target: { kind: "account" },
    details: { reason: "credentials" },
  });
  expect(JSON.stringify(event)).not.toContain("who.is.this");
});

it("a refused request (403) is audited with the caller and the route's pattern", async () => {
  const { authority, wave } = await makeOpenWave();
  const analyst = await signInAs(app, "authority-analyst", authority._id);
  const path = `/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}/status`;
  await send(analyst, "post", path, { status: "paused" }).expect(403);
  // and a mutation without its CSRF token
  await request(app).post("/api/auth/logout").set("Cookie", analyst.cookie).expect(403);
  const denied = await events("access.denied");
  expect(denied.map((e) => [e.target?.id, (e.details as { code: string }).code])).toEqual([
    ["POST /api/authorities/:slug/waves/:waveId/status", "FORBIDDEN"],
    ["POST /api/auth/logout", "CSRF_FAILED"],
  ]);
  expect(denied[0]).toMatchObject({
    actor: { kind: "user", id: analyst.userId, role: "authority-analyst" },
    authorityId: authority._id,
  });
});

it("wave edits, SMS text changes, sends and status changes are audited", async () => {
  const { authority, wave } = await makeOpenWave();
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  const researcher = await signInAs(app, "researcher");
  const base = `/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}`;
  await send(coordinator, "patch", base, { channels: ["open-link", "sms"] }).expect(200);
  await send(coordinator, "post", `${base}/invitations/send`).expect(200);
  await send(coordinator, "post", `${base}/status`, { status: "paused" }).expect(200);
  const text = "הזמנה מ{{authority}}: {{link}} להסרה השיבו הסר";
  await send(researcher, "patch", base, { smsTemplates: { invitation: { he: text } } }).expect(200);

  const waveId = wave._id.toHexString();
  const [edit, templatesEdit] = await events("wave.updated");
  expect(edit).toMatchObject({
    actor: { id: coordinator.userId, role: "authority-coordinator" },
    target: { kind: "wave", id: waveId },
    authorityId: authority._id,
    details: { fields: ["channels"] },
  });
  expect(templatesEdit).toMatchObject({ actor: { id: researcher.userId } });
  const [templates] = await events("sms.templates-changed");
  expect(templates).toMatchObject({
    actor: { id: researcher.userId, role: "researcher" },
    target: { kind: "wave", id: waveId },
    details: { templates: { invitation: { he: text } }, status: "paused" },
  });
  const [sent] = await events("sms.invitations-sent");
  expect(sent).toMatchObject({
    actor: { id: coordinator.userId },
    target: { kind: "wave", id: waveId },
    details: { queued: 0 },
  });
  // a coordinator's texts for a wave that has opened only wait for a researcher:
  // no sms.templates-changed for them (the proposal is audited on its own)
  await send(coordinator, "patch", base, {
    smsTemplates: { invitation: { he: `${text} !` } },
  }).expect(200);
  expect(await events("sms.templates-changed")).toHaveLength(1);
  expect((await events("wave.updated"))[2]).toMatchObject({
    details: { smsTemplatesProposed: true },
  });
  const [status] = await events("wave.status-changed");
  expect(status).toMatchObject({
    actor: { id: coordinator.userId },
    target: { kind: "wave", id: waveId },
    details: { to: "paused" },
  });
});

it("reminders the system queues are audited per wave, by the system", async () => {
  const { wave } = await makeSmsWave({ reminderDays: [3] });
  await importInto(t.config, wave, [["050-1111111"], ["050-2222222"]]);
  const noon = new Date("2026-01-14T10:00:00Z");
  await queueInvitations(wave, noon);
  await processQueue(testQueueDeps(t.config, { now: () => noon }));
  expect(await queueDueReminders(new Date(noon.getTime() + 4 * 86_400_000))).toBe(2);
  expect(await events("sms.reminders-queued")).toMatchObject([
    {
      actor: { kind: "system" },
      target: { kind: "wave", id: wave._id.toHexString() },
      authorityId: wave.authorityId,
      details: { queued: 2 },
    },
  ]);
});

it("request log lines carry the caller's id, never an email", async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logged = createApp({
    config: t.config,
    logger: pino({ level: "info" }, sink),
    store: t.store,
  });
  const user = await makeUser("researcher");
  const s = await signIn(logged, user.email);
  await request(logged).get("/api/auth/session").set("Cookie", s.cookie).expect(200);
  await request(logged).get("/api/auth/session").expect(401);
  const sessionLines = lines.filter((l) => (l.req as { url: string }).url === "/api/auth/session");
  expect(sessionLines.map((l) => l.userId)).toEqual([s.userId, undefined]);
  expect(JSON.stringify(lines)).not.toContain(user.email);
});
