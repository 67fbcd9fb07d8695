import { AnalysisInputError } from "../analytics/input-error";
import { rake, type Margin } from "../analytics/raking";
import { NOT_STATED } from "./dimensions";

/** How the weights of one wave came about, for researchers. */
export interface WaveWeighting {
  method: "none" | "raked" | "failed";
  deff: number;
  effectiveN: number;
  converged: boolean | null;
  iterations: number | null;
  /** Why raking failed (a category with no respondent, say); null otherwise. */
  problem: string | null;
}

const UNWEIGHTED = (n: number): WaveWeighting => ({
  method: "none",
  deff: 1,
  effectiveN: n,
  converged: null,
  iterations: null,
  problem: null,
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
    if (missing === 0 || rows.length === 0) return m;
    const share = missing / rows.length;
    const shares = new Map([...m.shares].map(([k, s]) => [k, s * (1 - share)]));
    shares.set(NOT_STATED, share);
    return { variable: m.variable, shares };
  });
}

/**
 * Weights of one wave's respondents (mean 1), raked to the authority's
 * population margins; all 1 without margins. A wave raking cannot fit (a
 * population category nobody in the wave belongs to) stays unweighted and says
 * why, rather than failing the dashboard.
 */
export function weightWave(
  rows: readonly Record<string, string>[],
  margins: readonly Margin[] | null,
): { weights: number[] | null; weighting: WaveWeighting } {
  if (!margins || margins.length === 0 || rows.length === 0)
    return { weights: null, weighting: UNWEIGHTED(rows.length) };
  const folded = rows.map((r) => {
    const out: Record<string, string> = {};
    for (const m of margins)
      out[m.variable] = m.shares.has(r[m.variable] ?? "") ? r[m.variable]! : NOT_STATED;
    return out;
  });
  try {
    const raked = rake(folded, withNotStated(folded, margins));
    return {
      weights: raked.weights,
      weighting: {
        method: "raked",
        deff: raked.deff,
        effectiveN: raked.effectiveN,
        converged: raked.converged,
        iterations: raked.iterations,
        problem: null,
      },
    };
  } catch (err) {
    if (!(err instanceof AnalysisInputError)) throw err;
    return {
      weights: null,
      weighting: { ...UNWEIGHTED(rows.length), method: "failed", problem: err.message },
    };
  }
}
