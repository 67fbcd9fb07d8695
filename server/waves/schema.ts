import { z } from "zod";
import { LOCALES, RESPONDENT_LOCALES } from "../shared/locales";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { CHANNELS, WAVE_KINDS, WAVE_STATUSES } from "./model";
import { objectId } from "../shared/schemas";

/** Zod shapes of the wave routes; the workspace imports these types. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const templateText = z.string().trim().min(1).max(600);

export const waveParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/),
  waveId: objectId,
});

const nonEmpty = (v: object) => Object.keys(v).length > 0;

export const smsTemplatesSchema = z
  .object({
    invitation: z.partialRecord(z.enum(LOCALES), templateText).optional(),
    reminder: z.partialRecord(z.enum(LOCALES), templateText).optional(),
  })
  .refine(nonEmpty, "nothing given")
  .describe(
    "Texts with {{link}}, {{authority}}, {{wave}} and {{transparency}} placeholders; omitted locales use the defaults",
  );

export const quietHoursSchema = z
  .object({
    nightStart: clock,
    nightEnd: clock,
    weekendRest: z.boolean().describe("No SMS from Friday weekendStart to Saturday weekendEnd"),
    weekendStart: clock,
    weekendEnd: clock,
  })
  .describe("Israel time (Asia/Jerusalem)");

const settings = {
  name: localizedTextSchema,
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime().nullable(),
  channels: z.array(z.enum(CHANNELS)).min(1).max(3),
  openLinkSlug: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .nullable(),
  targetCompletes: z.number().int().min(0).max(100_000),
  languages: z
    .array(z.enum(RESPONDENT_LOCALES))
    .min(1)
    .max(RESPONDENT_LOCALES.length)
    .refine((ls) => ls.includes("he"), "Hebrew is always offered")
    .refine((ls) => new Set(ls).size === ls.length, "each language once")
    .describe("The languages offered to residents; Hebrew always"),
  smsTemplates: smsTemplatesSchema,
  reminderDays: z
    .array(z.number().int().min(1).max(60))
    .max(3)
    .describe("Days after the invitation"),
  quietHours: quietHoursSchema,
};

export const newWavesSchema = z.object({
  authorities: z
    .array(z.string().regex(/^[a-z0-9-]{2,60}$/))
    .min(1)
    .max(50),
  instrumentVersionId: objectId.describe(
    "A published instrument version; pinned for the wave's life",
  ),
  kind: z.enum(WAVE_KINDS),
  name: settings.name,
  opensAt: settings.opensAt,
  closesAt: settings.closesAt.optional(),
  channels: settings.channels.default(["sms"]),
  openLinkSlug: settings.openLinkSlug.optional().describe("Only when one authority is given"),
  targetCompletes: settings.targetCompletes.default(400),
  languages: settings.languages.optional().describe("Default: all four"),
  smsTemplates: settings.smsTemplates.optional(),
  reminderDays: settings.reminderDays.default([3, 7]),
  quietHours: settings.quietHours
    .partial()
    .refine(nonEmpty, "nothing given")
    .optional()
    .describe("Defaults: 21:00-08:00; Friday 14:00 to Saturday 20:00 except in Arab localities"),
});
export type NewWaves = z.infer<typeof newWavesSchema>;

export const waveUpdateSchema = z
  .object({
    ...settings,
    quietHours: settings.quietHours.partial().refine(nonEmpty, "nothing given"),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type WaveUpdate = z.infer<typeof waveUpdateSchema>;

export const waveStatusSchema = z.object({ status: z.enum(WAVE_STATUSES) });

export const waveSchema = z.object({
  id: z.string(),
  authority: z.object({ id: z.string(), slug: z.string(), name: localizedTextSchema }),
  name: localizedTextSchema,
  kind: z.enum(WAVE_KINDS),
  status: z.enum(WAVE_STATUSES),
  instrument: z.object({ id: z.string(), key: z.string(), version: z.number().int() }),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime().nullable(),
  channels: z.array(z.enum(CHANNELS)),
  openLinkSlug: z.string().nullable(),
  targetCompletes: z.number().int().nullable(),
  languages: z
    .array(z.enum(RESPONDENT_LOCALES))
    .describe("The languages offered to residents, Hebrew first"),
  smsTemplates: z.object({
    invitation: z.partialRecord(z.enum(LOCALES), z.string()),
    reminder: z.partialRecord(z.enum(LOCALES), z.string()),
  }),
  smsProposal: z
    .object({
      invitation: z.partialRecord(z.enum(LOCALES), z.string()),
      reminder: z.partialRecord(z.enum(LOCALES), z.string()),
      proposedAt: z.iso.datetime(),
    })
    .nullable()
    .describe("A coordinator's SMS texts for a wave that has opened, waiting for a researcher"),
  reminderDays: z.array(z.number().int()),
  quietHours: quietHoursSchema,
  statusChangedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WaveView = z.infer<typeof waveSchema>;

export const READINESS_CODES = [
  "translations",
  "translation_review",
  "sms_contacts",
  "kiosk_paired",
  "open_link_slug",
  "closes_after_today",
  "templates_render",
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

export const readinessCheckSchema = z.object({
  code: z.enum(READINESS_CODES),
  ok: z.boolean(),
  detail: z
    .record(z.string(), z.number().int())
    .describe(
      "Counts behind the check: missing texts per locale, contacts, paired/unpaired kiosks, template problems",
    ),
});
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;

export const readinessSchema = z.object({
  ready: z.boolean(),
  checks: z.array(readinessCheckSchema),
  warnings: z
    .array(
      z.object({
        code: z.enum(["follow_up_open"]),
        waves: z.array(z.object({ id: z.string(), name: localizedTextSchema })),
      }),
    )
    .describe(
      "Worth knowing before opening, never a refusal: follow_up_open names the authority's other follow-ups still open or paused",
    ),
});
export type Readiness = z.infer<typeof readinessSchema>;

const authoritySummary = z.object({
  slug: z.string(),
  name: localizedTextSchema,
  population: z.enum(["jewish", "arab", "mixed"]),
});

export const waveListSchema = z.object({
  authorities: z.array(authoritySummary).describe("The authorities the caller may see"),
  waves: z.array(waveSchema).describe("Their waves, newest opening first"),
});
export type WaveList = z.infer<typeof waveListSchema>;

export const waveOptionsSchema = z.object({
  authorities: z.array(authoritySummary),
  instruments: z
    .array(
      z.object({
        id: z.string(),
        key: z.string(),
        version: z.number().int(),
        title: localizedTextSchema,
        publishedAt: z.iso.datetime(),
        missing: z
          .partialRecord(z.enum(LOCALES), z.number().int())
          .describe("Untranslated texts per locale"),
      }),
    )
    .describe("Published versions, newest first"),
});
export type WaveOptions = z.infer<typeof waveOptionsSchema>;
