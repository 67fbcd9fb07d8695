import { z } from "zod";
import { localizedTextSchema } from "../i18n/localized-text.schema";

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

/** An authority's accessibility contact as staff set it: the role in he/ar/en, a way to reach it. */
export const accessibilityContactInput = z
  .object({
    role: z.object({
      he: z.string().trim().min(1).max(120),
      ar: z.string().trim().min(1).max(120),
      en: z.string().trim().min(1).max(120),
    }),
    email: accessibilityContactSchema.shape.email,
    phone: accessibilityContactSchema.shape.phone,
  })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: "an email or a phone",
    path: ["email"],
  });

/** PUT body: the contact, or null to clear it (the statement then says to ask the authority). */
export const accessibilityContactBody = z.object({ contact: accessibilityContactInput.nullable() });

/** The contact as stored, in every language (what the workspace edits). */
export const storedAccessibilityContactSchema = z.object({
  contact: z
    .object({
      role: localizedTextSchema,
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .nullable(),
});
