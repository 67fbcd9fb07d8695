import type { Margin } from "../analytics/raking";
import { weightPipeline, type TrimReport } from "../analytics/weight-pipeline";
import { WeightingFailure, type WeightingFailureCode } from "../analytics/weighting-failure";
import { NOT_STATED } from "./dimensions";
import { respondentClasses, type NonResponseStep, type WaveNonResponse } from "./nonresponse-cells";

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
  /**
   * The non-response step (server/results/nonresponse-cells.ts): applied within
   * the frame's classes, or why not; null when the wave is not weighted at all.
   */
  nonResponse?: NonResponseStep | null;
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
  nonResponse: null,
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
  /** The wave's non-response classes from its invitations; absent or null: none. */
  nonResponse?: WaveNonResponse | null;
}

/**
 * Weights of one wave's respondents (mean 1), the pipeline's steps
 * (server/analytics/weight-pipeline.ts): base weight 1 (the platform draws no
 * samples), times the non-response adjustment within the classes of the
 * wave's contact list when every respondent's frame cell is known (`frames`,
 * one frame text per row, server/responses/frame.ts), raked to the margins,
 * then trimmed and re-raked; all 1 without margins. A wave that cannot be
 * weighted (an empty margin cell, no convergence) is `failed` with a stable
 * code, and its weights are null: its figures are unweighted and the page
 * says why, never labelled weighted.
 */
export function weightWave(
  rows: readonly Record<string, string>[],
  margins: readonly Margin[] | null,
  options: WaveWeightingOptions = {},
  frames: readonly string[] = rows.map(() => ""),
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
  const classes = respondentClasses(frames, options.nonResponse);
  try {
    const fitted = weightPipeline({
      rows: folded,
      margins: withNotStated(folded, margins),
      ...(classes.cells
        ? { nonResponse: { cells: classes.cells, eligible: options.nonResponse!.eligible } }
        : {}),
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
        nonResponse: classes.step,
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
