/**
 * The smallest detectable change at 80% power, against R's power.t.test
 * (noncentral t, two samples of equal n), run as:
 *   power.t.test(n = 100, sd = 0.8, power = 0.8)$delta                    0.318512036
 *   power.t.test(n = 100, sd = 0.8, power = 0.8, sig.level = 0.05/14)$delta 0.429481216
 *   power.t.test(n = 13, sd = 1, power = 0.8)$delta                        1.145373458
 */
import { changeInterval, detectableChange } from "../../server/analytics/detectable-change";
import { t975 } from "../../server/analytics/t-distribution";

it("agrees with R's power.t.test to within half a percent", () => {
  const cell = { sd: 0.8, effectiveN: 100 };
  // Bloom's multiplier: (t(.975, 198) + t(.8, 198)) · 0.8 · √(2/100) = (1.9720 + 0.8434) · 0.11314.
  const mdc = detectableChange(cell, cell)!;
  expect(mdc).toBeCloseTo((1.9720174778 + 0.8434403601) * 0.8 * Math.sqrt(0.02), 8);
  expect(Math.abs(mdc / 0.318512036 - 1)).toBeLessThan(0.005);
  // The figures: 0.32 at α = .05 (d = .40) and about 0.42-0.43 after Holm over 14.
  expect(mdc.toFixed(2)).toBe("0.32");
  const holm = detectableChange(cell, cell, 0.05 / 14)!;
  expect(Math.abs(holm / 0.429481216 - 1)).toBeLessThan(0.005);
  const small = detectableChange({ sd: 1, effectiveN: 13 }, { sd: 1, effectiveN: 13 })!;
  expect(Math.abs(small / 1.145373458 - 1)).toBeLessThan(0.005);
});

it("uses the effective n, so weighting makes the detectable change larger", () => {
  const plain = detectableChange({ sd: 1, effectiveN: 200 }, { sd: 1, effectiveN: 200 })!;
  // deff 2.66 at n = 200 leaves an effective n of 75 (the example).
  const weighted = detectableChange({ sd: 1, effectiveN: 75 }, { sd: 1, effectiveN: 75 })!;
  expect(weighted / plain).toBeGreaterThan(1.6); // ≈ √(200/75) = 1.63
  expect(detectableChange({ sd: 1, effectiveN: 1 }, { sd: 1, effectiveN: 50 })).toBeNull();
  expect(detectableChange({ sd: 0, effectiveN: 10 }, { sd: 0, effectiveN: 50 })).toBeNull();
});

it("gives the change's 95% interval from its SE and df", () => {
  const [low, high] = changeInterval(0.3, 0.1, 40);
  expect(low).toBeCloseTo(0.3 - t975(40) * 0.1, 12);
  expect(high).toBeCloseTo(0.3 + 2.021075390306273 * 0.1, 10); // qt(.975, 40)
});
