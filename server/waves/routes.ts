import type { Request } from "express";
import { z } from "zod";
import type { Config } from "../config";
import { auditWaveStatus, auditWavesCreated, auditWaveUpdated } from "../audit/wave-events";
import { defineRoute } from "../http/route";
import { authorityParams } from "../results/schema";
import { listAllWaves, waveOptions } from "./listing";
import {
  newWavesSchema,
  readinessSchema,
  waveListSchema,
  waveOptionsSchema,
  waveParams,
  waveSchema,
  waveStatusSchema,
  waveUpdateSchema,
} from "./schema";
import {
  changeWaveStatus,
  createWaves,
  listWaves,
  updateWave,
  waveInScope,
  waveReadiness,
  presentWave,
} from "./service";
import { langQuery } from "../shared/schemas";

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;
const DESIGNERS = ["admin", "researcher"] as const;
const RUNNERS = ["admin", "researcher", "authority-coordinator"] as const;

/** Waves: researchers create them (for many authorities at once); coordinators run them. */
export function waveRoutes(config: Pick<Config, "publicUrl">) {
  /** Where residents' links point: the configured address, else this request's. */
  const publicBase = (req: Request) =>
    config.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  return [
    defineRoute({
      method: "get",
      path: "/api/waves",
      summary: "Every wave the caller may see (an authority role: its own), with their authorities",
      tags: ["waves"],
      auth: READERS,
      query: langQuery,
      response: { status: 200, schema: waveListSchema, description: "Authorities and waves" },
      errors: [400, 401, 403],
      handler: async ({ principal }) => ({
        status: 200,
        body: await listAllWaves(principal),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/waves/options",
      summary: "What a new wave is set up from: authorities and published instrument versions",
      tags: ["waves"],
      auth: DESIGNERS,
      query: langQuery,
      response: {
        status: 200,
        schema: waveOptionsSchema,
        description: "Authorities (with population) and published versions",
      },
      errors: [400, 401, 403],
      handler: async ({ principal }) => ({
        status: 200,
        body: await waveOptions(principal),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves",
      summary: "Waves of one authority, newest first",
      tags: ["waves"],
      auth: READERS,
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: z.array(waveSchema), description: "Waves" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await listWaves(principal, params.slug),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/waves",
      summary:
        "Create a draft wave in each named authority, pinned to a published instrument version",
      tags: ["waves"],
      auth: DESIGNERS,
      query: langQuery,
      body: newWavesSchema,
      response: { status: 201, schema: z.array(waveSchema), description: "The new draft waves" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ body, principal, req }) => {
        const waves = await createWaves(body);
        await auditWavesCreated(principal, waves, req.ip);
        return { status: 201, body: waves };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId",
      summary: "One wave with its distribution settings",
      tags: ["waves"],
      auth: READERS,
      params: waveParams,
      query: langQuery,
      response: { status: 200, schema: waveSchema, description: "The wave" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => {
        const { wave } = await waveInScope(principal, params.slug, params.waveId);
        return { status: 200, body: await presentWave(wave) };
      },
    }),
    defineRoute({
      method: "patch",
      path: "/api/authorities/:slug/waves/:waveId",
      summary: "Change a wave's dates, channels, target, SMS texts, reminders or quiet hours",
      tags: ["waves"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      body: waveUpdateSchema,
      response: { status: 200, schema: waveSchema, description: "The wave as changed" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ params, body, principal, req }) => {
        const wave = await updateWave(principal, params.slug, params.waveId, body);
        await auditWaveUpdated(principal, wave, body, req.ip);
        return { status: 200, body: wave };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/readiness",
      summary:
        "The checklist a wave must pass to open: translations, contacts, kiosks, open link, dates, SMS texts",
      tags: ["waves"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      response: { status: 200, schema: readinessSchema, description: "Each check and its counts" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal, req }) => ({
        status: 200,
        body: await waveReadiness(principal, params.slug, params.waveId, publicBase(req)),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/authorities/:slug/waves/:waveId/status",
      summary:
        "Move a wave along draft → open ⇄ paused → closed (closed is final); opening needs the readiness checklist (409 WAVE_NOT_READY)",
      tags: ["waves"],
      auth: RUNNERS,
      params: waveParams,
      query: langQuery,
      body: waveStatusSchema,
      response: { status: 200, schema: waveSchema, description: "The wave in its new status" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ params, body, principal, req }) => {
        const wave = await changeWaveStatus(
          principal,
          params.slug,
          params.waveId,
          body.status,
          publicBase(req),
        );
        await auditWaveStatus(principal, wave, body.status, req.ip);
        return { status: 200, body: wave };
      },
    }),
  ];
}
