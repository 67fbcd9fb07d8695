/**
 * The CI half-width threshold of the reporting rules is configuration
 * (REPORTING_MAX_CI_HALF_WIDTH_SHARE, read by server/config.ts) passed through
 * createApp, not module state: two applications built with different settings
 * answer side by side, each by its own rule, on the dashboard, the public page
 * and the results export alike.
 */
import type { Express } from "express";
import * as rulesModule from "../../server/analytics/reporting-rules";
import { ConfigError, loadConfig } from "../../server/config";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let strict: Express;
let lenient: Express;

beforeAll(async () => {
  t = await startTestStore();
  strict = testApp(t);
  lenient = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

describe("REPORTING_MAX_CI_HALF_WIDTH_SHARE", () => {
  it("defaults to 1/8 of the scale's range and takes a share in (0, 1]", () => {
    expect(loadConfig({ NODE_ENV: "test" }).reporting).toEqual({
      minCell: 10,
      maxHalfWidthShare: 0.125,
    });
    expect(
      loadConfig({ NODE_ENV: "test", REPORTING_MAX_CI_HALF_WIDTH_SHARE: "0.25" }).reporting
        .maxHalfWidthShare,
    ).toBe(0.25);
    for (const bad of ["0", "-0.1", "1.5", "wide"])
      expect(() =>
        loadConfig({ NODE_ENV: "test", REPORTING_MAX_CI_HALF_WIDTH_SHARE: bad }),
      ).toThrow(ConfigError);
  });

  it("is no module state: the rules module keeps no setter", () => {
    expect(Object.keys(rulesModule)).not.toContain("setReportingRules");
    expect(Object.keys(rulesModule)).not.toContain("reportingRules");
  });
});

it("two apps with different thresholds report the same cell each by its own rule", async () => {
  const { authority, baseline } = await authorityWithTwoWaves();
  // Twelve answers over the whole scale: n passes, the interval is far wider than ±1/8.
  await addResponses(baseline, respondents(12));
  const pointsOf = async (app: Express) => {
    const s = await signInAs(app, "researcher");
    const res = await s.agent.get(`/api/results/authorities/${authority.slug}?lang=en`).expect(200);
    const body = res.body as {
      reporting: { maxHalfWidthShare: number };
      constructs: Array<{
        points: Array<{ waveId: string; n: number; suppressedReason: string | null }>;
      }>;
    };
    const points = body.constructs
      .flatMap((c) => c.points)
      .filter((p) => p.waveId === baseline._id.toHexString() && p.n >= 10);
    return { share: body.reporting.maxHalfWidthShare, points };
  };
  const [a, b] = await Promise.all([pointsOf(strict), pointsOf(lenient)]);
  expect(a.share).toBe(0.125);
  expect(b.share).toBe(1);
  expect(a.points.length).toBeGreaterThan(0);
  const withheld = a.points.flatMap((p, i) => (p.suppressedReason === "imprecise" ? [i] : []));
  expect(withheld.length).toBeGreaterThan(0);
  expect(withheld.map((i) => b.points[i]!.suppressedReason)).toEqual(withheld.map(() => null));

  // The public page follows its app's rule too.
  const publicOf = async (app: Express) => {
    const s = await signInAs(app, "researcher");
    const res = await s.agent.get(`/api/public/authorities/${authority.slug}?lang=en`).expect(200);
    return (res.body as { constructs: Array<{ latest: { mean: number | null } | null }> })
      .constructs;
  };
  const [pa, pb] = [await publicOf(strict), await publicOf(lenient)];
  const shown = (list: typeof pa) => list.filter((c) => c.latest !== null).length;
  expect(shown(pb) - shown(pa)).toBe(withheld.length);

  // And the results export: the imprecise cells are withheld by the strict app only.
  const exportOf = async (app: Express) => {
    const s = await signInAs(app, "researcher");
    const res = await s.agent
      .get(`/api/exports/results?authority=${authority.slug}&format=csv&lang=en`)
      .expect(200);
    return res.text;
  };
  const [ea, eb] = [await exportOf(strict), await exportOf(lenient)];
  expect(ea).toContain("imprecise");
  expect(eb).not.toContain("imprecise");
});
