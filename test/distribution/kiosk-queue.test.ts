/**
 * A kiosk reports that it is alive and how many answers wait in its offline
 * queue (a heartbeat, and its survey requests); the workspace's list shows the
 * figure with the time it was reported and when the tablet was last seen.
 */
import request from "supertest";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "./fixtures";

let t: TestStore;
let app: Express;
let target: Awaited<ReturnType<typeof makeSmsWave>>;
let researcher: SignedIn;
let kioskId: string;
let token: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave();
  researcher = await signInAs(app, "researcher");
  const created = await researcher.agent
    .post(`/api/authorities/${target.authority.slug}/kiosks?lang=he`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ label: "ספרייה עירונית", waveId: target.wave._id.toHexString() })
    .expect(201);
  kioskId = created.body.id;
  expect(created.body).toMatchObject({ lastSeenAt: null, queuedAnswers: null });
  token = (
    await request(app).post("/api/kiosk/pair").send({ code: created.body.pairingCode }).expect(200)
  ).body.token;
});
afterAll(() => t.close());

const listed = async () => {
  const res = await researcher.agent
    .get(`/api/authorities/${target.authority.slug}/kiosks`)
    .expect(200);
  return res.body.find((k: { id: string }) => k.id === kioskId);
};
const heartbeat = (body: object, bearer = token) =>
  request(app).post("/api/kiosk/heartbeat").set("Authorization", `Bearer ${bearer}`).send(body);

it("records the queue length and the time of each heartbeat", async () => {
  const before = Date.now();
  const res = await heartbeat({ queued: 3 }).expect(200);
  const kiosk = await listed();
  expect(kiosk).toMatchObject({ queuedAnswers: 3, pairedAt: expect.any(String) });
  expect(Date.parse(kiosk.lastSeenAt)).toBeGreaterThanOrEqual(before);
  expect(kiosk.queueReportedAt).toBe(res.body.at);
  // the queue drained: the next report says so
  await heartbeat({ queued: 0 }).expect(200);
  expect((await listed()).queuedAnswers).toBe(0);
});

it("takes the figure on the survey request too, and a request without it keeps the last one", async () => {
  await request(app)
    .get("/api/kiosk/survey?lang=he&queued=7")
    .set("Authorization", `Bearer ${token}`)
    .expect(200);
  expect((await listed()).queuedAnswers).toBe(7);
  const seen = (await listed()).lastSeenAt;
  await new Promise((r) => setTimeout(r, 5));
  await request(app)
    .get("/api/kiosk/survey?lang=ar")
    .set("Authorization", `Bearer ${token}`)
    .expect(200);
  const after = await listed();
  expect(after.queuedAnswers).toBe(7);
  expect(Date.parse(after.lastSeenAt)).toBeGreaterThan(Date.parse(seen));
});

it("refuses a bad figure, a missing token and a revoked tablet", async () => {
  for (const body of [{ queued: -1 }, { queued: 1.5 }, { queued: "many" }, {}])
    await heartbeat(body).expect(400);
  await heartbeat({ queued: 1 }, "kd_not-a-token").expect(401);
  await researcher.agent
    .post(`/api/authorities/${target.authority.slug}/kiosks/${kioskId}/revoke`)
    .set("X-CSRF-Token", researcher.csrf)
    .expect(200);
  await heartbeat({ queued: 1 }).expect(401);
  expect((await listed()).queuedAnswers).toBe(7);
});

it("shows a coordinator only the kiosks of their own authority", async () => {
  const other = await makeSmsWave();
  const stranger = await signInAs(app, "authority-coordinator", other.authority._id);
  await stranger.agent.get(`/api/authorities/${target.authority.slug}/kiosks`).expect(404);
});
