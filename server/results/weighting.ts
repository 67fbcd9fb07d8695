import type { Margin } from "../analytics/raking";
import { weightPipeline, type TrimReport } from "../analytics/weight-pipeline";
import { WeightingFailure, type WeightingFailureCode } from "../analytics/weighting-failure";
import { NOT_STATED } from "./dimensions";

/** How the weights of one wave came about, for researchers and the disclosure block. */
export interface WaveWeighting {
  method: "none" | "raked" | "failed";
  deff: number;
  effectiveN: number;
  converged: boolean | null;
  iterations: number | null;
  /** Why weighting failed, for logs (English); null otherwise. */
  problem: string | null;
  /** Why weighting failed, as a stable code the page translates; null unless failed. */
  failure: { code: WeightingFailureCode; variable: string | null } | null;
  /** The margin variables raked to (empty when none). */
  variables: string[];
  /** What trimming did; null when not raked. */
  trimming: TrimReport | null;
}

const UNWEIGHTED = (n: number): WaveWeighting => ({
  method: "none",
  deff: 1,
  effectiveN: n,
  converged: null,
  iterations: null,
  problem: null,
  failure: null,
  variables: [],
  trimming: null,
});

/**
 * Adds a "not stated" category to each margin: respondents who preferred not to
 * say keep their sample share, and the population shares are scaled to the rest.
 * That is the usual treatment of item non-response in raking, and it keeps every
 * respondent in the weighted results instead of dropping them.
 */
function withNotStated(rows: readonly Record<string, string>[], margins: readonly Margin[]) {
  return margins.map((m) => {
    const missing = rows.filter((r) => !m.shares.has(r[m.variable] ?? NOT_STATED)).length;
    if (missing === rows.length)
      throw new WeightingFailure(
        "variable_not_answered",
        `no respondent answered ${m.variable}`,
        m.variable,
      );
    if (missing === 0) return m;
    const share = missing / rows.length;
    const shares = new Map([...m.shares].map(([k, s]) => [k, s * (1 - share)]));
    shares.set(NOT_STATED, share);
    return { variable: m.variable, shares };
  });
}

/** Options of weightWave. */
export interface WaveWeightingOptions {
  /** Largest weight (mean 1); null or absent: 5 × the median raked weight. */
  trimCap?: number | null;
}

/**
 * Weights of one wave's respondents (mean 1): raked to the margins, then
 * trimmed and re-raked (server/analytics/weight-pipeline.ts); all 1 without
 * margins. The platform draws no samples and its lists record nothing of
 * non-respondents beyond the channel, so base weights are 1 and there are no
 * non-response cells here; the pipeline takes both when a frame has them.
 * A wave that cannot be weighted (an empty margin cell, no convergence)
 * is `failed` with a stable code, and its weights are null: its figures are
 * unweighted and the page says why, never labelled weighted.
 */
export function weightWave(
  rows: readonly Record<string, string>[],
  margins: readonly Margin[] | null,
  options: WaveWeightingOptions = {},
): { weights: number[] | null; weighting: WaveWeighting } {
  if (!margins || margins.length === 0 || rows.length === 0)
    return { weights: null, weighting: UNWEIGHTED(rows.length) };
  const folded = rows.map((r) => {
    const out: Record<string, string> = {};
    for (const m of margins)
      out[m.variable] = m.shares.has(r[m.variable] ?? "") ? r[m.variable]! : NOT_STATED;
    return out;
  });
  const variables = margins.map((m) => m.variable);
  try {
    const fitted = weightPipeline({
      rows: folded,
      margins: withNotStated(folded, margins),
      trim: options.trimCap ? { cap: options.trimCap } : {},
    });
    return {
      weights: fitted.weights,
      weighting: {
        ...UNWEIGHTED(rows.length),
        method: "raked",
        deff: fitted.deff,
        effectiveN: fitted.effectiveN,
        converged: true,
        iterations: fitted.iterations,
        variables,
        trimming: fitted.trimming,
      },
    };
  } catch (err) {
    if (!(err instanceof WeightingFailure)) throw err;
    return {
      weights: null,
      weighting: {
        ...UNWEIGHTED(rows.length),
        method: "failed",
        converged: err.code === "not_converged" ? false : null,
        problem: err.message,
        failure: { code: err.code, variable: err.subject },
        variables,
      },
    };
  }
}
