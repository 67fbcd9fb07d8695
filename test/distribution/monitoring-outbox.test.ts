/**
 * Fieldwork monitoring and the SMS outbox listing: the program view per
 * authority × wave (a coordinator sees their own authority only), one wave's
 * funnel moving when a resident answers, and the outbox filtered by wave and
 * delivery status, a page at a time, with masked numbers, and every read audited.
 */
import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { processQueue } from "../../server/distribution/queue/worker";
import { Wave } from "../../server/waves/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, testQueueDeps, tokenOf } from "./fixtures";

let t: TestStore;
let app: Express;
let own: Awaited<ReturnType<typeof makeSmsWave>>;
let other: Awaited<ReturnType<typeof makeSmsWave>>;
let researcher: SignedIn;
let coordinator: SignedIn;
let stranger: SignedIn;

// A Wednesday 12:00 in Israel: no quiet hours.
const WEDNESDAY_NOON = new Date("2026-01-14T10:00:00Z");

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  own = await makeSmsWave({ population: "mixed" });
  other = await makeSmsWave();
  await Wave.updateOne({ _id: own.wave._id }, { $set: { targetCompletes: 4 } });
  await importInto(t.config, own.wave, [
    ["050-1111111", "he"],
    ["050-2222222", "ar"],
    ["050-3333333", "he"],
  ]);
  await importInto(t.config, other.wave, [["050-4444444", "he"]]);
  await queueInvitations(own.wave, WEDNESDAY_NOON);
  await queueInvitations(other.wave, WEDNESDAY_NOON);
  // two of the own wave's three invitations go out; the third stays queued
  const deps = testQueueDeps(t.config, { now: () => WEDNESDAY_NOON });
  await processQueue({ ...deps }, 2);
  researcher = await signInAs(app, "researcher");
  coordinator = await signInAs(app, "authority-coordinator", own.authority._id);
  stranger = await signInAs(app, "authority-coordinator", other.authority._id);
}, 60_000);
afterAll(() => t.close());

const outbox = (who: SignedIn, slug: string, query = "") =>
  who.agent.get(`/api/authorities/${slug}/sms-outbox${query}`);

describe("program monitoring", () => {
  it("lists every running wave for a researcher, with completes, target and response rate", async () => {
    const res = await researcher.agent.get("/api/monitoring/waves?lang=en").expect(200);
    const row = res.body.rows.find(
      (r: { wave: { id: string } }) => r.wave.id === own.wave._id.toHexString(),
    );
    expect(row).toMatchObject({
      authority: { slug: own.authority.slug, name: "Test town" },
      wave: { name: "SMS wave", status: "open" },
      target: 4,
      completes: 0,
      sms: { contacts: 3, invited: 2, completed: 0 },
      responseRate: 0,
    });
    const slugs = res.body.rows.map((r: { authority: { slug: string } }) => r.authority.slug);
    expect(slugs).toEqual(expect.arrayContaining([own.authority.slug, other.authority.slug]));
    expect(Date.parse(res.body.updatedAt)).not.toBeNaN();
  });

  it("gives a coordinator their own authority's waves only", async () => {
    const res = await coordinator.agent.get("/api/monitoring/waves").expect(200);
    expect(res.body.rows.length).toBeGreaterThan(0);
    for (const row of res.body.rows) expect(row.authority.slug).toBe(own.authority.slug);
  });

  it("filters by status: closed waves on request, not among the running ones", async () => {
    const { wave } = await makeSmsWave({ status: "closed", authorityId: own.authority._id });
    const running = await researcher.agent.get("/api/monitoring/waves").expect(200);
    const closed = await researcher.agent.get("/api/monitoring/waves?status=closed").expect(200);
    const ids = (body: { rows: Array<{ wave: { id: string } }> }) =>
      body.rows.map((r) => r.wave.id);
    expect(ids(running.body)).not.toContain(wave._id.toHexString());
    expect(ids(closed.body)).toEqual([wave._id.toHexString()]);
    const bad = await researcher.agent.get("/api/monitoring/waves?status=lost").expect(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("wave monitoring", () => {
  const path = () =>
    `/api/authorities/${own.authority.slug}/waves/${own.wave._id.toHexString()}/monitoring`;

  it("moves the funnel when a resident answers through the personal link", async () => {
    const before = (await coordinator.agent.get(path()).expect(200)).body;
    expect(before.sms).toMatchObject({ contacts: 3, invited: 2, completed: 0 });
    expect(before.authority.slug).toBe(own.authority.slug);
    const inv = (await Invitation.findOne({
      waveId: own.wave._id,
      invitedAt: mongoose.trusted({ $exists: true }),
      locale: "he",
    }).lean())!;
    const token = await tokenOf(t.config, inv._id);
    const survey = (await request(app).get(`/api/r/${token}`).expect(200)).body.survey;
    await request(app)
      .post(`/api/r/${token}/responses`)
      .send({ locale: "he", submissionId: randomUUID(), answers: answerAll(survey) })
      .expect(201);
    const after = (await researcher.agent.get(path()).expect(200)).body;
    expect(after.sms).toMatchObject({ invited: 2, opened: 1, completed: 1 });
    expect(after.completes).toBe(1);
    // AAPOR RR1: 1 complete of 3 invitations (the one never sent is of unknown eligibility).
    expect(after.responseRate).toBeCloseTo(1 / 3, 12);
    expect(after.aapor.dispositions).toMatchObject({ complete: 1, unknown: 2 });
    expect(after.byChannel).toEqual({ sms: 1 });
    expect(after.byLanguage.he).toMatchObject({ contacts: 2, completed: 1 });
  });

  it("answers a coordinator of another authority 404, like a missing wave", async () => {
    const res = await stranger.agent.get(path()).expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});

describe("the SMS outbox", () => {
  const waveQuery = () => `?wave=${own.wave._id.toHexString()}`;

  it("lists a wave's messages with delivery status, masked numbers and counts per status", async () => {
    const res = await outbox(coordinator, own.authority.slug, waveQuery()).expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, limit: 50 });
    expect(res.body.byStatus).toMatchObject({ queued: 1, sent: 2, delivered: 0, failed: 0 });
    for (const m of res.body.messages) {
      expect(m.to).toMatch(/^\+972•+\d\d$/);
      expect(m.kind).toBe("invitation");
    }
    const sent = res.body.messages.filter((m: { status: string }) => m.status === "sent");
    expect(sent).toHaveLength(2);
    for (const m of sent) {
      expect(m.text).toContain("https://pulse.example.org.il/r/");
      expect(Date.parse(m.sentAt)).toBe(WEDNESDAY_NOON.getTime());
    }
    const queued = res.body.messages.find((m: { status: string }) => m.status === "queued");
    expect(queued).toMatchObject({ text: null, sentAt: null });
    // No number in any form: the test's numbers are 050-NNNNNNN with one digit repeated.
    expect(JSON.stringify(res.body)).not.toMatch(/(1111111|2222222|3333333)|\+97250\d/);
  });

  it("filters by delivery status and pages through, newest first", async () => {
    const queued = await outbox(coordinator, own.authority.slug, `${waveQuery()}&status=queued`);
    expect(queued.status).toBe(200);
    expect(queued.body.total).toBe(1);
    expect(queued.body.messages.map((m: { status: string }) => m.status)).toEqual(["queued"]);
    const first = (await outbox(coordinator, own.authority.slug, `${waveQuery()}&limit=2`)).body;
    const second = (
      await outbox(coordinator, own.authority.slug, `${waveQuery()}&limit=2&page=2`).expect(200)
    ).body;
    expect(first.messages).toHaveLength(2);
    expect(second).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect(second.messages).toHaveLength(1);
    const refs = [...first.messages, ...second.messages].map(
      (m: { reference: string }) => m.reference,
    );
    expect(new Set(refs).size).toBe(3);
    const all = await SmsMessage.find({ waveId: own.wave._id }).sort({ _id: -1 }).lean();
    expect(refs).toEqual(all.map((m) => m.key));
  });

  it("keeps to the wave asked for, and without a wave lists the whole authority", async () => {
    const otherWave = await makeSmsWave({ authorityId: own.authority._id });
    await importInto(t.config, otherWave.wave, [["050-5555555", "he"]]);
    await queueInvitations(otherWave.wave, WEDNESDAY_NOON);
    const one = (await outbox(coordinator, own.authority.slug, waveQuery()).expect(200)).body;
    expect(one.total).toBe(3);
    const every = (await outbox(coordinator, own.authority.slug).expect(200)).body;
    expect(every.total).toBe(4);
  });

  it("shows a researcher the same list, the local outbox's text included", async () => {
    const res = await outbox(researcher, own.authority.slug, waveQuery()).expect(200);
    expect(res.body.total).toBe(3);
    const texts = res.body.messages.map((m: { text: string | null }) => m.text);
    expect(texts.filter((x: string | null) => x?.includes("/r/"))).toHaveLength(2);
  });

  it("audits every read", async () => {
    const before = await AuditEvent.countDocuments({ action: "sms.outbox-read" });
    await outbox(coordinator, own.authority.slug, `${waveQuery()}&status=sent`).expect(200);
    const events = await AuditEvent.find({ action: "sms.outbox-read" }).sort({ _id: -1 }).lean();
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({
      target: { kind: "outbox", id: own.wave._id.toHexString() },
      details: { count: 2, status: "sent" },
    });
  });

  it("refuses another authority's outbox or wave with 404, and bad filters with 400", async () => {
    expect((await outbox(stranger, own.authority.slug).expect(404)).body.error.code).toBe(
      "NOT_FOUND",
    );
    // the coordinator's own slug with another authority's wave
    await outbox(coordinator, own.authority.slug, `?wave=${other.wave._id.toHexString()}`).expect(
      404,
    );
    await outbox(stranger, other.authority.slug, waveQuery()).expect(404);
    for (const q of ["?status=lost", "?wave=nope", "?page=0", "?limit=500"]) {
      const res = await outbox(coordinator, own.authority.slug, q).expect(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });
});
