import { z } from "zod";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { disclosureSchema } from "../results/disclosure-schema";
import { INTERESTS, SIGNUP_STATUSES, UPDATE_STATUSES } from "./model";
import { objectId } from "../shared/schemas";

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/);
const email = z.email().max(200);

/** What a resident sends to be contacted; nothing in it refers to their answers. */
export const signupInputSchema = z.object({
  locale: z.enum(RESPONDENT_LOCALES),
  interests: z.array(z.enum(INTERESTS)).min(1).max(INTERESTS.length),
  contact: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("phone"), value: phone }),
    z.object({ kind: z.literal("email"), value: email }),
  ]),
  name: z.string().trim().min(1).max(80).optional(),
  consent: z.literal(true).describe("The resident agreed to be contacted for this purpose"),
});
export type SignupInput = z.infer<typeof signupInputSchema>;

export const signupCreatedSchema = z.object({
  withdrawPath: z.string().describe("Where the resident can withdraw: /w/<token>"),
  transparencyPath: z.string(),
  confirmation: z
    .enum(["sms", "none"])
    .describe(
      "sms: the withdrawal link was sent to the number given; none: it is only on the page",
    ),
});

export const signupSchema = z.object({
  id: z.string(),
  interests: z.array(z.enum(INTERESTS)),
  contact: z.object({ kind: z.enum(["phone", "email"]), value: z.string() }),
  name: z.string().nullable(),
  locale: z.enum(RESPONDENT_LOCALES),
  day: z.string(),
  wave: z.string(),
  status: z.enum(SIGNUP_STATUSES),
});

export const signupStatusSchema = z.object({
  status: z.enum(["new", "contacted", "joined", "declined"]),
});

export const withdrawParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
export const idParams = z.object({ id: objectId });

const updateText = z.string().trim().min(1).max(1000);
export const updateInputSchema = z
  .object({
    date: z.iso.date(),
    text: z.object({
      he: updateText.optional(),
      ar: updateText.optional(),
      en: updateText.optional(),
    }),
  })
  .refine((u) => Boolean(u.text.he || u.text.ar || u.text.en), {
    message: "text in at least one language",
  });

export const updateSchema = z.object({
  id: z.string(),
  date: z.string(),
  text: z.object({
    he: z.string().nullable(),
    ar: z.string().nullable(),
    en: z.string().nullable(),
  }),
  status: z.enum(UPDATE_STATUSES),
});

export const reviewQueueSchema = z.object({
  counts: z
    .object({ submitted: z.number().int(), approved: z.number().int(), rejected: z.number().int() })
    .describe("Entries per status, in the reviewer's scope"),
  pending: z
    .array(updateSchema.extend({ authority: z.object({ slug: z.string(), name: z.string() }) }))
    .describe("Awaiting review, oldest first"),
});

export const reviewSchema = z.object({ decision: z.enum(["approve", "reject"]) });

export const signupCountsSchema = z.array(
  z.object({
    authority: z.string(),
    wave: z.string(),
    channel: z.string(),
    interest: z.enum(INTERESTS),
    signups: z.number().int(),
  }),
);

export const transparencySchema = z.object({
  authority: z.object({ slug: z.string(), name: z.string() }),
  wave: z.object({ name: z.string(), opensAt: z.string() }).nullable(),
  baseline: z.object({ name: z.string() }).nullable(),
  minCellSize: z.number().int(),
  constructs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      scale: z.object({ min: z.number(), max: z.number() }),
      measure: z
        .enum(["mean", "share"])
        .describe("What is shown: the mean score, or (frequency constructs) the favourable share"),
      favourableFrom: z
        .object({ value: z.number(), label: z.string() })
        .nullable()
        .describe(
          "A share's threshold: the lowest answer counted, with its label; null for a mean",
        ),
      latest: z
        .object({
          mean: z.number().nullable().describe("null when the share is shown"),
          share: z.number().nullable().describe("Favourable share, 0..1; null when the mean is"),
          ciLow: z
            .number()
            .nullable()
            .describe("Of the figure shown (a share's: Wilson's); null for an engagement wave"),
          ciHigh: z.number().nullable(),
        })
        .nullable(),
      baseline: z.object({ mean: z.number().nullable(), share: z.number().nullable() }).nullable(),
      change: z
        .object({
          key: z.string().describe("The dashboard's words, from its Holm-adjusted p"),
          comparable: z.enum(["yes", "seriesBreak", "engagement"]),
          diff: z.number().nullable(),
          ciLow: z.number().nullable(),
          ciHigh: z.number().nullable(),
          pHolm: z.number().nullable(),
          detectable: z.number().nullable().describe("Smallest change detectable, 80% power"),
        })
        .nullable(),
    }),
  ),
  disclosure: disclosureSchema.nullable().describe("The shown wave's disclosure block"),
  updates: z.array(z.object({ date: z.string(), text: z.string() })),
});
export type Transparency = z.infer<typeof transparencySchema>;
