import { z } from "zod";
import type { ErrorDetail } from "../errors";

/** Most issues an error body lists; the rest are counted in `detailsTotal`. */
export const MAX_ERROR_DETAILS = 20;
/** Longest path an issue shows: a path can be a key the client sent, of any length. */
export const MAX_DETAIL_PATH = 200;

/** The body of every error response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. INVALID_ANSWERS"),
    message: z.string().describe("Human-readable message in the request's locale"),
    details: z
      .array(z.object({ path: z.string(), code: z.string() }))
      .max(MAX_ERROR_DETAILS)
      .optional()
      .describe(`The first ${MAX_ERROR_DETAILS} issues`),
    detailsTotal: z
      .number()
      .int()
      .optional()
      .describe("How many issues there were, when more than the details list"),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Builds an error body. The issues are capped (the first MAX_ERROR_DETAILS, paths
 * cut to MAX_DETAIL_PATH) so that a request cannot buy an answer far larger than
 * itself: 17,000 unknown answer keys once gave a 737 kB body.
 */
export function errorBody(
  code: string,
  message: string,
  details?: readonly ErrorDetail[],
): ErrorBody {
  if (!details) return { error: { code, message } };
  const shown = details.slice(0, MAX_ERROR_DETAILS).map((d) => ({
    path: d.path.length > MAX_DETAIL_PATH ? `${d.path.slice(0, MAX_DETAIL_PATH - 1)}…` : d.path,
    code: d.code.slice(0, MAX_DETAIL_PATH),
  }));
  return {
    error: {
      code,
      message,
      details: shown,
      ...(details.length > shown.length ? { detailsTotal: details.length } : {}),
    },
  };
}
