import { AnalysisInputError } from "./input-error";

/**
 * Why weights could not be fitted, as a stable code: the dashboards show the
 * translated message of that code (locales, `results:weighting.failure.<code>`)
 * instead of quietly falling back to unweighted figures.
 */
export const WEIGHTING_FAILURES = [
  /** A respondent's answer is a category no margin lists. */
  "unknown_category",
  /** A category with a population share has no respondent (an empty margin cell). */
  "empty_margin_cell",
  /** No respondent of the wave answered a margin variable (the wave does not ask it). */
  "variable_not_answered",
  /** A variable's shares are not all above 0 or do not sum to 1. */
  "bad_shares",
  /** Raking did not reach its tolerance within its sweeps. */
  "not_converged",
  /** A non-response cell has respondents but no eligible sample total, or fewer eligible than respondents. */
  "nonresponse_cell",
  /** A base weight is not a positive number. */
  "bad_base_weight",
] as const;
export type WeightingFailureCode = (typeof WEIGHTING_FAILURES)[number];

/** Weights that cannot be fitted honestly; `code` is stable, the message is for logs and the CLI. */
export class WeightingFailure extends AnalysisInputError {
  constructor(
    readonly code: WeightingFailureCode,
    message: string,
    /** The margin variable or cell concerned, when there is one. */
    readonly subject: string | null = null,
  ) {
    super(message);
    this.name = "WeightingFailure";
  }
}
