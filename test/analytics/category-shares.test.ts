import fs from "node:fs";
import path from "node:path";
import {
  addAnswer,
  addCellCounts,
  countAnswer,
  emptyTally,
  mergeTally,
  sharesOf,
} from "../../server/analytics/category-shares";

const fixtures = path.join(__dirname, "fixtures");

/** Written by test/analytics/reference/distribution.R (R's survey package). */
interface Expected {
  n: number;
  effectiveN: number;
  categories: Array<{
    value: number;
    share: number;
    se: number;
    ciLow: number | null;
    ciHigh: number | null;
  }>;
}
const expected = JSON.parse(
  fs.readFileSync(path.join(fixtures, "expected-distribution.json"), "utf8"),
) as Expected;
const rows = fs
  .readFileSync(path.join(fixtures, "distribution-sample.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, value, weight] = line.split(",");
    return { value: value!, weight: Number(weight) };
  });

function tallyOf(subset: typeof rows, weighted = true) {
  const t = emptyTally();
  for (const r of subset)
    if (r.value !== "dk") addAnswer(t, Number(r.value), weighted ? r.weight : 1);
  return t;
}

describe("a frequency item's answers as shares per category (R svymean on a factor)", () => {
  it("gives R's weighted share, SE and logit interval of every category", () => {
    const shares = sharesOf(tallyOf(rows), [1, 2, 3, 4, 5]);
    expect(shares).toHaveLength(5);
    shares.forEach((s, i) => {
      const r = expected.categories[i]!;
      expect(s.value).toBe(r.value);
      expect(Math.abs(s.share - r.share)).toBeLessThan(1e-9);
      expect(Math.abs(s.se - r.se)).toBeLessThan(1e-9);
      if (r.ciLow === null) expect(s.ciLow).toBeNull();
      else expect(Math.abs(s.ciLow! - r.ciLow)).toBeLessThan(1e-9);
      if (r.ciHigh === null) expect(s.ciHigh).toBeNull();
      else expect(Math.abs(s.ciHigh! - r.ciHigh)).toBeLessThan(1e-9);
    });
    expect(shares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
  });

  it("counts only valid answers: don't know is not a category", () => {
    const t = tallyOf(rows);
    expect(t.n).toBe(expected.n);
    expect((t.sw * t.sw) / t.sw2).toBeCloseTo(expected.effectiveN, 9);
  });

  it("pools cells by adding them: two halves give the whole", () => {
    const a = tallyOf(rows.slice(0, 70));
    mergeTally(a, tallyOf(rows.slice(70)));
    const whole = sharesOf(tallyOf(rows), [1, 2, 3, 4, 5]);
    sharesOf(a, [1, 2, 3, 4, 5]).forEach((s, i) => {
      expect(s.share).toBeCloseTo(whole[i]!.share, 12);
      expect(s.se).toBeCloseTo(whole[i]!.se, 12);
    });
  });

  it("unweighted, the share is the plain proportion", () => {
    const t = tallyOf(rows, false);
    const ones = rows.filter((r) => r.value === "1").length;
    expect(sharesOf(t, [1])[0]!.share).toBeCloseTo(ones / expected.n, 12);
  });

  it("has nothing to say below two answers", () => {
    const t = emptyTally();
    addAnswer(t, 1, 1);
    expect(sharesOf(t, [1, 2])).toEqual([]);
  });

  it("gives the same tally from unweighted cell counts scaled by each cell's weight", () => {
    // Two raking cells, every member of a cell with the cell's weight.
    const cells = [
      { w: 0.8, values: [1, 1, 2, 3, 3, 3] },
      { w: 1.7, values: [2, 2, 4, 1] },
    ];
    const direct = emptyTally();
    const scaled = emptyTally();
    for (const cell of cells) {
      const counts = emptyTally();
      for (const v of cell.values) {
        addAnswer(direct, v, cell.w);
        countAnswer(counts, v, 1);
      }
      // An answer counted and taken back leaves nothing behind.
      countAnswer(counts, 5, 1);
      countAnswer(counts, 5, -1);
      addCellCounts(scaled, counts, cell.w);
    }
    const a = sharesOf(direct, [1, 2, 3, 4, 5]);
    sharesOf(scaled, [1, 2, 3, 4, 5]).forEach((s, i) => {
      expect(s.n).toBe(a[i]!.n);
      expect(s.share).toBeCloseTo(a[i]!.share, 12);
      expect(s.se).toBeCloseTo(a[i]!.se, 12);
    });
  });
});
