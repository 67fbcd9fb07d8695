import { z } from "zod";
import { LOCALES } from "../shared/locales";
import { primaryOutcomesSchemaOut } from "./primary-outcomes";

export const evaluationQuery = z.object({
  lang: z.enum(LOCALES).optional(),
  weighting: z
    .enum(["equal", "population"])
    .optional()
    .describe("How authorities count in the pooled program figure; default equal"),
});

const measure = z
  .enum(["mean", "share"])
  .describe("mean of scores, or (frequency constructs) the favourable share, in 0–1");

const didRowSchema = z.object({
  constructId: z.string(),
  from: z.string().describe('"baseline" or a horizon year'),
  to: z.string(),
  estimate: z.number().nullable().describe("(treated change) − (comparison change)"),
  se: z.number().nullable().describe("Authority as the cluster (svyglm linearisation)"),
  df: z.number().int().nullable().describe("Authorities − 1 − 3"),
  t: z.number().nullable(),
  p: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  engagement: z
    .boolean()
    .describe("A wave involved is an engagement sample: the estimate only, no SE, interval or p"),
  suppressedReason: z
    .enum(["small", "effective", "imprecise"])
    .nullable()
    .describe("imprecise: the 95% interval is wider than the configured share of the scale"),
  treatedAuthorities: z.number().int(),
  comparisonAuthorities: z.number().int(),
  primary: z.boolean().describe("A pre-registered primary outcome; otherwise exploratory"),
  measure,
});

const pooledRowSchema = z.object({
  constructId: z.string(),
  period: z.string(),
  group: z.enum(["all", "jewish", "arab", "mixed"]),
  series: z
    .number()
    .int()
    .min(1)
    .describe(
      "Which measure of the construct the row pools (1, 2, …): versions asking it with other items are another, never pooled together",
    ),
  shown: z.boolean().describe("False unless at least 3 authorities contribute"),
  authorities: z.number().int(),
  n: z.number().int().nullable(),
  mean: z.number().nullable(),
  se: z.number().nullable(),
  df: z.number().int().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  engagement: z
    .boolean()
    .describe("An authority's wave in the period is an engagement sample: no SE or interval"),
  suppressedReason: z
    .enum(["small", "effective", "imprecise"])
    .nullable()
    .describe("imprecise: the 95% interval is wider than the configured share of the scale"),
  measure,
});

export const evaluationSchema = z.object({
  constructs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      scale: z.object({ min: z.number(), max: z.number() }),
    }),
  ),
  periods: z.array(z.string()),
  comparisonAuthorities: z.number().int(),
  treatedAuthorities: z.number().int(),
  did: z.array(didRowSchema).describe("Empty without comparison authorities"),
  pooling: z.object({
    weighting: z.enum(["equal", "population"]),
    rows: z.array(pooledRowSchema),
  }),
  primaryOutcomes: primaryOutcomesSchemaOut,
});
export type Evaluation = z.infer<typeof evaluationSchema>;
