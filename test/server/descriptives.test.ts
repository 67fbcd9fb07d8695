import { describe as describeScores } from "../../server/analytics/descriptives";

describe("descriptives", () => {
  it("matches values computed independently (R: t.test(c(1,2,3,4,5,6,7,8,9,10)))", () => {
    const d = describeScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.n).toBe(10);
    expect(d.mean).toBeCloseTo(5.5, 12);
    expect(d.sd).toBeCloseTo(3.0276503540974917, 12);
    expect(d.se).toBeCloseTo(0.9574271077563381, 12);
    // R: t.test(1:10)$conf.int -> 3.334149 7.665851
    expect(d.ciLow).toBeCloseTo(3.334149, 6);
    expect(d.ciHigh).toBeCloseTo(7.665851, 6);
  });

  it("gives a mean but no spread for one value, nothing for none", () => {
    expect(describeScores([4])).toEqual({
      n: 1,
      mean: 4,
      sd: null,
      se: null,
      ciLow: null,
      ciHigh: null,
    });
    expect(describeScores([]).mean).toBeNull();
  });
});
