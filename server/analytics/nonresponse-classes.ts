/**
 * Non-response adjustment classes from the frame (docs/methods.md, section 3):
 * which cell each sampled case of a contact list belongs to, from the frame
 * variables the list carries for respondents and non-respondents alike
 * (authority, language, age band when known), and each cell's factor
 *   F = Σ base weight × eligibility over the sampled cases of the cell
 *     / Σ base weight over its respondents.
 * Cells are made top-down: everyone starts in one cell, and a cell is split
 * by the next variable only when every part keeps at least `minRespondents`
 * respondents; otherwise it stays whole (its finer cells are collapsed into
 * it). So no factor rests on a handful of respondents, and a cell of the
 * result is always a set of cases that agree on its first variables.
 */
import { adjustForNonResponse } from "./nonresponse";
import { addTo } from "../shared/group";

/** One case drawn or invited from the frame. */
export interface SampledCase {
  /** The frame's value of each class variable; "" where the frame does not know it. */
  frame: Readonly<Record<string, string>>;
  /** 1 / the probability of selection (1 where the whole list was invited). */
  baseWeight: number;
  /**
   * How far the case counts as eligible: 1 known eligible (every respondent),
   * 0 known ineligible (an undeliverable number), AAPOR's e for a case of
   * unknown eligibility.
   */
  eligibility: number;
  responded: boolean;
}

/** The default smallest number of respondents a cell keeps. */
export const DEFAULT_MIN_RESPONDENTS = 20;

/** One adjustment cell: its variables' values, its sums and its factor. */
export interface AdjustmentCell {
  key: string;
  values: Readonly<Record<string, string>>;
  respondents: number;
  sampled: number;
  eligibleSum: number;
  respondentSum: number;
  factor: number;
}

/** The classes: each case's cell and every cell's factor. */
export interface AdjustmentClasses {
  /** Per case, in input order, the key of its cell. */
  cellOf: string[];
  cells: AdjustmentCell[];
}

/**
 * The adjustment cells of a sample. `variables` are in the order they split
 * (the first is tried first). Throws when the sample has no respondent.
 */
export function nonResponseClasses(
  cases: readonly SampledCase[],
  variables: readonly string[],
  minRespondents = DEFAULT_MIN_RESPONDENTS,
): AdjustmentClasses {
  if (!cases.some((c) => c.responded)) throw new RangeError("no respondents to adjust");
  const cellOf: string[] = new Array<string>(cases.length);
  const cells: AdjustmentCell[] = [];
  const respondentsIn = (members: number[]) => members.filter((i) => cases[i]!.responded).length;

  const visit = (members: number[], depth: number, values: Record<string, string>) => {
    const variable = variables[depth];
    if (variable !== undefined) {
      const parts = new Map<string, number[]>();
      for (const i of members) {
        const v = cases[i]!.frame[variable] ?? "";
        addTo(parts, v, i);
      }
      // Split only when every part keeps enough respondents.
      if ([...parts.values()].every((p) => respondentsIn(p) >= minRespondents)) {
        for (const [v, part] of [...parts].sort(([a], [b]) => a.localeCompare(b)))
          visit(part, depth + 1, { ...values, [variable]: v });
        return;
      }
    }
    const key = Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join("|");
    let eligibleSum = 0;
    let respondentSum = 0;
    for (const i of members) {
      const c = cases[i]!;
      eligibleSum += c.baseWeight * (c.responded ? 1 : c.eligibility);
      if (c.responded) respondentSum += c.baseWeight;
      cellOf[i] = key;
    }
    cells.push({
      key,
      values,
      respondents: respondentsIn(members),
      sampled: members.length,
      eligibleSum,
      respondentSum,
      factor: respondentSum > 0 ? eligibleSum / respondentSum : Number.NaN,
    });
  };
  visit(
    cases.map((_, i) => i),
    0,
    {},
  );
  return { cellOf, cells };
}

/**
 * The respondents' non-response-adjusted weights (base weight × their cell's
 * factor), in the order the respondents come among the cases, through the
 * same function the weighting pipeline applies (`adjustForNonResponse`).
 */
export function adjustedRespondentWeights(
  cases: readonly SampledCase[],
  classes: AdjustmentClasses,
): number[] {
  const respondents = cases.flatMap((c, i) => (c.responded ? [i] : []));
  return adjustForNonResponse(
    respondents.map((i) => cases[i]!.baseWeight),
    respondents.map((i) => classes.cellOf[i]!),
    new Map(classes.cells.map((c) => [c.key, c.eligibleSum])),
  );
}
