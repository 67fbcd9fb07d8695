/**
 * Finding 6, "17k unknown answer keys give a 737 kB error body": every issue was
 * echoed back with its path, so a small request bought a large answer (and a
 * large log line downstream). Error bodies now carry the first few issues, each
 * path cut short, and the total count.
 */
import request from "supertest";
import type { Express } from "express";
import { makeOpenWave, submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { MAX_ERROR_DETAILS } from "../../server/http/error-body";

let t: TestStore;
let app: Express;
beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

it("answers 17,000 unknown answer keys with a small body: the first issues and their count", async () => {
  const { slug } = await makeOpenWave();
  const answers: Record<string, unknown> = { consent: true };
  for (let i = 0; i < 17_000; i++) answers[`q${i}`] = 1;
  const res = await request(app)
    .post(`/api/take/${slug}/responses?lang=en`)
    .send(submission(answers))
    .expect(400);
  expect(res.body.error.code).toBe("INVALID_ANSWERS");
  expect(res.body.error.details).toHaveLength(MAX_ERROR_DETAILS);
  expect(res.body.error.details[0]).toEqual({ path: "q0", code: "UNKNOWN_QUESTION" });
  expect(res.body.error.detailsTotal).toBeGreaterThanOrEqual(17_000);
  expect(res.text.length).toBeLessThan(4_096);
});

it("cuts a very long path short", async () => {
  const { slug } = await makeOpenWave();
  const res = await request(app)
    .post(`/api/take/${slug}/responses?lang=en`)
    .send(submission({ consent: true, ["k".repeat(100_000)]: 1 }))
    .expect(400);
  const [first] = res.body.error.details as Array<{ path: string }>;
  expect(first!.path.length).toBeLessThanOrEqual(200);
  expect(res.text.length).toBeLessThan(4_096);
});

it("leaves a short list of issues as it was, without a total", async () => {
  const { slug } = await makeOpenWave();
  const res = await request(app)
    .post(`/api/take/${slug}/responses?lang=en`)
    .send({ ...submission({ consent: true }), locale: "fr" })
    .expect(400);
  expect(res.body.error.details).toEqual([{ path: "body.locale", code: expect.any(String) }]);
  expect(res.body.error).not.toHaveProperty("detailsTotal");
});
