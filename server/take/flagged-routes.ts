import { z } from "zod";
import { defineRoute } from "../http/route";
import { waveParams } from "../waves/schema";
import { setFlaggedExcluded } from "./flagged-responses";
import { langQuery } from "../shared/schemas";

const flaggedSchema = z.object({
  counted: z.number().int().describe("Flagged responses counted in results"),
  excluded: z.number().int().describe("Flagged responses left out of results and exports"),
});

/** A researcher leaves a wave's flagged open-link responses out of results, or puts them back. */
export const flaggedRoutes = [
  defineRoute({
    method: "post",
    path: "/api/authorities/:slug/waves/:waveId/flagged-responses",
    summary: "Leave the wave's flagged open-link responses out of results and exports, or back in",
    tags: ["waves"],
    auth: ["admin", "researcher"],
    params: waveParams,
    query: langQuery,
    body: z.object({ exclude: z.boolean() }),
    response: { status: 200, schema: flaggedSchema, description: "The wave's flagged responses" },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ params, body, principal, req }) => ({
      status: 200,
      body: await setFlaggedExcluded(principal, params.slug, params.waveId, body.exclude, req.ip),
    }),
  }),
];
