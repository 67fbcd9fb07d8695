import type { Migration } from "./migration";

/**
 * Waves, their statistics' records and the margin sets, indexed by when they
 * last changed: each dashboard view asks what was written since its last one
 * (server/results/stamp-window.ts) instead of reading every wave of the
 * program.
 */
export const programChangeStampIndexes: Migration = {
  id: "0011-program-change-stamps",
  description: "Waves, wave statistics and margin sets by updatedAt",
  up: (ctx) =>
    ctx.createIndexes(
      ["waves", "wave_stats", "margin_sets", "populationmargins"].map((collection) => ({
        collection,
        key: { updatedAt: 1 },
      })),
    ),
};
