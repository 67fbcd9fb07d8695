/**
 * The rule that keeps another authority's figures from being read off the
 * benchmark beside a dashboard wave (README, Accounts and roles): only other
 * authorities count, each once however many waves it has in the period, only
 * when its cell has n and effective n at the minimum, and nothing is shown
 * (n included) unless at least three of them contribute.
 */
import { DEFAULT_REPORTING_RULES as rules } from "../../server/analytics/reporting-rules";
import { benchmarkPoint } from "../../server/results/benchmark";
import { addValue, emptyMoments, type Moments } from "../../server/results/moments";

const at = { kind: "baseline" as const, period: "baseline" };

/** n scores 1..5 in turn, with weights cycling through `weights`. */
function moments(n: number, weights: number[] = [1]): Moments {
  const m = emptyMoments();
  for (let i = 0; i < n; i++) addValue(m, 1 + (i % 5), weights[i % weights.length]!, false);
  return m;
}

const cell = (authority: string, m: Moments) => ({
  authority,
  stratum: "jewish",
  population: null,
  moments: m,
  engagement: false,
});

const beside = (cells: ReturnType<typeof cell>[]) =>
  benchmarkPoint("w", 1, at, "own", cells, 4, rules);

it("is shown with 3 other contributing authorities, not with 2", () => {
  const two = [cell("own", moments(50)), cell("a", moments(40)), cell("b", moments(30))];
  expect(beside(two)).toMatchObject({ shown: false, others: 2, n: null, mean: null });
  expect(beside([...two, cell("c", moments(10))])).toMatchObject({ shown: true, others: 3, n: 80 });
});

it("does not count the authority itself, nor others below the cell threshold", () => {
  const small = [
    cell("own", moments(99)),
    cell("a", moments(40)),
    cell("b", moments(30)),
    cell("c", moments(9)),
  ];
  expect(beside(small)).toMatchObject({ shown: false, others: 2, n: null });
  // Two waves of one authority in the period are one cell, one authority.
  const twice = [
    cell("a", moments(40)),
    cell("a", moments(30)),
    cell("b", moments(30)),
    cell("own", moments(50)),
  ];
  expect(beside(twice)).toMatchObject({ shown: false, others: 2, n: null });
});

it("does not count an other authority whose effective n is below the minimum", () => {
  // 12 answers, one weighing 40 times the rest: Kish's effective n is under 10.
  const uneven = moments(12, [40, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  expect((uneven.sw * uneven.sw) / uneven.sw2).toBeLessThan(10);
  const cells = [cell("a", moments(40)), cell("b", moments(30)), cell("c", uneven)];
  expect(beside(cells)).toMatchObject({ shown: false, others: 2, n: null });
});
