import { z } from "zod";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { CONTROLS, idSchema } from "../surveys/bank-schema";

/**
 * zod schemas of the workspace's item bank and instrument designer API. A draft
 * may hold empty translations (work in progress); publishing is where every text
 * must be complete, and the bank's own schemas check that.
 */

const draftString = z.string().max(4000);

/**
 * Text in he, ar, en and Russian (a resident may answer in it); any of them may
 * still be empty in a draft, and an absent Russian is an empty one. Drafts saved
 * before Russian have none: loadDraft fills it from the bank where the text is
 * the bank's (server/bank/russian-upgrade.ts).
 */
export const draftTextSchema = z.object({
  he: draftString,
  ar: draftString,
  en: draftString,
  ru: draftString.optional(),
});

/** One language of a draft text; Russian not yet written reads as "". */
export const textOf = (text: DraftText, locale: "he" | "ar" | "en" | "ru"): string =>
  text[locale] ?? "";
export type DraftText = z.infer<typeof draftTextSchema>;

export const CONDITION_OPS = ["=", "!=", ">", ">=", "<", "<="] as const;
/** How a condition's rules are joined: every one holds, or at least one does. */
export const CONDITION_JOINS = ["all", "any"] as const;
/** More rules than this is a routing table, not a display condition. */
export const MAX_CONDITION_RULES = 5;

/** One rule: "<earlier question> <op> <answer code>". */
export const conditionRuleSchema = z.object({
  question: idSchema,
  op: z.enum(CONDITION_OPS),
  value: z.number().int().min(-1000).max(1000).describe("An answer code of the question"),
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

/**
 * "Show this question only if all (or any) of these rules hold", compiled to a
 * SurveyJS visibleIf. Drafts saved before AND/OR held one bare rule; loadDraft
 * upgrades them (server/bank/condition-upgrade.ts).
 */
export const conditionSchema = z.object({
  join: z.enum(CONDITION_JOINS),
  rules: z.array(conditionRuleSchema).min(1).max(MAX_CONDITION_RULES),
});
export type DraftCondition = z.infer<typeof conditionSchema>;

const conditional = {
  showIf: conditionSchema.optional(),
  required: z.boolean().optional(),
};

/** A question of the instrument's own (not in the bank). */
export const customQuestionSchema = z.object({
  id: idSchema.max(60),
  text: draftTextSchema,
  control: z.enum(CONTROLS),
  scale: idSchema.max(60).optional(),
  choices: z
    .array(z.object({ value: z.number().int().min(-1000).max(1000), label: draftTextSchema }))
    .max(20)
    .optional(),
  preferNot: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(2000).optional(),
});
export type CustomQuestion = z.infer<typeof customQuestionSchema>;

/** One entry of a page: a bank item, a bank module, or a custom question. */
export const draftEntrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("item"), id: idSchema.max(60), ...conditional }),
  z.object({ kind: z.literal("module"), id: idSchema.max(60) }),
  z.object({ kind: z.literal("custom"), question: customQuestionSchema, ...conditional }),
]);
export type DraftEntry = z.infer<typeof draftEntrySchema>;

export const draftPageSchema = z.object({
  id: idSchema.max(60),
  title: draftTextSchema,
  description: draftTextSchema.optional(),
  entries: z.array(draftEntrySchema).max(80),
});
export type DraftPage = z.infer<typeof draftPageSchema>;

export const TEXT_KEYS = ["title", "intro", "consent", "consentRequired", "thanks"] as const;

/** What the designer edits and saves. */
export const draftContentSchema = z.object({
  title: draftTextSchema,
  texts: z.object({
    title: draftTextSchema,
    intro: draftTextSchema,
    consent: draftTextSchema,
    consentRequired: draftTextSchema,
    thanks: draftTextSchema,
  }),
  pages: z.array(draftPageSchema).max(30),
});
export type DraftContent = z.infer<typeof draftContentSchema>;

/** PUT body: the whole draft and the revision it was edited from (optimistic locking). */
export const saveDraftSchema = draftContentSchema.extend({
  revision: z.number().int().min(0).describe("The revision the edit started from; 409 if stale"),
});

export const keyParams = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,59}$/)
    .describe("The instrument's key"),
});

export const newDraftSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/),
  title: draftTextSchema,
  /** Start from an instrument of the bank's files, or from the latest published version. */
  from: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("empty") }),
      z.object({ kind: z.literal("bank"), key: idSchema.max(60) }),
      z.object({ kind: z.literal("published"), key: idSchema.max(60) }),
    ])
    .default({ kind: "empty" }),
});

/** A translation that is missing (empty) or stale (another language changed after it). */
export const translationIssueSchema = z.object({
  path: z.string().describe("Where the text is, e.g. pages.community.title"),
  locale: z.enum(RESPONDENT_LOCALES),
  status: z.enum(["missing", "stale"]),
});

/** Something that keeps a draft from being published, by a stable code. */
export const problemSchema = z.object({ path: z.string(), code: z.string() });

export const draftSchema = draftContentSchema.extend({
  key: z.string(),
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
  latestVersion: z.number().int().nullable(),
  translations: z.array(translationIssueSchema),
  problems: z.array(problemSchema),
});
export type DraftView = z.infer<typeof draftSchema>;

export const confirmTranslationSchema = z.object({
  revision: z.number().int().min(0),
  path: z.string().min(1).max(200),
  locale: z.enum(RESPONDENT_LOCALES),
});
