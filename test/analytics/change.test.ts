/**
 * Welch and paired references are R's own outputs for the classic examples
 * (t.test on `sleep`, t.test(1:10, y = c(7:20))), reproduced to full precision
 * by test/analytics/reference/reference.py.
 */
import { pairedChange, welchChange } from "../../server/analytics/change";
import { changeLabel, effectSize } from "../../server/analytics/change-label";
import { describe as describeScores, describeWeighted } from "../../server/analytics/descriptives";
import { holm } from "../../server/analytics/holm";

const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

function cell(values: number[]) {
  const d = describeScores(values);
  return { n: d.n, mean: d.mean!, sd: d.sd!, se: d.se! };
}

describe("change between independent waves (Welch)", () => {
  it("matches t.test(extra ~ group, sleep): t = 1.8608, df = 17.776, p = 0.07939", () => {
    const c = welchChange(cell(sleep1), cell(sleep2))!;
    expect(c.diff).toBeCloseTo(1.58, 12);
    expect(c.se).toBeCloseTo(0.849091017238762, 12);
    expect(c.df).toBeCloseTo(17.776473516178495, 10);
    expect(c.t).toBeCloseTo(1.8608134674868526, 10);
    expect(c.p).toBeCloseTo(0.0793941401873581, 10);
    expect(c.d).toBeCloseTo(0.8321810813495394, 10);
  });

  it("matches t.test(1:10, y = c(7:20)): df = 21.982, p = 1.855e-05", () => {
    const c = welchChange(
      cell([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      cell([...Array(14)].map((_, i) => 7 + i)),
    )!;
    expect(c.t).toBeCloseTo(5.4349297638940595, 10);
    expect(c.df).toBeCloseTo(21.982212340188994, 10);
    expect(c.p / 1.8552818325118125e-5).toBeCloseTo(1, 8);
    expect(c.d).toBeCloseTo(2.1311817106645243, 10);
  });

  it("uses design-based SEs of weighted waves", () => {
    const ys = [3.2, 4.1, 2.5, 4.8, 3.9, 3.0, 4.4, 2.2];
    const ws = [1.0, 2.5, 0.8, 1.7, 1.2, 0.6, 2.2, 1.0];
    const later = [...ys.slice(0, 6).map((y) => y + 0.6), 4.9, 3.3, 4.0];
    const laterW = [...ws.slice(0, 6), 1.4, 0.9, 1.1];
    const toCell = (v: number[], w: number[]) => {
      const d = describeWeighted(v, w);
      return { n: d.n, mean: d.mean!, sd: d.sd!, se: d.se! };
    };
    const c = welchChange(toCell(ys, ws), toCell(later, laterW))!;
    expect(c.diff).toBeCloseTo(0.5595454545454541, 12);
    expect(c.se).toBeCloseTo(0.3876316011382201, 12);
    expect(c.df).toBeCloseTo(14.200793897415759, 10);
    expect(c.p).toBeCloseTo(0.17057714493195242, 10);
    expect(c.d).toBeCloseTo(0.6886852026836766, 10);
  });

  it("is null without two values on each side or without spread", () => {
    expect(welchChange({ n: 1, mean: 3, sd: 0, se: 0 }, cell([1, 2, 3]))).toBeNull();
    expect(
      welchChange({ n: 3, mean: 3, sd: 0, se: 0 }, { n: 3, mean: 4, sd: 0, se: 0 }),
    ).toBeNull();
  });
});

describe("paired change (panel members in both waves)", () => {
  it("matches t.test(sleep2, sleep1, paired = TRUE): t = 4.0621, df = 9, p = 0.002833", () => {
    const c = pairedChange(sleep1, sleep2)!;
    expect(c.diff).toBeCloseTo(1.58, 12);
    expect(c.se).toBeCloseTo(0.3889587238883952, 12);
    expect(c.df).toBe(9);
    expect(c.t).toBeCloseTo(4.062127683382037, 10);
    expect(c.p).toBeCloseTo(0.0028328901973842632, 12);
    expect(c.d).toBeCloseTo(1.2845575625910546, 10);
  });

  it("needs two pairs with some spread and equal lengths", () => {
    expect(pairedChange([1], [2])).toBeNull();
    expect(pairedChange([1, 2], [2, 3])).toBeNull();
    expect(() => pairedChange([1, 2], [1])).toThrow(RangeError);
  });
});

describe("Holm adjustment", () => {
  it("matches p.adjust(c(.01, .04, .03, .005, .2), 'holm')", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005, 0.2]);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 14));
  });

  it("caps at 1, keeps ties, and leaves untestable entries out of m", () => {
    expect(holm([0.5, 0.5, 0.9])).toEqual([1, 1, 1]);
    expect(holm([0.01, null, 0.02])).toEqual([0.02, null, 0.02]);
    expect(holm([])).toEqual([]);
  });
});

describe("change labels (keys for locales, never text)", () => {
  it("bands |d| at .2, .5 and .8", () => {
    expect([0, 0.19, 0.2, 0.49, 0.5, 0.79, 0.8, -0.8].map(effectSize)).toEqual([
      "negligible",
      "negligible",
      "small",
      "small",
      "medium",
      "medium",
      "large",
      "large",
    ]);
  });

  it("names size and direction only for reliable changes", () => {
    expect(changeLabel({ d: 0.3, p: 0.01 })).toEqual({
      key: "change.smallRise",
      params: { size: "small", direction: "rise", d: 0.3, p: 0.01 },
    });
    expect(changeLabel({ d: -0.9, p: 0.001 }).key).toBe("change.largeFall");
    expect(changeLabel({ d: 0.1, p: 0.001 }).key).toBe("change.negligibleRise");
    expect(changeLabel({ d: 0.6, p: 0.05 }).key).toBe("change.noReliableChange");
    expect(changeLabel({ d: 0.6, p: 0.05 }).params.size).toBe("medium");
    expect(changeLabel({ d: 0.6, p: 0.04 }, 0.01).key).toBe("change.noReliableChange");
    expect(changeLabel(null)).toEqual({ key: "change.notEnoughData", params: {} });
    expect(changeLabel({ d: null, p: null }).key).toBe("change.notEnoughData");
  });
});
