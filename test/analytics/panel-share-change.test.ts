/**
 * A frequency construct's panel change is the change of the panel's weighted
 * favourable share, never of the mean of its codes (issue 17, item 4):
 * fixtures/expected-panel-share.json is written by reference/panel-share.R
 * from fixtures/panel-members.csv (attrition weights as panel.R; svymean of
 * z_after − z_before; Cohen's h of the two weighted shares).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../server/analytics/csv";
import { attritionWeights, weightedPairedShareChange } from "../../server/analytics/panel-weights";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);
const expected = JSON.parse(readFileSync(fixture("expected-panel-share.json"), "utf8")) as {
  threshold: number;
  change: Record<"pairs" | "diff" | "se" | "df" | "t" | "p" | "h", number>;
};
const close = (got: number | null | undefined, want: number) =>
  expect(Math.abs(got! - want)).toBeLessThan(1e-9);

it("gives the change of the panel's share and its h as R does", () => {
  const rows = parseCsv(readFileSync(fixture("panel-members.csv"), "utf8")).rows;
  const weights = attritionWeights(
    rows.map((r) => ({ ageBand: r.age_band!, sex: r.sex!, retained: r.retained === "1" })),
  );
  const pairs = rows.flatMap((r, i) =>
    weights[i] !== null && r.after !== "" && r.after !== "NA"
      ? [{ before: Number(r.before), after: Number(r.after), w: weights[i]! }]
      : [],
  );
  const got = weightedPairedShareChange(
    pairs.map((p) => p.before),
    pairs.map((p) => p.after),
    pairs.map((p) => p.w),
    expected.threshold,
  )!;
  expect(got.pairs).toBe(expected.change.pairs);
  close(got.diff, expected.change.diff);
  close(got.se, expected.change.se);
  expect(got.df).toBe(expected.change.df);
  close(got.t, expected.change.t);
  close(got.p, expected.change.p);
  close(got.d, expected.change.h);
});
