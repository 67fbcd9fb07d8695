import type { NotCompared } from "./changes";
import type { SampleDesign } from "./sample-design";

/**
 * The one rule of which pairs of an authority's waves get a change test, for
 * the dashboard and the public page alike: none across a series break (the
 * construct's items changed in any wave after `from` up to `to`), and none
 * with an engagement wave on either side.
 * `waveIds` are the authority's waves in order; `breaks[i]` the constructs
 * whose series breaks at wave i (against wave i − 1). `bridged[i]` are the
 * constructs whose break at wave i a split-ballot bridge spans: that wave's
 * old-wording arm still belongs to the old series, so a change that ends
 * there (tested on that arm) crosses no break.
 */
export function comparabilityRule(
  waveIds: readonly string[],
  breaks: readonly ReadonlySet<string>[],
  designOf: (waveId: string) => SampleDesign,
  bridged: readonly ReadonlySet<string>[] = [],
): (construct: string, from: string, to: string) => NotCompared | null {
  const index = new Map(waveIds.map((id, i) => [id, i]));
  return (construct, from, to) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined || b === undefined) return "seriesBreak";
    const last = Math.max(a, b);
    for (let i = Math.min(a, b) + 1; i <= last; i++)
      if (breaks[i]?.has(construct) && !(i === last && bridged[i]?.has(construct)))
        return "seriesBreak";
    return designOf(from) === "engagement" || designOf(to) === "engagement" ? "engagement" : null;
  };
}
