/**
 * Issue 16, finding 5: responses an open link stores as a burst are flagged, and
 * researchers see how many per wave on the monitoring screens (the wave's page and
 * the program table), so a stuffed link shows before its figures are read; a
 * researcher can leave them out of results and exports, and put them back.
 */
import mongoose from "mongoose";
import request from "supertest";
import type { Express } from "express";
import { SurveyResponse } from "../../server/responses/model";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll } from "../helpers/answers";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, {
    trustProxy: 1,
    openLink: { challengeAfter: 0, challengeBits: 16, burstPerAddress: 2 },
  });
});
afterAll(() => t.close());

it("counts a wave's flagged responses for researchers", async () => {
  const { slug, wave, authority } = await makeOpenWave();
  const researcher = await signInAs(app, "researcher");
  const monitoring = () =>
    researcher.agent
      .get(`/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}/monitoring`)
      .expect(200);
  expect((await monitoring()).body.flagged).toBe(0);

  const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body;
  const answers = answerAll(survey.survey);
  for (let i = 0; i < 5; i += 1) {
    const device = (
      await request(app).get(`/api/take/${slug}`).set("X-Forwarded-For", "203.0.113.9")
    ).body.device.token as string;
    await request(app)
      .post(`/api/take/${slug}/responses`)
      .set("X-Forwarded-For", "203.0.113.9")
      .send({ ...submission(answers), device: { token: device } })
      .expect(201);
  }
  const stored = await SurveyResponse.find({ waveId: wave._id }).lean();
  expect(stored).toHaveLength(5);
  // Past its share of 2, the address's answers are flagged as a burst (and all came too fast).
  expect(stored.filter((r) => r.flags?.includes("address-burst"))).toHaveLength(3);
  expect(stored.every((r) => r.flags?.includes("too-fast"))).toBe(true);

  expect((await monitoring()).body.flagged).toBe(5);
  const program = await researcher.agent.get("/api/monitoring/waves?status=open").expect(200);
  const row = program.body.rows.find(
    (r: { wave: { id: string } }) => r.wave.id === wave._id.toHexString(),
  );
  expect(row.flagged).toBe(5);
});

it("leaves flagged responses out of results and exports on a researcher's request, and back", async () => {
  const { slug, wave, authority } = await makeOpenWave();
  const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body;
  const answers = answerAll(survey.survey);
  for (let i = 0; i < 5; i += 1)
    await request(app)
      .post(`/api/take/${slug}/responses`)
      .set("X-Forwarded-For", `198.51.100.${i}`)
      .send(submission(answers))
      .expect(201);
  // Two residents who took their time (a test cannot wait the guard's 20 seconds).
  const two = (await SurveyResponse.find({ waveId: wave._id }).limit(2).lean()).map((r) => r._id);
  await SurveyResponse.updateMany(
    { _id: mongoose.trusted({ $in: two }) },
    { $unset: { flags: 1 } },
  );

  const researcher = await signInAs(app, "researcher");
  const n = async () => {
    const res = await researcher.agent
      .get(`/api/results/authorities/${authority.slug}?lang=en`)
      .expect(200);
    const soc = res.body.constructs.find((c: { id: string }) => c.id === "sense_of_community");
    return soc.points[0].n as number;
  };
  const exported = async () =>
    (
      await researcher.agent
        .get(`/api/exports/responses?authority=${authority.slug}&format=csv`)
        .buffer(true)
        .parse((res, done) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => done(null, text));
        })
        .expect(200)
    ).body as string;
  const rowsOf = (csv: string) => csv.trim().split("\n").length - 1;
  expect(await n()).toBe(5);
  expect(rowsOf(await exported())).toBe(5);

  const path = `/api/authorities/${authority.slug}/waves/${wave._id.toHexString()}/flagged-responses`;
  const coordinator = await signInAs(app, "authority-coordinator", authority._id);
  await coordinator.agent
    .post(path)
    .set("X-CSRF-Token", coordinator.csrf)
    .send({ exclude: true })
    .expect(403);
  const out = await researcher.agent
    .post(path)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ exclude: true })
    .expect(200);
  expect(out.body).toEqual({ counted: 0, excluded: 3 });
  expect(await n()).toBe(2);
  expect(rowsOf(await exported())).toBe(2);

  const back = await researcher.agent
    .post(path)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ exclude: false })
    .expect(200);
  expect(back.body).toEqual({ counted: 3, excluded: 0 });
  expect(await n()).toBe(5);
});
