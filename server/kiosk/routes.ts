import { z } from "zod";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { defineRoute } from "../http/route";
import { authorityParams } from "../results/schema";
import { openSurveySchema, submissionResultSchema, submissionSchema } from "../take/schema";
import { findKioskWave, submitToWave, surveyOfWave } from "../take/service";
import { issuePairingCode, pairKiosk } from "./pairing";
import { createKiosk, listKiosks, recordDevice, recordHeartbeat, revokeKiosk } from "./service";
import { langQuery, objectId } from "../shared/schemas";
import type { Config } from "../config";
import { createBallots } from "../take/ballot";
import { spareBallots, spareBallotsSchema } from "../take/spare-ballots";
import { ballotQuery, keptBallotKey, submittedBallotKey, withBallot } from "../take/ballot-http";

const kioskSchema = z.object({
  id: z.string(),
  label: z.string(),
  waveId: z.string(),
  revoked: z.boolean(),
  createdAt: z.iso.datetime(),
  pairedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  queuedAnswers: z
    .number()
    .int()
    .nullable()
    .describe("Answers waiting on the tablet, as it last reported (null: never reported)"),
  queueReportedAt: z.iso.datetime().nullable(),
});

/** The tablet's offline queue length, reported on its regular calls. */
const queued = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .describe("Answers waiting in the tablet's offline queue");

const pairingSchema = z.object({
  pairingCode: z
    .string()
    .regex(/^\d{8}$/)
    .describe("Type on the tablet at /kiosk; single use"),
  pairingExpiresAt: z.iso.datetime(),
});

const newKioskSchema = z.object({
  label: z.string().trim().min(1).max(80).describe("Where the tablet stands"),
  waveId: objectId,
});

const kioskParams = authorityParams.extend({ id: objectId });

/** Who runs kiosks: the authority's coordinator, and the researchers who run the fieldwork. */
const MANAGERS = ["admin", "researcher", "authority-coordinator"] as const;

/**
 * Kiosk tablets: coordinators register and revoke them; a kiosk fetches its
 * survey, submits, and reports that it is alive with its queue length. In a
 * wave with a bridge each load of the survey (one per resident) draws a ballot.
 */
export const kioskRoutes = (config: Pick<Config, "linkSecret">) => {
  const ballots = createBallots(config.linkSecret);
  return [
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/kiosks",
      summary: "Kiosk devices of one authority",
      tags: ["kiosks"],
      auth: MANAGERS,
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: z.array(kioskSchema), description: "Kiosks, newest first" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await listKiosks(principal, params.slug),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/kiosks",
      summary: "Register a kiosk for one wave; its pairing code (and device token) are shown once",
      tags: ["kiosks"],
      auth: MANAGERS,
      params: authorityParams,
      query: langQuery,
      body: newKioskSchema,
      response: {
        status: 201,
        schema: kioskSchema.extend({ token: z.string() }).extend(pairingSchema.shape),
        description: "The kiosk, its pairing code and a device token",
      },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal, req }) => ({
        status: 201,
        body: await createKiosk(principal, params.slug, body, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/kiosks/:id/revoke",
      summary: "Revoke a kiosk's device token",
      tags: ["kiosks"],
      auth: MANAGERS,
      params: kioskParams,
      query: langQuery,
      response: { status: 200, schema: kioskSchema, description: "The revoked kiosk" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await revokeKiosk(principal, params.slug, params.id, req.ip),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/kiosks/:id/pairing-code",
      summary: "A new pairing code for a kiosk (the previous code stops working)",
      tags: ["kiosks"],
      auth: MANAGERS,
      params: kioskParams,
      query: langQuery,
      response: { status: 200, schema: pairingSchema, description: "The code, shown once" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await issuePairingCode(principal, params.slug, params.id, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/kiosk/pair",
      summary: "A tablet exchanges a pairing code for its device token",
      tags: ["kiosks"],
      auth: "public",
      query: langQuery,
      body: z.object({ code: z.string().regex(/^\d{8}$/) }),
      response: {
        status: 200,
        schema: z.object({
          token: z.string(),
          kiosk: z.object({ id: z.string(), label: z.string(), waveId: z.string() }),
          languages: z
            .array(z.enum(RESPONDENT_LOCALES))
            .describe("The languages the kiosk's wave offers residents"),
        }),
        description: "The device token: keep it on the tablet",
      },
      errors: [400, 404, 413, 415, 429],
      handler: async ({ body, req }) => ({
        status: 200,
        body: await pairKiosk(body.code, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/kiosk/survey",
      summary: "The survey assigned to this kiosk, in one locale",
      tags: ["kiosks"],
      auth: ["kiosk"],
      query: langQuery.extend({
        queued: z.coerce.number().pipe(queued).optional(),
        ...ballotQuery,
      }),
      response: {
        status: 200,
        schema: openSurveySchema.extend({ spareBallots: spareBallotsSchema.optional() }),
        description: "The survey to render",
      },
      errors: [400, 401, 403, 404, 410],
      handler: async ({ principal, locale, query }) => {
        if (principal.kind !== "kiosk") throw new Error("unreachable: auth admits kiosks only");
        await recordHeartbeat(principal.id, query.queued);
        const wave = await findKioskWave(principal.waveId, principal.authorityId);
        const ballotKey = keptBallotKey(ballots, query.ballot);
        const spare = spareBallots(ballots, wave);
        return {
          status: 200,
          body: {
            ...withBallot(
              ballots,
              ballotKey,
              await surveyOfWave(wave, query.lang ?? locale, { ballotKey }),
            ),
            ...(spare ? { spareBallots: spare } : {}),
          },
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/kiosk/responses",
      summary: "Submit a response made at this kiosk",
      tags: ["kiosks"],
      auth: ["kiosk"],
      query: langQuery,
      body: submissionSchema,
      response: {
        status: 201,
        schema: submissionResultSchema,
        description: "Stored (200 when this submission id was stored before)",
      },
      errors: [400, 401, 403, 404, 410, 413, 415, 503, 507],
      handler: async ({ principal, body }) => {
        if (principal.kind !== "kiosk") throw new Error("unreachable: auth admits kiosks only");
        const ballotKey = submittedBallotKey(ballots, body.ballot);
        const result = await submitToWave(
          () => findKioskWave(principal.waveId, principal.authorityId),
          body,
          "kiosk",
          undefined,
          { ballotKey },
        );
        if (result.created) await recordDevice(result.id, principal.id);
        return {
          status: result.created ? 201 : 200,
          body: { id: result.id, submittedAt: result.submittedAt.toISOString() },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/kiosk/heartbeat",
      summary: "The tablet is alive: its offline queue length, shown in the workspace",
      tags: ["kiosks"],
      auth: ["kiosk"],
      query: langQuery,
      body: z.object({ queued }),
      response: {
        status: 200,
        schema: z.object({ at: z.iso.datetime() }),
        description: "Recorded",
      },
      errors: [400, 401, 403, 413, 415],
      handler: async ({ principal, body }) => {
        if (principal.kind !== "kiosk") throw new Error("unreachable: auth admits kiosks only");
        const at = await recordHeartbeat(principal.id, body.queued);
        return { status: 200, body: { at: at.toISOString() } };
      },
    }),
  ];
};

/** The shapes the workspace reads (type-only imports on the client). */
export type KioskView = z.infer<typeof kioskSchema>;
export type PairingView = z.infer<typeof pairingSchema>;
