import type { ReportingRules } from "../analytics/reporting-rules";
import type { AnalyticsScope } from "../results/analytics-scope";
import { z } from "zod";
import { defineRoute } from "../http/route";
import { LOCALES } from "../shared/locales";
import { RESULTS_EXPORTERS } from "../shared/roles";
import { authoritiesFor, exportResponses, FILE_TYPES, RESPONSE_FORMATS } from "./service";
import { jobProgress } from "./export-jobs";
import { analystAccessOf, assertMayExportResponses, setAnalystAccess } from "./analyst-access";
import { codebookFor, exportResultsTable } from "./tables";
import { authorityInScope } from "../authorities/in-scope";

/** Roles allowed response-level data, and so every export. */
const EXPORTERS = ["admin", "researcher"] as const;

/** Also an authority's analysts, when the authority allows them (server/exports/analyst-access.ts). */
const RESPONSE_EXPORTERS = [...EXPORTERS, "authority-analyst"] as const;

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{2,60}$/) });

const analystAccessSchema = z.object({
  authority: z.string(),
  allowed: z
    .boolean()
    .describe("The authority's analysts may download its de-identified responses"),
  changedAt: z.string().nullable(),
});

const authority = z
  .string()
  .regex(/^(all|[a-z0-9-]{2,60})$/)
  .describe('An authority slug, or "all"');
const lang = z.enum(LOCALES).optional().describe("Language of labels; default en");

const jobId = z
  .uuid()
  .describe("A job id the client makes (a UUID), to follow the export's progress");

const exportJobSchema = z.object({
  job: z.string(),
  authority: z.string(),
  format: z.string(),
  total: z.number().int(),
  written: z.number().int(),
  state: z.enum(["running", "done", "failed"]),
  startedAt: z.string(),
  updatedAt: z.string(),
});

const fileSchema = z.string().describe("The file (streamed; not JSON)");

function download(name: string, format: keyof typeof FILE_TYPES) {
  const t = FILE_TYPES[format];
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    "Content-Type": t.mime,
    "Content-Disposition": `attachment; filename="${name}-${stamp}.${t.ext}"`,
    "Cache-Control": "no-store",
  };
}

/** The export routes; the results table reports by the configured rules (config.reporting). */
export function exportRoutes(rules: Readonly<ReportingRules>, analytics: AnalyticsScope) {
  return [
    defineRoute({
      method: "get",
      path: "/api/exports/responses",
      summary: "Responses, one row per response, as CSV (UTF-8 with BOM), XLSX or SPSS .sav",
      tags: ["exports"],
      auth: RESPONSE_EXPORTERS,
      query: z.object({ authority, format: z.enum(RESPONSE_FORMATS), lang, job: jobId.optional() }),
      response: { status: 200, schema: fileSchema, description: "The export file" },
      errors: [400, 401, 403, 404],
      handler: async ({ query, principal, req }) => {
        // An unknown authority (for an analyst, another one or "all") answers 404
        // before any file header is set; an analyst not allowed their own, 403.
        const { authorityId } = await authoritiesFor(query.authority, principal);
        await assertMayExportResponses(principal, authorityId);
        return {
          status: 200,
          body: "",
          headers: download(`responses-${query.authority}`, query.format),
          stream: async (out) => {
            await exportResponses(
              analytics,
              out,
              {
                authority: query.authority,
                format: query.format,
                locale: query.lang ?? "en",
                job: query.job,
              },
              { principal, ip: req.ip, via: "api" },
            );
          },
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/exports/jobs/:job",
      summary: "Progress of a responses export started with ?job=: rows written of the total",
      tags: ["exports"],
      auth: EXPORTERS,
      params: z.object({ job: jobId }),
      response: { status: 200, schema: exportJobSchema, description: "The export's progress" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => ({
        status: 200,
        body: await jobProgress(params.job, principal),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/exports/results",
      summary: "The dashboard's results table (suppressed as shown) as CSV or XLSX",
      tags: ["exports"],
      auth: RESULTS_EXPORTERS,
      query: z.object({
        authority,
        format: z.enum(["csv", "xlsx"]),
        lang,
        table: z
          .enum(["results", "distributions"])
          .optional()
          .describe(
            "A CSV's table: the results (default) or the frequency items' shares per answer",
          ),
      }),
      response: { status: 200, schema: fileSchema, description: "The results table" },
      errors: [400, 401, 403, 404],
      handler: async ({ query, principal, req }) => {
        // An unknown (or, for an analyst, another) authority answers 404 before any header.
        await authoritiesFor(query.authority, principal);
        return {
          status: 200,
          body: "",
          headers: download(`results-${query.authority}`, query.format),
          stream: (out) =>
            exportResultsTable(
              analytics,
              out,
              {
                authority: query.authority,
                format: query.format,
                locale: query.lang ?? "en",
                rules,
                table: query.table,
              },
              { principal, ip: req.ip, via: "api" },
            ),
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/exports/codebook",
      summary: "Codebook of the instrument version the authority's newest wave uses",
      tags: ["exports"],
      auth: EXPORTERS,
      query: z.object({ authority, format: z.enum(["csv", "md"]), lang }),
      response: { status: 200, schema: fileSchema, description: "The codebook" },
      errors: [400, 401, 403, 404],
      handler: async ({ query }) => {
        const text = await codebookFor(query.authority, query.format, query.lang ?? "en");
        return {
          status: 200,
          body: "",
          headers: download(`codebook-${query.authority}`, query.format),
          stream: async (out) => {
            out.write(text);
          },
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/exports/analyst-access/:slug",
      summary:
        "Whether the authority's analysts may download its de-identified responses (its analysts read it too)",
      tags: ["exports"],
      auth: RESPONSE_EXPORTERS,
      params: slugParams,
      response: { status: 200, schema: analystAccessSchema, description: "The switch" },
      errors: [400, 401, 403, 404],
      handler: async ({ params, principal }) => {
        // An analyst reads their own authority's switch; another's answers 404.
        await authorityInScope(principal, params.slug);
        return { status: 200, body: await analystAccessOf(params.slug) };
      },
    }),
    defineRoute({
      method: "put",
      path: "/api/exports/analyst-access/:slug",
      summary: "Allow or stop the authority's analysts downloading its responses (audited)",
      tags: ["exports"],
      auth: EXPORTERS,
      params: slugParams,
      body: z.object({ allowed: z.boolean() }),
      response: { status: 200, schema: analystAccessSchema, description: "The switch as set" },
      errors: [400, 401, 403, 404, 415],
      handler: async ({ params, body, principal, req }) => ({
        status: 200,
        body: await setAnalystAccess(params.slug, body.allowed, principal, req.ip),
      }),
    }),
  ];
}
