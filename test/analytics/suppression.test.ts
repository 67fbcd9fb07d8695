import { isSmallCell, suppressCells } from "../../server/analytics/suppression";

describe("primary suppression", () => {
  it("hides n below the threshold and shows n exactly at it", () => {
    expect(isSmallCell(9)).toBe(true);
    expect(isSmallCell(10)).toBe(false);
    expect(isSmallCell(4, 5)).toBe(true);
    expect(isSmallCell(5, 5)).toBe(false);
    expect(suppressCells([9, 10, 0, 11])).toEqual(["small", null, "empty", null]);
  });
});

describe("complementary suppression", () => {
  it("hides the next-smallest part when exactly one part of a shown total is hidden", () => {
    // Men 8 (hidden), women 40, other 12: total 60 shown would give men away.
    expect(suppressCells([8, 40, 12], [[0, 1, 2]])).toEqual(["small", null, "complementary"]);
  });

  it("needs no partner when two parts are hidden already, or the only other is empty", () => {
    expect(suppressCells([8, 40, 5], [[0, 1, 2]])).toEqual(["small", null, "small"]);
    expect(suppressCells([0, 40, 50], [[0, 1, 2]])).toEqual(["empty", null, null]);
  });

  it("breaks ties between equally small partners by position", () => {
    expect(suppressCells([3, 20, 20], [[0, 1, 2]])).toEqual(["small", "complementary", null]);
  });

  it("follows a partner into the other totals it belongs to", () => {
    // 2 × 2 table a b / c d with row and column totals shown: a small hides b (row),
    // then the column a–c needs c, and then row c–d and column b–d are protected.
    const reasons = suppressCells(
      [4, 30, 25, 60],
      [
        [0, 1],
        [2, 3],
        [0, 2],
        [1, 3],
      ],
    );
    expect(reasons).toEqual(["small", "complementary", "complementary", "complementary"]);
    // Each total now has zero or at least two hidden parts.
    for (const parts of [
      [0, 1],
      [2, 3],
      [0, 2],
      [1, 3],
    ])
      expect(parts.filter((i) => reasons[i] !== null).length).not.toBe(1);
  });

  it("honours a configured threshold", () => {
    expect(suppressCells([6, 7, 30], [[0, 1, 2]], 5)).toEqual([null, null, null]);
  });
});
