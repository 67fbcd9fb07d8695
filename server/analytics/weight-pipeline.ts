import { adjustForNonResponse } from "./nonresponse";
import { rake, type Margin } from "./raking";
import { median, trimWeights } from "./trimming";
import { summariseWeights, type WeightSummary } from "./weights";
import { WeightingFailure } from "./weighting-failure";

/**
 * How extreme weights are capped (docs/methods.md, section 3). The cap is on
 * weights scaled to mean 1: `cap` when given, else `timesMedian` (default 5)
 * times the median raked weight. Trim to the cap, rake again, and repeat while
 * the largest weight is above cap × (1 + slack), at most `maxRounds` times.
 */
export interface TrimRule {
  cap?: number;
  timesMedian?: number;
  maxRounds?: number;
  slack?: number;
}

/** The default rule: 5 × the median, 0.1% slack, 50 rounds. */
export const DEFAULT_TRIM: Required<Omit<TrimRule, "cap">> = {
  timesMedian: 5,
  maxRounds: 50,
  slack: 1e-3,
};

/** Everything the pipeline needs of one wave. */
export interface PipelineInput {
  /** Each respondent's value of every margin variable (as text). */
  rows: readonly Readonly<Record<string, string>>[];
  margins: readonly Margin[];
  /** 1 / selection probability where a sample was drawn; 1 for everyone when absent. */
  baseWeights?: readonly number[];
  /** Non-response cells: each respondent's cell and the base-weighted eligible sample per cell. */
  nonResponse?: { cells: readonly string[]; eligible: ReadonlyMap<string, number> };
  /** The trimming rule; false for none. */
  trim?: TrimRule | false;
  /** Raking's tolerance on shares (default 1e-10) and its sweeps (default 1000). */
  tolerance?: number;
  maxIterations?: number;
}

/** What trimming did. */
export interface TrimReport {
  cap: number;
  rounds: number;
  /** The largest weight (mean 1) before trimming and after the last re-rake. */
  maxBefore: number;
  maxAfter: number;
  /** False when the cap and the margins could not both be met: the margins win. */
  converged: boolean;
}

/** Final weights (mean 1) with their Kish summary and the steps' reports. */
export interface PipelineResult extends WeightSummary {
  weights: number[];
  /** Raking sweeps of the first fit. */
  iterations: number;
  trimming: TrimReport | null;
}

/**
 * The weighting pipeline: base weight × non-response adjustment within cells,
 * raked to the population margins, then trimmed and re-raked. Every step is R's
 * (`trimWeights`, `rake`; test/analytics/reference/weights.R). Throws
 * WeightingFailure with a stable code when a step cannot be done honestly
 * (raking that does not converge is one): the caller shows that, never an
 * unweighted result labelled weighted.
 */
export function weightPipeline(input: PipelineInput): PipelineResult {
  const { rows, margins } = input;
  // Shares to 1e-10 are far below anything shown; the R check asks for 1e-12.
  const tolerance = input.tolerance ?? 1e-10;
  const maxIterations = input.maxIterations ?? 1000;
  let start = input.baseWeights ? [...input.baseWeights] : rows.map(() => 1);
  if (start.length !== rows.length) throw new RangeError("base weights and rows differ in length");
  const bad = start.findIndex((w) => !(Number.isFinite(w) && w > 0));
  if (bad >= 0)
    throw new WeightingFailure("bad_base_weight", `row ${bad + 1}: base weight ${start[bad]}`);
  if (input.nonResponse)
    start = adjustForNonResponse(start, input.nonResponse.cells, input.nonResponse.eligible);

  const fit = (from: readonly number[]) => {
    const r = rake(rows, margins, { baseWeights: from, tolerance, maxIterations });
    if (!r.converged)
      throw new WeightingFailure(
        "not_converged",
        `raking stopped after ${r.iterations} sweeps, ${r.maxDeviation} from the margins`,
      );
    return r;
  };
  const first = fit(start);
  let weights = first.weights;
  let trimming: TrimReport | null = null;
  if (input.trim !== false && rows.length > 0) {
    const rule = { ...DEFAULT_TRIM, ...(input.trim ?? {}) };
    const cap = rule.cap ?? rule.timesMedian * median(weights);
    if (!(cap > 1)) throw new RangeError(`a weight cap of ${cap} is not above the mean weight 1`);
    const maxBefore = Math.max(...weights);
    let rounds = 0;
    while (Math.max(...weights) > cap * (1 + rule.slack) && rounds < rule.maxRounds) {
      weights = fit(trimWeights(weights, cap)).weights;
      rounds++;
    }
    const maxAfter = Math.max(...weights);
    trimming = { cap, rounds, maxBefore, maxAfter, converged: maxAfter <= cap * (1 + rule.slack) };
  }
  return { weights, iterations: first.iterations, trimming, ...summariseWeights(weights) };
}
