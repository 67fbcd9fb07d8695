import type { Config } from "../config";
import { defineRoute } from "../http/route";
import { langQuery } from "../shared/schemas";
import { bridgeComparisonSchema, bridgeInputSchema, bridgeViewSchema } from "./bridge-schema";
import { bridgeComparison, setWaveBridge, waveBridge } from "./bridge-service";
import { waveParams } from "./schema";

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;
const DESIGNERS = ["admin", "researcher"] as const;

/**
 * A wave's split-ballot bridge (issue 19): researchers set it on a draft wave on
 * a new instrument version; everyone who reads the wave's results reads the
 * comparison of the two wordings that bridges the series break.
 */
export function waveBridgeRoutes(config: Pick<Config, "reporting">) {
  return [
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/bridge",
      summary: "A wave's split-ballot bridge, and the earlier versions it may name",
      tags: ["waves"],
      auth: READERS,
      params: waveParams,
      query: langQuery,
      response: { status: 200, schema: bridgeViewSchema, description: "The bridge, or null" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await waveBridge(principal, params.slug, params.waveId),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "put",
      path: "/api/authorities/:slug/waves/:waveId/bridge",
      summary:
        "Set (or remove, with null) a draft wave's split-ballot bridge: a share of its sample gets an earlier version's wording",
      tags: ["waves"],
      auth: DESIGNERS,
      params: waveParams,
      query: langQuery,
      body: bridgeInputSchema,
      response: { status: 200, schema: bridgeViewSchema, description: "The bridge as set" },
      errors: [400, 401, 403, 404, 409, 413, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await setWaveBridge(principal, params.slug, params.waveId, body),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/waves/:waveId/bridge-comparison",
      summary:
        "The two arms of a bridged wave per changed item: means, and the difference with its 95% interval",
      tags: ["waves", "results"],
      auth: READERS,
      params: waveParams,
      query: langQuery,
      response: { status: 200, schema: bridgeComparisonSchema, description: "Per changed item" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await bridgeComparison(
          principal,
          params.slug,
          params.waveId,
          config.reporting.minCell,
        ),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
  ];
}
