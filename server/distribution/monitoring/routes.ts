import { z } from "zod";
import { defineRoute } from "../../http/route";
import { langQuery } from "../../take/schema";
import { waveParams } from "../../waves/schema";
import { programMonitoring, waveMonitoring } from "./service";

const funnel = z.object({
  contacts: z.number().int(),
  invited: z.number().int(),
  opened: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  optedOut: z.number().int(),
  bounced: z.number().int(),
});

const waveMonitoringSchema = z.object({
  wave: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  target: z.number().int().nullable(),
  completes: z.number().int().describe("Stored responses of every channel"),
  sms: funnel.describe("Personal SMS links: contacts → invited → opened → started → completed"),
  responseRate: z.number().nullable().describe("Completed personal links / invited"),
  byLanguage: z.record(z.string(), funnel),
  byChannel: z.record(z.string(), z.number().int()),
  responsesByLanguage: z.record(z.string(), z.number().int()),
  byDay: z.array(
    z.object({
      date: z.string().describe("Israel calendar day, YYYY-MM-DD"),
      invited: z.number().int(),
      opened: z.number().int(),
      started: z.number().int(),
      completed: z.number().int(),
      bounced: z.number().int(),
      responses: z.number().int().describe("Stored responses of every channel that day"),
    }),
  ),
  updatedAt: z.iso.datetime(),
});

const programSchema = z.array(
  z.object({
    authority: z.object({ slug: z.string(), name: z.string() }),
    wave: z.object({ id: z.string(), name: z.string(), status: z.string() }),
    target: z.number().int().nullable(),
    completes: z.number().int(),
    sms: z.object({
      contacts: z.number().int(),
      invited: z.number().int(),
      completed: z.number().int(),
    }),
  }),
);

/** Fieldwork monitoring: coordinators see their authority's waves, researchers all. */
export const monitoringRoutes = [
  defineRoute({
    method: "get",
    path: "/api/authorities/:slug/waves/:waveId/monitoring",
    summary: "Response funnel of a wave by channel, language and day (poll while the wave runs)",
    tags: ["monitoring"],
    auth: ["admin", "researcher", "authority-coordinator"],
    params: waveParams,
    query: langQuery,
    response: { status: 200, schema: waveMonitoringSchema, description: "The funnel" },
    errors: [400, 401, 403, 404],
    handler: async ({ params, principal, locale }) => ({
      status: 200,
      body: await waveMonitoring(principal, params.slug, params.waveId, locale),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/monitoring/waves",
    summary: "Every running wave of the program: completes against target, SMS funnel head",
    tags: ["monitoring"],
    auth: ["admin", "researcher"],
    query: langQuery,
    response: { status: 200, schema: programSchema, description: "Running waves" },
    errors: [400, 401, 403],
    handler: async ({ locale }) => ({
      status: 200,
      body: await programMonitoring(locale),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
];
