import { defineRoute } from "../http/route";
import {
  langQuery,
  openSurveySchema,
  slugParams,
  submissionResultSchema,
  submissionSchema,
} from "./schema";
import { openSurvey, submitResponse } from "./service";

/** The respondent's side: open a survey by its link and submit answers. */
export const takeRoutes = [
  defineRoute({
    method: "get",
    path: "/api/take/:slug",
    summary: "Open a survey link in one locale",
    tags: ["respondent"],
    auth: "public",
    rateLimitToken: (params) => params.slug,
    params: slugParams,
    query: langQuery,
    response: { status: 200, schema: openSurveySchema, description: "The survey, ready to render" },
    errors: [400, 404, 410, 429],
    handler: async ({ params, locale }) => ({
      status: 200,
      body: await openSurvey(params.slug, locale),
      headers: { "Cache-Control": "no-store" },
    }),
  }),
  defineRoute({
    method: "post",
    path: "/api/take/:slug/responses",
    summary: "Submit a completed response",
    tags: ["respondent"],
    auth: "public",
    rateLimitToken: (params) => params.slug,
    params: slugParams,
    query: langQuery,
    body: submissionSchema,
    response: {
      status: 201,
      schema: submissionResultSchema,
      description: "Stored (200 when this submission id was stored before)",
    },
    errors: [400, 404, 410, 413, 415, 429, 503, 507],
    handler: async ({ params, body }) => {
      const result = await submitResponse(params.slug, body, "open-link");
      return {
        status: result.created ? 201 : 200,
        body: { id: result.id, submittedAt: result.submittedAt.toISOString() },
      };
    },
  }),
];
