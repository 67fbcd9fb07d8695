import { z } from "zod";
import { defineRoute } from "../http/route";
import { scopeFor } from "../access/scope";
import { langQuery } from "../take/schema";
import { Authority } from "./model";
import {
  neighbourhoodsBody,
  neighbourhoodsResultSchema,
  setNeighbourhoods,
} from "./neighbourhoods";
import { authorityParams } from "../results/schema";

const authorityListSchema = z.array(
  z.object({ id: z.string(), slug: z.string(), name: z.string() }),
);

export const authorityRoutes = [
  defineRoute({
    method: "get",
    path: "/api/authorities",
    summary: "The authorities the caller may see (an authority role: its own)",
    tags: ["authorities"],
    // Program viewers see the program only anonymised (/api/results/program), never a named list.
    auth: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
    query: langQuery,
    response: { status: 200, schema: authorityListSchema, description: "Authorities by name" },
    errors: [400, 401, 403],
    handler: async ({ locale, principal }) => {
      const all = await Authority.find(scopeFor(principal, "_id"), { slug: 1, name: 1 }).lean();
      const body = all
        .map((a) => ({ id: a._id.toHexString(), slug: a.slug, name: a.name[locale] }))
        .sort((a, b) => a.name.localeCompare(b.name, locale));
      return { status: 200, body };
    },
  }),
  defineRoute({
    method: "put",
    path: "/api/authorities/:slug/neighbourhoods",
    summary:
      "The authority's closed list of neighbourhoods residents choose from (an empty list: the question is not asked)",
    tags: ["authorities"],
    auth: ["admin", "researcher"],
    params: authorityParams,
    query: langQuery,
    body: neighbourhoodsBody,
    response: { status: 200, schema: neighbourhoodsResultSchema, description: "Stored list" },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await setNeighbourhoods(principal, params.slug, body),
    }),
  }),
];
