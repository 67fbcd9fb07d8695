/**
 * Channel as a covariate (issue 17, item 4, mode adjustment): when the channel
 * mix of a change shifted, beside the change within each channel the
 * dashboard gives the change adjusted for channel, the wave coefficient of
 * score ~ wave + channel, and its gap from the pooled change, a sensitivity
 * line saying how much of the pooled change the mix may carry. Worked by hand
 * and checked against the regression solved from the rows themselves.
 */
import { t975 } from "../../server/analytics/t-distribution";
import { channelMixOf } from "../../server/results/channel-mix";
import { addValue, emptyMoments, statsOf, type Moments } from "../../server/results/moments";

const rows = {
  from: { sms: [1, 2, 3, 2], kiosk: [4, 5] },
  to: { sms: [3, 4, 3, 4], kiosk: [4, 5, 3, 4, 5, 3] },
};
const cellsOf = (by: Record<string, number[]>) =>
  new Map(
    Object.entries(by).map(([channel, ys]) => {
      const m = emptyMoments();
      for (const y of ys) addValue(m, y, 1, y >= 4);
      return [channel, m] as [string, Moments];
    }),
  );
const counts = (by: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(by).map(([c, ys]) => [c, ys.length]));
const rules = { minCell: 2, maxHalfWidthShare: 100 };
const mean = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / ys.length;

/** OLS of y on wave and channel intercepts, by Frisch–Waugh–Lovell: wave residualised on channel. */
function olsWave(): number {
  let num = 0;
  let den = 0;
  for (const channel of ["sms", "kiosk"] as const) {
    const a = rows.from[channel];
    const b = rows.to[channel];
    const p = b.length / (a.length + b.length);
    for (const y of a) {
      num += -p * y;
      den += p * p;
    }
    for (const y of b) {
      num += (1 - p) * y;
      den += (1 - p) * (1 - p);
    }
  }
  return num / den;
}

it("adjusts the change for channel as the regression does, and gives the gap", () => {
  const pooled =
    mean([...rows.to.sms, ...rows.to.kiosk]) - mean([...rows.from.sms, ...rows.from.kiosk]);
  const mix = channelMixOf(
    { from: counts(rows.from), to: counts(rows.to) },
    { from: cellsOf(rows.from), to: cellsOf(rows.to) },
    4,
    rules,
    true,
    pooled,
  );
  expect(mix.differs).toBe(true);
  // SMS: +1.5 with h = 4·4/8 = 2; kiosk: −0.5 with h = 2·6/8 = 1.5.
  // Adjusted = (2·1.5 + 1.5·(−0.5)) / 3.5 = 2.25 / 3.5.
  expect(mix.adjusted!.diff).toBeCloseTo(2.25 / 3.5, 12);
  expect(mix.adjusted!.diff).toBeCloseTo(olsWave(), 12);
  // Pooled: 38/10 − 17/6 = 0.9667; the mix carries 0.9667 − 0.6429 of it.
  expect(pooled).toBeCloseTo(38 / 10 - 17 / 6, 12);
  expect(mix.adjusted!.gap).toBeCloseTo(pooled - 2.25 / 3.5, 12);
  // SE from each channel's own SEs: √(Σh²(se₁² + se₂²)) / Σh, t on N − 1 − C = 16 − 3 df.
  const se2 = (ys: number[]) => {
    const s = statsOf(cellsOf({ x: ys }).get("x")!);
    return s.se! ** 2;
  };
  const se =
    Math.sqrt(
      4 * (se2(rows.from.sms) + se2(rows.to.sms)) +
        2.25 * (se2(rows.from.kiosk) + se2(rows.to.kiosk)),
    ) / 3.5;
  expect(mix.adjusted!.ciHigh! - mix.adjusted!.diff).toBeCloseTo(t975(13) * se, 12);
  expect(mix.adjusted!.diff - mix.adjusted!.ciLow!).toBeCloseTo(t975(13) * se, 12);
});

it("gives no interval for an engagement pair, and nothing without a shown channel", () => {
  const engaged = channelMixOf(
    { from: counts(rows.from), to: counts(rows.to) },
    { from: cellsOf(rows.from), to: cellsOf(rows.to) },
    4,
    rules,
    false,
    null,
  );
  expect(engaged.adjusted).toMatchObject({ ciLow: null, ciHigh: null, gap: null });
  const none = channelMixOf(
    { from: counts(rows.from), to: counts(rows.to) },
    { from: cellsOf(rows.from), to: cellsOf(rows.to) },
    4,
    { minCell: 10, maxHalfWidthShare: 100 },
    true,
    1,
  );
  expect(none.adjusted).toBeNull();
});
