import { WeightingFailure } from "./weighting-failure";

/**
 * Non-response adjustment within cells (weighting-class adjustment): in each
 * cell, every respondent's base weight is multiplied by
 *   (base-weighted eligible sample of the cell) / (base-weighted respondents of the cell),
 * so the respondents of a cell stand for everyone eligible who was drawn (or
 * invited) in it. `eligible` holds those base-weighted totals per cell; cells
 * are whatever the frame records for non-respondents too (neighbourhood of the
 * contact list, channel, stratum). Throws WeightingFailure `nonresponse_cell`
 * when a cell with respondents has no eligible total or fewer eligible than
 * respondents: the adjustment would be undefined or shrink weights.
 */
export function adjustForNonResponse(
  baseWeights: readonly number[],
  cells: readonly string[],
  eligible: ReadonlyMap<string, number>,
): number[] {
  if (cells.length !== baseWeights.length)
    throw new RangeError("cells and base weights differ in length");
  const respondents = new Map<string, number>();
  cells.forEach((c, i) => respondents.set(c, (respondents.get(c) ?? 0) + baseWeights[i]!));
  const factors = new Map<string, number>();
  for (const [cell, sum] of respondents) {
    const total = eligible.get(cell);
    if (total === undefined || !(total >= sum * (1 - 1e-12)))
      throw new WeightingFailure(
        "nonresponse_cell",
        total === undefined
          ? `non-response cell ${cell}: no eligible sample total`
          : `non-response cell ${cell}: ${total} eligible is fewer than the respondents (${sum})`,
        cell,
      );
    factors.set(cell, total / sum);
  }
  return baseWeights.map((w, i) => w * factors.get(cells[i]!)!);
}
