/**
 * Panel attrition weights and the weighted paired change (issue 17, item 6)
 * against R's survey package: fixtures/expected-panel.json is written by
 * reference/panel.R from fixtures/panel-members.csv (cell weights
 * members / retained with the collapsing rule, then svymean of the differences).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pairedChange } from "../../server/analytics/change";
import { parseCsv } from "../../server/analytics/csv";
import { attritionWeights, weightedPairedChange } from "../../server/analytics/panel-weights";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);
const expected = JSON.parse(readFileSync(fixture("expected-panel.json"), "utf8")) as {
  weights: Record<string, number>;
  change: Record<"pairs" | "diff" | "se" | "df" | "t" | "p" | "d" | "effectiveN", number>;
};
const rows = parseCsv(readFileSync(fixture("panel-members.csv"), "utf8")).rows;
const members = rows.map((r) => ({
  ageBand: r.age_band!,
  sex: r.sex!,
  retained: r.retained === "1",
}));

it("weights retained members by the inverse of their cell's response propensity, as R", () => {
  const weights = attritionWeights(members);
  const got = Object.fromEntries(
    rows.flatMap((r, i) => (weights[i] === null ? [] : [[r.panel_id!, weights[i]!]])),
  );
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected.weights).sort());
  for (const [id, w] of Object.entries(expected.weights))
    expect(Math.abs(got[id]! - w)).toBeLessThan(1e-12);
  // The weights stand for every member at risk: they add up to the members.
  expect(weights.reduce<number>((a, w) => a + (w ?? 0), 0)).toBeCloseTo(members.length, 9);
});

it("collapses a sex whose age cell kept nobody, then the whole panel", () => {
  const m = (ageBand: string, sex: string, retained: boolean) => ({ ageBand, sex, retained });
  // Sex 2's age 7 kept nobody: sex 2 is one cell (4 members, 2 retained: weight 2).
  expect(
    attritionWeights([
      m("1", "1", true),
      m("7", "2", false),
      m("1", "2", true),
      m("3", "2", true),
      m("3", "2", false),
    ]),
  ).toEqual([1, null, 2, 2, null]);
  // Nobody of sex 2 stayed: the whole panel is one cell.
  expect(attritionWeights([m("1", "1", true), m("1", "1", false), m("2", "2", false)])).toEqual([
    3,
    null,
    null,
  ]);
});

it("gives the weighted paired change of svymean to 1e-9, and the paired t-test unweighted", () => {
  const weights = attritionWeights(members);
  const pairs = rows.flatMap((r, i) =>
    weights[i] !== null && r.after !== "" && r.after !== "NA"
      ? [{ before: Number(r.before), after: Number(r.after), w: weights[i]! }]
      : [],
  );
  const got = weightedPairedChange(
    pairs.map((p) => p.before),
    pairs.map((p) => p.after),
    pairs.map((p) => p.w),
  )!;
  const want = expected.change;
  expect(got.pairs).toBe(want.pairs);
  expect(got.df).toBe(want.df);
  for (const key of ["diff", "se", "t", "p", "d"] as const)
    expect(Math.abs(got[key] - want[key])).toBeLessThan(1e-9);
  expect(Math.abs(got.effectivePairs - want.effectiveN)).toBeLessThan(1e-9);

  const ones = pairs.map(() => 1);
  const plain = pairedChange(
    pairs.map((p) => p.before),
    pairs.map((p) => p.after),
  )!;
  const same = weightedPairedChange(
    pairs.map((p) => p.before),
    pairs.map((p) => p.after),
    ones,
  )!;
  for (const key of ["diff", "se", "df", "t", "p", "d"] as const)
    expect(Math.abs(same[key] - plain[key])).toBeLessThan(1e-12);
});
