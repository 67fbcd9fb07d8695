import type { Migration } from "./migration";

/**
 * A wave's quota cells (issue 20, server/quotas/): one document per wave, question
 * and answer value, kept unique so a cell's count is held in exactly one place.
 */
export const quotaCellIndexes: Migration = {
  id: "0008-quota-cells",
  description: "Quota cells: one per wave, question and answer",
  up: (ctx) =>
    ctx.createIndexes([
      {
        collection: "quotacells",
        key: { waveId: 1, question: 1, value: 1 },
        options: { unique: true },
      },
    ]),
};
