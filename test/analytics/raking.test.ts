import { AnalysisInputError } from "../../server/analytics/input-error";
import { rake, type Margin } from "../../server/analytics/raking";
import { normaliseToMeanOne, summariseWeights } from "../../server/analytics/weights";

/** A sample of `count` respondents per cell of sex × age. */
function sample(cells: [string, string, number][]): Record<string, string>[] {
  return cells.flatMap(([sex, age, count]) => Array.from({ length: count }, () => ({ sex, age })));
}

const margin = (variable: string, shares: Record<string, number>): Margin => ({
  variable,
  shares: new Map(Object.entries(shares)),
});

describe("raking", () => {
  it("fits a 2×2 sample to known margins, keeping its odds ratio", () => {
    // Sample f/young 30, f/old 20, m/young 10, m/old 40 (n = 100); population 50% f, 60% young.
    // IPF's limit is the table with those margins and the sample's odds ratio 6, solved in
    // closed form (reference.py, rake_2x2): cells 40, 10, 20, 30, so weights 4/3, 1/2, 2, 3/4.
    const rows = sample([
      ["f", "young", 30],
      ["f", "old", 20],
      ["m", "young", 10],
      ["m", "old", 40],
    ]);
    const result = rake(rows, [
      margin("sex", { f: 0.5, m: 0.5 }),
      margin("age", { young: 0.6, old: 0.4 }),
    ]);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(1);
    expect(result.maxDeviation).toBeLessThanOrEqual(1e-9);
    const weightOf = (sex: string, age: string) =>
      result.weights[rows.findIndex((r) => r.sex === sex && r.age === age)]!;
    expect(weightOf("f", "young")).toBeCloseTo(4 / 3, 8);
    expect(weightOf("f", "old")).toBeCloseTo(1 / 2, 8);
    expect(weightOf("m", "young")).toBeCloseTo(2, 8);
    expect(weightOf("m", "old")).toBeCloseTo(3 / 4, 8);
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    // Kish by hand: Σw² = 30·16/9 + 20/4 + 10·4 + 40·9/16 = 120.8333…, deff = 100·Σw²/100².
    expect(result.deff).toBeCloseTo(1.2083333333, 8);
    expect(result.effectiveN).toBeCloseTo(100 / 1.2083333333, 6);
  });

  it("reports when it stops short of convergence", () => {
    const rows = sample([
      ["f", "young", 30],
      ["f", "old", 20],
      ["m", "young", 10],
      ["m", "old", 40],
    ]);
    const margins = [margin("sex", { f: 0.5, m: 0.5 }), margin("age", { young: 0.6, old: 0.4 })];
    const result = rake(rows, margins, { maxIterations: 2, tolerance: 1e-12 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.maxDeviation).toBeGreaterThan(1e-12);
  });

  it("starts from base weights and leaves a sample already on its margins alone", () => {
    const rows = sample([
      ["f", "young", 5],
      ["m", "young", 5],
    ]);
    const result = rake(rows, [margin("sex", { f: 0.5, m: 0.5 })]);
    expect(result.iterations).toBe(0);
    expect(result.weights).toEqual(Array(10).fill(1));
    const based = rake(rows, [margin("sex", { f: 0.5, m: 0.5 })], {
      baseWeights: [2, 2, 2, 2, 2, 1, 1, 1, 1, 1],
    });
    expect(based.weights[0]).toBeCloseTo(based.weights[9]!, 12);
  });

  it("refuses what raking cannot fix", () => {
    const rows = sample([
      ["f", "young", 3],
      ["x", "young", 1],
    ]);
    expect(() => rake(rows, [margin("sex", { f: 0.5, m: 0.5 })])).toThrow(AnalysisInputError);
    const onlyF = sample([["f", "young", 3]]);
    expect(() => rake(onlyF, [margin("sex", { f: 0.5, m: 0.5 })])).toThrow(/no respondent in m/);
    expect(() => rake(onlyF, [margin("sex", { f: 0.7, m: 0.5 })])).toThrow(/sum to 1.2/);
    expect(() => rake(onlyF, [margin("sex", { f: 1, m: 0 })])).toThrow(/above 0/);
  });
});

describe("weights summary (Kish)", () => {
  it("uses the population variance of the weights: deff = 1 + CV² = n·Σw²/(Σw)²", () => {
    // w = 1, 1, 2, 4: mean 2, population variance (1 + 1 + 0 + 4)/4 = 1.5, CV² = 0.375.
    const s = summariseWeights([1, 1, 2, 4]);
    expect(s.cv ** 2).toBeCloseTo(0.375, 14);
    expect(s.deff).toBeCloseTo(1.375, 14);
    expect(s.effectiveN).toBeCloseTo(64 / 22, 12); // (Σw)²/Σw² = 8²/22
    expect(summariseWeights([3, 3, 3]).deff).toBe(1);
  });

  it("normalises to mean 1 without changing relative sizes", () => {
    expect(normaliseToMeanOne([1, 1, 2, 4])).toEqual([0.5, 0.5, 1, 2]);
  });
});
