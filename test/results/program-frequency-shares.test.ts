/**
 * Frequency constructs on the program page (issue 17, item 4): the page
 * pooled volunteering and involvement as means of their codes, which have no
 * interval meaning, while the dashboards, the public page and the evaluation
 * report them as the favourable share. The page now pools the favourable
 * indicator with the same estimator (each authority's own weighted share,
 * stratified by population group, the authority as the cluster), marks the
 * series `comparedOn: "share"` and names the threshold's answer. Checked
 * against R's survey package on the program-pooling fixture read as answers
 * to the frequency items (test/analytics/reference/program-share-pooling.R).
 */
import { readFileSync } from "node:fs";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { fixture, storePoolingFixture } from "./pooling-fixture";

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
interface Series {
  id: string;
  comparedOn: string;
  favourableFrom: { value: number; label: string } | null;
  points: Point[];
}
interface Program {
  benchmark: Series[];
  perAuthority: Array<{ slug: string | null; constructs: Series[] }>;
}
interface Expected {
  construct: string;
  period: string;
  weighting: "equal" | "population";
  authorities: number;
  n: number;
  share: number;
  se: number;
  df: number;
  ci_low: number;
  ci_high: number;
  effective_n: number;
  mean_of_codes: number;
}

it("pools a frequency construct's favourable share, as R's svymean on the indicator", async () => {
  const { rows } = await storePoolingFixture("shares");
  const expected = (
    JSON.parse(readFileSync(fixture("expected-program-share-pooling.json"), "utf8")) as {
      pooled: Expected[];
    }
  ).pooled;
  const s = await signInAs(app, "researcher");
  for (const weighting of ["equal", "population"] as const) {
    const body = (
      await s.agent.get(`/api/results/program?lang=en&weighting=${weighting}`).expect(200)
    ).body as Program;
    for (const want of expected.filter((e) => e.weighting === weighting)) {
      const series = body.benchmark.find((c) => c.id === want.construct)!;
      expect(series.comparedOn).toBe("share");
      const got = series.points.find((p) => p.period === want.period)!;
      expect([want.construct, want.period, got.authorities, got.n, got.df]).toEqual([
        want.construct,
        want.period,
        want.authorities,
        want.n,
        want.df,
      ]);
      // Not the mean of the codes the page gave before.
      expect(Math.abs(got.mean! - want.mean_of_codes)).toBeGreaterThan(1);
      expect(Math.abs(got.mean! - want.share)).toBeLessThan(1e-9);
      expect(Math.abs(got.se! - want.se)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciLow! - want.ci_low)).toBeLessThan(1e-9);
      expect(Math.abs(got.ciHigh! - want.ci_high)).toBeLessThan(1e-9);
      expect(Math.abs(got.effectiveN! - want.effective_n)).toBeLessThan(1e-9);
    }
  }

  const body = (await s.agent.get("/api/results/program?lang=en").expect(200)).body as Program;
  const byId = new Map(body.benchmark.map((c) => [c.id, c]));
  // The page says what the share counts: the threshold's answer, in the reader's language.
  expect(byId.get("volunteering")!.favourableFrom).toEqual({
    value: 2,
    label: expect.any(String) as string,
  });
  expect(byId.get("involvement")!.favourableFrom?.value).toBe(4);
  // Agreement constructs keep their means.
  expect(byId.get("sense_of_community")).toMatchObject({
    comparedOn: "mean",
    favourableFrom: null,
  });

  // An authority's own cell is its weighted share (unweighted here: a count).
  const j1 = body.perAuthority.find((a) => a.slug === "shares-j1")!;
  const own = j1.constructs.find((c) => c.id === "volunteering")!;
  expect(own.comparedOn).toBe("share");
  const mine = rows.filter((r) => r.authority === "j1" && r.period === "baseline");
  const volunteered = mine.filter((r) => Number(r.score) >= 2).length;
  const point = own.points.find((p) => p.period === "baseline")!;
  expect(point.mean).toBeCloseTo(volunteered / mine.length, 12);
  // SE of a share, svymean(~z): √(p(1 − p) / (n − 1)) unweighted.
  const p = volunteered / mine.length;
  expect(point.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / (mine.length - 1)), 12);
}, 240_000);
