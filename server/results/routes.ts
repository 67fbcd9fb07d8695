import type { ReportingRules } from "../analytics/reporting-rules";
import { defineRoute } from "../http/route";
import type { AnalyticsScope } from "./analytics-scope";
import { programResults } from "./program";
import { responseRates } from "./rates";
import {
  authorityParams,
  authorityResultsSchema,
  programQuery,
  programResultsSchema,
  responseRatesSchema,
} from "./schema";
import { marginsBody, marginsResultSchema, setMargins } from "./margins";
import { authorityResults } from "./service";
import { setSampleDesign } from "./sample-design";
import { sampleDesignBody, sampleDesignParams, sampleDesignSchema } from "./sample-design-schema";
import { langQuery } from "../shared/schemas";

/** Who reads one authority's named results: program-wide analysts, and that authority's analysts. */
const RESULT_READERS = ["admin", "researcher", "authority-analyst"] as const;

/** The results routes, reporting by the platform's configured rules (config.reporting). */
export function resultsRoutes(rules: Readonly<ReportingRules>, analytics: AnalyticsScope) {
  return [
    defineRoute({
      method: "get",
      path: "/api/results/authorities/:slug",
      summary: "Each construct of one authority across its waves",
      tags: ["results"],
      auth: RESULT_READERS,
      params: authorityParams,
      query: programQuery,
      response: {
        status: 200,
        schema: authorityResultsSchema,
        description: "Longitudinal results",
      },
      errors: [400, 401, 403, 404],
      handler: async ({ params, query, locale, principal }) => ({
        status: 200,
        body: await authorityResults(
          analytics,
          principal,
          params.slug,
          locale,
          rules,
          query.weighting ?? "equal",
        ),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/results/program",
      summary: "Program-wide pooled figures by period; per authority as the role allows",
      tags: ["results"],
      auth: ["admin", "researcher", "program-viewer", "authority-analyst"],
      query: programQuery,
      response: { status: 200, schema: programResultsSchema, description: "Program results" },
      errors: [400, 401, 403],
      handler: async ({ query, locale, principal }) => ({
        status: 200,
        body: await programResults(analytics, principal, locale, query.weighting ?? "equal", rules),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "put",
      path: "/api/results/authorities/:slug/margins",
      summary: "Population margins the authority's waves are raked to (empty list: unweighted)",
      tags: ["results"],
      auth: ["admin", "researcher"],
      params: authorityParams,
      body: marginsBody,
      response: { status: 200, schema: marginsResultSchema, description: "Stored margins" },
      errors: [400, 401, 403, 404, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await setMargins(principal, params.slug, body),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/authorities/:slug/response-rates",
      summary: "Responses per wave and channel of one authority (no answers)",
      tags: ["results"],
      auth: ["admin", "researcher", "authority-analyst", "authority-coordinator"],
      params: authorityParams,
      query: langQuery,
      response: { status: 200, schema: responseRatesSchema, description: "Counts per wave" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, locale, principal }) => ({
        status: 200,
        body: await responseRates(analytics, principal, params.slug, locale),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "put",
      path: "/api/results/waves/:waveId/sample-design",
      summary:
        "Mark a wave as a probability sample (or not): unmarked open-link and kiosk waves are engagement",
      tags: ["results"],
      auth: ["admin", "researcher"],
      params: sampleDesignParams,
      body: sampleDesignBody,
      response: { status: 200, schema: sampleDesignSchema, description: "The wave's mark" },
      errors: [400, 401, 403, 404, 415],
      handler: async ({ params, body, principal }) => ({
        status: 200,
        body: await setSampleDesign(params.waveId, body.probability, principal.id),
      }),
    }),
  ];
}
