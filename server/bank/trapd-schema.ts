import { z } from "zod";
import { TRAPD_FIELDS, TRAPD_STAGES } from "../shared/trapd-stages";
import { TRAPD_LOCALES } from "./trapd-units";

/** zod schemas of the TRAPD routes: one string's step, and the review as read. */

const field = z.string().max(4000);

/** POST body: fill in the current stage's fields, and advance, return or only save. */
export const trapdStepSchema = z.object({
  path: z.string().min(1).max(200).describe("The string, e.g. texts.intro or items.qol_place.text"),
  locale: z.enum(TRAPD_LOCALES),
  stage: z.enum(TRAPD_STAGES).describe("The stage the person saw; 409 when it moved on since"),
  action: z.enum(["save", "advance", "return"]),
  fields: z
    .object(
      Object.fromEntries(TRAPD_FIELDS.map((f) => [f, field.optional()])) as {
        [K in (typeof TRAPD_FIELDS)[number]]: z.ZodOptional<typeof field>;
      },
    )
    .strict()
    .default({}),
  note: z.string().max(2000).default("").describe("Why: required when sending a string back"),
});
export type TrapdStepInput = z.infer<typeof trapdStepSchema>;

const stepViewSchema = z.object({
  from: z.enum(TRAPD_STAGES),
  to: z.enum(TRAPD_STAGES),
  note: z.string(),
  at: z.iso.datetime(),
});

/** One string in one language: its stage and what each stage recorded. */
export const trapdEntrySchema = z.object({
  locale: z.enum(TRAPD_LOCALES),
  stage: z.enum(TRAPD_STAGES),
  current: z.string().describe("What residents are shown now in this language"),
  translationA: z.string(),
  translationB: z.string(),
  reviewNote: z.string(),
  final: z.string(),
  pretestNote: z.string(),
  sourceChanged: z.boolean().describe("The Hebrew changed after the final was adjudicated"),
  history: z.array(stepViewSchema),
});
export type TrapdEntry = z.infer<typeof trapdEntrySchema>;

export const trapdUnitViewSchema = z.object({
  path: z.string(),
  kind: z.enum(["text", "item"]),
  source: z.string(),
  entries: z.array(trapdEntrySchema),
});

/** A draft's translation review: every string, per language. */
export const trapdViewSchema = z.object({
  key: z.string(),
  revision: z.number().int(),
  stages: z.record(z.enum(TRAPD_STAGES), z.number().int()).describe("Entries at each stage"),
  units: z.array(trapdUnitViewSchema),
  blocking: z
    .array(z.object({ path: z.string(), locale: z.enum(TRAPD_LOCALES) }))
    .describe("Strings without an adjudicated final in ar/en: publishing is refused until none"),
});
export type TrapdView = z.infer<typeof trapdViewSchema>;

/** The review as it stood when a version was published. */
export const versionReviewSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  recordedAt: z.iso.datetime().nullable(),
  units: z.array(trapdUnitViewSchema),
});

export const versionParams = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/),
  version: z.coerce.number().int().min(1).max(100_000),
});
