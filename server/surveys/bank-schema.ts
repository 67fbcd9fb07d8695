import { z } from "zod";

/**
 * zod schemas of the files in `surveys/`. The bank is data reviewed like code;
 * these schemas are its type checker, and `npm run surveys:check` runs them.
 */

// Blank text is as bad as missing text for a resident reading it.
const nonBlank = z.string().refine((s) => s.trim().length > 0, "must not be empty");

/**
 * Text in he, ar and en, each non-blank, and Russian (residents may answer in it;
 * `surveys:check` reports a resident text without it); no other keys.
 */
export const bankTextSchema = z
  .object({ he: nonBlank, ar: nonBlank, en: nonBlank, ru: nonBlank.optional() })
  .strict();

/** Ids end up as answer keys in MongoDB and as SurveyJS question names: no dots, no `$`. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "must be lowercase letters, digits and underscores only");

/** How a question is shown; the answer's type follows from it. */
export const CONTROLS = ["radio", "dropdown", "boolean", "rating", "text", "comment"] as const;
export type Control = (typeof CONTROLS)[number];
const controlSchema = z.enum(CONTROLS);
/** Controls whose answer is one of a list of numbered choices. */
export const CHOICE_CONTROLS: ReadonlySet<Control> = new Set([
  "radio",
  "dropdown",
  "boolean",
  "rating",
]);

/**
 * What a response scale measures, stated by the scale itself (surveys/scales.json),
 * so the engine never recognises a scale by its id: "frequency" and "amount"
 * (bands of a count or of hours) are ordered categories, reported as
 * distributions; "agreement", "likelihood", "satisfaction", "extent" and
 * "evaluation" are Likert-type, a mean with a distribution table beside it;
 * "yes-no" and "rating" (0–10) a mean.
 */
export const SCALE_KINDS = [
  "agreement",
  "likelihood",
  "satisfaction",
  "extent",
  "evaluation",
  "frequency",
  "amount",
  "yes-no",
  "rating",
] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];

const pointSchema = z.object({ value: z.number().int(), label: bankTextSchema }).strict();

// Values ascend from the lowest to the highest point; the compiler lists them in that
// order in every language, so the direction is a property of the data, not of a locale.
const ascending = (points: Array<{ value: number }>) =>
  points.every((p, i) => i === 0 || p.value > points[i - 1]!.value);

const scaleSchema = z
  .object({
    /** What the scale measures (SCALE_KINDS): how the engine reports it. */
    kind: z.enum(SCALE_KINDS),
    control: controlSchema.default("radio"),
    /** Lowest value counted as favourable (% favourable); by default the top two points. */
    favourableFrom: z.number().int().optional(),
    /** Why favourableFrom departs from the top-2 box, for the codebook. */
    favourableNote: nonBlank.optional(),
    /** End labels shown by rating controls. */
    anchors: z.object({ low: bankTextSchema, high: bankTextSchema }).strict().optional(),
    points: z.array(pointSchema).min(2),
  })
  .strict()
  .refine((s) => ascending(s.points), "point values must be strictly increasing");

/** `surveys/scales.json`: the shared response scales and the missing-answer labels. */
export const scalesFileSchema = z
  .object({
    scales: z.record(idSchema, scaleSchema),
    dontKnow: bankTextSchema,
    preferNot: bankTextSchema,
  })
  .strict();

const itemSchema = z
  .object({
    id: idSchema,
    subscale: idSchema,
    text: bankTextSchema,
    scale: idSchema,
    reverse: z.boolean(),
    dontKnow: z.boolean(),
    /** The published construct or survey item this item follows (not its wording). */
    source: nonBlank,
    /** Overrides the scale's control for this item. */
    control: controlSchema.optional(),
    /** False for follow-up items that are asked and kept but not part of the score. */
    scored: z.boolean().default(true),
    /**
     * The item this one replaces in a later edition of the instruments: a changed
     * wording or scale is a new item, so the series breaks visibly. The old item
     * stays in the bank for the versions that asked it.
     */
    replaces: idSchema.optional(),
    /** Why the wording changed from the item it replaces, for the codebook's history. */
    change: nonBlank.optional(),
  })
  .strict()
  .refine((i) => (i.replaces === undefined) === (i.change === undefined), {
    message: "an item that replaces another says why (change), and only then",
    path: ["change"],
  });

/** `surveys/constructs/*.json`: one construct and its items. */
export const constructFileSchema = z
  .object({
    id: idSchema,
    /** A scale is a mean of 3-8 items; an indicator is one item, as a national survey asks it. */
    kind: z.enum(["scale", "indicator"]),
    name: bankTextSchema,
    description: bankTextSchema,
    source: nonBlank,
    items: z.array(itemSchema).min(1),
  })
  .strict();

/** A question that is not a construct item: demographics and an instrument's own questions. */
export const questionSchema = z
  .object({
    id: idSchema,
    text: bankTextSchema,
    control: controlSchema,
    /** A shared scale, or `choices` of its own; neither for text controls. */
    scale: idSchema.optional(),
    choices: z.array(pointSchema).min(2).optional(),
    /** Offers "prefer not to say", stored as the missing code. */
    preferNot: z.boolean().default(false),
    maxLength: z.number().int().min(1).max(2000).optional(),
    source: nonBlank.optional(),
  })
  .strict()
  .refine((q) => !q.choices || ascending(q.choices), "choice values must be strictly increasing")
  .refine(
    (q) =>
      CHOICE_CONTROLS.has(q.control)
        ? (q.scale === undefined) !== (q.choices === undefined) && q.maxLength === undefined
        : q.scale === undefined && q.choices === undefined && q.maxLength !== undefined,
    "a choice question needs exactly one of scale or choices; a text question needs maxLength only",
  );

/** `surveys/modules/*.json`: a reusable block of questions, such as demographics. */
export const moduleFileSchema = z
  .object({ id: idSchema, name: bankTextSchema, questions: z.array(questionSchema).min(1) })
  .strict();

/** `surveys/texts.json`: the texts around the questions. */
export const textsFileSchema = z
  .object({
    title: bankTextSchema,
    intro: bankTextSchema,
    /** Where answers cannot be linked to anyone (open link, kiosk): "anonymous" is true. */
    consent: bankTextSchema,
    /**
     * Where a panel is used, answers can be linked to a contact through the panel's
     * pseudonym: "confidential", never "anonymous" (server/surveys/consent.ts picks).
     */
    consentPanel: bankTextSchema.optional(),
    consentRequired: bankTextSchema,
    thanks: bankTextSchema,
  })
  .strict();

/**
 * Who an instrument is for. Residents 18+ by default; a youth instrument (12-17)
 * needs a parent's or guardian's consent before the minor's own, which the
 * survey records (`parentalConsent`); a professionals' survey asks staff and
 * stakeholders, not residents.
 */
export const respondentsSchema = z
  .object({
    audience: z.enum(["residents", "youth", "professionals"]),
    minAge: z.number().int().min(10).max(120),
    maxAge: z.number().int().min(10).max(120).optional(),
    parentalConsent: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.maxAge === undefined || r.maxAge >= r.minAge, "maxAge below minAge")
  .refine(
    (r) => r.minAge >= 18 || r.parentalConsent,
    "an instrument for minors needs parentalConsent: a parent or guardian consents first",
  );

const conditions = {
  /** A SurveyJS expression, e.g. `{vol_frequency} > 1`; survey-core evaluates it. */
  visibleIf: nonBlank.optional(),
  required: z.boolean().optional(),
};

/** One entry of a page: an item id, an item with conditions, a module, or a custom question. */
export const pageEntrySchema = z.union([
  idSchema,
  z.object({ item: idSchema, ...conditions }).strict(),
  z.object({ module: idSchema }).strict(),
  z.object({ custom: questionSchema, ...conditions }).strict(),
]);

/** `surveys/instruments/*.json`: which items an instrument asks, page by page. */
export const instrumentFileSchema = z
  .object({
    key: idSchema,
    /**
     * Which edition of the instrument this file is: `<key>.json` is edition 1, the
     * wording published first; `<key>.v<N>.json` is edition N, a new published
     * version with its changed items under new ids.
     */
    edition: z.number().int().min(1).default(1),
    title: bankTextSchema,
    /** Who answers; residents 18+ when absent. */
    respondents: respondentsSchema.optional(),
    /** Texts of this instrument that differ from the bank's (a youth intro and consent). */
    texts: textsFileSchema.partial().optional(),
    pages: z
      .array(
        z
          .object({
            id: idSchema,
            title: bankTextSchema,
            description: bankTextSchema.optional(),
            items: z.array(pageEntrySchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Scale = z.infer<typeof scaleSchema>;
export type BankItem = z.infer<typeof itemSchema>;
export type BankConstruct = z.infer<typeof constructFileSchema>;
export type BankQuestion = z.infer<typeof questionSchema>;
export type BankModule = z.infer<typeof moduleFileSchema>;
export type SurveyTexts = z.infer<typeof textsFileSchema>;
export type PageEntry = z.infer<typeof pageEntrySchema>;
/** An instrument as the bank or the workspace's designer defines it; first edition unless said. */
export type InstrumentDraft = Omit<z.infer<typeof instrumentFileSchema>, "edition"> & {
  edition?: number;
};
