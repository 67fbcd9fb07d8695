import { z } from "zod";
import { defineRoute } from "../http/route";
import { aggregateJobProgress, recentAggregateJobs } from "./aggregate-jobs";
import { JOB_REASONS, JOB_UNITS } from "./schema";

/** Roles that follow the statistics' recomputation (they see every authority's). */
const FOLLOWERS = ["admin", "researcher"] as const;

const jobSchema = z.object({
  job: z.string(),
  reason: z.enum(JOB_REASONS),
  unit: z.enum(JOB_UNITS),
  total: z.number().int(),
  done: z.number().int(),
  state: z.enum(["running", "done", "failed"]),
  startedAt: z.string(),
  updatedAt: z.string(),
});

/**
 * Progress of the background jobs on wave statistics
 * (server/results/aggregate-jobs.ts): recomputations started by a change of
 * margins, instrument version or a removal, and the fold of responses that
 * arrived in bulk; followed here.
 */
export const aggregateJobRoutes = [
  defineRoute({
    method: "get",
    path: "/api/results/aggregate-jobs",
    summary: "The latest background jobs on wave statistics, newest first",
    tags: ["results"],
    auth: FOLLOWERS,
    response: {
      status: 200,
      schema: z.object({ jobs: z.array(jobSchema) }),
      description: "Recent jobs",
    },
    errors: [401, 403],
    handler: async () => ({ status: 200, body: { jobs: await recentAggregateJobs() } }),
  }),
  defineRoute({
    method: "get",
    path: "/api/results/aggregate-jobs/:job",
    summary:
      "Progress of one background job on wave statistics: waves (or, for responses that arrived, responses) done of the total",
    tags: ["results"],
    auth: FOLLOWERS,
    params: z.object({ job: z.string().regex(/^[0-9a-f]{24}$/) }),
    response: { status: 200, schema: jobSchema, description: "The job's progress" },
    errors: [400, 401, 403, 404],
    handler: async ({ params }) => ({ status: 200, body: await aggregateJobProgress(params.job) }),
  }),
];
