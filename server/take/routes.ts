import { Types } from "mongoose";
import type { Config } from "../config";
import { defineRoute } from "../http/route";
import { databaseBuckets } from "../middleware/rate-buckets";
import {
  openLinkSubmissionSchema,
  openLinkSurveySchema,
  slugParams,
  submissionResultSchema,
} from "./schema";
import { openSurvey, submitResponse } from "./service";
import { createStuffingGuard } from "./stuffing-guard";
import { acceptedLocale } from "../i18n/negotiate";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { langQuery } from "../shared/schemas";
import { ballotQuery, keptBallotKey, submittedBallotKey, withBallot } from "./ballot-http";
import { createBallots } from "./ballot";

/**
 * The respondent's side: open a survey by its link and submit answers. An open
 * link has no per-link request limit (one script could spend it and lock every
 * resident out): the stuffing guard challenges and flags instead, and the
 * per-address limit still holds.
 */
export function takeRoutes(
  config: Pick<Config, "linkSecret" | "openLink">,
  now: () => number = Date.now,
) {
  const guard = createStuffingGuard(config.linkSecret, config.openLink, {
    shared: databaseBuckets,
    now,
  });
  const ballots = createBallots(config.linkSecret);
  return [
    defineRoute({
      method: "get",
      path: "/api/take/:slug",
      summary: "Open a survey link in one locale",
      tags: ["respondent"],
      auth: "public",
      params: slugParams,
      query: langQuery.extend(ballotQuery),
      response: {
        status: 200,
        schema: openLinkSurveySchema,
        description: "The survey, ready to render, and a device token",
      },
      errors: [400, 403, 404, 410, 429],
      // ?lang=ru asks for Russian texts; `locale` is only the stored-text locale (he for ru).
      // Without ?lang= (the server-drawn page), the browser's languages decide, Russian
      // included, as the page's own script picks from navigator.languages.
      handler: async ({ params, query, locale, req }) => {
        const ballotKey = keptBallotKey(ballots, query.ballot);
        const asked =
          query.lang ??
          acceptedLocale(RESPONDENT_LOCALES, req.headers["accept-language"]) ??
          locale;
        const survey = withBallot(
          ballots,
          ballotKey,
          await openSurvey(params.slug, asked, { ballotKey }),
        );
        return {
          status: 200,
          body: { ...survey, device: guard.issue(new Types.ObjectId(survey.wave.id)) },
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/take/:slug/responses",
      summary: "Submit a completed response",
      tags: ["respondent"],
      auth: "public",
      params: slugParams,
      query: langQuery,
      body: openLinkSubmissionSchema,
      response: {
        status: 201,
        schema: submissionResultSchema,
        description: "Stored (200 when this submission id was stored before)",
      },
      errors: [400, 403, 404, 409, 410, 413, 415, 428, 429, 503, 507],
      handler: async ({ params, body, req }) => {
        const { device, ...submission } = body;
        const ballotKey = submittedBallotKey(ballots, submission.ballot);
        const result = await submitResponse(
          params.slug,
          submission,
          "open-link",
          (waveId) =>
            guard.admit({
              waveId,
              device,
              address: req.ip ?? "unknown",
              submissionId: submission.submissionId,
            }),
          { ballotKey },
        );
        return {
          status: result.created ? 201 : 200,
          body: { id: result.id, submittedAt: result.submittedAt.toISOString() },
        };
      },
    }),
  ];
}
