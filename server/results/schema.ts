import { z } from "zod";

export const authorityParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
});

export const pointSchema = z.object({
  waveId: z.string(),
  n: z.number().int().min(0).describe("Responses with a valid score for this construct"),
  suppressed: z.boolean().describe("True when n is below the small-cell threshold"),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  se: z.number().nullable(),
  ciLow: z.number().nullable().describe("Lower end of the 95% confidence interval"),
  ciHigh: z.number().nullable(),
});

export const authorityResultsSchema = z.object({
  authority: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  minCellSize: z.number().int(),
  waves: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(["baseline", "follow-up"]),
      opensAt: z.iso.datetime(),
    }),
  ),
  constructs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      source: z.string(),
      scale: z.object({ min: z.number(), max: z.number() }),
      points: z.array(pointSchema),
    }),
  ),
});
export type AuthorityResults = z.infer<typeof authorityResultsSchema>;
