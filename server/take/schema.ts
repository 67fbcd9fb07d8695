import { z } from "zod";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { BALLOT_PATTERN } from "./ballot";
import { PROOF_PATTERN } from "./proof-of-work";

export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .describe("The open link's slug"),
});

export const openSurveySchema = z.object({
  wave: z.object({ id: z.string(), name: z.string() }),
  authority: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  locale: z.enum(RESPONDENT_LOCALES),
  languages: z
    .array(z.enum(RESPONDENT_LOCALES))
    .describe("The languages the wave offers: a language asked for outside them gets the default"),
  dir: z.enum(["rtl", "ltr"]),
  instrument: z.object({ key: z.string(), version: z.number().int() }),
  arm: z
    .enum(["bridge", "main"])
    .optional()
    .describe(
      "In a wave with a split-ballot bridge: the earlier wording (bridge) or the wave's own",
    ),
  ballot: z
    .string()
    .optional()
    .describe("In a wave with a bridge: send it back with the answers and when reloading"),
  survey: z.record(z.string(), z.unknown()).describe("SurveyJS definition in the chosen locale"),
  untranslated: z
    .array(z.string())
    .optional()
    .describe("In Russian: the questions whose text has no Russian yet and is shown in Hebrew"),
});
export type OpenSurvey = z.infer<typeof openSurveySchema>;

/**
 * Answers keyed by question id. Only the shape is checked here: every key and value is
 * then checked against the published survey (server/surveys/answer-schema.ts), so a
 * per-entry check here (a record schema) would only do the same work twice.
 */
const answersObject = z
  .custom<Record<string, unknown>>()
  .check((ctx) => {
    const v = ctx.value;
    if (typeof v !== "object" || v === null || Array.isArray(v))
      ctx.issues.push({
        code: "invalid_type",
        expected: "object",
        input: v,
        message: "Expected an object of answers keyed by question id",
      });
  })
  .meta({ type: "object", additionalProperties: {} });

/** The envelope of a submission; the answers are checked against the published survey. */
export const submissionSchema = z.object({
  locale: z.enum(RESPONDENT_LOCALES),
  submissionId: z.uuid().describe("Made once per attempt by the client; a retry is stored once"),
  answers: answersObject,
  ballot: z
    .string()
    .regex(BALLOT_PATTERN)
    .optional()
    .describe("The ballot the survey came with, in a wave with a split-ballot bridge"),
});
export type Submission = z.infer<typeof submissionSchema>;

export const submissionResultSchema = z.object({
  id: z.string(),
  submittedAt: z.iso.datetime(),
});

/** An open link's survey, with the device token the page keeps (server/take/stuffing-guard.ts). */
export const openLinkSurveySchema = openSurveySchema.extend({
  device: z.object({
    token: z.string().describe("Keep it (one per device): a device token answers a wave once"),
    bits: z.number().int().describe("Difficulty of the proof of work asked when the link is busy"),
  }),
});
export type OpenLinkSurvey = z.infer<typeof openLinkSurveySchema>;

/** A submission to an open link: the envelope, and the device it comes from. */
export const openLinkSubmissionSchema = submissionSchema.extend({
  device: z
    .object({
      token: z.string().max(200),
      proof: z
        .string()
        .regex(PROOF_PATTERN)
        .optional()
        .describe("Asked (CHALLENGE_REQUIRED) once the link is busy: see proof-of-work.ts"),
    })
    .optional()
    .describe("The token the survey came with; without one the response is stored flagged"),
});
export type OpenLinkSubmission = z.infer<typeof openLinkSubmissionSchema>;
