import { z } from "zod";
import type { Config } from "../../config";
import { audit } from "../../audit/service";
import { defineRoute } from "../../http/route";
import { LOCALES } from "../../shared/locales";
import type { FieldCipher } from "../../privacy/crypto";
import { authorityParams } from "../../results/schema";
import { waveParams } from "../../waves/schema";
import { outboxQuery, outboxSchema } from "../monitoring/schema";
import { listOutbox, previewSms, sendInvitations, waveSendSchedule } from "./service";
import { langQuery } from "../../shared/schemas";

const RUNNERS = ["admin", "researcher", "authority-coordinator"] as const;

const slotSchema = z.object({
  at: z.iso.datetime(),
  heldReason: z.enum(["night", "shabbat", "holiday", "paused"]).nullable(),
});
const sendScheduleSchema = z.object({
  invitation: slotSchema,
  reminders: z.array(slotSchema.extend({ days: z.number().int() })),
});

/** Sending: queue a wave's invitations, preview a template, read the local outbox. */
export function smsRoutes(config: Config, cipher: FieldCipher) {
  return [
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/waves/:waveId/invitations/send",
      summary:
        "Queue the invitation SMS of every contact not yet invited (the queue respects quiet hours)",
      tags: ["sms"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ queued: z.number().int(), pending: z.number().int() }),
        description: "Newly queued, and all still waiting in the queue",
      },
      errors: [400, 401, 403, 404, 409],
      handler: async ({ params, principal, req }) => {
        const sent = await sendInvitations(principal, params.slug, params.waveId);
        await audit({
          action: "sms.invitations-sent",
          actor: principal,
          target: { kind: "wave", id: params.waveId },
          authorityId: principal.authorityId,
          ip: req.ip,
          details: { authority: params.slug, queued: sent.queued },
        });
        return { status: 200, body: sent };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/send-schedule",
      summary:
        "When a send started now reaches residents: the invitation and each reminder, past quiet hours and rest days",
      tags: ["sms"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      response: {
        status: 200,
        schema: sendScheduleSchema,
        description: "Dates and times, with what holds each back",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await waveSendSchedule(principal, params.slug, params.waveId),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/waves/:waveId/sms-preview",
      summary: "A template rendered with a full-length link, and its SMS parts (UCS-2: 70 / 67)",
      tags: ["sms"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      body: z.object({
        kind: z.enum(["invitation", "reminder"]),
        locale: z.enum(LOCALES),
        text: z
          .string()
          .trim()
          .min(1)
          .max(600)
          .optional()
          .describe("Unsaved text; default: the wave's"),
      }),
      response: {
        status: 200,
        schema: z.object({
          text: z.string(),
          encoding: z.enum(["gsm7", "ucs2"]),
          units: z.number().int(),
          segments: z.number().int(),
          perSegment: z.number().int(),
          remaining: z.number().int(),
        }),
        description: "The rendered text and its parts",
      },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal, req }) => ({
        status: 200,
        body: await previewSms(
          principal,
          params.slug,
          params.waveId,
          body,
          config.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`,
        ),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/sms-outbox",
      summary:
        "An authority's SMS messages with their delivery status, by wave and status, a page at a time (reading is audited)",
      tags: ["sms"],
      auth: RUNNERS,
      params: authorityParams,
      query: outboxQuery,
      response: {
        status: 200,
        schema: outboxSchema,
        description:
          "Messages newest first with masked numbers, and the text where the local outbox stored it",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ params, query, principal, req }) => ({
        status: 200,
        body: await listOutbox(
          principal,
          params.slug,
          cipher,
          { waveId: query.wave, status: query.status, page: query.page, limit: query.limit },
          req.ip,
        ),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
  ];
}
