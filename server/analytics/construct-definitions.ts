import { favourableFromOf, loadItemBank } from "../surveys/bank";
import { FREQUENCY_SCALES } from "./frequency-items";

/** What the analysis needs to know of a construct beyond its scores. */
export interface ConstructDefinition {
  kind: "scale" | "indicator";
  /** Lowest favourable score, as the codebook gives it for the construct's scale. */
  favourableFrom: number;
  /** The scale's range, max − min (the precision rule's unit). */
  range: number;
  /** Asked on a frequency scale: compared on the favourable share, not a mean (methods, 1). */
  frequency: boolean;
}

/**
 * The constructs of the item bank (surveys/) with the favourable threshold of
 * each one's scale: the very definition a published instrument snapshot takes
 * (favourableFromOf of the scale of its first scored item), so `npm run analyze`
 * counts "favourable" as the dashboards do: 3+ of 4 on satisfaction, any
 * volunteering (2+) on volunteer5, 7+ of 0-10, the top-2 box otherwise.
 */
export function bankDefinitions(surveysDir?: string): Map<string, ConstructDefinition> {
  const bank = loadItemBank(surveysDir);
  const out = new Map<string, ConstructDefinition>();
  for (const c of bank.constructs) {
    const first = c.items.find((i) => i.scored !== false) ?? c.items[0];
    const scale = first ? bank.scales[first.scale] : undefined;
    if (!scale) continue;
    const range = scale.points[scale.points.length - 1]!.value - scale.points[0]!.value;
    // As the dashboards decide per published instrument (frequencyConstructsOf):
    // every scored item on a frequency scale, across the bank's editions.
    const scored = c.items.filter((i) => i.scored !== false);
    const frequency = scored.length > 0 && scored.every((i) => FREQUENCY_SCALES.has(i.scale));
    out.set(c.id, { kind: c.kind, favourableFrom: favourableFromOf(scale), range, frequency });
  }
  return out;
}
