import { z } from "zod";
import { DISPOSITIONS } from "../analytics/dispositions";
import { WEIGHTING_FAILURES } from "../analytics/weighting-failure";
import { CHANNELS } from "../waves/model";

const rate = z.number().nullable();

/** AAPOR rates of one channel, with the eligibility estimate behind RR3/RR4. */
export const aaporRatesSchema = z.object({
  e: z.number().describe("Share of unknown-eligibility cases taken as eligible"),
  eSource: z.enum(["estimated", "given"]),
  RR1: rate,
  RR2: rate,
  RR3: rate,
  RR4: rate,
  RR5: rate,
  RR6: rate,
  COOP1: rate,
  COOP2: rate,
  COOP3: rate,
  COOP4: rate,
  REF1: rate,
  REF2: rate,
  REF3: rate,
  CON1: rate,
  CON2: rate,
  CON3: rate,
});

/** One channel of one wave: completes, and dispositions and rates where there is a list. */
export const channelOutcomeSchema = z.object({
  channel: z.enum(CHANNELS),
  frame: z
    .enum(["contact-list", "none"])
    .describe("contact-list: personal links to the authority's list; none: self-selected"),
  responses: z.number().int(),
  invitations: z.number().int().nullable(),
  dispositions: z.record(z.enum(DISPOSITIONS), z.number().int()).nullable(),
  rates: aaporRatesSchema.nullable(),
});

/** What a reader must know to judge a wave's figures (AAPOR's disclosure elements). */
export const disclosureSchema = z.object({
  waveId: z.string(),
  design: z
    .enum(["probability", "list", "engagement"])
    .describe("engagement: open link or kiosk answers, not marked a probability sample"),
  modes: z.array(z.enum(CHANNELS)).describe("Channels that brought responses"),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime().nullable(),
  closed: z.boolean().describe("Fieldwork over: dispositions final, not provisional"),
  responses: z.number().int(),
  weighting: z.object({
    method: z
      .enum(["none", "raked", "failed"])
      .describe("failed: the margins could not be fitted; figures are unweighted and say why"),
    variables: z.array(z.string()),
    deff: z.number().describe("Kish's design effect of the weights, n·Σw²/(Σw)²"),
    effectiveN: z.number().describe("Kish's effective n, (Σw)²/Σw²"),
    failure: z
      .object({ code: z.enum(WEIGHTING_FAILURES), variable: z.string().nullable() })
      .nullable()
      .describe("Why weighting failed: a stable code (results page: weightingFailure.<code>)"),
    marginSet: z
      .object({ version: z.number().int(), source: z.string(), year: z.number().int() })
      .nullable()
      .describe("The margin set version the wave was raked to"),
    trimming: z
      .object({
        cap: z.number(),
        rounds: z.number().int(),
        maxBefore: z.number(),
        maxAfter: z.number(),
        converged: z.boolean(),
      })
      .nullable()
      .describe("Cap on weights (mean 1), trim-and-rerake rounds, largest weight before and after"),
    nonResponse: z
      .object({
        applied: z.boolean(),
        reason: z
          .enum(["noFrame", "frameNotRecorded", "notWeighted"])
          .nullable()
          .describe(
            "Why not: noFrame, nobody was invited from a list (open link, kiosk); " +
              "frameNotRecorded, some responses carry no frame cell (open link or kiosk " +
              "answers beside the list's, or stored before responses recorded it); " +
              "notWeighted, the wave is not weighted (no margins, or the fit failed)",
          ),
        variables: z
          .array(z.string())
          .describe("Frame variables the classes split by (none: one class for the list)"),
        cells: z
          .array(
            z.object({
              values: z.record(z.string(), z.string()),
              invitations: z.number().int(),
              eligible: z.number().describe("Σ eligibility: 1 known, 0 undeliverable, e unknown"),
              respondents: z.number().int(),
              factor: z.number().describe("eligible / respondents"),
            }),
          )
          .describe("Each non-response class and its factor"),
      })
      .describe("Whether the weights were adjusted for non-response within frame cells"),
  }),
  outcomes: z.array(channelOutcomeSchema),
});
export type Disclosure = z.infer<typeof disclosureSchema>;
