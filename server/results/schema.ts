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

const programPointSchema = z.object({
  kind: z.enum(["baseline", "follow-up"]),
  n: z.number().int().min(0),
  suppressed: z.boolean(),
  mean: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
});

const programConstructSchema = z.object({
  id: z.string(),
  name: z.string(),
  scale: z.object({ min: z.number(), max: z.number() }),
  points: z.array(programPointSchema),
});

export const programResultsSchema = z.object({
  minCellSize: z.number().int(),
  authorities: z.number().int().describe("How many authorities the benchmark pools"),
  benchmark: z.array(programConstructSchema).describe("All authorities pooled, by wave kind"),
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
