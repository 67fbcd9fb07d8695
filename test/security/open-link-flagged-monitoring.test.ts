/**
 * Issue 16, finding 5: responses an open link stores as a burst are flagged, and
 * researchers see how many per wave on the monitoring screens (the wave's page and
 * the program table), so a stuffed link shows before its figures are read.
 */
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
