import { z } from "zod";
import { RESPONDENT_LOCALES } from "./locales";

/** A MongoDB ObjectId as a path, a query or a body carries it: 24 lower-case hex digits. */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/** An ObjectId in a request; anything else is a 400 before a query is made. */
export const objectId = z.string().regex(OBJECT_ID_PATTERN);

/**
 * The `?lang=` every route takes: the locale of the answer's messages and texts.
 * Russian is a residents' language: messages come in Russian, and a route's
 * stored texts in Hebrew unless the route has them in Russian (the survey's items).
 */
export const langQuery = z.object({
  lang: z
    .enum(RESPONDENT_LOCALES)
    .optional()
    .describe("he, ar, en or ru (residents); default from Accept-Language, else he"),
});
