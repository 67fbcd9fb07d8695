/**
 * `npm run analyze` compares a frequency construct's waves on its favourable
 * share, as the dashboards do (issue 17, item 4: frequency codes have no
 * interval meaning), with the design-based Welch test of R's survey package
 * and Cohen's h; agreement constructs keep the change of their means.
 * fixtures/expected-share-change.json is written by reference/share-change.R
 * from fixtures/share-change-sample.csv (two weighted waves of a volunteer5 item).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeExport } from "../../server/analytics/analyze-export";
import type { ConstructDefinition } from "../../server/analytics/construct-definitions";
import { parseCsv } from "../../server/analytics/csv";
import type { ExportData } from "../../server/analytics/export-input";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);
const expected = JSON.parse(readFileSync(fixture("expected-share-change.json"), "utf8")) as {
  change: { diff: number; se: number; df: number; t: number; p: number; h: number };
};
const close = (got: number | null | undefined, want: number) =>
  expect(Math.abs(got! - want)).toBeLessThan(1e-9);

const rows = parseCsv(readFileSync(fixture("share-change-sample.csv"), "utf8")).rows;
// The same answers as a frequency construct (volunteering) and, for contrast,
// as an agreement construct whose change is that of its mean.
const data: ExportData = {
  constructs: ["volunteering", "trust"],
  weighted: true,
  responses: rows.map((r, i) => ({
    authority: "town",
    wave: r.wave!,
    submittedAt: (r.wave === "baseline" ? 0 : 1_000_000) + i,
    weight: Number(r.weight),
    scores: new Map([
      ["volunteering", Number(r.code)],
      ["trust", Number(r.code)],
    ]),
    raw: { channel: "sms" },
  })),
};
const definitions = new Map<string, ConstructDefinition>([
  ["volunteering", { kind: "scale", favourableFrom: 2, range: 4, frequency: true }],
  ["trust", { kind: "scale", favourableFrom: 4, range: 4, frequency: false }],
]);

it("tests a frequency construct's change on its favourable share, as R does", () => {
  const a = analyzeExport(data, { definitions, maxHalfWidthShare: 1 });
  const vol = a.changes.find((c) => c.construct === "volunteering")!;
  expect(vol.measure).toBe("share");
  close(vol.diff, expected.change.diff);
  close(vol.se, expected.change.se);
  close(vol.df, expected.change.df);
  close(vol.t, expected.change.t);
  close(vol.p, expected.change.p);
  close(vol.d, expected.change.h);
  const trust = a.changes.find((c) => c.construct === "trust")!;
  expect(trust.measure).toBe("mean");
  // The mean of the codes moves by another amount than the share.
  expect(Math.abs(trust.diff! - expected.change.diff)).toBeGreaterThan(0.05);
});

it("withholds a share's change by the rules of a share (range 1)", () => {
  // At most 7% of the range (R: t·SE of svymean): the shares' half-widths, 0.083
  // and 0.097 of 1, are too wide; the codes', 0.046 and 0.060 of 4 points, are not.
  const a = analyzeExport(data, { definitions, maxHalfWidthShare: 0.07 });
  expect(a.changes.find((c) => c.construct === "volunteering")!.diff).toBeNull();
  expect(a.changes.find((c) => c.construct === "trust")!.diff).not.toBeNull();
});
