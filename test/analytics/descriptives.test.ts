/**
 * Reference values: test/analytics/reference/reference.py (stdlib Python, its own
 * t distribution by incomplete beta), cross-checked where noted against R output.
 */
import { describe as describeScores, describeWeighted } from "../../server/analytics/descriptives";
import { describeFavourable, wilson } from "../../server/analytics/favourable";
import { t975, twoSidedP } from "../../server/analytics/t-distribution";

const ys = [3.2, 4.1, 2.5, 4.8, 3.9, 3.0, 4.4, 2.2];
const ws = [1.0, 2.5, 0.8, 1.7, 1.2, 0.6, 2.2, 1.0];

describe("t distribution", () => {
  it("gives R's qt and pt", () => {
    expect(t975(9)).toBeCloseTo(2.2621571627982027, 10); // R: qt(0.975, 9) = 2.262157
    expect(twoSidedP(-2, 10)).toBeCloseTo(2 * 0.036694017385370224, 12); // R: pt(-2, 10)
    expect(twoSidedP(2, 10)).toBeCloseTo(twoSidedP(-2, 10), 15);
    expect(twoSidedP(0, 5)).toBe(1);
  });
});

describe("unweighted descriptives", () => {
  it("match R's t.test(1:10)", () => {
    const d = describeScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.sd).toBeCloseTo(3.0276503540974917, 12);
    expect(d.se).toBeCloseTo(0.9574271077563381, 12);
    expect(d.ciLow).toBeCloseTo(3.334149410331833, 9); // R: 3.334149
    expect(d.ciHigh).toBeCloseTo(7.6658505896681675, 9); // R: 7.665851
  });
});

describe("weighted descriptives (svydesign(ids = ~1, weights = ~w); svymean, svyvar)", () => {
  it("agree with the reference to 1e-9", () => {
    const d = describeWeighted(ys, ws);
    expect(d.n).toBe(8);
    expect(d.mean).toBeCloseTo(3.815454545454546, 12);
    expect(d.se).toBeCloseTo(0.29648591122932855, 12);
    expect(d.sd).toBeCloseTo(0.8757852270234358, 12);
    expect(d.ciLow).toBeCloseTo(3.11437676950609, 9);
    expect(d.ciHigh).toBeCloseTo(4.516532321403002, 9);
  });

  it("match a case worked by hand", () => {
    // y = 1, 2, 3 with w = 1, 1, 2: mean = 9/4; Σw²(y − ȳ)² = 1.5625 + 0.0625 + 2.25 = 3.875;
    // SE² = 3/2 · 3.875 / 16 = 0.36328125; SD² = 3/2 · (1.5625 + 0.0625 + 1.125) / 4 = 1.03125.
    const d = describeWeighted([1, 2, 3], [1, 1, 2]);
    expect(d.mean).toBe(2.25);
    expect(d.se! ** 2).toBeCloseTo(0.36328125, 14);
    expect(d.sd! ** 2).toBeCloseTo(1.03125, 14);
  });

  it("equal weights give exactly the unweighted figures, whatever their size", () => {
    const w = describeWeighted(
      ys,
      ys.map(() => 3),
    );
    const u = describeScores(ys);
    for (const key of ["mean", "sd", "se", "ciLow", "ciHigh"] as const)
      expect(w[key]).toBeCloseTo(u[key]!, 12);
    expect(u.se).toBeCloseTo(0.3286539104546648, 12);
  });

  it("refuse a weight that is not positive, and have no spread for one value", () => {
    expect(() => describeWeighted([1, 2], [1, 0])).toThrow(RangeError);
    expect(describeWeighted([4], [2])).toMatchObject({ n: 1, mean: 4, se: null });
    expect(describeWeighted([], []).mean).toBeNull();
  });
});

describe("% favourable", () => {
  it("is svymean of the top-2 indicator with a Wilson interval on Kish's n", () => {
    const f = describeFavourable(ys, ws);
    expect(f.share).toBeCloseTo(0.5818181818181819, 12);
    expect(f.se).toBeCloseTo(0.1930984414964177, 12);
    expect(f.ciLow).toBeCloseTo(0.25047635883425073, 10);
    expect(f.ciHigh).toBeCloseTo(0.8527778856451766, 10);
  });

  it("unweighted equals prop.test(7, 20, correct = FALSE)$conf.int", () => {
    const values = [...Array(7).fill(5), ...Array(13).fill(2)];
    const f = describeFavourable(values);
    expect(f.share).toBeCloseTo(0.35, 14);
    expect(f.ciLow).toBeCloseTo(0.18119182410108206, 10); // R: 0.1811918
    expect(f.ciHigh).toBeCloseTo(0.5671457233147638, 10); // R: 0.5671457
  });

  it("counts the threshold itself as favourable and stays inside [0, 1]", () => {
    expect(describeFavourable([4, 4, 3.99]).share).toBeCloseTo(2 / 3, 14);
    const [low, high] = wilson(1, 12);
    expect(high).toBeCloseTo(1, 12);
    expect(low).toBeGreaterThan(0.7);
    expect(describeFavourable([]).share).toBeNull();
  });
});
