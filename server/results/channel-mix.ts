import { welchChange } from "../analytics/change";
import { changeInterval } from "../analytics/detectable-change";
import { t975 } from "../analytics/t-distribution";
import { precisionReason, type ReportingRules } from "../analytics/reporting-rules";
import type { Moments } from "./moments";
import { effectiveNOf } from "./reported-point";
import { statsOf } from "./moments";

/** A share of answers by channel that moves this much between two waves is a mode shift. */
export const CHANNEL_MIX_THRESHOLD = 0.1;

/** One channel's change between two waves, within that channel only. */
export interface ChannelChange {
  channel: string;
  fromN: number;
  toN: number;
  /**
   * Later − earlier mean among this channel's respondents (a frequency
   * construct's cells are its share's, so a change of share); null when withheld.
   */
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * The change adjusted for channel, as a sensitivity line beside the pooled one:
 * `gap` is pooled − adjusted, how much of the pooled change the mix may carry.
 */
export interface AdjustedChange {
  diff: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Pooled change − adjusted change; null when the pooled change is withheld. */
  gap: number | null;
}

/** The channel mix of a change and, when it shifted, the change within each channel. */
export interface ChannelMix {
  differs: boolean;
  byChannel: ChannelChange[];
  /** Null when no channel's change is shown in both waves. */
  adjusted?: AdjustedChange | null;
}

/** One channel's within-channel change with what the adjustment weighs it by. */
interface Stratum {
  diff: number;
  se: number;
  /** Effective n of the channel's cell in each wave. */
  nFrom: number;
  nTo: number;
}

/**
 * The wave effect with channel as a covariate: the regression score ~ wave +
 * channel (one intercept per channel, no interaction) estimates it as the
 * weighted mean of the within-channel changes with weights h = n₁n₂/(n₁ + n₂)
 * per channel (its two waves' effective n), the weights of a stratified
 * two-group comparison. SE² = Σh²(se₁² + se₂²)/(Σh)² from each channel's own
 * SEs (no common variance assumed); the interval on t with N − 1 − C degrees
 * of freedom (N answers, C channels), the model's residual df.
 */
export function channelAdjustedChange(
  strata: readonly Stratum[],
  inference: boolean,
  pooledDiff: number | null,
): AdjustedChange | null {
  if (strata.length === 0) return null;
  const h = strata.map((s) => (s.nFrom * s.nTo) / (s.nFrom + s.nTo));
  const sum = h.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return null;
  const diff = strata.reduce((a, s, i) => a + h[i]! * s.diff, 0) / sum;
  const se = Math.sqrt(strata.reduce((a, s, i) => a + h[i]! ** 2 * s.se ** 2, 0)) / sum;
  const df = strata.reduce((a, s) => a + s.nFrom + s.nTo, 0) - 1 - strata.length;
  const half = inference && df > 0 ? t975(df) * se : null;
  return {
    diff,
    ciLow: half === null ? null : diff - half,
    ciHigh: half === null ? null : diff + half,
    gap: pooledDiff === null ? null : pooledDiff - diff,
  };
}

/**
 * True when any channel's share of a wave's responses differs by at least
 * `threshold` (10 percentage points) between the two waves: SMS, kiosk and open
 * link reach different residents and are answered differently, so a pooled
 * change may be the mix moving rather than opinion.
 */
export function channelMixDiffers(
  from: Readonly<Record<string, number>>,
  to: Readonly<Record<string, number>>,
  threshold = CHANNEL_MIX_THRESHOLD,
): boolean {
  const total = (m: Readonly<Record<string, number>>) =>
    Object.values(m).reduce((a, b) => a + b, 0);
  const [a, b] = [total(from), total(to)];
  if (a === 0 || b === 0) return false;
  const channels = new Set([...Object.keys(from), ...Object.keys(to)]);
  return [...channels].some(
    (c) => Math.abs((from[c] ?? 0) / a - (to[c] ?? 0) / b) >= threshold - 1e-12,
  );
}

/**
 * The mode adjustment the dashboards use: estimates by channel. When the mix
 * differs, the change is also given within every channel that both waves have
 * (same Welch test and interval as the pooled change, on that channel's
 * respondents), each cell under the same reporting rules; without an interval
 * when `inference` is false. With it, the change adjusted for channel
 * (`channelAdjustedChange`) and its gap from `pooledDiff`.
 */
export function channelMixOf(
  mix: { from: Readonly<Record<string, number>>; to: Readonly<Record<string, number>> },
  cells: { from: ReadonlyMap<string, Moments>; to: ReadonlyMap<string, Moments> },
  range: number,
  rules: Readonly<ReportingRules>,
  inference: boolean,
  pooledDiff: number | null = null,
): ChannelMix {
  if (!channelMixDiffers(mix.from, mix.to)) return { differs: false, byChannel: [] };
  const byChannel: ChannelChange[] = [];
  const strata: Stratum[] = [];
  for (const [channel, a] of [...cells.from].sort(([x], [y]) => x.localeCompare(y))) {
    const b = cells.to.get(channel);
    if (!b) continue;
    const [sa, sb] = [statsOf(a), statsOf(b)];
    const shown = (m: Moments, s: ReturnType<typeof statsOf>) =>
      precisionReason({ ...s, effectiveN: effectiveNOf(m) }, range, rules) === null;
    const base = { channel, fromN: a.n, toN: b.n };
    const test =
      shown(a, sa) && shown(b, sb)
        ? welchChange(
            { n: sa.n, mean: sa.mean!, sd: sa.sd!, se: sa.se! },
            { n: sb.n, mean: sb.mean!, sd: sb.sd!, se: sb.se! },
          )
        : null;
    if (!test) {
      byChannel.push({ ...base, diff: null, ciLow: null, ciHigh: null });
      continue;
    }
    const [ciLow, ciHigh] = inference ? changeInterval(test.diff, test.se, test.df) : [null, null];
    byChannel.push({ ...base, diff: test.diff, ciLow, ciHigh });
    strata.push({ diff: test.diff, se: test.se, nFrom: effectiveNOf(a), nTo: effectiveNOf(b) });
  }
  return {
    differs: true,
    byChannel,
    adjusted: channelAdjustedChange(strata, inference, pooledDiff),
  };
}
