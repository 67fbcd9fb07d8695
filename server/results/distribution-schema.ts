import { z } from "zod";

/** One wave's answers to one frequency item: the share choosing each category. */
export const distributionPointSchema = z.object({
  waveId: z.string(),
  n: z.number().int().describe("Valid answers (don't know and skips left out)"),
  effectiveN: z.number().nullable().describe("Kish's effective n of the answers' weights"),
  deff: z.number().nullable().describe("Kish's design effect, n / effective n"),
  suppressedReason: z
    .enum(["small", "effective", "imprecise"])
    .nullable()
    .describe("Why the shares are withheld: n, effective n, or an interval wider than allowed"),
  shares: z
    .array(
      z.object({
        value: z.number(),
        share: z.number().describe("Weighted share of valid answers, 0..1"),
        ciLow: z
          .number()
          .nullable()
          .describe("95% logit interval (R's svyciprop); null on 0 or 1, or an engagement wave"),
        ciHigh: z.number().nullable(),
      }),
    )
    .describe("Empty when withheld"),
});

/** A frequency item reported as a distribution across waves. */
export const itemDistributionSchema = z.object({
  itemId: z.string(),
  text: z.string(),
  categories: z.array(z.object({ value: z.number(), label: z.string() })),
  points: z.array(distributionPointSchema),
});
