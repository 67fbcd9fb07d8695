/**
 * Non-response adjustment classes (issue 17, item 3): cells from the frame's
 * variables, a cell split by the next variable only when every part keeps
 * the minimum of respondents, and each cell's factor Σ base × eligibility of
 * the sampled over Σ base of the respondents, worked by hand below.
 */
import {
  adjustedRespondentWeights,
  nonResponseClasses,
  type SampledCase,
} from "../../server/analytics/nonresponse-classes";
import { weightPipeline } from "../../server/analytics/weight-pipeline";

const cases = (
  authority: string,
  language: string,
  spec: Array<[responded: boolean, base: number, eligibility?: number]>,
): SampledCase[] =>
  spec.map(([responded, baseWeight, eligibility = 1]) => ({
    frame: { authority, language },
    baseWeight,
    eligibility,
    responded,
  }));

// A/he: 4 of 6 answer; A/ar: 2 of 4 (below the minimum of 3, so A is not split by language).
// B/he: 3 answer, 2 eligible do not, 1 undeliverable (eligibility 0), 1 unknown (e = 0.5).
// B/ar: 4 answer (base 1, 1, 2, 2), 4 do not (base 2, 2, 1, 1).
const sample: SampledCase[] = [
  ...cases("A", "he", [
    [true, 1],
    [true, 1],
    [true, 1],
    [true, 1],
    [false, 1],
    [false, 1],
  ]),
  ...cases("A", "ar", [
    [true, 1],
    [true, 1],
    [false, 1],
    [false, 1],
  ]),
  ...cases("B", "he", [
    [true, 1],
    [true, 1],
    [true, 1],
    [false, 1],
    [false, 1],
    [false, 1, 0],
    [false, 1, 0.5],
  ]),
  ...cases("B", "ar", [
    [true, 1],
    [true, 1],
    [true, 2],
    [true, 2],
    [false, 2],
    [false, 2],
    [false, 1],
    [false, 1],
  ]),
];

it("splits a cell only where every part keeps the minimum, with factors worked by hand", () => {
  const classes = nonResponseClasses(sample, ["authority", "language"], 3);
  const byKey = new Map(classes.cells.map((c) => [c.key, c]));
  expect([...byKey.keys()]).toEqual([
    "authority=A",
    "authority=B|language=ar",
    "authority=B|language=he",
  ]);
  // A: 10 eligible (base 1) over 6 respondents.
  expect(byKey.get("authority=A")).toMatchObject({
    respondents: 6,
    sampled: 10,
    eligibleSum: 10,
    respondentSum: 6,
  });
  expect(byKey.get("authority=A")!.factor).toBeCloseTo(10 / 6, 14);
  // B/he: 3 + 2 + 0 + 0.5 = 5.5 over 3.
  expect(byKey.get("authority=B|language=he")!.factor).toBeCloseTo(5.5 / 3, 14);
  // B/ar: (1 + 1 + 2 + 2) + (2 + 2 + 1 + 1) = 12 over 6.
  expect(byKey.get("authority=B|language=ar")!.factor).toBeCloseTo(2, 14);

  const weights = adjustedRespondentWeights(sample, classes);
  const expected = [...Array(6).fill(10 / 6), ...Array(3).fill(5.5 / 3), 2, 2, 4, 4];
  weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 14));
  // The respondents stand for every eligible case drawn: 10 + 5.5 + 12.
  expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(27.5, 12);
});

it("keeps everyone in one cell when even the first variable would leave a part too small", () => {
  const classes = nonResponseClasses(sample, ["authority", "language"], 7);
  expect(classes.cells.map((c) => c.key)).toEqual([""]);
  expect(classes.cells[0]!.factor).toBeCloseTo((10 + 5.5 + 12) / (6 + 3 + 6), 14);
});

it("treats a value the frame does not know as a category of its own", () => {
  const withUnknown = [
    ...sample,
    ...cases("B", "", [
      [true, 1],
      [true, 1],
      [true, 1],
      [false, 1],
    ]),
  ];
  const classes = nonResponseClasses(withUnknown, ["authority", "language"], 3);
  const unknown = classes.cells.find((c) => c.key === "authority=B|language=")!;
  expect(unknown.factor).toBeCloseTo(4 / 3, 14);
});

it("feeds the weighting pipeline, which multiplies base weights by the cell's factor", () => {
  const classes = nonResponseClasses(sample, ["authority", "language"], 3);
  const respondents = sample.flatMap((c, i) => (c.responded ? [i] : []));
  const result = weightPipeline({
    rows: respondents.map(() => ({})),
    margins: [],
    baseWeights: respondents.map((i) => sample[i]!.baseWeight),
    nonResponse: {
      cells: respondents.map((i) => classes.cellOf[i]!),
      eligible: new Map(classes.cells.map((c) => [c.key, c.eligibleSum])),
    },
    trim: false,
  });
  // Scaled to mean 1: the adjusted weights over their mean.
  const adjusted = adjustedRespondentWeights(sample, classes);
  const mean = adjusted.reduce((a, b) => a + b, 0) / adjusted.length;
  result.weights.forEach((w, i) => expect(w).toBeCloseTo(adjusted[i]! / mean, 12));
});
