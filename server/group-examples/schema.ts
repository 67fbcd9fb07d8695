import { z } from "zod";

const example = z.string().trim().min(1).max(200);

/** The examples of groups, per language; null removes them. */
export const groupExamplesBody = z.object({
  text: z
    .object({ he: example, ar: example, en: example, ru: example.optional() })
    .nullable()
    .describe(
      "Shown under the intergroup-respect item, e.g. 'for example: long-time residents and olim, Druze and Muslims'",
    ),
});
export type GroupExamplesBody = z.infer<typeof groupExamplesBody>;

export const groupExamplesView = z.object({
  text: z
    .object({ he: z.string(), ar: z.string(), en: z.string(), ru: z.string().optional() })
    .nullable(),
});
export type GroupExamplesView = z.infer<typeof groupExamplesView>;
