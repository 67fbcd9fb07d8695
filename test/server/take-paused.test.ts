/**
 * Issue 18: a paused wave told residents "the survey has closed and no longer
 * accepts answers", which tells them not to come back. Paused is for now: the
 * open link, a personal link and a submission to a paused wave answer
 * WAVE_PAUSED with a translated "paused, come back later"; a closed wave is
 * still closed, and a retry of a response stored before the pause still gets
 * its stored id.
 */
import request from "supertest";
import type { Express } from "express";
import { Wave } from "../../server/waves/model";
import { makeSmsWave, newPersonalLink } from "../distribution/fixtures";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

/** The message must say paused and never closed, in each language its own. */
function expectPaused(res: request.Response, lang: string) {
  expect(res.body.error.code).toBe("WAVE_PAUSED");
  if (lang === "en") {
    expect(res.body.error.message).toMatch(/paused/i);
    expect(res.body.error.message).not.toMatch(/closed/i);
  }
  if (lang === "he") expect(res.body.error.message).toMatch(/מושהה/);
  if (lang === "ar") expect(res.body.error.message).toMatch(/مؤقت/);
}

it.each(["he", "ar", "en"])("an open link to a paused wave says paused in %s", async (lang) => {
  const { slug } = await makeOpenWave({ status: "paused" });
  expectPaused(await request(app).get(`/api/take/${slug}?lang=${lang}`).expect(409), lang);
});

it("a submission to a wave paused meanwhile is refused as paused; its earlier one is kept", async () => {
  const { slug, wave } = await makeOpenWave();
  const survey = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body.survey;
  const stored = submission(answerAll(survey));
  const first = await request(app).post(`/api/take/${slug}/responses`).send(stored).expect(201);
  await Wave.updateOne({ _id: wave._id }, { $set: { status: "paused" } });
  const res = await request(app)
    .post(`/api/take/${slug}/responses?lang=he`)
    .send(submission(answerAll(survey)))
    .expect(409);
  expectPaused(res, "he");
  // A retry of the stored submission (its reply was lost) still learns its id.
  const retry = await request(app).post(`/api/take/${slug}/responses`).send(stored).expect(200);
  expect(retry.body.id).toBe(first.body.id);
});

it("a personal link to a paused wave says paused", async () => {
  const { wave } = await makeSmsWave({ status: "paused" });
  const token = await newPersonalLink(t.config, wave);
  expectPaused(await request(app).get(`/api/r/${token}?lang=ar`).expect(409), "ar");
});

it("a paused wave past its closing time is closed", async () => {
  const { slug, wave } = await makeOpenWave({ status: "paused" });
  await Wave.updateOne({ _id: wave._id }, { $set: { closesAt: new Date(Date.now() - 60_000) } });
  const res = await request(app).get(`/api/take/${slug}?lang=en`).expect(410);
  expect(res.body.error.code).toBe("WAVE_CLOSED");
});
