/**
 * An authority's analyst exports their own authority's results table, the
 * dashboard's aggregates as they see them (issue 20), and nothing else: another
 * authority or the whole program is not found, and response-level exports stay
 * with the roles allowed response-level data.
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";

let t: TestStore;
let app: Express;
let analyst: SignedIn;
let own: string;
let other: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const mine = await authorityWithTwoWaves();
  own = mine.authority.slug;
  await addResponses(mine.baseline, respondents(30));
  other = (await authorityWithTwoWaves()).authority.slug;
  analyst = await signInAs(app, "authority-analyst", mine.authority._id);
}, 60_000);
afterAll(() => t.close());

const text = (res: { body: unknown; text?: string }) =>
  Buffer.isBuffer(res.body) ? res.body.toString("utf8") : (res.text ?? "");

it("gives the analyst their own authority's results table", async () => {
  const res = await analyst.agent
    .get(`/api/exports/results?authority=${own}&format=csv&lang=en`)
    .buffer(true)
    .expect(200);
  const csv = text(res);
  expect(csv.split("\r\n").length).toBeGreaterThan(5);
  expect(csv).toContain(own);
  expect(csv).not.toContain(other);
});

it("finds no other authority's table, nor the program's, for the analyst", async () => {
  for (const authority of [other, "all"]) {
    const res = await analyst.agent
      .get(`/api/exports/results?authority=${authority}&format=csv`)
      .expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  }
});

it("keeps response-level exports from the analyst", async () => {
  await analyst.agent.get(`/api/exports/responses?authority=${own}&format=csv`).expect(403);
  await analyst.agent.get(`/api/exports/codebook?authority=${own}&format=csv`).expect(403);
});
