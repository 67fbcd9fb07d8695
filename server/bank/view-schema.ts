import { z } from "zod";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { LOCALES } from "../shared/locales";
import { CONTROLS } from "../surveys/bank-schema";

/** zod: what the workspace's read routes answer (bank, instrument list, preview, diff, publish). */

const useSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  waves: z.array(
    z.object({ id: z.string(), name: z.string(), authority: z.string(), status: z.string() }),
  ),
});

const answerSchema = z.object({ value: z.number().int(), label: localizedTextSchema });

export const bankViewSchema = z.object({
  constructs: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["scale", "indicator"]),
      name: localizedTextSchema,
      description: localizedTextSchema,
      source: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          subscale: z.string(),
          text: localizedTextSchema,
          scale: z.string(),
          control: z.enum(CONTROLS),
          reverse: z.boolean(),
          dontKnow: z.boolean(),
          scored: z.boolean(),
          source: z.string(),
          usedIn: z
            .array(useSchema)
            .describe("Published versions asking the item, with their waves"),
        }),
      ),
    }),
  ),
  scales: z.array(
    z.object({
      id: z.string(),
      control: z.enum(CONTROLS),
      points: z.array(answerSchema),
      anchors: z.object({ low: localizedTextSchema, high: localizedTextSchema }).optional(),
    }),
  ),
  modules: z.array(
    z.object({
      id: z.string(),
      name: localizedTextSchema,
      questions: z.array(
        z.object({
          id: z.string(),
          text: localizedTextSchema,
          control: z.enum(CONTROLS),
          answers: z
            .array(answerSchema)
            .describe("Its own choices or its scale's points; none for a text question"),
        }),
      ),
    }),
  ),
});
export type BankView = z.infer<typeof bankViewSchema>;

export const instrumentListSchema = z.object({
  instruments: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      draft: z.object({ revision: z.number().int(), updatedAt: z.iso.datetime() }).nullable(),
      versions: z.array(z.object({ version: z.number().int(), publishedAt: z.iso.datetime() })),
    }),
  ),
  bankInstruments: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type InstrumentList = z.infer<typeof instrumentListSchema>;

export const previewSchema = z.object({
  revision: z.number().int(),
  survey: z.record(z.string(), z.unknown()).nullable().describe("SurveyJS JSON, he/ar/en in one"),
});

const breakSchema = z.object({
  id: z.string(),
  kind: z.enum(["added", "removed", "wording", "scale", "reverse", "construct", "items"]),
  locales: z.array(z.enum(LOCALES)).optional(),
});

export const diffSchema = z.object({
  revision: z.number().int(),
  fromVersion: z.number().int().nullable(),
  breaks: z.array(breakSchema),
  continuous: z.boolean(),
});
export type DraftDiff = z.infer<typeof diffSchema>;

export const publishBodySchema = z.object({ revision: z.number().int().min(0) });

export const publishResultSchema = z.object({
  key: z.string(),
  id: z.string(),
  version: z.number().int(),
  created: z.boolean().describe("False when the draft equals the latest version"),
  fromVersion: z.number().int().nullable(),
  breaks: z.array(breakSchema),
  continuous: z.boolean(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
