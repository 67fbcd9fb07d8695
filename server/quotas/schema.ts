import { z } from "zod";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { idSchema } from "../surveys/bank-schema";

/** Zod shapes of a wave's quotas (server/quotas/routes.ts). */

/** More than this many quota questions per wave screens out more than it balances. */
export const MAX_QUOTA_QUESTIONS = 3;

const text = localizedTextSchema.extend({ ru: z.string().optional() });

export const quotaInputSchema = z.object({
  quotas: z
    .array(
      z.object({
        question: idSchema.max(60).describe("A choice question of the wave's questionnaire"),
        cells: z
          .array(
            z.object({
              value: z.number().int().min(-1000).max(1000).describe("An answer's code"),
              target: z
                .number()
                .int()
                .min(1)
                .max(100_000)
                .describe("Responses the cell takes before it closes"),
            }),
          )
          .min(1)
          .max(20),
      }),
    )
    .max(MAX_QUOTA_QUESTIONS)
    .describe("The wave's quotas; an empty list removes them all"),
});
export type QuotaInput = z.infer<typeof quotaInputSchema>;

const cellView = z.object({
  value: z.number().int(),
  label: text,
  target: z.number().int(),
  count: z
    .number()
    .int()
    .describe("Responses in the cell, those before the quota was set included"),
  full: z.boolean().describe("The cell has closed: its residents are thanked and not counted"),
});

export const quotaViewSchema = z.object({
  waveId: z.string(),
  editable: z.boolean().describe("False once the wave has closed"),
  quotas: z.array(z.object({ question: z.string(), text, cells: z.array(cellView) })),
  candidates: z
    .array(
      z.object({
        question: z.string(),
        text,
        choices: z.array(z.object({ value: z.number().int(), label: text })),
      }),
    )
    .describe("The questionnaire's choice questions a quota can be set on"),
});
export type QuotaView = z.infer<typeof quotaViewSchema>;
