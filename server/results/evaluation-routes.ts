import type { ReportingRules } from "../analytics/reporting-rules";
import { defineRoute } from "../http/route";
import type { AnalyticsScope } from "./analytics-scope";
import { programEvaluation } from "./evaluation";
import { evaluationQuery, evaluationSchema } from "./evaluation-schema";
import {
  primaryOutcomes,
  primaryOutcomesBody,
  primaryOutcomesSchemaOut,
  registerPrimaryOutcomes,
} from "./primary-outcomes";
import { langQuery } from "../shared/schemas";

/** Program-level figures: pooled over authorities of ≥ 3 and DiD against comparison localities. */
const EVALUATION_READERS = ["admin", "researcher", "program-viewer", "authority-analyst"] as const;

/** The evaluation routes, reporting by the platform's configured rules (config.reporting). */
export function evaluationRoutes(rules: Readonly<ReportingRules>, analytics: AnalyticsScope) {
  return [
    defineRoute({
      method: "get",
      path: "/api/results/evaluation",
      summary: "Difference in differences against comparison localities, and the pooled program",
      tags: ["results"],
      auth: EVALUATION_READERS,
      query: evaluationQuery,
      response: { status: 200, schema: evaluationSchema, description: "Program evaluation" },
      errors: [400, 401, 403],
      handler: async ({ query, locale }) => ({
        status: 200,
        body: await programEvaluation(analytics, locale, query.weighting ?? "equal", rules),
        headers: { "Cache-Control": "no-store" },
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/results/primary-outcomes",
      summary: "The pre-registered primary outcomes and whether they are frozen",
      tags: ["results"],
      auth: EVALUATION_READERS,
      query: langQuery,
      response: { status: 200, schema: primaryOutcomesSchemaOut, description: "Primary outcomes" },
      errors: [400, 401, 403],
      handler: async () => ({ status: 200, body: await primaryOutcomes() }),
    }),
    defineRoute({
      method: "put",
      path: "/api/results/primary-outcomes",
      summary: "Pre-registers the primary outcomes; refused once a follow-up wave has responses",
      tags: ["results"],
      auth: ["admin", "researcher"],
      body: primaryOutcomesBody,
      response: { status: 200, schema: primaryOutcomesSchemaOut, description: "Primary outcomes" },
      errors: [400, 401, 403, 409, 415],
      handler: async ({ body, principal }) => ({
        status: 200,
        body: await registerPrimaryOutcomes(principal, body),
      }),
    }),
  ];
}
