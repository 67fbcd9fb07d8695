import { WeightingFailure } from "./weighting-failure";
import { normaliseToMeanOne, summariseWeights, type WeightSummary } from "./weights";

/** Population shares of the categories of one variable, e.g. sex → {f: .51, m: .49}. */
export interface Margin {
  variable: string;
  shares: ReadonlyMap<string, number>;
}

/** Options of `rake`. */
export interface RakeOptions {
  /** Largest accepted |achieved share − population share| over all margins. */
  tolerance?: number;
  /** Full sweeps over all margins before giving up. */
  maxIterations?: number;
  /** Starting (design) weights; 1 for everyone when absent. */
  baseWeights?: readonly number[];
}

/** Raked weights (mean 1) and how the fitting went. */
export interface RakeResult extends WeightSummary {
  weights: number[];
  converged: boolean;
  iterations: number;
  /** Largest |achieved − population share| after the last sweep. */
  maxDeviation: number;
}

/** Shares may be rounded in published tables; beyond this they are a typo. */
const SHARE_SUM_SLACK = 1e-3;

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): each sweep
 * scales the weights so that, one variable after another, the weighted shares
 * equal the population shares. It stops when every margin is within `tolerance`
 * (default 1e-9) or after `maxIterations` sweeps (default 100) and says which.
 * Weights come back normalised to mean 1 with their design effect.
 * Throws WeightingFailure (an AnalysisInputError with a stable code) when a
 * respondent has a value no margin knows (`unknown_category`) or a category with
 * population share has no respondent (`empty_margin_cell`): raking cannot fix either.
 */
export function rake(
  rows: readonly Readonly<Record<string, string>>[],
  margins: readonly Margin[],
  options: RakeOptions = {},
): RakeResult {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  const n = rows.length;
  let weights = options.baseWeights ? [...options.baseWeights] : rows.map(() => 1);
  if (weights.length !== n) throw new RangeError("baseWeights and rows differ in length");
  const plans = margins.map((m) => plan(rows, m));

  let iterations = 0;
  let maxDeviation = n === 0 ? 0 : deviation(weights, plans);
  while (maxDeviation > tolerance && iterations < maxIterations) {
    iterations++;
    for (const p of plans) {
      const totals = categoryTotals(weights, p);
      const sum = totals.reduce((a, b) => a + b, 0);
      const factors = totals.map((t, c) => (p.targets[c]! * sum) / t);
      weights = weights.map((w, i) => w * factors[p.category[i]!]!);
    }
    maxDeviation = deviation(weights, plans);
  }
  const normalised = n === 0 ? [] : normaliseToMeanOne(weights);
  return {
    weights: normalised,
    converged: maxDeviation <= tolerance,
    iterations,
    maxDeviation,
    ...summariseWeights(normalised),
  };
}

interface Plan {
  /** Index of each row's category in `targets`. */
  category: number[];
  targets: number[];
}

function plan(rows: readonly Readonly<Record<string, string>>[], margin: Margin): Plan {
  const values = [...margin.shares.keys()];
  const targets = values.map((v) => margin.shares.get(v)!);
  if (targets.some((s) => !(s > 0)))
    throw new WeightingFailure(
      "bad_shares",
      `margin ${margin.variable}: every share must be above 0`,
      margin.variable,
    );
  const total = targets.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > SHARE_SUM_SLACK)
    throw new WeightingFailure(
      "bad_shares",
      `margin ${margin.variable}: shares sum to ${total}, not 1`,
      margin.variable,
    );
  const index = new Map(values.map((v, i) => [v, i]));
  const category = rows.map((row, i) => {
    const value = row[margin.variable] ?? "";
    const c = index.get(value);
    if (c === undefined)
      throw new WeightingFailure(
        "unknown_category",
        `row ${i + 1}: ${margin.variable} = "${value}" is not in the margins (${values.join(", ")})`,
        margin.variable,
      );
    return c;
  });
  const seen = new Set(category);
  const empty = values.filter((_, c) => !seen.has(c));
  if (rows.length > 0 && empty.length > 0)
    throw new WeightingFailure(
      "empty_margin_cell",
      `margin ${margin.variable}: no respondent in ${empty.join(", ")}; raking cannot reach its share`,
      margin.variable,
    );
  // Rounded published shares are rescaled so the fitted shares sum to 1.
  return { category, targets: targets.map((s) => s / total) };
}

function categoryTotals(weights: readonly number[], p: Plan): number[] {
  const totals = p.targets.map(() => 0);
  weights.forEach((w, i) => (totals[p.category[i]!]! += w));
  return totals;
}

function deviation(weights: readonly number[], plans: readonly Plan[]): number {
  let worst = 0;
  for (const p of plans) {
    const totals = categoryTotals(weights, p);
    const sum = totals.reduce((a, b) => a + b, 0);
    totals.forEach((t, c) => (worst = Math.max(worst, Math.abs(t / sum - p.targets[c]!))));
  }
  return worst;
}
