/**
 * The reporting rules reach the program evaluation (issue 17, item 4): a
 * difference in differences or pooled figure that involves an engagement wave
 * (open link or kiosk, not marked a probability sample) keeps its estimate but
 * carries no SE, interval or p; an authority whose cell in a period has too few
 * answers, or too few effective answers, is left out; and a figure whose 95%
 * interval is wider than the configured share of the scale is withheld.
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let strict: Express;
let lenient: Express;
type Waves = Awaited<ReturnType<typeof authorityWithTwoWaves>>;
const towns: Waves[] = [];
const PLAN = [
  { comparison: false, population: "jewish" },
  { comparison: false, population: "jewish" },
  { comparison: false, population: "arab" },
  { comparison: false, population: "arab" },
  { comparison: true, population: "jewish" },
  { comparison: true, population: "arab" },
  { comparison: true, population: "mixed" },
] as const;

interface DidRow {
  constructId: string;
  from: string;
  estimate: number | null;
  se: number | null;
  p: number | null;
  ciLow: number | null;
  engagement: boolean;
  suppressedReason: string | null;
}
interface PooledRow {
  constructId: string;
  period: string;
  group: string;
  shown: boolean;
  authorities: number;
  mean: number | null;
  se: number | null;
  ciLow: number | null;
  engagement: boolean;
  suppressedReason: string | null;
}

beforeAll(async () => {
  t = await startTestStore();
  strict = testApp(t);
  lenient = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
  const admin = await signInAs(strict, "admin");
  for (const [k, p] of PLAN.entries()) {
    const waves = await authorityWithTwoWaves();
    towns.push(waves);
    await admin.agent
      .patch(`/api/authorities/${waves.authority.slug}`)
      .set("X-CSRF-Token", admin.csrf)
      .send({ programStatus: p.comparison ? "comparison" : "treated", population: p.population })
      .expect(200);
    await addResponses(waves.baseline, respondents(40 + 3 * k, { channel: "sms" }, k));
    await addResponses(waves.followUp, respondents(44 + k, { channel: "sms" }, k + 1));
  }
}, 120_000);
afterAll(() => t.close());

const evaluationOf = async (app: Express): Promise<{ did: DidRow[]; pooled: PooledRow[] }> => {
  const s: SignedIn = await signInAs(app, "researcher");
  const body = (await s.agent.get("/api/results/evaluation?lang=en").expect(200)).body;
  return { did: body.did, pooled: body.pooling.rows };
};

it("withholds a DiD or pooled figure whose interval is wider than the configured share", async () => {
  // Intervals of a few hundredths of a point: wider than a share of 1/1000 allows.
  const narrow = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 0.001 } });
  const [a, b] = [await evaluationOf(narrow), await evaluationOf(lenient)];
  expect(b.did.length).toBeGreaterThan(0);
  expect(b.did.every((d) => d.suppressedReason === null && d.se !== null)).toBe(true);
  const wide = a.did.filter((d) => d.suppressedReason === "imprecise");
  expect(wide.length).toBeGreaterThan(0);
  for (const d of wide) expect([d.estimate, d.se, d.p, d.ciLow]).toEqual([null, null, null, null]);
  const withheld = a.pooled.filter((x) => x.suppressedReason === "imprecise");
  expect(withheld.length).toBeGreaterThan(0);
  for (const r of withheld) expect([r.shown, r.mean, r.se]).toEqual([false, null, null]);
  // The default rule (±1/8 of the scale) leaves these seven towns' figures shown.
  expect((await evaluationOf(strict)).did.every((d) => d.suppressedReason === null)).toBe(true);
});

it("leaves out an authority whose cell in a period is too small", async () => {
  const before = (await evaluationOf(lenient)).pooled.find(
    (r) => r.group === "all" && r.period !== "baseline" && r.shown,
  )!;
  expect(before.authorities).toBe(4);
  // A fifth program town with 6 follow-up answers: not enough to stand in the pool.
  const small = await authorityWithTwoWaves();
  const admin = await signInAs(strict, "admin");
  await admin.agent
    .patch(`/api/authorities/${small.authority.slug}`)
    .set("X-CSRF-Token", admin.csrf)
    .send({ programStatus: "treated", population: "jewish" })
    .expect(200);
  await addResponses(small.followUp, respondents(6, { channel: "sms" }));
  const after = (await evaluationOf(lenient)).pooled.find(
    (r) => r.constructId === before.constructId && r.period === before.period && r.group === "all",
  )!;
  expect(after.authorities).toBe(4);
  expect(after.mean).toBeCloseTo(before.mean!, 12);
}, 60_000);

it("gives an engagement wave's DiD and pooled figures without SE, interval or p", async () => {
  // Open-link answers make one program town's follow-up an engagement sample.
  await addResponses(towns[0]!.followUp, respondents(12, { channel: "open-link" }));
  const { did, pooled } = await evaluationOf(lenient);
  const touched = did.filter((d) => d.from === "baseline");
  expect(touched.length).toBeGreaterThan(0);
  for (const d of touched) {
    expect(d.engagement).toBe(true);
    expect(d.estimate).not.toBeNull();
    expect([d.se, d.p, d.ciLow]).toEqual([null, null, null]);
  }
  const later = pooled.filter((r) => r.period !== "baseline" && r.shown);
  expect(later.length).toBeGreaterThan(0);
  for (const r of later.filter((x) => x.group === "all" || x.group === "jewish")) {
    expect(r.engagement).toBe(true);
    expect(r.mean).not.toBeNull();
    expect([r.se, r.ciLow]).toEqual([null, null]);
  }
  // The baseline had no self-selected answers: its pooled figures keep their intervals.
  const base = pooled.filter((r) => r.period === "baseline" && r.group === "all" && r.shown);
  expect(base.every((r) => !r.engagement && r.se !== null)).toBe(true);
}, 60_000);
