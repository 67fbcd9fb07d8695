import { defineRoute } from "../http/route";
import { langQuery } from "../take/schema";
import { authorityParams, authorityResultsSchema } from "./schema";
import { authorityResults } from "./service";

export const resultsRoutes = [
  defineRoute({
    method: "get",
    path: "/api/results/authorities/:slug",
    summary: "Each construct of one authority across its waves",
    tags: ["results"],
    params: authorityParams,
    query: langQuery,
    response: { status: 200, schema: authorityResultsSchema, description: "Longitudinal results" },
    errors: [400, 404],
    handler: async ({ params, locale }) => ({
      status: 200,
      body: await authorityResults(params.slug, locale),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
];
