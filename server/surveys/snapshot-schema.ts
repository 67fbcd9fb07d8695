import { createHash } from "node:crypto";
import { z } from "zod";
import { localizedTextSchema as threeLocales } from "../i18n/localized-text.schema";
import { CONTROLS, SCALE_KINDS } from "./bank-schema";

/**
 * The stored shape of a published instrument. Fields added after the first
 * release carry defaults, so versions published before them still parse (and
 * keep their original content hash, which is stored, not recomputed).
 */

// Resident texts may carry Russian; zod would strip it silently without this key.
const localizedTextSchema = threeLocales.extend({ ru: z.string().min(1).optional() });

const pointSchema = z.object({ value: z.number().int(), label: localizedTextSchema });

const snapshotQuestionSchema = z.object({
  id: z.string().min(1),
  /** A construct item, a demographic module question, or the instrument's own question. */
  kind: z.enum(["item", "demographic", "custom"]).default("item"),
  /** Construct items only. */
  constructId: z.string().min(1).optional(),
  subscale: z.string().min(1).optional(),
  text: localizedTextSchema,
  control: z.enum(CONTROLS).default("radio"),
  /** Choice controls only: the values residents can pick, lowest first. */
  scale: z
    .object({
      id: z.string().min(1),
      /** What the scale measures; absent in versions published before scales stated it. */
      kind: z.enum(SCALE_KINDS).optional(),
      points: z.array(pointSchema).min(2),
      /** Label of the missing code ("dk"): "don't know" or "prefer not to say". */
      dontKnowLabel: localizedTextSchema,
      anchors: z.object({ low: localizedTextSchema, high: localizedTextSchema }).optional(),
    })
    .optional(),
  reverse: z.boolean().default(false),
  dontKnow: z.boolean().default(false),
  /** Construct items only: false for follow-ups kept out of the score. */
  scored: z.boolean().default(true),
  required: z.boolean().default(false),
  visibleIf: z.string().min(1).optional(),
  /** Text controls only. */
  maxLength: z.number().int().min(1).optional(),
  source: z.string().min(1).optional(),
  /** Construct items of a later edition: the item this one replaced, and why (codebook history). */
  replaces: z.string().min(1).optional(),
  change: z.string().min(1).optional(),
});

const snapshotConstructSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["scale", "indicator"]).default("scale"),
  name: localizedTextSchema,
  description: localizedTextSchema,
  source: z.string().min(1),
  scale: z.object({ min: z.number(), max: z.number() }),
  /** Lowest score counted as favourable; absent in early versions (top-2 box then). */
  favourableFrom: z.number().optional(),
  /** The scored items this instrument asks of the construct, in page order. */
  itemIds: z.array(z.string().min(1)).min(1),
  /** Scored item ids by subscale. */
  subscales: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

/** zod: a stored instrument snapshot. */
export const instrumentSnapshotSchema = z.object({
  key: z.string().min(1),
  /** Who answers; absent means residents 18+ (server/surveys/bank-schema.ts). */
  respondents: z
    .object({
      audience: z.enum(["residents", "youth", "professionals"]),
      minAge: z.number().int(),
      maxAge: z.number().int().optional(),
      parentalConsent: z.boolean().default(false),
    })
    .optional(),
  /** The bank edition it was published from; absent for first editions. */
  edition: z.number().int().min(2).optional(),
  title: localizedTextSchema,
  texts: z.object({
    title: localizedTextSchema,
    intro: localizedTextSchema,
    consent: localizedTextSchema,
    /** Where a panel is used: "confidential" wording (absent in early versions). */
    consentPanel: localizedTextSchema.optional(),
    consentRequired: localizedTextSchema,
    thanks: localizedTextSchema,
  }),
  pages: z
    .array(
      z.object({
        id: z.string().min(1),
        title: localizedTextSchema,
        description: localizedTextSchema.optional(),
        items: z.array(snapshotQuestionSchema).min(1),
      }),
    )
    .min(1),
  constructs: z.array(snapshotConstructSchema).min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A published instrument, as stored with its version. */
export type InstrumentSnapshot = z.infer<typeof instrumentSnapshotSchema>;
/** One question of a snapshot (construct item, demographic or custom question). */
export type SnapshotItem = InstrumentSnapshot["pages"][number]["items"][number];
export type SnapshotConstruct = InstrumentSnapshot["constructs"][number];

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the canonical JSON of a snapshot without its hash. */
export function contentHashOf(content: Omit<InstrumentSnapshot, "contentHash">): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** Every question of a snapshot in page order. */
export function questionsOfSnapshot(snapshot: InstrumentSnapshot): SnapshotItem[] {
  return snapshot.pages.flatMap((page) => page.items);
}
