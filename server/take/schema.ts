import { z } from "zod";
import { LOCALES } from "../i18n/locales";

export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .describe("The open link's slug"),
});

export const langQuery = z.object({
  lang: z.enum(LOCALES).optional().describe("he, ar or en; default from Accept-Language, else he"),
});

export const openSurveySchema = z.object({
  wave: z.object({ id: z.string(), name: z.string() }),
  authority: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  locale: z.enum(LOCALES),
  dir: z.enum(["rtl", "ltr"]),
  instrument: z.object({ key: z.string(), version: z.number().int() }),
  survey: z.record(z.string(), z.unknown()).describe("SurveyJS definition in the chosen locale"),
});
export type OpenSurvey = z.infer<typeof openSurveySchema>;

/** The envelope of a submission; the answers are checked against the published survey. */
export const submissionSchema = z.object({
  locale: z.enum(LOCALES),
  submissionId: z.uuid().describe("Made once per attempt by the client; a retry is stored once"),
  answers: z.record(z.string(), z.unknown()),
});
export type Submission = z.infer<typeof submissionSchema>;

export const submissionResultSchema = z.object({
  id: z.string(),
  submittedAt: z.iso.datetime(),
});
