import { defineRoute } from "../http/route";
import { createMarginSet, importCbsMargins, listMarginSets } from "./margin-sets";
import {
  cbsImportBody,
  marginSetBody,
  marginSetListSchema,
  marginSetSchema,
  marginsCsvBody,
  marginsCsvCheckSchema,
} from "./margin-set-schema";
import { checkMarginsCsv, importMarginsCsv } from "./margins-upload";
import { authorityParams } from "./schema";

/** Who keeps population margins: the research team. */
const MARGIN_KEEPERS = ["admin", "researcher"] as const;

/** Versioned population margins of one authority (docs/methods.md, section 3). */
export const marginRoutes = [
  defineRoute({
    method: "get",
    path: "/api/results/authorities/:slug/margin-sets",
    summary: "Every version of the authority's population margins, and which one each wave uses",
    tags: ["results"],
    auth: MARGIN_KEEPERS,
    params: authorityParams,
    response: { status: 200, schema: marginSetListSchema, description: "Margin set versions" },
    errors: [400, 401, 403, 404],
    handler: async ({ params, principal }) => ({
      status: 200,
      body: await listMarginSets(principal, params.slug),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/results/authorities/:slug/margin-sets",
    summary: "A new version of the authority's margins: source, year, universe 18+, valid from",
    tags: ["results"],
    auth: MARGIN_KEEPERS,
    params: authorityParams,
    body: marginSetBody,
    response: { status: 201, schema: marginSetSchema, description: "The stored version" },
    errors: [400, 401, 403, 404, 409, 415],
    handler: async ({ params, body, principal }) => ({
      status: 201,
      body: await createMarginSet(principal, params.slug, body),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/results/authorities/:slug/margin-sets/cbs",
    summary:
      "A new version from a CBS locality table saved as CSV (locality, variable, category, count)",
    tags: ["results"],
    auth: MARGIN_KEEPERS,
    params: authorityParams,
    body: cbsImportBody,
    response: { status: 201, schema: marginSetSchema, description: "The stored version" },
    errors: [400, 401, 403, 404, 409, 415],
    handler: async ({ params, body, principal }) => ({
      status: 201,
      body: await importCbsMargins(principal, params.slug, body),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/results/authorities/:slug/margin-sets/upload/check",
    summary:
      "Checks a margins file (source, year, variable, category, share): every problem by row",
    tags: ["results"],
    auth: MARGIN_KEEPERS,
    params: authorityParams,
    body: marginsCsvBody,
    response: { status: 200, schema: marginsCsvCheckSchema, description: "What the file holds" },
    errors: [400, 401, 403, 404, 415],
    handler: async ({ params, body, principal }) => ({
      status: 200,
      body: await checkMarginsCsv(principal, params.slug, body),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/results/authorities/:slug/margin-sets/upload",
    summary: "A new version from a margins file (source, year, variable, category, share)",
    tags: ["results"],
    auth: MARGIN_KEEPERS,
    params: authorityParams,
    body: marginsCsvBody,
    response: { status: 201, schema: marginSetSchema, description: "The stored version" },
    errors: [400, 401, 403, 404, 409, 415],
    handler: async ({ params, body, principal }) => ({
      status: 201,
      body: await importMarginsCsv(principal, params.slug, body),
    }),
  }),
];
