/**
 * The authority dashboard on the real store: engine figures per wave, change in
 * words with Holm, the ≥ 3-others benchmark rule, breakdowns with complementary
 * suppression, weighting by margins, role differences, and aggregates that stay
 * right when a late response arrives.
 */
import type { Express } from "express";
import mongoose from "mongoose";
import { describe as describeValues } from "../../server/analytics/descriptives";
import {
  AggregateJob,
  createAggregateJob,
  updateAggregateJob,
} from "../../server/results/aggregate-jobs";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

async function dashboard(
  role: "researcher" | "authority-analyst" | "admin",
  slug: string,
  authorityId?: unknown,
  on: Express = app,
) {
  const s = await signInAs(on, role, authorityId as never);
  const res = await s.agent.get(`/api/results/authorities/${slug}?lang=en`);
  expect(res.status).toBe(200);
  return res.body;
}

it("gives the engine's figures, a change in words with Holm, and no benchmark with too few others", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(40));
  // Follow-up: positions 2 and 3 instead of 0 to 3 on every item: a large, reliable rise.
  await addResponses(
    followUp,
    respondents(40).map((r, i) => ({ ...r, position: 2 + (i % 2) })),
  );
  const body = await dashboard("researcher", authority.slug);
  expect(body.waves.map((w: { kind: string }) => w.kind)).toEqual(["baseline", "follow-up"]);
  const soc = body.constructs.find((c: { id: string }) => c.id === "sense_of_community");
  // Sense of community has no reversed items: scores are the positions + 1.
  const expected = describeValues(respondents(40).map((r) => r.position + 1));
  expect(soc.points[0].n).toBe(40);
  expect(soc.points[0].mean).toBeCloseTo(expected.mean!, 10);
  expect(soc.points[0].se).toBeCloseTo(expected.se!, 10);
  expect(soc.points[0].ciHigh).toBeCloseTo(expected.ciHigh!, 10);
  const [change] = soc.changes.sinceBaseline;
  expect(change).toMatchObject({
    fromWaveId: baseline._id.toHexString(),
    toWaveId: followUp._id.toHexString(),
  });
  expect(change.diff).toBeGreaterThan(0);
  expect(change.pHolm).toBeGreaterThanOrEqual(change.p);
  expect(change.label).toEqual({ key: "change.largeRise", size: "large", direction: "rise" });
  expect(soc.changes.waveOverWave).toHaveLength(1);
  // One authority in the program: the benchmark is withheld.
  expect(soc.benchmark[0]).toMatchObject({ shown: false, mean: null });
  expect(body.reliability.length).toBeGreaterThan(0);
});

it("shows the benchmark only when at least three other authorities contribute enough", async () => {
  const own = await makeOpenWave();
  await addResponses(own.wave, respondents(20));
  const others = [];
  for (let i = 0; i < 3; i++) others.push(await makeOpenWave());
  await addResponses(others[0]!.wave, respondents(20, { position: 3 }));
  await addResponses(others[1]!.wave, respondents(20, { position: 3 }));
  await addResponses(others[2]!.wave, respondents(5, { position: 0 })); // too small to count
  // The others rule is checked here, not the precision rule
  // (test/results/program-precision.test.ts): no interval is too wide to show.
  const lax = testApp(t, { reporting: { ...t.config.reporting, maxHalfWidthShare: Infinity } });
  const first = await dashboard("researcher", own.authority.slug, undefined, lax);
  const point = (b: typeof first) =>
    b.constructs.find((c: { id: string }) => c.id === "sense_of_community").benchmark[0];
  expect(point(first)).toMatchObject({ shown: false, others: 2 });

  await addResponses(others[2]!.wave, respondents(10, { position: 0 })); // now 15
  const second = await dashboard("researcher", own.authority.slug, undefined, lax);
  expect(point(second)).toMatchObject({ shown: true, others: 3, n: 55 });
  // Each other authority's own mean counting once: 4, 4 and 1.
  expect(point(second).mean).toBeCloseTo((4 + 4 + 1) / 3, 10);
});

it("suppresses small breakdown groups and a partner, and hides reliability from analysts", async () => {
  const { authority, wave } = await makeOpenWave();
  // 30 women, 4 men: the men are suppressed, and so are the women (else the total gives them away).
  await addResponses(wave, [...respondents(30, { sex: 1 }), ...respondents(4, { sex: 2 })]);
  const body = await dashboard("authority-analyst", authority.slug, authority._id);
  const soc = body.constructs.find((c: { id: string }) => c.id === "sense_of_community");
  const sex = soc.breakdowns.find((b: { dimension: string }) => b.dimension === "sex");
  expect(sex.groups.map((g: { key: string; label: string }) => [g.key, g.label])).toEqual([
    ["1", "Woman"],
    ["2", "Man"],
  ]);
  expect(sex.groups[0].cells[0]).toMatchObject({
    suppressed: "complementary",
    n: null,
    mean: null,
  });
  expect(sex.groups[1].cells[0]).toMatchObject({ suppressed: "small", n: null, mean: null });
  const age = soc.breakdowns.find((b: { dimension: string }) => b.dimension === "age_band");
  // 34 over 7 age bands: every band is below 10.
  expect(
    age.groups.every((g: { cells: Array<{ mean: unknown }> }) => g.cells[0]!.mean === null),
  ).toBe(true);
  const channel = soc.breakdowns.find((b: { dimension: string }) => b.dimension === "channel");
  expect(channel.groups[0].cells[0]).toMatchObject({ suppressed: null, n: 34 });
  expect(body.reliability).toBeNull();
});

it("weights by raking when the authority has margins, and reflects a late response at once", async () => {
  const { authority, wave } = await makeOpenWave();
  await addResponses(wave, [
    // Large enough for the raked mean's interval to be within ±0.5 (the precision rule).
    ...respondents(90, { sex: 1, position: 3 }),
    ...respondents(30, { sex: 2, position: 0 }),
  ]);
  const s = await signInAs(app, "researcher");
  const soc = async () =>
    (await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200)).body;
  const before = await soc();
  const socOf = (b: typeof before) =>
    b.constructs.find((c: { id: string }) => c.id === "sense_of_community").points[0];
  expect(socOf(before).mean).toBeCloseTo((90 * 4 + 30 * 1) / 120, 10);

  await s.agent
    .put(`/api/results/authorities/${authority.slug}/margins`)
    .set("X-CSRF-Token", s.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }] })
    .expect(200);
  const weighted = await soc();
  // Raked to half and half: the mean of 4s and 1s is 2.5.
  expect(socOf(weighted).mean).toBeCloseTo(2.5, 8);
  expect(weighted.waves[0].weighting.method).toBe("raked");
  expect(weighted.waves[0].weighting.deff).toBeGreaterThan(1);

  await addResponses(wave, [{ position: 3, sex: 2 }]);
  const late = await soc();
  expect(socOf(late).n).toBe(121);
  expect(late.waves[0].responses).toBe(121);
  // One man of 31 is now at position 3: their mean rises, and with it the weighted mean.
  expect(socOf(late).mean).toBeCloseTo(0.5 * 4 + 0.5 * ((30 * 1 + 4) / 31), 8);
  // The effective n after raking is below n, and the point says so.
  expect(socOf(late).effectiveN).toBeLessThan(121);
});

it("refuses margins whose shares do not sum to 1", async () => {
  const { authority } = await makeOpenWave();
  const s = await signInAs(app, "admin");
  const res = await s.agent
    .put(`/api/results/authorities/${authority.slug}/margins`)
    .set("X-CSRF-Token", s.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.3 } }] })
    .expect(400);
  expect(res.body.error.code).toBe("VALIDATION_FAILED");
});

it("says while a background job brings its figures up to date, and how far it is", async () => {
  const { authority, baseline } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(12));
  const updating = async () => (await dashboard("researcher", authority.slug)).updating;
  expect(await updating()).toBeNull();
  // Another authority's recomputation is not this dashboard's.
  await createAggregateJob("removed", [new mongoose.Types.ObjectId()]);
  expect(await updating()).toBeNull();
  const own = await createAggregateJob("margins", [baseline._id]);
  expect(await updating()).toEqual({ reason: "margins", unit: "waves", done: 0, total: 1 });
  await updateAggregateJob(own, { done: 1, state: "done" });
  expect(await updating()).toBeNull();
  // Arrivals folded in bulk touch every dashboard (the benchmarks too).
  const arrived = await createAggregateJob("arrived", [], 50);
  await updateAggregateJob(arrived, { done: 10 });
  expect(await updating()).toEqual({ reason: "arrived", unit: "responses", done: 10, total: 50 });
  // A job whose server stopped says nothing after a while.
  await AggregateJob.updateOne(
    { _id: new mongoose.Types.ObjectId(arrived) },
    { $set: { updatedAt: new Date(Date.now() - 10 * 60_000) } },
  );
  expect(await updating()).toBeNull();
});
