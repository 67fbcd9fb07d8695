/**
 * The SMS queue: invitations and reminders go out once each, in the contact's
 * language with their personal link; quiet hours defer (nights, Friday to
 * Saturday night in Jewish localities); opt-outs are honoured for every later
 * send; failures retry with exponential backoff; a crashed claim is taken over.
 */
import request from "supertest";
import type { Express } from "express";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations, queueReminders } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { processQueue } from "../../server/distribution/queue/worker";
import { OUTBOX_CONTEXT, OutboxMessage } from "../../server/distribution/sms/outbox";
import { SmsSendError, type OutgoingSms } from "../../server/distribution/sms/provider";
import { createFieldCipher } from "../../server/privacy/crypto";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, signedHeaders, testQueueDeps, tokenOf } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

// A Wednesday 12:00 in Israel (UTC+2 in January), and a Friday 16:00.
const WEDNESDAY_NOON = new Date("2026-01-14T10:00:00Z");
const FRIDAY_AFTERNOON = new Date("2026-01-16T14:00:00Z");

async function outbox() {
  const cipher = createFieldCipher(t.config.dataKeys);
  const docs = await OutboxMessage.find({}).sort({ at: 1 }).lean();
  return docs.map((d) => ({
    to: cipher.decrypt(d.toSealed, OUTBOX_CONTEXT.to),
    text: cipher.decrypt(d.textSealed, OUTBOX_CONTEXT.text),
  }));
}

async function waveWith(population: "jewish" | "arab", rows: Array<[string, string?, string?]>) {
  const target = await makeSmsWave({ population });
  await importInto(t.config, target.wave, rows);
  return target;
}

it("sends each invitation once, in the contact's language, with its personal link", async () => {
  const { wave } = await waveWith("jewish", [
    ["050-1111111", "he"],
    ["052-2222222", "ar"],
  ]);
  expect(await queueInvitations(wave, WEDNESDAY_NOON)).toBe(2);
  expect(await queueInvitations(wave, WEDNESDAY_NOON)).toBe(0); // queued once
  const deps = testQueueDeps(t.config, { now: () => WEDNESDAY_NOON });
  // two workers at once: each message is claimed by one of them only
  const runs = await Promise.all([processQueue(deps), processQueue(deps)]);
  expect(runs[0]!.sent + runs[1]!.sent).toBe(2);
  expect(await processQueue(deps)).toMatchObject({ sent: 0 });
  const sent = await outbox();
  expect(sent.map((m) => m.to).sort()).toEqual(["+972501111111", "+972522222222"]);
  const ar = sent.find((m) => m.to === "+972522222222")!;
  expect(ar.text).toMatch(/[\u0600-\u06FF]/);
  const inv = (await Invitation.findOne({ locale: "ar" }).lean())!;
  expect(ar.text).toContain(`https://pulse.example.org.il/r/${await tokenOf(t.config, inv._id)}`);
  expect(inv.invitedAt).toEqual(WEDNESDAY_NOON);
  const segments = (await SmsMessage.find({ status: "sent" }).lean()).map((m) => m.segments);
  expect(segments).toEqual([2, 2]);
});

it("sends a contact whose language the wave no longer offers in the authority's default", async () => {
  const { wave } = await waveWith("jewish", [["052-2222223", "ar"]]);
  // The researcher narrowed the wave's languages after the import.
  await Wave.updateOne({ _id: wave._id }, { $set: { languages: ["he", "ru"] } });
  await queueInvitations(wave, WEDNESDAY_NOON);
  await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }));
  const [sms] = await outbox();
  expect(sms!.text).toMatch(/[\u0590-\u05FF]/);
  expect(sms!.text).not.toMatch(/[\u0600-\u06FF]/);
});

it("defers Friday afternoon to Saturday night in a Jewish locality, not in an Arab one", async () => {
  const jewish = await waveWith("jewish", [["050-1111111", "he"]]);
  const arab = await waveWith("arab", [["050-2222222", "ar"]]);
  await queueInvitations(jewish.wave, FRIDAY_AFTERNOON);
  await queueInvitations(arab.wave, FRIDAY_AFTERNOON);
  const run = await processQueue(testQueueDeps(t.config, { now: () => FRIDAY_AFTERNOON }));
  expect(run).toMatchObject({ sent: 1, deferred: 1 });
  const held = (await SmsMessage.findOne({ waveId: jewish.wave._id }).lean())!;
  expect(held).toMatchObject({ status: "queued", attempts: 0 });
  expect(held.notBefore).toEqual(new Date("2026-01-17T18:00:00Z")); // Saturday 20:00 Israel
  // Saturday 19:00 still quiet; 20:00 goes out
  const saturday = (iso: string) => testQueueDeps(t.config, { now: () => new Date(iso) });
  expect(await processQueue(saturday("2026-01-17T17:00:00Z"))).toMatchObject({ sent: 0 });
  expect(await processQueue(saturday("2026-01-17T18:00:00Z"))).toMatchObject({ sent: 1 });
});

it("honours STOP for later sends: queued messages are cancelled, reminders never go", async () => {
  const { wave } = await waveWith("jewish", [
    ["050-1111111", "he"],
    ["050-2222222", "he"],
  ]);
  await queueInvitations(wave, WEDNESDAY_NOON);
  await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }));
  const body = { from: "+972 50-111-1111", text: "הסר" };
  const res = await request(app)
    .post("/api/webhooks/sms/inbound")
    .set(signedHeaders(t.config, body))
    .send(JSON.stringify(body))
    .expect(200);
  expect(res.body).toEqual({ optedOut: true });
  const later = new Date(WEDNESDAY_NOON.getTime() + 4 * 86_400_000); // a Sunday, noon
  expect(await queueReminders(wave, later)).toBe(2);
  const run = await processQueue(testQueueDeps(t.config, { now: () => later }));
  expect(run).toMatchObject({ sent: 1, cancelled: 1 });
  expect((await outbox()).filter((m) => m.to === "+972501111111")).toHaveLength(1);
  expect(await SmsMessage.findOne({ kind: "reminder", status: "cancelled" }).lean()).toMatchObject({
    cancelReason: "opted-out",
  });
});

it("reminds only those who have not finished, each reminder once", async () => {
  const target = await makeSmsWave({ reminderDays: [3, 7] });
  await importInto(t.config, target.wave, [["050-1111111"], ["050-2222222"], ["050-3333333"]]);
  await queueInvitations(target.wave, WEDNESDAY_NOON);
  await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }));
  const [done, bounced] = await Invitation.find({}).sort({ _id: 1 }).limit(2).lean();
  await Invitation.updateOne({ _id: done!._id }, { $set: { completedAt: new Date() } });
  await Invitation.updateOne({ _id: bounced!._id }, { $set: { bouncedAt: new Date() } });
  const day = (n: number) => new Date(WEDNESDAY_NOON.getTime() + n * 86_400_000);
  expect(await queueReminders(target.wave, day(2))).toBe(0);
  expect(await queueReminders(target.wave, day(3))).toBe(1);
  expect(await queueReminders(target.wave, day(4))).toBe(0);
  expect(await queueReminders(target.wave, day(7))).toBe(1);
  expect(await queueReminders(target.wave, day(9))).toBe(0);
  const keys = (await SmsMessage.find({ kind: "reminder" }).lean()).map((m) => m.seq).sort();
  expect(keys).toEqual([1, 2]);
});

it("retries a failing gateway with exponential backoff, then gives up", async () => {
  const { wave } = await waveWith("arab", [["050-1111111", "ar"]]);
  await queueInvitations(wave, WEDNESDAY_NOON);
  let now = WEDNESDAY_NOON;
  const attempts: OutgoingSms[] = [];
  const provider = {
    name: "flaky",
    send: async (m: OutgoingSms) => {
      attempts.push(m);
      throw new SmsSendError("gateway answered 503", false);
    },
  };
  const deps = testQueueDeps(t.config, { provider, now: () => now, maxAttempts: 3 });
  expect(await processQueue(deps)).toMatchObject({ retried: 1 });
  let m = (await SmsMessage.findOne({}).lean())!;
  expect(m.notBefore.getTime() - now.getTime()).toBe(60_000);
  now = m.notBefore;
  expect(await processQueue(deps)).toMatchObject({ retried: 1 });
  m = (await SmsMessage.findOne({}).lean())!;
  expect(m.notBefore.getTime() - now.getTime()).toBe(120_000);
  now = m.notBefore;
  expect(await processQueue(deps)).toMatchObject({ failed: 1 });
  expect((await SmsMessage.findOne({}).lean())!.status).toBe("failed");
  // every attempt carried the same idempotency reference
  expect(new Set(attempts.map((a) => a.reference)).size).toBe(1);
});

it("marks a number the gateway refuses for good as bounced, without retrying", async () => {
  const { wave } = await waveWith("arab", [["050-1111111", "ar"]]);
  await queueInvitations(wave, WEDNESDAY_NOON);
  const provider = {
    name: "strict",
    send: async () => Promise.reject(new SmsSendError("400", true)),
  };
  expect(
    await processQueue(testQueueDeps(t.config, { provider, now: () => WEDNESDAY_NOON })),
  ).toMatchObject({ failed: 1 });
  expect((await SmsMessage.findOne({}).lean())!.status).toBe("bounced");
  expect((await Invitation.findOne({}).lean())!.bouncedAt).toBeInstanceOf(Date);
});

it("takes over a claim whose worker died, sending with the same reference", async () => {
  const { wave } = await waveWith("arab", [["050-1111111", "ar"]]);
  await queueInvitations(wave, WEDNESDAY_NOON);
  await SmsMessage.updateMany(
    {},
    { $set: { status: "sending", leaseUntil: new Date(WEDNESDAY_NOON.getTime() - 1) } },
  );
  expect(await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }))).toMatchObject({
    sent: 1,
  });
});

it("sends nothing for a paused wave until it reopens, and drops a closed wave's queue", async () => {
  const { wave } = await waveWith("arab", [
    ["050-1111111", "ar"],
    ["050-2222222", "ar"],
  ]);
  await queueInvitations(wave, WEDNESDAY_NOON);
  await Wave.updateOne({ _id: wave._id }, { $set: { status: "paused" } });
  expect(await processQueue(testQueueDeps(t.config, { now: () => WEDNESDAY_NOON }))).toMatchObject({
    deferred: 2,
    sent: 0,
  });
  await Wave.updateOne({ _id: wave._id }, { $set: { status: "closed" } });
  const later = new Date(WEDNESDAY_NOON.getTime() + 3_600_000);
  expect(await processQueue(testQueueDeps(t.config, { now: () => later }))).toMatchObject({
    cancelled: 2,
  });
});
