/**
 * Program pooling on the program page (issue 17, item 5): the page pooled the
 * program's authorities as one sample, so one town's large sample made the
 * program's figure that town's, Jewish and Arab towns were mixed as if
 * residents were independent draws, and follow-ups were pooled by "second
 * wave" whatever year they measured. The page now gives the evaluation's
 * estimator (server/analytics/pooling.ts): each authority's own mean, the
 * authorities counting equally or by population (a shown choice), stratified
 * by population group with the authority as the cluster, per period
 * (baseline, 2023, 2025, 2027). Checked against R's survey package on a
 * committed fixture (test/analytics/reference/program-pooling.R).
 */
import { readFileSync } from "node:fs";
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { fixture, storePoolingFixture } from "./pooling-fixture";
import { addResponses } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  // The estimator is checked here, not the precision rule
  // (test/results/program-precision.test.ts): no interval is too wide to show.
  app = testApp(t, { reporting: { ...t.config.reporting, maxHalfWidthShare: Infinity } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  kind: string;
  period: string;
  n: number | null;
  suppressed: boolean;
  authorities: number | null;
  effectiveN: number | null;
  mean: number | null;
  se: number | null;
  df: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}
interface Program {
  weighting: string;
  benchmark: Array<{ id: string; points: Point[] }>;
  perAuthority: Array<{ slug: string | null; constructs: Array<{ id: string; points: Point[] }> }>;
}

async function program(query = ""): Promise<Program> {
  const s = await signInAs(app, "researcher");
  return (await s.agent.get(`/api/results/program?lang=en${query}`).expect(200)).body as Program;
}

const pointOf = (body: Program, period: string) =>
  body.benchmark
    .find((c) => c.id === "sense_of_community")!
    .points.find((p) => p.period === period)!;

/** A town of the program with one closed wave of `n` residents answering position `position`. */
async function town(
  version: Awaited<ReturnType<typeof publishInstrument>>,
  populationSize: number,
  n: number,
  position: number,
) {
  const a = await makeAuthority();
  await Authority.updateOne({ _id: a._id }, { population: "jewish", populationSize });
  const wave = await Wave.create({
    authorityId: a._id,
    instrumentVersionId: version.id,
    name: { he: "בסיס", ar: "أساس", en: "Baseline" },
    kind: "baseline",
    status: "closed",
    opensAt: new Date("2022-03-01"),
    channels: ["sms"],
  });
  await addResponses(
    wave,
    Array.from({ length: n }, () => ({ position })),
  );
  return a;
}

it("does not let one town's large sample make the program's figure its own", async () => {
  const core = await publishInstrument("core");
  // One town answered 300 times, all 5; two towns 20 times each, all 1.
  await town(core, 1000, 300, 4);
  await town(core, 1000, 20, 0);
  await town(core, 2000, 20, 0);

  const equal = await program();
  const p = equal.benchmark
    .find((c) => c.id === "sense_of_community")!
    .points.find((x) => x.kind === "baseline")!;
  // Pooled as one sample it read (300·5 + 40·1) / 340 = 4.53: the big town's figure.
  // Each town counting once: (5 + 1 + 1) / 3. Worked by hand: the influence of each
  // town is π(ȳ − ȳ_pooled) = 8/9, −4/9, −4/9; SE² = 3/2 · 96/81, SE = 4/3; df 3 − 1.
  expect(p.mean).toBeCloseTo(7 / 3, 12);
  expect(p.se).toBeCloseTo(4 / 3, 12);
  expect(p.df).toBe(2);
  expect(p).toMatchObject({ n: 340, authorities: 3, suppressed: false });
  expect(equal.weighting).toBe("equal");
  // t(0.975, 2) = 4.302652729749464
  expect(p.ciLow).toBeCloseTo(7 / 3 - 4.302652729749464 * (4 / 3), 9);

  // By population: (1000·5 + 1000·1 + 2000·1) / 4000.
  const byPopulation = await program("&weighting=population");
  expect(byPopulation.weighting).toBe("population");
  expect(pointOf(byPopulation, "baseline").mean).toBeCloseTo(2, 12);
}, 90_000);

interface Expected {
  period: string;
  weighting: "equal" | "population";
  authorities: number;
  n: number;
  mean: number;
  se: number;
  df: number;
  ci_low: number;
  ci_high: number;
  effective_n: number;
}

it("pools per period, stratified by population group, as R's svymean does", async () => {
  await storePoolingFixture("pooling");

  const expected = (
    JSON.parse(readFileSync(fixture("expected-program-pooling.json"), "utf8")) as {
      pooled: Expected[];
    }
  ).pooled;
  for (const weighting of ["equal", "population"] as const) {
    const body = await program(`&weighting=${weighting}`);
    const periods = body.benchmark.find((c) => c.id === "sense_of_community")!.points;
    // Follow-ups by horizon: one town's 2023 follow-up is never pooled with
    // another's 2025 one because both are its second wave.
    expect(periods.map((p) => [p.period, p.kind])).toEqual([
      ["baseline", "baseline"],
      ["2023", "follow-up"],
      ["2025", "follow-up"],
    ]);
    for (const want of expected.filter((e) => e.weighting === weighting)) {
      const got = pointOf(body, want.period);
      expect([want.period, got.authorities, got.n, got.df]).toEqual([
        want.period,
        want.authorities,
        want.n,
        want.df,
      ]);
      expect(Math.abs(got.mean! - want.mean)).toBeLessThan(1e-9);
      expect(Math.abs(got.se! - want.se)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciLow! - want.ci_low)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciHigh! - want.ci_high)).toBeLessThan(1e-9);
      expect(Math.abs(got.effectiveN! - want.effective_n)).toBeLessThan(1e-9);
    }
    // An authority's own series keeps its periods; its small 2025 cell is withheld.
    const j3 = body.perAuthority.find((a) => a.slug === "pooling-j3")!;
    const own = j3.constructs.find((c) => c.id === "sense_of_community")!.points;
    expect(own.find((p) => p.period === "2025")).toMatchObject({ n: 5, suppressed: true });
    expect(own.find((p) => p.period === "2023")).toMatchObject({ n: 20, suppressed: false });
  }
}, 180_000);
