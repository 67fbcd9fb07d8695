import { cohensH, type ChangeTest } from "./change";
import { describeWeighted } from "./descriptives";
import { twoSidedP } from "./t-distribution";

/** A panel member who answered the earlier wave, as attrition weighting reads them. */
export interface PanelMember {
  /** Age band and sex as answered in the earlier wave ("_" when not stated). */
  ageBand: string;
  sex: string;
  /** Answered the later wave too. */
  retained: boolean;
}

/**
 * Attrition weights of a panel between two waves: the members who answered the
 * earlier wave are the sample at risk; those who also answered the later wave
 * are weighted by the inverse of their cell's response propensity,
 * (members in the cell) / (retained in the cell), so the retained panel
 * stands for everyone who answered the earlier wave on age band × sex
 * (a weighting-class adjustment from baseline covariates). A sex whose age cells
 * do not all keep a retained member is taken as one cell; if a cell still keeps
 * nobody, the whole panel is one cell (its weights are then all equal).
 * Returns one weight per member: null for those not retained.
 */
export function attritionWeights(members: readonly PanelMember[]): (number | null)[] {
  let cellOf = members.map((m) => `${m.ageBand}|${m.sex}`);
  const keptIn = (cells: readonly string[]) => {
    const kept = new Map<string, number>();
    cells.forEach((c, i) => kept.set(c, (kept.get(c) ?? 0) + (members[i]!.retained ? 1 : 0)));
    return kept;
  };
  let kept = keptIn(cellOf);
  const collapsed = new Set(members.filter((_, i) => kept.get(cellOf[i]!) === 0).map((m) => m.sex));
  cellOf = cellOf.map((c, i) => (collapsed.has(members[i]!.sex) ? `*|${members[i]!.sex}` : c));
  kept = keptIn(cellOf);
  if ([...kept.values()].some((k) => k === 0)) cellOf = cellOf.map(() => "*");
  kept = keptIn(cellOf);
  const size = new Map<string, number>();
  for (const c of cellOf) size.set(c, (size.get(c) ?? 0) + 1);
  return members.map((m, i) => (m.retained ? size.get(cellOf[i]!)! / kept.get(cellOf[i]!)! : null));
}

/** A weighted paired change, with the effective number of pairs (Kish). */
export interface WeightedPairedChange extends ChangeTest {
  pairs: number;
  effectivePairs: number;
}

/**
 * Change among panel members with attrition weights: the differences
 * later − earlier, their weighted mean and its SE as R's
 * `svymean(~diff, svydesign(ids = ~1, weights = ~w))` gives them, t on
 * pairs − 1 df (degf of that design) and the two-sided p; d is d_z, the mean
 * over the weighted SD of the differences (svyvar). With all weights equal it
 * is the ordinary paired t-test. Null with fewer than two pairs or no spread.
 */
export function weightedPairedChange(
  earlier: readonly number[],
  later: readonly number[],
  weights: readonly number[],
): WeightedPairedChange | null {
  if (earlier.length !== later.length || later.length !== weights.length)
    throw new RangeError("paired series and weights differ in length");
  const n = earlier.length;
  if (n < 2) return null;
  const diffs = later.map((v, i) => v - earlier[i]!);
  const d = describeWeighted(diffs, weights);
  if (d.mean === null || d.se === null || d.sd === null || !(d.se > 0) || !(d.sd > 0)) return null;
  let sw = 0;
  let sw2 = 0;
  for (const w of weights) {
    sw += w;
    sw2 += w * w;
  }
  const t = d.mean / d.se;
  return {
    diff: d.mean,
    se: d.se,
    df: n - 1,
    t,
    p: twoSidedP(t, n - 1),
    d: d.mean / d.sd,
    pairs: n,
    effectivePairs: (sw * sw) / sw2,
  };
}

/**
 * A frequency construct's panel change (docs/methods.md, 1): the weighted paired
 * change of the favourable indicator z = (score ≥ from), i.e. the change of the
 * panel's weighted share, R's `svymean(~I(z2 - z1))`; its size is Cohen's h of
 * the two weighted shares, as for independent waves, not d_z.
 */
export function weightedPairedShareChange(
  earlier: readonly number[],
  later: readonly number[],
  weights: readonly number[],
  from: number,
): WeightedPairedChange | null {
  const z = (v: number) => (v >= from ? 1 : 0);
  const [a, b] = [earlier.map(z), later.map(z)];
  const test = weightedPairedChange(a, b, weights);
  if (!test) return null;
  const share = (xs: readonly number[]) => describeWeighted(xs, weights).mean!;
  return { ...test, d: cohensH(share(a), share(b)) };
}
