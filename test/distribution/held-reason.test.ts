/**
 * A held message says why it waits (issue 20): the queue records the reason
 * (night, Shabbat, holiday, paused wave) and the outbox shows it beside the
 * time it will go.
 */
import type { Express } from "express";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { processQueue } from "../../server/distribution/queue/worker";
import { Wave } from "../../server/waves/model";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, testQueueDeps } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

async function heldAt(iso: string, population: "jewish" | "arab", phone: string) {
  const target = await makeSmsWave({ population });
  await importInto(t.config, target.wave, [[phone, "he"]]);
  await queueInvitations(target.wave, new Date(iso));
  await processQueue(testQueueDeps(t.config, { now: () => new Date(iso) }));
  return { ...target, message: (await SmsMessage.findOne({ waveId: target.wave._id }).lean())! };
}

it("records the reason of each hold, and the outbox shows it", async () => {
  const yomKippur = await heldAt("2026-09-21T09:00:00Z", "jewish", "050-1000001");
  expect(yomKippur.message).toMatchObject({ status: "queued", heldReason: "holiday" });
  const night = await heldAt("2026-01-13T21:00:00Z", "jewish", "050-1000002");
  expect(night.message.heldReason).toBe("night");
  const shabbat = await heldAt("2026-06-20T17:10:00Z", "jewish", "050-1000003");
  expect(shabbat.message.heldReason).toBe("shabbat");

  const coordinator = await signInAs(app, "authority-coordinator", yomKippur.authority._id);
  const outbox = await coordinator.agent
    .get(`/api/authorities/${yomKippur.authority.slug}/sms-outbox?lang=he`)
    .expect(200);
  expect(outbox.body.messages[0]).toMatchObject({ status: "queued", heldReason: "holiday" });
});

it("says paused for a paused wave, and nothing once sent", async () => {
  const target = await makeSmsWave({ population: "arab" });
  await importInto(t.config, target.wave, [["050-1000004", "ar"]]);
  const noon = new Date("2026-01-14T10:00:00Z");
  await queueInvitations(target.wave, noon);
  await Wave.updateOne({ _id: target.wave._id }, { $set: { status: "paused" } });
  await processQueue(testQueueDeps(t.config, { now: () => noon }));
  expect((await SmsMessage.findOne({ waveId: target.wave._id }).lean())!.heldReason).toBe("paused");
  await Wave.updateOne({ _id: target.wave._id }, { $set: { status: "open" } });
  const later = new Date(noon.getTime() + 3_600_000);
  await processQueue(testQueueDeps(t.config, { now: () => later }));
  const sent = (await SmsMessage.findOne({ waveId: target.wave._id }).lean())!;
  expect(sent.status).toBe("sent");
  expect(sent.heldReason ?? null).toBeNull();
});
