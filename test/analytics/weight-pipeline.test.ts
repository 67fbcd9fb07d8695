import fs from "node:fs";
import path from "node:path";
import { analyzeExport } from "../../server/analytics/analyze-export";
import { parseCsv } from "../../server/analytics/csv";
import { readExport } from "../../server/analytics/export-input";
import { adjustForNonResponse } from "../../server/analytics/nonresponse";
import type { Margin } from "../../server/analytics/raking";
import { median, trimWeights } from "../../server/analytics/trimming";
import { weightPipeline } from "../../server/analytics/weight-pipeline";
import { WeightingFailure } from "../../server/analytics/weighting-failure";
import { weightWave } from "../../server/results/weighting";

const fixtures = path.join(__dirname, "fixtures");

/** Reference values written by test/analytics/reference/weights.R (R's survey package). */
interface Expected {
  n: number;
  eligible: Record<string, number>;
  margins: Record<string, Record<string, number>>;
  nonResponseWeights: number[];
  raked: number[];
  scenarios: Array<{
    name: string;
    cap: number | null;
    rounds: number;
    maxWeight: number;
    deff: number;
    effectiveN: number;
    weights: number[];
  }>;
}
const expected = JSON.parse(
  fs.readFileSync(path.join(fixtures, "expected-weights.json"), "utf8"),
) as Expected;

const [header, ...lines] = fs
  .readFileSync(path.join(fixtures, "weights-sample.csv"), "utf8")
  .trim()
  .split("\n");
const columns = header!.split(",");
const sample = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [columns[i]!, v])));
const rows = sample.map((r) => ({
  dem_sex: r.dem_sex!,
  dem_age_band: r.dem_age_band!,
  dem_education: r.dem_education!,
  neighbourhood: r.neighbourhood!,
}));
const baseWeights = sample.map((r) => Number(r.base));
const cells = sample.map((r) => r.neighbourhood!);
const eligible = new Map(Object.entries(expected.eligible));
const margins: Margin[] = Object.entries(expected.margins).map(([variable, shares]) => ({
  variable,
  shares: new Map(Object.entries(shares)),
}));

function expectClose(actual: readonly number[], wanted: readonly number[]) {
  expect(actual).toHaveLength(wanted.length);
  const worst = Math.max(...actual.map((a, i) => Math.abs(a - wanted[i]!)));
  expect(worst).toBeLessThan(1e-9);
}

describe("weighting pipeline against R's survey package", () => {
  it("adjusts base weights for non-response within cells as R does", () => {
    expect(rows).toHaveLength(expected.n);
    expectClose(adjustForNonResponse(baseWeights, cells, eligible), expected.nonResponseWeights);
  });

  it("rakes the adjusted weights to the margins (rake), untrimmed", () => {
    const result = weightPipeline({
      rows,
      margins,
      baseWeights,
      nonResponse: { cells, eligible },
      trim: false,
      tolerance: 1e-12,
    });
    expect(result.trimming).toBeNull();
    expectClose(result.weights, expected.raked);
  });

  it.each(expected.scenarios.map((s) => [s.name, s] as const))(
    "trims and re-rakes as trimWeights + rake do (%s)",
    (_name, scenario) => {
      const result = weightPipeline({
        rows,
        margins,
        baseWeights,
        nonResponse: { cells, eligible },
        trim: scenario.cap === null ? {} : { cap: scenario.cap },
        tolerance: 1e-12,
      });
      expectClose(result.weights, scenario.weights);
      expect(result.trimming!.rounds).toBe(scenario.rounds);
      expect(Math.abs(result.trimming!.maxAfter - scenario.maxWeight)).toBeLessThan(1e-9);
      expect(Math.abs(result.deff - scenario.deff)).toBeLessThan(1e-9);
      expect(Math.abs(result.effectiveN - scenario.effectiveN)).toBeLessThan(1e-9);
      // A cap the margins allow is met; one they do not (1.5 here) is reported, not hidden.
      expect(result.trimming!.converged).toBe(scenario.rounds < 50);
    },
  );

  it("takes 5 × the median raked weight as the default cap", () => {
    const result = weightPipeline({
      rows,
      margins,
      baseWeights,
      nonResponse: { cells, eligible },
      tolerance: 1e-12,
    });
    expect(result.trimming!.cap).toBeCloseTo(5 * median(expected.raked), 9);
    expect(result.trimming!.maxBefore).toBeGreaterThan(result.trimming!.cap);
  });
});

describe("trimming and non-response, by hand", () => {
  it("shares what is cut off equally among the untrimmed weights (trimWeights)", () => {
    // 10 → 5 frees 5, shared by the three inside: each + 5/3; the total stays 14.
    const trimmed = trimWeights([10, 1, 1, 2], 5);
    expect(trimmed[0]).toBe(5);
    expect(trimmed.slice(1)).toEqual([1 + 5 / 3, 1 + 5 / 3, 2 + 5 / 3]);
    expect(trimWeights([1, 2], 5)).toEqual([1, 2]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("refuses a cell it cannot adjust, with a stable code", () => {
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof WeightingFailure ? err.code : "other";
      }
      return "none";
    };
    expect(fail(() => adjustForNonResponse([1, 1], ["a", "b"], new Map([["a", 4]])))).toBe(
      "nonresponse_cell",
    );
    expect(fail(() => adjustForNonResponse([1, 1], ["a", "a"], new Map([["a", 1]])))).toBe(
      "nonresponse_cell",
    );
    const onlyOne = [{ sex: "f" }, { sex: "f" }];
    const sex: Margin = {
      variable: "sex",
      shares: new Map([
        ["f", 0.5],
        ["m", 0.5],
      ]),
    };
    expect(fail(() => weightPipeline({ rows: onlyOne, margins: [sex] }))).toBe("empty_margin_cell");
    expect(fail(() => weightPipeline({ rows: onlyOne, margins: [sex], baseWeights: [1, 0] }))).toBe(
      "bad_base_weight",
    );
  });

  it("fails a fit that does not converge instead of returning it", () => {
    const rows2 = [
      ...Array.from({ length: 30 }, () => ({ sex: "f", age: "y" })),
      ...Array.from({ length: 20 }, () => ({ sex: "f", age: "o" })),
      ...Array.from({ length: 10 }, () => ({ sex: "m", age: "y" })),
      ...Array.from({ length: 40 }, () => ({ sex: "m", age: "o" })),
    ];
    const m = (variable: string, a: string, b: string, s: number): Margin => ({
      variable,
      shares: new Map([
        [a, s],
        [b, 1 - s],
      ]),
    });
    const margins2 = [m("sex", "f", "m", 0.5), m("age", "y", "o", 0.6)];
    expect(() => weightPipeline({ rows: rows2, margins: margins2, maxIterations: 2 })).toThrow(
      expect.objectContaining({ code: "not_converged" }),
    );
    expect(weightPipeline({ rows: rows2, margins: margins2 }).iterations).toBeGreaterThan(2);
  });
});

describe("npm run analyze weights as the dashboards do", () => {
  it("trims and re-rakes an export's wave like weightWave, and refuses a fit that fails", () => {
    // 95 men, 5 women, raked to half and half by sex and to age: trimming binds.
    const people = Array.from({ length: 100 }, (_, i) => ({
      sex: i < 95 ? "1" : "2",
      age: String(1 + (i % 4)),
    }));
    const csv = [
      "authority,wave,submitted_at,sex,age,score_trust",
      ...people.map((p, i) => `a,w1,2025-01-01T10:00:00Z,${p.sex},${p.age},${1 + (i % 5)}`),
    ].join("\n");
    const margins: Margin[] = [
      {
        variable: "sex",
        shares: new Map([
          ["1", 0.5],
          ["2", 0.5],
        ]),
      },
      {
        variable: "age",
        shares: new Map([
          ["1", 0.4],
          ["2", 0.2],
          ["3", 0.2],
          ["4", 0.2],
        ]),
      },
    ];
    const data = readExport(parseCsv(csv));
    const analysis = analyzeExport(data, { margins: new Map([["a", margins]]) });
    const dashboard = weightWave(people, margins);
    expect(dashboard.weighting.trimming!.rounds).toBeGreaterThan(0);
    expect(analysis.weighting[0]!.deff).toBeCloseTo(dashboard.weighting.deff, 9);
    expect(analysis.weighting[0]!.effectiveN).toBeCloseTo(dashboard.weighting.effectiveN, 9);

    const onlyMen = readExport(parseCsv(csv.split("\n").slice(0, 90).join("\n")));
    expect(() => analyzeExport(onlyMen, { margins: new Map([["a", margins]]) })).toThrow(
      WeightingFailure,
    );
  });
});
