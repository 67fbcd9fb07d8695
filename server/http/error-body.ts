import { z } from "zod";

/** The body of every error response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. INVALID_ANSWERS"),
    message: z.string().describe("Human-readable message in the request's locale"),
    details: z.array(z.object({ path: z.string(), code: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
