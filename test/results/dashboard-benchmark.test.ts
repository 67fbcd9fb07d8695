/**
 * The benchmark beside each wave of an authority's dashboard (issue 17,
 * item 5): it pooled the other authorities' responses as one sample, so a
 * town with many answers made it its own, and lined waves up by round (an
 * authority's first, second, … wave), so a 2023 follow-up was set beside
 * another town's 2025 one. It is now the program page's pooled figure of the
 * other authorities (server/results/program-points.ts): each authority's own
 * mean counting equally, stratified by population group with the authority as
 * the cluster, per period (baseline, then the logic model's horizons) by date.
 * Checked against R's survey package (test/analytics/reference/dashboard-benchmark.R)
 * and against the program endpoint's figure for the same authority.
 */
import { readFileSync } from "node:fs";
import type { Express } from "express";
import type { Types } from "mongoose";
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

interface Bench {
  waveId: string;
  period: string;
  shown: boolean;
  others: number;
  n: number | null;
  effectiveN: number | null;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}
interface ProgramPoint {
  period: string;
  n: number | null;
  authorities: number | null;
  effectiveN: number | null;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** The benchmark beside each of the authority's waves, as its analyst sees it. */
async function dashboardBenchmark(
  slug: string,
  authorityId: Types.ObjectId,
  construct = "sense_of_community",
) {
  const s = await signInAs(app, "authority-analyst", authorityId as never);
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body as {
    waves: Array<{ id: string; opensAt: string }>;
    constructs: Array<{ id: string; benchmark: Bench[] }>;
  };
  return {
    waves: body.waves,
    benchmark: body.constructs.find((c) => c.id === construct)!.benchmark,
    constructs: body.constructs.map((c) => c.id),
  };
}

/** The program page's pooled figure per period, as the same analyst sees it. */
async function programBenchmark(authorityId: Types.ObjectId, construct = "sense_of_community") {
  const s = await signInAs(app, "authority-analyst", authorityId as never);
  const body = (await s.agent.get(`/api/results/program?lang=en`).expect(200)).body as {
    benchmark: Array<{ id: string; points: ProgramPoint[] }>;
  };
  return body.benchmark.find((c) => c.id === construct)!.points;
}

/** A program town of one population group with one closed wave. */
async function town(
  version: Awaited<ReturnType<typeof publishInstrument>>,
  wave: { kind: "baseline" | "follow-up"; opensAt: string; n: number; position: number },
  authority?: Awaited<ReturnType<typeof makeAuthority>>,
) {
  const a = authority ?? (await makeAuthority());
  await Authority.updateOne({ _id: a._id }, { population: "jewish", populationSize: 1000 });
  const w = await Wave.create({
    authorityId: a._id,
    instrumentVersionId: version.id,
    name: { he: wave.kind, ar: wave.kind, en: wave.kind },
    kind: wave.kind,
    status: "closed",
    opensAt: new Date(wave.opensAt),
    channels: ["sms"],
  });
  await addResponses(
    w,
    Array.from({ length: wave.n }, () => ({ position: wave.position })),
  );
  return a;
}

it("does not let one other town's large sample make the benchmark its own", async () => {
  const core = await publishInstrument("core");
  const own = await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position: 2 });
  // One other town answered 300 times, all 5; two others 20 times each, all 1.
  await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 300, position: 4 });
  await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position: 0 });
  await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position: 0 });

  const [bench] = (await dashboardBenchmark(own.slug, own._id)).benchmark;
  // Pooled as one sample it read (300·5 + 40·1) / 340 = 4.53. Each town counting
  // once: (5 + 1 + 1) / 3, SE 4/3 on 3 − 1 df (worked by hand in program-pooling.test.ts).
  expect(bench).toMatchObject({ period: "baseline", shown: true, others: 3, n: 340 });
  expect(bench!.mean).toBeCloseTo(7 / 3, 12);
  // t(0.975, 2) = 4.302652729749464
  expect(bench!.ciLow).toBeCloseTo(7 / 3 - 4.302652729749464 * (4 / 3), 9);
  expect(bench!.ciHigh).toBeCloseTo(7 / 3 + 4.302652729749464 * (4 / 3), 9);
}, 90_000);

it("sets a follow-up beside the others' follow-ups of its horizon, not of its round", async () => {
  const core = await publishInstrument("core");
  const own = await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position: 2 });
  await town(core, { kind: "follow-up", opensAt: "2023-05-01", n: 20, position: 2 }, own);
  // Three towns measured at baseline and again in 2025: their second waves are
  // the own town's round, not its horizon.
  for (let i = 0; i < 3; i++) {
    const a = await town(core, { kind: "baseline", opensAt: "2022-04-01", n: 20, position: 3 });
    await town(core, { kind: "follow-up", opensAt: "2025-03-01", n: 20, position: 0 }, a);
  }
  // Three towns whose only wave is a 2023 follow-up: their first wave.
  for (let i = 0; i < 3; i++)
    await town(core, { kind: "follow-up", opensAt: "2023-06-01", n: 20, position: 1 });

  const { waves, benchmark } = await dashboardBenchmark(own.slug, own._id);
  const beside = (opens: string) =>
    benchmark.find((b) => b.waveId === waves.find((w) => w.opensAt.startsWith(opens))!.id)!;
  // Baseline: the three baselines, all 4 (not mixed with the 2023 follow-ups, all 2).
  expect(beside("2022-03-01")).toMatchObject({ period: "baseline", shown: true, others: 3 });
  expect(beside("2022-03-01").mean).toBeCloseTo(4, 12);
  // The 2023 follow-up: the three 2023 follow-ups, all 2 (not the 2025 ones, all 1).
  expect(beside("2023-05-01")).toMatchObject({ period: "2023", shown: true, others: 3, n: 60 });
  expect(beside("2023-05-01").mean).toBeCloseTo(2, 12);
}, 90_000);

interface Expected {
  own: string;
  period: string;
  authorities: number;
  n: number;
  mean: number;
  ci_low: number;
  ci_high: number;
  effective_n: number;
}

it("gives beside each wave the program page's figure of the others, as R's svymean does", async () => {
  const { authorities } = await storePoolingFixture("bench");
  const expected = (
    JSON.parse(readFileSync(fixture("expected-dashboard-benchmark.json"), "utf8")) as {
      benchmark: Expected[];
    }
  ).benchmark;

  const j1 = authorities.get("j1")!;
  const { waves: own, benchmark, constructs } = await dashboardBenchmark(j1.slug, j1._id);
  const program = await programBenchmark(j1._id);
  // j1's waves: baseline 2022, follow-ups 2023 and 2025; the 2025 one is its
  // third wave, while j2's and a2's 2025 follow-ups (opened in 2024) are their second.
  expect(benchmark.map((b) => b.period)).toEqual(["baseline", "2023", "2025"]);
  expect(benchmark.map((b) => b.waveId)).toEqual(own.map((w) => w.id));
  for (const want of expected) {
    const got = benchmark.find((b) => b.period === want.period)!;
    expect([want.period, got.shown, got.others, got.n]).toEqual([
      want.period,
      true,
      want.authorities,
      want.n,
    ]);
    expect(Math.abs(got.mean! - want.mean)).toBeLessThan(1e-9);
    expect(Math.abs(got.ciLow! - want.ci_low)).toBeLessThan(1e-9);
    expect(Math.abs(got.ciHigh! - want.ci_high)).toBeLessThan(1e-9);
    expect(Math.abs(got.effectiveN! - want.effective_n)).toBeLessThan(1e-9);
    // The same figure as the program page's pooled row for this analyst.
    const page = program.find((p) => p.period === want.period)!;
    expect([got.n, got.mean, got.ciLow, got.ciHigh, got.effectiveN]).toEqual([
      page.n,
      page.mean,
      page.ciLow,
      page.ciHigh,
      page.effectiveN,
    ]);
  }
  // Every construct, frequency ones (their favourable share) included, beside every wave.
  for (const id of constructs) {
    const { benchmark: beside } = await dashboardBenchmark(j1.slug, j1._id, id);
    const page = await programBenchmark(j1._id, id);
    for (const b of beside) {
      const p = page.find((x) => x.period === b.period)!;
      expect([id, b.period, b.n, b.mean, b.ciLow, b.ciHigh]).toEqual([
        id,
        p.period,
        p.n,
        p.mean,
        p.ciLow,
        p.ciHigh,
      ]);
    }
  }
}, 120_000);

it("counts the others by population when asked, as the program page does", async () => {
  const core = await publishInstrument("core");
  const own = await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position: 2 });
  const others = [
    [1000, 4],
    [1000, 0],
    [2000, 0],
  ] as const;
  for (const [population, position] of others) {
    const a = await town(core, { kind: "baseline", opensAt: "2022-03-01", n: 20, position });
    await Authority.updateOne({ _id: a._id }, { populationSize: population });
  }
  const s = await signInAs(app, "authority-analyst", own._id as never);
  const body = (
    await s.agent
      .get(`/api/results/authorities/${own.slug}?lang=en&weighting=population`)
      .expect(200)
  ).body as {
    benchmarkWeighting: string;
    constructs: Array<{ id: string; benchmark: Bench[] }>;
  };
  expect(body.benchmarkWeighting).toBe("population");
  const [bench] = body.constructs.find((c) => c.id === "sense_of_community")!.benchmark;
  // (1000·5 + 1000·1 + 2000·1) / 4000.
  expect(bench!.mean).toBeCloseTo(2, 12);
  const page = (await s.agent.get(`/api/results/program?lang=en&weighting=population`).expect(200))
    .body as { benchmark: Array<{ id: string; points: ProgramPoint[] }> };
  const p = page.benchmark.find((c) => c.id === "sense_of_community")!.points[0]!;
  expect([bench!.mean, bench!.ciLow, bench!.ciHigh]).toEqual([p.mean, p.ciLow, p.ciHigh]);
  const equal = (await s.agent.get(`/api/results/authorities/${own.slug}?lang=en`).expect(200))
    .body as { benchmarkWeighting: string };
  expect(equal.benchmarkWeighting).toBe("equal");
}, 90_000);

it("leaves each dashboard's own town out when the others' figures are kept between views", async () => {
  // The others' contributions are gathered once for every dashboard of the
  // program (server/results/service.ts); each dashboard leaves out its own.
  const core = await publishInstrument("core");
  const towns = [];
  for (const [n, position] of [
    [20, 4],
    [30, 0],
    [40, 2],
    [50, 1],
  ] as const)
    towns.push(await town(core, { kind: "baseline", opensAt: "2022-03-01", n, position }));
  const shown = [];
  for (const t of towns) shown.push((await dashboardBenchmark(t.slug, t._id)).benchmark[0]!);
  expect(shown.map((b) => b.n)).toEqual([120, 110, 100, 90]);
  // Position p answers p + 1: the towns' means are 5, 1, 3 and 2.
  const expected = [(1 + 3 + 2) / 3, (5 + 3 + 2) / 3, (5 + 1 + 2) / 3, (5 + 1 + 3) / 3];
  shown.forEach((b, i) => expect(b.mean).toBeCloseTo(expected[i]!, 12));
}, 90_000);
