import { defineRoute } from "../http/route";
import { scopeFor } from "../access/scope";
import { NotFoundError } from "../errors";
import { Authority } from "./model";
import {
  neighbourhoodsBody,
  neighbourhoodsResultSchema,
  setNeighbourhoods,
} from "./neighbourhoods";
import { authorityParams } from "../results/schema";
import {
  attributesOf,
  authorityAttributesBody,
  authorityAttributesSchema,
  authorityListSchema,
} from "./schema";
import { langQuery } from "../shared/schemas";

export const authorityRoutes = [
  defineRoute({
    method: "get",
    path: "/api/authorities",
    summary: "The authorities the caller may see (an authority role: its own), with attributes",
    tags: ["authorities"],
    // Program viewers see the program only anonymised (/api/results/program), never a named list.
    auth: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
    query: langQuery,
    response: { status: 200, schema: authorityListSchema, description: "Authorities by name" },
    errors: [400, 401, 403],
    handler: async ({ locale, principal }) => {
      const all = await Authority.find(scopeFor(principal, "_id")).lean();
      const body = all
        .map((a) => ({
          id: a._id.toHexString(),
          slug: a.slug,
          name: a.name[locale],
          ...attributesOf(a),
        }))
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
  defineRoute({
    method: "patch",
    path: "/api/authorities/:slug",
    summary:
      "Sets an authority's program status, CBS clusters, population group and size, observed holidays, coordinates and Russian name",
    tags: ["authorities"],
    auth: ["admin"],
    params: authorityParams,
    body: authorityAttributesBody,
    response: { status: 200, schema: authorityAttributesSchema, description: "Attributes" },
    errors: [400, 401, 403, 404, 415],
    handler: async ({ params, body }) => {
      // null clears an optional attribute: $unset, so it reads as absent, not as null.
      // The Russian name is the `ru` of the stored name.
      const fields = Object.entries(body).map(([k, v]) => [k === "russianName" ? "name.ru" : k, v]);
      const set = Object.fromEntries(fields.filter(([, v]) => v !== null));
      const unset = Object.fromEntries(fields.filter(([, v]) => v === null).map(([k]) => [k, 1]));
      const updated = await Authority.findOneAndUpdate(
        { slug: params.slug },
        { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
        { returnDocument: "after", runValidators: true },
      ).lean();
      if (!updated) throw new NotFoundError();
      return { status: 200, body: attributesOf(updated) };
    },
  }),
];
