import { favourableFromOf, loadItemBank } from "../surveys/bank";
import { FREQUENCY_KINDS } from "./frequency-items";

/** What the analysis needs to know of a construct beyond its scores. */
export interface ConstructDefinition {
  kind: "scale" | "indicator";
  /** Lowest favourable score, as the codebook gives it for the construct's scale. */
  favourableFrom: number;
  /** The scale's range, max − min (the precision rule's unit). */
  range: number;
  /** Asked on a frequency scale: compared on the favourable share, not a mean (methods, 1). */
  frequency: boolean;
  /**
   * A construct whose editions ask it on scales of different thresholds or
   * ranges (edition 2's involvement on count4, edition 1's on frequency5):
   * each scale's items with its own threshold and range (`definitionFor`).
   */
  variants?: Array<{ itemIds: string[]; favourableFrom: number; range: number }>;
}

/** What `definitionFor` reads of a row: every column as text. */
interface RowText {
  raw: Readonly<Record<string, string>>;
}

/**
 * A construct's definition for one wave's rows: of a construct with variants,
 * the one whose items those rows answered most (a wave asks one edition), so
 * "favourable" and the range are the ones its own dashboard used.
 */
export function definitionFor(
  definition: ConstructDefinition | undefined,
  rows: readonly RowText[],
): ConstructDefinition | undefined {
  if (!definition?.variants) return definition;
  let best = definition.variants[0]!;
  let most = -1;
  for (const v of definition.variants) {
    const answered = rows.filter((r) => v.itemIds.some((id) => (r.raw[id] ?? "") !== "")).length;
    if (answered > most) [best, most] = [v, answered];
  }
  return { ...definition, favourableFrom: best.favourableFrom, range: best.range };
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
    const frequency =
      scored.length > 0 && scored.every((i) => FREQUENCY_KINDS.has(bank.scales[i.scale]!.kind));
    // One variant per scale of the scored items; kept only where they disagree.
    const variants = new Map<
      string,
      { itemIds: string[]; favourableFrom: number; range: number }
    >();
    for (const i of scored) {
      const sc = bank.scales[i.scale]!;
      const v = variants.get(i.scale) ?? {
        itemIds: [],
        favourableFrom: favourableFromOf(sc),
        range: sc.points[sc.points.length - 1]!.value - sc.points[0]!.value,
      };
      v.itemIds.push(i.id);
      variants.set(i.scale, v);
    }
    const differ = new Set([...variants.values()].map((v) => `${v.favourableFrom}:${v.range}`));
    out.set(c.id, {
      kind: c.kind,
      favourableFrom: favourableFromOf(scale),
      range,
      frequency,
      ...(differ.size > 1 ? { variants: [...variants.values()] } : {}),
    });
  }
  return out;
}
