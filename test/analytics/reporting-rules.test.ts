/** Suppression on effective n and on precision, not only on raw n. */
import { DEFAULT_REPORTING_RULES, precisionReason } from "../../server/analytics/reporting-rules";

const rules = DEFAULT_REPORTING_RULES;

it("withholds small cells, cells whose weights leave too few effective answers, and imprecise ones", () => {
  // The case: n = 10 on a 1–5 scale with a CI of ±0.64 passes the privacy rule only.
  expect(precisionReason({ n: 10, effectiveN: 10, ciLow: 2.36, ciHigh: 3.64 }, 4, rules)).toBe(
    "imprecise",
  );
  expect(precisionReason({ n: 9, effectiveN: 9, ciLow: 3, ciHigh: 3.2 }, 4, rules)).toBe("small");
  // 40 answers, but weights leave an effective n of 8.
  expect(precisionReason({ n: 40, effectiveN: 8, ciLow: 3, ciHigh: 3.4 }, 4, rules)).toBe(
    "effective",
  );
  // ±0.5 on 1–5 is the limit (1/8 of the range of 4 points): shown; a hair more is not.
  expect(precisionReason({ n: 30, effectiveN: 30, ciLow: 2.5, ciHigh: 3.5 }, 4, rules)).toBeNull();
  expect(precisionReason({ n: 30, effectiveN: 30, ciLow: 2.5, ciHigh: 3.52 }, 4, rules)).toBe(
    "imprecise",
  );
  // The threshold is configurable.
  expect(
    precisionReason({ n: 30, effectiveN: 30, ciLow: 2.5, ciHigh: 3.52 }, 4, {
      ...rules,
      maxHalfWidthShare: 0.2,
    }),
  ).toBeNull();
  // No interval at all (no spread): nothing to vouch for the mean.
  expect(precisionReason({ n: 12, effectiveN: 12, ciLow: null, ciHigh: null }, 4, rules)).toBe(
    "imprecise",
  );
});
