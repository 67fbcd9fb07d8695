import { z } from "zod";
import { langQuery } from "../shared/schemas";
import { DIMENSIONS } from "./dimensions";
import { disclosureSchema } from "./disclosure-schema";
import { itemDistributionSchema } from "./distribution-schema";

export const authorityParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
});

export const pointSchema = z.object({
  waveId: z.string(),
  n: z.number().int().min(0).describe("Responses with a valid score for this construct"),
  suppressed: z.boolean().describe("True when the cell is withheld (see suppressedReason)"),
  suppressedReason: z
    .enum(["small", "effective", "imprecise"])
    .nullable()
    .optional()
    .describe("n below the threshold, effective n below it, or a CI wider than allowed"),
  effectiveN: z
    .number()
    .nullable()
    .optional()
    .describe("Kish's effective n, (Σw)² / Σw²; n when unweighted"),
  deff: z
    .number()
    .nullable()
    .optional()
    .describe("Kish's design effect of the weights, n / effective n; 1 when unweighted"),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  se: z.number().nullable(),
  ciLow: z.number().nullable().describe("Lower end of the 95% confidence interval"),
  ciHigh: z.number().nullable(),
  favourable: z.number().nullable().describe("Share of favourable scores, 0..1"),
  favourableLow: z.number().nullable().describe("Wilson 95% interval of the share"),
  favourableHigh: z.number().nullable(),
});

export const changeSchema = z.object({
  fromWaveId: z.string(),
  toWaveId: z.string(),
  diff: z.number().nullable().describe("Later minus earlier mean; null when either is suppressed"),
  se: z.number().nullable(),
  df: z.number().nullable().describe("Welch–Satterthwaite degrees of freedom"),
  t: z.number().nullable(),
  p: z.number().nullable(),
  pHolm: z.number().nullable().describe("Holm-adjusted over the constructs of the same waves"),
  d: z.number().nullable().describe("Cohen's d with the pooled SD"),
  ciLow: z.number().nullable().describe("95% interval of the change: diff ± t(0.975, df)·SE"),
  ciHigh: z.number().nullable(),
  detectable: z
    .number()
    .nullable()
    .describe("Smallest change detected with 80% power at α = .05 (effective n, observed SDs)"),
  detectableHolm: z
    .number()
    .nullable()
    .describe("The same at Holm's strictest step, α / m over the m constructs tested"),
  comparable: z
    .enum(["yes", "seriesBreak", "engagement"])
    .describe("seriesBreak: items changed in between; engagement: a self-selected wave; no test"),
  label: z.object({
    key: z.string().describe("i18n key in results.json, e.g. change.smallRise"),
    size: z.enum(["negligible", "small", "medium", "large"]).nullable(),
    direction: z.enum(["rise", "fall"]).nullable(),
  }),
  fromArm: z
    .enum(["main"])
    .optional()
    .describe("From a bridged wave: tested on its new wording's arm, where the new series starts"),
  toArm: z
    .enum(["bridge"])
    .optional()
    .describe("To a bridged wave: tested on its old wording's arm, the old series' last point"),
  channelMix: z
    .object({
      differs: z
        .boolean()
        .describe("A channel's share of responses moved by 10 points or more between the waves"),
      byChannel: z.array(
        z.object({
          channel: z.string(),
          fromN: z.number().int(),
          toN: z.number().int(),
          diff: z.number().nullable().describe("The change within this channel's respondents"),
          ciLow: z.number().nullable(),
          ciHigh: z.number().nullable(),
        }),
      ),
      adjusted: z
        .object({
          diff: z.number().describe("Change with channel as a covariate (score ~ wave + channel)"),
          ciLow: z.number().nullable(),
          ciHigh: z.number().nullable(),
          gap: z.number().nullable().describe("Pooled change − adjusted change"),
        })
        .nullable()
        .optional()
        .describe("Sensitivity line; null when no channel's change is shown in both waves"),
    })
    .optional()
    .describe("Mode adjustment: when the channel mix differs, the change within each channel"),
});

export const panelChangeSchema = changeSchema.extend({
  pairs: z
    .number()
    .int()
    .describe("Panel members with a score in both waves; the test needs the smallest cell size"),
  effectivePairs: z
    .number()
    .nullable()
    .describe("Kish's effective number of pairs under the attrition weights; null without a test"),
  df: z.number().nullable().describe("Pairs − 1"),
  d: z
    .number()
    .nullable()
    .describe(
      "d_z: the weighted mean difference over the weighted SD of the differences; Cohen's h for a share",
    ),
  measure: z
    .enum(["mean", "share"])
    .describe(
      "The paired change of the mean score, or (frequency constructs) of the favourable share",
    ),
});

export const benchmarkPointSchema = z.object({
  waveId: z.string().describe("The own wave this benchmark point sits beside (same period)"),
  round: z.number().int().min(1).describe("The own wave's place among its authority's waves"),
  period: z
    .string()
    .describe("The own wave's period: baseline, or the follow-up horizon year (2023, 2025, 2027)"),
  shown: z
    .boolean()
    .describe(
      "False unless at least 3 other authorities contribute enough and the 95% interval is no wider than the reporting rules allow",
    ),
  others: z.number().int().describe("Other authorities whose cell is large enough to pool"),
  n: z.number().int().nullable(),
  effectiveN: z
    .number()
    .nullable()
    .describe("Kish's effective n of the pooling weights; null when n is not shown"),
  deff: z.number().nullable().describe("Kish's design effect, n / effective n"),
  mean: z
    .number()
    .nullable()
    .describe(
      "The other authorities' own means pooled, each counting equally; for a frequency construct (comparedOn: share), their favourable shares, 0-1",
    ),
  se: z.number().nullable().describe("Authorities as clusters, stratified by population group"),
  df: z.number().int().nullable().describe("Authorities − strata"),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
});

export const breakdownCellSchema = z.object({
  waveId: z.string(),
  n: z.number().int().nullable().describe("Null when the group is too small to show"),
  suppressed: z.enum(["empty", "small", "complementary"]).nullable(),
  effectiveN: z
    .number()
    .nullable()
    .describe("Kish's effective n of the cell's weights; null when n is not shown"),
  deff: z.number().nullable().describe("Kish's design effect, n / effective n"),
  mean: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  favourable: z.number().nullable(),
});

export const breakdownSchema = z.object({
  dimension: z.enum(DIMENSIONS),
  groups: z.array(
    z.object({
      key: z.string().describe('Group value; "_" for not stated'),
      label: z.string().nullable().describe("Answer label; null where the client translates"),
      cells: z.array(breakdownCellSchema),
    }),
  ),
});

const reliabilitySchema = z.array(
  z.object({
    waveId: z.string(),
    locale: z.string(),
    constructs: z.array(
      z.object({
        constructId: z.string(),
        n: z.number().int(),
        k: z.number().int(),
        alpha: z.number().nullable(),
        flagged: z.boolean(),
      }),
    ),
  }),
);

/**
 * Every kind of background job on wave statistics: a recomputation (its
 * reason), or the fold of responses that arrived in bulk ("arrived").
 */
export const JOB_REASONS = ["instrument", "margins", "removed", "format", "arrived"] as const;
/** What a job's progress counts: waves recomputed, or responses folded. */
export const JOB_UNITS = ["waves", "responses"] as const;

const updatingSchema = z
  .object({
    reason: z.enum(JOB_REASONS),
    unit: z.enum(JOB_UNITS),
    done: z.number().int(),
    total: z.number().int(),
  })
  .nullable()
  .describe(
    "A background job bringing these figures up to date, while it runs: a recomputation shows the last figures, a fold of arrivals those folded so far",
  );

export const authorityResultsSchema = z.object({
  authority: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  minCellSize: z.number().int(),
  benchmarkWeighting: z
    .enum(["equal", "population"])
    .describe("How the other authorities count in the benchmark: each equally, or by population"),
  reporting: z
    .object({ minCell: z.number().int(), maxHalfWidthShare: z.number() })
    .describe("Cells need n and effective n ≥ minCell and a CI half-width ≤ share × scale range"),
  waves: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(["baseline", "follow-up"]),
      opensAt: z.iso.datetime(),
      instrumentVersion: z.number().int(),
      responses: z.number().int(),
      weighting: z.object({
        method: z.enum(["none", "raked", "failed"]),
        deff: z.number(),
        effectiveN: z.number(),
      }),
      disclosure: disclosureSchema.describe(
        "Frame, modes, field dates, weighting, design and AAPOR rates of the wave",
      ),
    }),
  ),
  constructs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      source: z.string(),
      scale: z.object({ min: z.number(), max: z.number() }),
      favourableFrom: z.number(),
      reportedAs: z
        .enum(["mean", "distribution"])
        .describe("distribution: frequency items, whose codes are categories, not a scale"),
      comparedOn: z
        .enum(["mean", "share"])
        .describe("What changes test: the mean, or (frequency constructs) the favourable share"),
      distributions: z
        .array(itemDistributionSchema)
        .nullable()
        .describe(
          "Per frequency or agreement item, the share choosing each answer; null when none",
        ),
      points: z.array(pointSchema),
      seriesBreaks: z
        .array(z.string())
        .describe("Waves whose instrument changed this construct's items since the wave before"),
      bridgeArms: z
        .array(z.object({ waveId: z.string(), bridge: pointSchema, main: pointSchema }))
        .describe(
          "Bridged waves that changed this construct: the old wording's arm and the new's, never pooled (the wave's point is the new arm)",
        ),
      changes: z.object({
        sinceBaseline: z.array(changeSchema),
        waveOverWave: z.array(changeSchema),
        panel: z
          .array(panelChangeSchema)
          .describe("Wave to wave among panel members who answered both (paired t-test)"),
      }),
      benchmark: z.array(benchmarkPointSchema),
      breakdowns: z.array(breakdownSchema),
    }),
  ),
  reliability: reliabilitySchema
    .nullable()
    .describe("Cronbach's alpha per wave and language; researchers and admins only"),
  updating: updatingSchema,
});
export type AuthorityResults = z.infer<typeof authorityResultsSchema>;

const programPointSchema = z.object({
  kind: z.enum(["baseline", "follow-up"]),
  period: z
    .string()
    .describe(
      '"baseline", or the logic model\'s horizon a follow-up measures (2023, 2025, 2027): follow-ups are pooled by horizon, never by wave number',
    ),
  n: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe("null on an authority's benchmark pooling fewer than 3 other authorities"),
  suppressed: z.boolean(),
  suppressedReason: z
    .enum(["small", "effective", "imprecise"])
    .nullable()
    .describe(
      "Why the point is withheld: n (or, on an authority's benchmark, fewer than 3 others) below the minimum, effective n below it, or a 95% interval wider than the configured share of the scale (of 0-1 for a share); null when shown",
    ),
  authorities: z
    .number()
    .int()
    .nullable()
    .describe("How many authorities the point pools (1 for one authority's own point)"),
  effectiveN: z
    .number()
    .nullable()
    .describe(
      "Kish's effective n of the point's weights (a pooled point's: of the pooling weights); null when n is not shown",
    ),
  deff: z.number().nullable().describe("Kish's design effect, n / effective n"),
  mean: z.number().nullable(),
  se: z
    .number()
    .nullable()
    .describe("A pooled point's: authorities as clusters within population-group strata"),
  df: z.number().int().nullable().describe("A pooled point's: authorities − strata"),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  engagement: z
    .boolean()
    .describe("A wave in the point is an engagement sample: the mean only, no SE or interval"),
});

const programConstructSchema = z.object({
  id: z.string(),
  key: z
    .string()
    .describe("The series' key: the construct's id, or id:measure where it has several measures"),
  measure: z
    .number()
    .int()
    .min(1)
    .describe("Which measure of the construct: versions asking it with other items are another"),
  measures: z.number().int().min(1).describe("How many measures of the construct the program has"),
  name: z.string(),
  scale: z.object({ min: z.number(), max: z.number() }),
  comparedOn: z
    .enum(["mean", "share"])
    .describe(
      "What the points' `mean` is: the mean score, or (frequency constructs) the favourable share, 0-1",
    ),
  favourableFrom: z
    .object({ value: z.number(), label: z.string() })
    .nullable()
    .describe("A share's threshold: the lowest answer counted, with its label; null for a mean"),
  points: z.array(programPointSchema),
});

export const programQuery = langQuery.extend({
  weighting: z
    .enum(["equal", "population"])
    .optional()
    .describe(
      "How authorities count in the pooled figure: each equally (default) or by population",
    ),
});

export const programResultsSchema = z.object({
  minCellSize: z.number().int(),
  authorities: z.number().int().describe("How many authorities the program has"),
  weighting: z
    .enum(["equal", "population"])
    .describe("How authorities count in the pooled figures: each equally, or by population"),
  withoutPopulation: z
    .number()
    .int()
    .describe("The program's authorities with no recorded population: left out when by population"),
  benchmark: z
    .array(programConstructSchema)
    .describe(
      "The program's authorities pooled, by period; for authority roles the other authorities only (at least 3)",
    ),
  perAuthority: z
    .array(
      z.object({
        label: z.string().nullable().describe("Name; null when anonymised for the role"),
        slug: z.string().nullable(),
        number: z.number().int(),
        constructs: z.array(programConstructSchema),
      }),
    )
    .describe("Empty for authority analysts; anonymised for program viewers"),
  own: z
    .object({ constructs: z.array(programConstructSchema) })
    .nullable()
    .describe("The caller's own authority, for authority roles"),
});
export type ProgramResults = z.infer<typeof programResultsSchema>;

export const responseRatesSchema = z.object({
  authority: z.object({ id: z.string(), slug: z.string() }),
  waves: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(["draft", "open", "paused", "closed"]),
      kind: z.enum(["baseline", "follow-up"]),
      responses: z.number().int(),
      byChannel: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type ResponseRates = z.infer<typeof responseRatesSchema>;
