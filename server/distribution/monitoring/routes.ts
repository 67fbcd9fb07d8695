import { defineRoute } from "../../http/route";
import { waveParams } from "../../waves/schema";
import { programQuery, programSchema, waveMonitoringSchema } from "./schema";
import { programMonitoring, waveMonitoring } from "./service";
import { langQuery } from "../../shared/schemas";

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
    summary:
      "Waves of the program (a coordinator: of their authority) with completes against target and the SMS funnel head",
    tags: ["monitoring"],
    auth: ["admin", "researcher", "authority-coordinator"],
    query: programQuery,
    response: { status: 200, schema: programSchema, description: "Waves, one row each" },
    errors: [400, 401, 403],
    handler: async ({ principal, query, locale }) => ({
      status: 200,
      body: await programMonitoring(principal, query.status, locale),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
];
