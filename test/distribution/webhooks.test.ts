/**
 * Gateway callbacks are signed: a missing, wrong, stale or replayed-onto-another-
 * body signature is refused with 401 and changes nothing; a valid delivery
 * receipt moves the message along and an undeliverable one marks a bounce.
 */
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { queueInvitations } from "../../server/distribution/queue/enqueue";
import { SmsMessage } from "../../server/distribution/queue/model";
import { processQueue } from "../../server/distribution/queue/worker";
import { sign } from "../../server/distribution/webhooks/signature";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { importInto, makeSmsWave, signedHeaders, testQueueDeps } from "./fixtures";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const { wave } = await makeSmsWave({ population: "arab" });
  await importInto(t.config, wave, [
    ["050-1111111", "ar"],
    ["050-2222222", "ar"],
  ]);
  const noon = new Date("2026-01-14T10:00:00Z");
  await queueInvitations(wave, noon);
  await processQueue(testQueueDeps(t.config, { now: () => noon }));
});
afterAll(() => t.close());

const STOP = { from: "0501111111", text: "STOP" };
const inbound = (headers: Record<string, string>, body: string = JSON.stringify(STOP)) =>
  request(app).post("/api/webhooks/sms/inbound?lang=en").set(headers).send(body);

describe("signature checks", () => {
  const now = () => String(Math.floor(Date.now() / 1000));
  it.each([
    ["no signature", () => ({ "Content-Type": "application/json" })],
    [
      "a signature made with another secret",
      () => ({
        "Content-Type": "application/json",
        "X-KP-Timestamp": now(),
        "X-KP-Signature": sign("x".repeat(40), now(), JSON.stringify(STOP)),
      }),
    ],
    [
      "a signature of another body",
      () => ({
        ...signedHeaders(t.config, { ...STOP, from: "0502222222" }),
      }),
    ],
    ["a stale timestamp (replay)", () => signedHeaders(t.config, STOP, Date.now() - 10 * 60_000)],
    ["a timestamp from the future", () => signedHeaders(t.config, STOP, Date.now() + 10 * 60_000)],
    [
      "a malformed signature header",
      () => ({
        ...signedHeaders(t.config, STOP),
        "X-KP-Signature": "sha256=zz",
      }),
    ],
  ])("refuses %s with 401 and opts nobody out", async (_label, headers) => {
    const res = await inbound(headers());
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: "SIGNATURE_INVALID", message: expect.any(String) });
    expect(await OptOut.countDocuments({})).toBe(0);
    expect(await Contact.countDocuments({ optedOutAt: mongoose.trusted({ $exists: true }) })).toBe(
      0,
    );
  });

  it("checks the exact bytes: re-serialised JSON with other spacing is refused", async () => {
    const headers = signedHeaders(t.config, STOP);
    const res = await inbound(headers, JSON.stringify(STOP, null, 2));
    expect(res.status).toBe(401);
  });

  it("takes a correctly signed STOP", async () => {
    expect((await inbound(signedHeaders(t.config, STOP)).expect(200)).body).toEqual({
      optedOut: true,
    });
    expect(await Contact.countDocuments({ optedOutAt: mongoose.trusted({ $exists: true }) })).toBe(
      1,
    );
  });

  it("ignores an inbound text that is not a stop word", async () => {
    const body = { from: "0502222222", text: "תודה רבה" };
    expect(
      (await inbound(signedHeaders(t.config, body), JSON.stringify(body)).expect(200)).body,
    ).toEqual({
      optedOut: false,
    });
  });
});

describe("delivery receipts", () => {
  const receipt = (body: object) =>
    request(app)
      .post("/api/webhooks/sms/receipts")
      .set(signedHeaders(t.config, body))
      .send(JSON.stringify(body));

  it("marks a message delivered by our reference", async () => {
    const m = (await SmsMessage.findOne({ status: "sent" }).lean())!;
    expect((await receipt({ reference: m.key, status: "delivered" }).expect(200)).body).toEqual({
      matched: true,
    });
    expect((await SmsMessage.findById(m._id).lean())!.status).toBe("delivered");
    // a late "failed" does not walk a final state back
    expect((await receipt({ reference: m.key, status: "failed" }).expect(200)).body).toEqual({
      matched: false,
    });
  });

  it("marks an undeliverable number's invitation bounced, by the gateway's id", async () => {
    const m = (await SmsMessage.findOne({ status: "sent" }).lean())!;
    await receipt({ providerId: m.providerId, status: "undeliverable" }).expect(200);
    expect((await Invitation.findById(m.invitationId).lean())!.bouncedAt).toBeInstanceOf(Date);
  });

  it("refuses an unsigned receipt", async () => {
    await request(app)
      .post("/api/webhooks/sms/receipts")
      .send({ reference: "0".repeat(24) + ":0", status: "delivered" })
      .expect(401);
  });
});
