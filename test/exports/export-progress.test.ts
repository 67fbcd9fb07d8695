/**
 * A responses export started with a job id reports its progress (rows written
 * of the total) to the person who started it, on any server: the exports screen
 * polls it while the file streams. Someone else's job is not found.
 */
import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  await addResponses(baseline, respondents(30));
  await addResponses(followUp, respondents(12));
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

it("reports rows written of the total, done once the file is out", async () => {
  const job = randomUUID();
  for (const format of ["csv", "sav"]) {
    await researcher.agent
      .get(`/api/exports/responses?authority=${slug}&format=${format}&job=${job}`)
      .expect(200);
    const res = await researcher.agent.get(`/api/exports/jobs/${job}`).expect(200);
    expect(res.body).toMatchObject({
      job,
      authority: slug,
      format,
      total: 42,
      written: 42,
      state: "done",
    });
  }
});

it("shows a job to the person who started it only", async () => {
  const job = randomUUID();
  await researcher.agent
    .get(`/api/exports/responses?authority=${slug}&format=csv&job=${job}`)
    .expect(200);
  const other = await signInAs(app, "researcher");
  const res = await other.agent.get(`/api/exports/jobs/${job}`).expect(404);
  expect(res.body.error.code).toBe("NOT_FOUND");
  await researcher.agent.get(`/api/exports/jobs/${randomUUID()}`).expect(404);
});

it("refuses a job id that is not a UUID", async () => {
  const res = await researcher.agent
    .get(`/api/exports/responses?authority=${slug}&format=csv&job=..%2Fetc`)
    .expect(400);
  expect(res.body.error.code).toBeDefined();
  await researcher.agent.get(`/api/exports/jobs/not-a-uuid`).expect(400);
});
