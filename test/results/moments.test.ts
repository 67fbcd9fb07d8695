import { describe as describeValues, describeWeighted } from "../../server/analytics/descriptives";
import { describeFavourable } from "../../server/analytics/favourable";
import { addValue, emptyMoments, mergeInto, statsOf } from "../../server/results/moments";

const values = [1, 2.5, 3, 4, 5, 4.5, 2, 3.25, 4, 1.5, 5, 3];
const weights = [0.5, 1.2, 0.8, 1.5, 1, 0.7, 1.3, 0.9, 1.1, 0.6, 1.4, 1];

function momentsOf(ys: number[], ws?: number[]) {
  const m = emptyMoments();
  ys.forEach((y, i) => addValue(m, y, ws ? ws[i]! : 1, y >= 4));
  return m;
}

it("gives the engine's weighted descriptives and % favourable (svymean)", () => {
  const s = statsOf(momentsOf(values, weights));
  const d = describeWeighted(values, weights);
  const f = describeFavourable(values, weights);
  for (const [a, b] of [
    [s.mean, d.mean],
    [s.sd, d.sd],
    [s.se, d.se],
    [s.ciLow, d.ciLow],
    [s.ciHigh, d.ciHigh],
    [s.favourable, f.share],
    [s.favourableLow, f.ciLow],
    [s.favourableHigh, f.ciHigh],
  ])
    expect(a).toBeCloseTo(b!, 12);
});

it("gives the unweighted descriptives with weights of 1", () => {
  const s = statsOf(momentsOf(values));
  const d = describeValues(values);
  expect(s.mean).toBeCloseTo(d.mean!, 12);
  expect(s.sd).toBeCloseTo(d.sd!, 12);
  expect(s.se).toBeCloseTo(d.se!, 12);
  expect(s.ciLow).toBeCloseTo(d.ciLow!, 12);
});

it("pools cells as one sample (the benchmark)", () => {
  const a = momentsOf(values.slice(0, 5), weights.slice(0, 5));
  const b = momentsOf(values.slice(5), weights.slice(5));
  mergeInto(a, b);
  expect(statsOf(a).se).toBeCloseTo(describeWeighted(values, weights).se!, 12);
});

it("has no spread with one value and nothing with none", () => {
  expect(statsOf(momentsOf([3]))).toMatchObject({ n: 1, mean: 3, sd: null, se: null });
  expect(statsOf(emptyMoments())).toMatchObject({ n: 0, mean: null, favourable: null });
});
