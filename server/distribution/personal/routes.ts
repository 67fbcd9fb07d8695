import type { FieldCipher } from "../../privacy/crypto";
import { defineRoute } from "../../http/route";
import { submissionResultSchema, submissionSchema } from "../../take/schema";
import { personalSurveySchema, progressSavedSchema, progressSchema, tokenParams } from "./schema";
import { openPersonalLink, saveProgress, submitPersonal } from "./service";
import { langQuery } from "../../shared/schemas";

/** The resident's side of a personal SMS link, /r/<token>. */
export function personalLinkRoutes(cipher: FieldCipher) {
  return [
    defineRoute({
      method: "get",
      path: "/api/r/:token",
      summary:
        "Open a personal link (in the contact's language unless lang is given), with saved answers",
      tags: ["respondent"],
      auth: "public",
      rateLimitToken: (params) => params.token,
      params: tokenParams,
      query: langQuery,
      response: {
        status: 200,
        schema: personalSurveySchema,
        description: "The survey and saved progress",
      },
      errors: [400, 403, 404, 409, 410, 429],
      // Only an explicit ?lang= overrides the contact's language; Accept-Language does not.
      handler: async ({ params, query }) => {
        return {
          status: 200,
          body: await openPersonalLink(cipher, params.token, query.lang),
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/r/:token/progress",
      summary: "Save the answers so far and the page reached",
      tags: ["respondent"],
      auth: "public",
      rateLimitToken: (params) => params.token,
      params: tokenParams,
      query: langQuery,
      body: progressSchema,
      response: { status: 200, schema: progressSavedSchema, description: "Saved" },
      errors: [400, 403, 404, 409, 410, 413, 415, 429],
      handler: async ({ params, body }) => ({
        status: 200,
        body: await saveProgress(cipher, params.token, body),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/r/:token/responses",
      summary: "Submit the one response of a personal link",
      tags: ["respondent"],
      auth: "public",
      rateLimitToken: (params) => params.token,
      params: tokenParams,
      query: langQuery,
      body: submissionSchema,
      response: {
        status: 201,
        schema: submissionResultSchema,
        description: "Stored (200 when this submission was stored before; 409 for any other)",
      },
      errors: [400, 403, 404, 409, 410, 413, 415, 429, 503, 507],
      handler: async ({ params, body }) => {
        const result = await submitPersonal(params.token, body);
        return {
          status: result.created ? 201 : 200,
          body: { id: result.id, submittedAt: result.submittedAt.toISOString() },
        };
      },
    }),
  ];
}
