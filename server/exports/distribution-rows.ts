import type { AuthorityResults } from "../results/schema";
import type { ExportValue } from "./rows";

/**
 * Columns of the distributions table: one row per authority × wave × frequency
 * or agreement item × answer, the share of valid answers choosing it (docs/methods.md,
 * section 1). A withheld wave keeps its rows, with the reason and no share.
 */
export const DISTRIBUTION_COLUMNS = [
  "authority",
  "wave",
  "wave_name",
  "wave_kind",
  "construct",
  "item",
  "answer",
  "answer_label",
  "n",
  "effective_n",
  "deff",
  "suppressed_reason",
  "share",
  "share_ci_low",
  "share_ci_high",
  "design",
].map((name) => ({ name }));

/**
 * The distributions of one authority's results, exactly as its dashboard shows
 * them (the same shares, logit intervals and withholding): frequency codes are
 * categories, so an analyst gets the share per answer, not only a mean of codes.
 */
export function* distributionRows(slug: string, r: AuthorityResults): Generator<ExportValue[]> {
  for (const c of r.constructs)
    for (const d of c.distributions ?? [])
      for (const p of d.points) {
        const w = r.waves.find((x) => x.id === p.waveId)!;
        for (const cat of d.categories) {
          const s = p.shares.find((x) => x.value === cat.value);
          yield [
            slug,
            w.id,
            w.name,
            w.kind,
            c.id,
            d.itemId,
            cat.value,
            cat.label,
            p.n,
            p.effectiveN,
            p.deff,
            p.suppressedReason,
            s?.share ?? null,
            s?.ciLow ?? null,
            s?.ciHigh ?? null,
            w.disclosure.design,
          ];
        }
      }
}
