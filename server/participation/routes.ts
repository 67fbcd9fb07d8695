import type { Request } from "express";
import { z } from "zod";
import type { Config } from "../config";
import { providerFor } from "../distribution/queue/runner";
import type { FieldCipher } from "../privacy/crypto";
import { defineRoute } from "../http/route";
import { authorityParams } from "../results/schema";
import { consentText } from "./consent";
import {
  idParams,
  reviewQueueSchema,
  reviewSchema,
  signupCountsSchema,
  signupCreatedSchema,
  signupInputSchema,
  signupSchema,
  signupStatusSchema,
  transparencySchema,
  updateInputSchema,
  updateSchema,
  withdrawParams,
} from "./schema";
import {
  createSignup,
  exportSignups,
  listSignups,
  setSignupStatus,
  signupCounts,
  withdrawSignup,
} from "./signups";
import { confirmationDeps, sendSignupConfirmation } from "./signup-confirmation";
import { transparencyPage } from "./transparency";
import type { AnalyticsScope } from "../results/analytics-scope";
import { createUpdate, listUpdates, reviewQueue, reviewUpdate } from "./updates";
import { langQuery, objectId } from "../shared/schemas";

const waveSignupParams = z.object({ waveId: objectId });
const channelQuery = langQuery.extend({
  channel: z.enum(["open-link", "sms", "kiosk"]).default("open-link"),
});
const COORDINATORS = ["admin", "authority-coordinator"] as const;
const UPDATE_READERS = [
  "admin",
  "researcher",
  "authority-coordinator",
  "authority-analyst",
] as const;
const REVIEWERS = ["admin", "researcher"] as const;

/** Residents who want to take part, "you said, we did" entries, and the public transparency page. */
export function participationRoutes(
  cipher: FieldCipher,
  config: Pick<Config, "reporting" | "sms" | "publicUrl" | "env">,
  analytics: AnalyticsScope,
) {
  const rules = config.reporting;
  const confirm = confirmationDeps(providerFor(config, cipher), cipher, config.sms.sender);
  /**
   * The address a link sent by SMS starts with. Production takes only PUBLIC_URL: a
   * request's Host header is the sender's to choose, and would put their site in our SMS.
   */
  const publicBase = (req: Request) =>
    config.publicUrl ??
    (config.env === "production" ? undefined : `${req.protocol}://${req.get("host")}`);
  return [
    defineRoute({
      method: "post",
      path: "/api/waves/:waveId/signups",
      summary:
        "A resident asks to be contacted about community initiatives (kept apart from any answers)",
      tags: ["participation"],
      auth: "public",
      rateLimitToken: (params) => params.waveId,
      params: waveSignupParams,
      query: channelQuery,
      body: signupInputSchema,
      response: {
        status: 201,
        schema: signupCreatedSchema,
        description: "Stored; the withdrawal link is shown to the resident and sent to their phone",
      },
      errors: [400, 404, 409, 410, 413, 415, 429],
      handler: async ({ params, query, body, req }) => {
        const created = await createSignup(
          cipher,
          params.waveId,
          query.channel,
          body,
          consentText(body.locale),
        );
        const base = publicBase(req)?.replace(/\/$/, "");
        const confirmation = await sendSignupConfirmation(
          confirm,
          { ...created, locale: body.locale, contact: body.contact },
          base ? `${base}${created.withdrawPath}` : undefined,
        );
        return {
          status: 201,
          body: {
            withdrawPath: created.withdrawPath,
            transparencyPath: created.transparencyPath,
            confirmation,
          },
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/signups/withdraw/:token",
      summary: "A resident withdraws a sign-up; the contact detail is erased",
      tags: ["participation"],
      auth: "public",
      rateLimitToken: (params) => params.token,
      params: withdrawParams,
      query: langQuery,
      response: {
        status: 200,
        schema: z.object({ withdrawn: z.literal(true) }),
        description: "Withdrawn",
      },
      errors: [400, 404, 429],
      handler: async ({ params }) => {
        await withdrawSignup(params.token);
        return { status: 200, body: { withdrawn: true as const } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/signups",
      summary: "The authority's sign-ups with contact details (audit-logged)",
      tags: ["participation"],
      auth: COORDINATORS,
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: z.array(signupSchema), description: "Newest first" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await listSignups(cipher, principal, params.slug, req.ip),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/signups.csv",
      summary: "The sign-ups as CSV for the community facilitator (audit-logged)",
      tags: ["participation"],
      auth: COORDINATORS,
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: z.string(), description: "CSV, UTF-8 with BOM" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => {
        const csv = await exportSignups(cipher, principal, params.slug, req.ip);
        return {
          status: 200,
          body: "",
          headers: {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": `attachment; filename="signups-${params.slug}.csv"`,
            "Cache-Control": "no-store",
          },
          stream: async (out) => {
            out.write(csv);
          },
        };
      },
    }),
    defineRoute({
      method: "patch",
      path: "/api/signups/:id",
      summary: "Track a sign-up: contacted, joined, declined",
      tags: ["participation"],
      auth: COORDINATORS,
      params: idParams,
      query: langQuery,
      body: signupStatusSchema,
      response: { status: 200, schema: z.object({ ok: z.literal(true) }), description: "Updated" },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal }) => {
        await setSignupStatus(principal, params.id, body.status);
        return { status: 200, body: { ok: true as const } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/participation/counts",
      summary: "Sign-ups per authority, wave, channel and interest (numbers only)",
      tags: ["participation"],
      auth: ["admin", "researcher", "program-viewer"],
      query: langQuery,
      response: { status: 200, schema: signupCountsSchema, description: "Counts" },
      errors: [400, 401, 403],
      handler: async () => ({ status: 200, body: await signupCounts() }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/updates",
      summary: 'The authority\'s "you said, we did" entries, every status',
      tags: ["participation"],
      auth: UPDATE_READERS,
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: z.array(updateSchema), description: "Newest first" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await listUpdates(principal, params.slug),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/updates",
      summary: 'A coordinator writes a "you said, we did" entry; a researcher reviews it',
      tags: ["participation"],
      auth: COORDINATORS,
      params: authorityParams,
      query: langQuery,
      body: updateInputSchema,
      response: { status: 201, schema: updateSchema, description: "Waiting for review" },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal }) => ({
        status: 201,
        body: await createUpdate(principal, params.slug, body),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/updates/review-queue",
      summary: '"You said, we did" entries awaiting review, with counts per status',
      tags: ["participation"],
      auth: REVIEWERS,
      query: langQuery,
      response: { status: 200, schema: reviewQueueSchema, description: "Oldest first" },
      errors: [400, 401, 403],
      handler: async ({ principal, locale }) => ({
        status: 200,
        body: await reviewQueue(principal, locale),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/updates/:id/review",
      summary: "A researcher approves an entry for the public page, or rejects it",
      tags: ["participation"],
      auth: REVIEWERS,
      params: idParams,
      query: langQuery,
      body: reviewSchema,
      response: { status: 200, schema: updateSchema, description: "Reviewed" },
      errors: [400, 401, 403, 404, 413, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await reviewUpdate(principal, params.id, body.decision),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/public/authorities/:slug",
      summary:
        "An authority's public transparency page: latest results, change since baseline, approved updates",
      tags: ["participation"],
      auth: "public",
      params: authorityParams,
      query: langQuery,
      response: {
        status: 200,
        schema: transparencySchema,
        description: "Aggregates that pass suppression only",
      },
      errors: [400, 404, 429],
      handler: async ({ params, query, locale }) => ({
        status: 200,
        body: await transparencyPage(analytics, params.slug, locale, rules, query.lang ?? locale),
        headers: { "Cache-Control": "public, max-age=300" },
      }),
    }),
  ];
}
