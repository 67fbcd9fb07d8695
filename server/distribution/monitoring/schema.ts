import { z } from "zod";
import { MESSAGE_STATUSES } from "../queue/model";
import { aaporRatesSchema } from "../../results/disclosure-schema";
import { DISPOSITIONS } from "../../analytics/dispositions";
import { langQuery, objectId } from "../../shared/schemas";

/** The personal-link sample's final (or, while the wave runs, provisional) dispositions and rates. */
const aapor = z
  .object({
    invitations: z.number().int(),
    dispositions: z.record(z.enum(DISPOSITIONS), z.number().int()),
    rates: aaporRatesSchema,
  })
  .nullable()
  .describe("AAPOR dispositions and rates of the SMS invitations; null without any");

/** Open-link responses stored flagged as a burst (server/take/stuffing-guard.ts). */
const flagged = z.number().int().describe("Responses stored flagged as a burst (open link)");

const funnel = z.object({
  contacts: z.number().int(),
  invited: z.number().int(),
  opened: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  optedOut: z.number().int(),
  bounced: z.number().int(),
});

/** Counts per Israel calendar day: the SMS links' progress and the stored responses. */
const byDaySchema = z.array(
  z.object({
    date: z.string().describe("Israel calendar day, YYYY-MM-DD"),
    invited: z.number().int(),
    opened: z.number().int(),
    started: z.number().int(),
    completed: z.number().int(),
    bounced: z.number().int(),
    responses: z.number().int().describe("Stored responses of every channel that day"),
  }),
);

export const waveMonitoringSchema = z.object({
  wave: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  authority: z.object({ slug: z.string(), name: z.string() }),
  target: z.number().int().nullable(),
  completes: z.number().int().describe("Stored responses of every channel"),
  flagged,
  flaggedExcluded: z
    .number()
    .int()
    .describe("Flagged responses a researcher left out of results and exports"),
  sms: funnel.describe("Personal SMS links: contacts → invited → opened → started → completed"),
  responseRate: z.number().nullable().describe("AAPOR RR1 of the SMS invitations"),
  aapor,
  byLanguage: z.record(z.string(), funnel),
  byChannel: z.record(z.string(), z.number().int()),
  responsesByLanguage: z.record(z.string(), z.number().int()),
  byDay: byDaySchema,
  updatedAt: z.iso.datetime(),
});

/** Which waves the program view lists: running (open or paused) by default. */
export const PROGRAM_STATUSES = ["running", "open", "paused", "closed"] as const;

export const programQuery = langQuery.extend({
  status: z.enum(PROGRAM_STATUSES).default("running"),
});

export const programSchema = z.object({
  rows: z.array(
    z.object({
      authority: z.object({ slug: z.string(), name: z.string() }),
      wave: z.object({ id: z.string(), name: z.string(), status: z.string() }),
      target: z.number().int().nullable(),
      completes: z.number().int(),
      flagged,
      sms: z.object({
        contacts: z.number().int(),
        invited: z.number().int(),
        completed: z.number().int(),
      }),
      responseRate: z.number().nullable().describe("AAPOR RR1 of the SMS invitations"),
      aapor,
    }),
  ),
  completes: z.number().int().describe("Stored responses of the waves listed, every channel"),
  byChannel: z
    .record(z.string(), z.number().int())
    .describe("Stored responses of the waves listed, per channel"),
  byDay: byDaySchema.describe("The waves listed, summed per Israel calendar day"),
  updatedAt: z.iso.datetime(),
});

export const outboxQuery = langQuery.extend({
  wave: objectId.optional().describe("Only this wave's messages"),
  status: z.enum(MESSAGE_STATUSES).optional().describe("Only messages in this delivery status"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxSchema = z.object({
  messages: z.array(
    z.object({
      reference: z.string(),
      kind: z.enum(["invitation", "reminder"]),
      /** 0 for the invitation, n for the nth reminder. */
      seq: z.number().int(),
      status: z.enum(MESSAGE_STATUSES),
      to: z.string().describe("Masked number"),
      text: z
        .string()
        .nullable()
        .describe(
          "What the local outbox provider stored (with the personal link); null when not sent through it",
        ),
      queuedAt: z.iso.datetime(),
      notBefore: z.iso.datetime(),
      sentAt: z.iso.datetime().nullable(),
      deliveredAt: z.iso.datetime().nullable(),
      attempts: z.number().int(),
      segments: z.number().int().nullable(),
      cancelReason: z.string().nullable(),
      heldReason: z
        .enum(["night", "shabbat", "holiday", "paused"])
        .nullable()
        .describe("Why a queued message waits until notBefore; null when it is not held"),
    }),
  ),
  total: z.number().int().describe("Messages matching the filters"),
  page: z.number().int(),
  limit: z.number().int(),
  byStatus: z
    .record(z.enum(MESSAGE_STATUSES), z.number().int())
    .describe("Messages per delivery status (wave filter applied, status filter not)"),
});

export type WaveMonitoring = z.infer<typeof waveMonitoringSchema>;
export type ProgramMonitoring = z.infer<typeof programSchema>;
export type OutboxPage = z.infer<typeof outboxSchema>;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
