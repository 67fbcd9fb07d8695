import type { Migration } from "./migration";

/**
 * Aggregates kept as responses arrive (server/results/wave-stats.ts): responses not
 * yet folded into their wave's statistics are found by an index on the marker, and
 * the recompute jobs are listed newest first and removed a week after their last
 * update by a TTL index.
 */
export const incrementalAggregateIndexes: Migration = {
  id: "0004-incremental-aggregates",
  description: "Responses waiting to be aggregated; aggregate jobs listed and expired",
  up: (ctx) =>
    ctx.createIndexes([
      { collection: "responses", key: { aggregated: 1, waveId: 1 } },
      { collection: "aggregate_jobs", key: { startedAt: -1 } },
      { collection: "aggregate_jobs", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
    ]),
};
