import { z } from "zod";
import { openSurveySchema } from "../../take/schema";
import { LINK_TOKEN_PATTERN } from "../links";

export const tokenParams = z.object({
  token: z.string().regex(LINK_TOKEN_PATTERN).describe("The personal link's token"),
});

export const progressSchema = z.object({
  answers: z
    .record(z.string(), z.unknown())
    .refine((a) => Object.keys(a).length > 0, "no answers yet"),
  pageNo: z.number().int().min(0).max(200),
});

/** A personal link opened: the survey, in the contact's language unless ?lang= says otherwise. */
export const personalSurveySchema = openSurveySchema.extend({
  progress: progressSchema
    .nullable()
    .describe("Answers saved so far, to resume where they stopped"),
});
export type PersonalSurvey = z.infer<typeof personalSurveySchema>;

export const progressSavedSchema = z.object({ savedAt: z.iso.datetime() });
