import { welchChange } from "../analytics/change";
import { changeInterval } from "../analytics/detectable-change";
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

/** The channel mix of a change and, when it shifted, the change within each channel. */
export interface ChannelMix {
  differs: boolean;
  byChannel: ChannelChange[];
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
 * when `inference` is false.
 */
export function channelMixOf(
  mix: { from: Readonly<Record<string, number>>; to: Readonly<Record<string, number>> },
  cells: { from: ReadonlyMap<string, Moments>; to: ReadonlyMap<string, Moments> },
  range: number,
  rules: Readonly<ReportingRules>,
  inference: boolean,
): ChannelMix {
  if (!channelMixDiffers(mix.from, mix.to)) return { differs: false, byChannel: [] };
  const byChannel: ChannelChange[] = [];
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
  }
  return { differs: true, byChannel };
}
