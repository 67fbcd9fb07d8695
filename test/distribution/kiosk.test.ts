/**
 * Kiosks: paired with a code from the workspace, answers made offline replayed
 * twice when back online give exactly one stored response, with its device.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { SurveyResponse } from "../../server/responses/model";
import { KioskDevice } from "../../server/kiosk/model";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "./fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let token: string;
let kioskId: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave();
  const coordinator = await signInAs(app, "authority-coordinator", target.authority._id);
  const created = await coordinator.agent
    .post(`/api/authorities/${target.authority.slug}/kiosks`)
    .set("X-CSRF-Token", coordinator.csrf)
    .send({ label: "מתנ״ס", waveId: target.wave._id.toHexString() })
    .expect(201);
  expect(created.body.pairingCode).toMatch(/^\d{8}$/);
  kioskId = created.body.id;
  const paired = await request(app)
    .post("/api/kiosk/pair")
    .send({ code: created.body.pairingCode })
    .expect(200);
  token = paired.body.token;
  // the code is single use, and the token handed out at creation no longer works
  await request(app).post("/api/kiosk/pair").send({ code: created.body.pairingCode }).expect(404);
  await request(app)
    .get("/api/kiosk/survey")
    .set("Authorization", `Bearer ${created.body.token}`)
    .expect(401);
});
afterAll(() => t.close());

const kiosk = () => ({
  get: (p: string) => request(app).get(p).set("Authorization", `Bearer ${token}`),
  post: (p: string, body: object) =>
    request(app).post(p).set("Authorization", `Bearer ${token}`).send(body),
});

it("refuses an expired or unknown pairing code in the tablet's language", async () => {
  await KioskDevice.updateOne(
    { _id: kioskId },
    { $set: { pairingCodeHash: "x", pairingExpiresAt: new Date(0) } },
  );
  const res = await request(app)
    .post("/api/kiosk/pair?lang=ar")
    .send({ code: "12345678" })
    .expect(404);
  expect(res.body.error.code).toBe("PAIRING_CODE_INVALID");
  expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
});

it("stores an offline queue replayed twice exactly once, with the kiosk recorded", async () => {
  const survey = (await kiosk().get("/api/kiosk/survey?lang=ar").expect(200)).body.survey;
  // three residents answered while the tablet was offline; each has its idempotency key
  const queue = [0, 1, 2].map(() => ({
    locale: "ar",
    submissionId: randomUUID(),
    answers: answerAll(survey),
  }));
  const replay = () => Promise.all(queue.map((s) => kiosk().post("/api/kiosk/responses", s)));
  const first = await replay();
  expect(first.map((r) => r.status)).toEqual([201, 201, 201]);
  // the connection dropped before the acknowledgements arrived: the tablet sends all again
  const second = await replay();
  expect(second.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(second.map((r) => r.body.id)).toEqual(first.map((r) => r.body.id));
  const stored = await SurveyResponse.find({ waveId: target.wave._id }).lean();
  expect(stored).toHaveLength(3);
  expect(stored.every((r) => r.channel === "kiosk" && r.deviceId?.toHexString() === kioskId)).toBe(
    true,
  );
  expect((await KioskDevice.findById(kioskId).lean())!.lastSeenAt).toBeInstanceOf(Date);
});

it("a revoked kiosk's replay is refused, and nothing more is stored", async () => {
  await KioskDevice.updateOne({ _id: kioskId }, { $set: { revokedAt: new Date() } });
  const before = await SurveyResponse.countDocuments({});
  await kiosk()
    .post("/api/kiosk/responses", { locale: "he", submissionId: randomUUID(), answers: {} })
    .expect(401);
  expect(await SurveyResponse.countDocuments({})).toBe(before);
});
