import { z } from "zod";
import { idSchema } from "../surveys/bank-schema";

/** zod schemas of an item's history of wording (GET /api/bank/items/:id/history). */

const wordingSchema = z.object({ he: z.string(), ar: z.string(), en: z.string(), ru: z.string() });

export const itemHistoryParams = z.object({ id: idSchema.max(60) });

export const itemHistorySchema = z.object({
  id: z.string(),
  lineage: z
    .array(z.string())
    .describe("The item and the items it replaced or was replaced by, oldest first"),
  current: wordingSchema.nullable().describe("The bank's wording now (null: not in the bank)"),
  versions: z.array(
    z.object({
      itemId: z.string(),
      key: z.string().describe("The instrument"),
      version: z.number().int(),
      publishedAt: z.iso.datetime(),
      text: wordingSchema.describe("The wording this version fixed; ru empty when it had none"),
      changed: z.boolean().describe("Differs from the wording before it in the list"),
    }),
  ),
});
export type ItemHistory = z.infer<typeof itemHistorySchema>;
