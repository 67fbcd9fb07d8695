import { z } from "zod";

/**
 * Who takes accessibility requests for an authority's residents, as the
 * authority gave it (its accessibility coordinator, "רכז/ת נגישות"): a role or
 * office, and an email and/or phone. Never a made-up person.
 */
export const accessibilityContactSchema = z.object({
  role: z.string().min(1).max(120).describe("role or office, in the page's language"),
  email: z.email().max(200).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 -]{5,20}$/)
    .optional(),
});

/** The data behind the accessibility statement of one authority's resident pages. */
export const accessibilityStatementSchema = z.object({
  authority: z.object({ slug: z.string(), name: z.string() }),
  /** null: the authority has not named a contact yet; the page then says to ask the authority. */
  contact: accessibilityContactSchema.nullable(),
});

export type AccessibilityStatement = z.infer<typeof accessibilityStatementSchema>;
