import { defineRoute } from "../http/route";
import { authorityParams } from "../results/schema";
import { langQuery } from "../shared/schemas";
import { groupExamplesBody, groupExamplesView } from "./schema";
import { readGroupExamples, setGroupExamples } from "./service";

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;

/** The examples of groups each authority's residents see beside the intergroup item. */
export const groupExamplesRoutes = [
  defineRoute({
    method: "get",
    path: "/api/authorities/:slug/group-examples",
    summary: "The examples of groups shown beside the intergroup-respect item",
    tags: ["authorities"],
    auth: READERS,
    params: authorityParams,
    query: langQuery,
    response: { status: 200, schema: groupExamplesView, description: "The examples, or null" },
    errors: [400, 401, 403, 404],
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await readGroupExamples(principal, params.slug),
    }),
  }),
  defineRoute({
    method: "put",
    path: "/api/authorities/:slug/group-examples",
    summary:
      "Set (or remove, with null) the authority's examples of groups, in he/ar/en (ru optional)",
    tags: ["authorities"],
    auth: ["admin", "researcher"],
    params: authorityParams,
    query: langQuery,
    body: groupExamplesBody,
    response: { status: 200, schema: groupExamplesView, description: "The examples as stored" },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await setGroupExamples(principal, params.slug, body),
    }),
  }),
];
