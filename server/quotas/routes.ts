import { defineRoute } from "../http/route";
import { langQuery } from "../shared/schemas";
import { waveParams } from "../waves/schema";
import { quotaInputSchema, quotaViewSchema } from "./schema";
import { setWaveQuotas, waveQuotas } from "./service";

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;
const DESIGNERS = ["admin", "researcher"] as const;

/**
 * A wave's quotas (issue 20): researchers set a target per answer of a choice
 * question; everyone who follows the wave's fieldwork sees each cell fill.
 */
export function quotaRoutes() {
  return [
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/quotas",
      summary: "A wave's quotas with each cell's count, and the questions a quota can be set on",
      tags: ["waves"],
      auth: READERS,
      params: waveParams,
      query: langQuery,
      response: { status: 200, schema: quotaViewSchema, description: "The quotas" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await waveQuotas(principal, params.slug, params.waveId),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "put",
      path: "/api/authorities/:slug/waves/:waveId/quotas",
      summary:
        "Set a wave's quotas: a target per answer of a choice question; a full cell turns its residents away, thanked",
      tags: ["waves"],
      auth: DESIGNERS,
      params: waveParams,
      query: langQuery,
      body: quotaInputSchema,
      response: { status: 200, schema: quotaViewSchema, description: "The quotas as set" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await setWaveQuotas(principal, params.slug, params.waveId, body),
      }),
    }),
  ];
}
