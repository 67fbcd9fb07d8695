/**
 * `npm run analyze` applies the dashboards' reporting rules (issue 17, item 4):
 * effective n and CI half-width (configurable, as REPORTING_MAX_CI_HALF_WIDTH_SHARE),
 * open-link and kiosk waves as engagement samples unless marked probability,
 * and both in the difference in differences.
 */
import { analyzeExport } from "../../server/analytics/analyze-export";
import type { ConstructDefinition } from "../../server/analytics/construct-definitions";
import { parseCsv } from "../../server/analytics/csv";
import { readExport } from "../../server/analytics/export-input";

const definitions = new Map<string, ConstructDefinition>([
  ["soc", { kind: "scale", favourableFrom: 4, range: 4, frequency: false }],
]);

/** An export of rows [authority, wave, channel, weight, score]. */
function exportOf(rows: ReadonlyArray<readonly [string, string, string, number | "", number]>) {
  const lines = rows.map(
    ([a, w, c, weight, y], i) =>
      `${a},${w},${c},2024-0${w === "w1" ? 1 : 6}-01T09:${String(i % 60).padStart(2, "0")}:00.000Z,${weight},${y}`,
  );
  return readExport(
    parseCsv(["authority,wave,channel,submitted_at,weight,score_soc", ...lines].join("\n")),
  );
}

/** n answers close around a centre (a narrow interval). */
const tight = (a: string, w: string, c: string, n: number, centre: number) =>
  Array.from({ length: n }, (_, i) => [a, w, c, "", centre + ((i % 3) - 1) * 0.1] as const);

it("withholds cells on effective n and on CI width, by the configured share", () => {
  const weights = Array.from({ length: 20 }, (_, i) => (i === 0 ? 40 : 1));
  const data = exportOf([
    ...weights.map((wt, i) => ["a", "w1", "sms", wt, 3 + (i % 2) * 0.1] as const),
    // Twelve answers over the whole scale: CI half-width ≈ 0.9 > 4/8.
    ...Array.from({ length: 12 }, (_, i) => ["b", "w1", "sms", 1, 1 + (i % 5)] as const),
  ]);
  const rows = analyzeExport(data, { definitions }).results;
  expect(rows.find((r) => r.authority === "a")).toMatchObject({
    suppressed: true,
    suppressed_reason: "effective",
    mean: null,
  });
  expect(rows.find((r) => r.authority === "b")).toMatchObject({
    suppressed: true,
    suppressed_reason: "imprecise",
    mean: null,
  });
  const lenient = analyzeExport(data, { definitions, maxHalfWidthShare: 1 }).results;
  expect(lenient.find((r) => r.authority === "b")).toMatchObject({
    suppressed: false,
    suppressed_reason: null,
  });
});

it("reports an open-link wave as engagement: a mean, no interval, no test", () => {
  const data = exportOf([
    ...tight("a", "w1", "sms", 20, 3),
    ...tight("a", "w2", "sms", 15, 3.5),
    ...tight("a", "w2", "open-link", 5, 3.5),
  ]);
  const a = analyzeExport(data, { definitions });
  const w2 = a.results.find((r) => r.wave === "w2")!;
  expect(w2).toMatchObject({ design: "engagement", suppressed: false, se: null, ci_low: null });
  expect(w2.mean).toBeCloseTo(3.5, 1);
  expect(a.results.find((r) => r.wave === "w1")).toMatchObject({ design: "inference" });
  expect(a.changes[0]).toMatchObject({
    p: null,
    p_holm: null,
    label: { key: "change.engagementOnly" },
  });
  // A researcher's mark (the dashboards' sample design) restores the test.
  const marked = analyzeExport(data, { definitions, probabilityWaves: new Set(["w2"]) });
  expect(marked.results.find((r) => r.wave === "w2")!.se).not.toBeNull();
  expect(marked.changes[0]!.p).not.toBeNull();
});

it("gives a DiD with an engagement wave without SE or p, and leaves small cells out", () => {
  const towns = ["t1", "t2", "t3", "c1", "c2", "c3"];
  const rows = towns.flatMap((a, k) => [
    ...tight(a, "w1", "sms", 12, 3 + k * 0.05),
    ...tight(a, "w2", a === "t1" ? "kiosk" : "sms", 12, 3.2 + k * 0.07 + (a[0] === "t" ? 0.1 : 0)),
  ]);
  const groups = new Map(
    [...towns, "c4"].map((a) => [a, a[0] === "t" ? "treated" : "comparison"] as const),
  );
  const run = (
    extra: ReadonlyArray<readonly [string, string, string, "", number]>,
    probability?: Set<string>,
  ) =>
    analyzeExport(exportOf([...rows, ...extra]), {
      definitions,
      comparison: groups,
      maxHalfWidthShare: 1,
      ...(probability ? { probabilityWaves: probability } : {}),
    }).did[0]!;
  const engaged = run([]);
  expect(engaged.engagement).toBe(true);
  expect(engaged.estimate).not.toBeNull();
  expect([engaged.se, engaged.df, engaged.p]).toEqual([null, null, null]);
  const marked = run([], new Set(["w2"]));
  expect(marked.engagement).toBe(false);
  expect(marked.p).not.toBeNull();
  // A seventh town with 4 answers in w2 is too small to stand in the estimate.
  const withSmall = run(
    [...tight("c4", "w1", "sms", 12, 3), ...tight("c4", "w2", "sms", 4, 9)],
    new Set(["w2"]),
  );
  const withoutIt = run(tight("c4", "w1", "sms", 12, 3), new Set(["w2"]));
  expect(withSmall.estimate).toBeCloseTo(withoutIt.estimate!, 12);
  expect(withSmall.estimate).not.toBeCloseTo(marked.estimate!, 6);
});
