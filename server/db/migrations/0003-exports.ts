import type { Migration } from "./migration";

/**
 * The streamed responses export (server/exports): each wave read in export-key
 * order from an index (server/responses/export-key.ts), so nothing is sorted in
 * memory, and export jobs removed by a TTL index once they expire.
 */
export const exportIndexes: Migration = {
  id: "0003-exports",
  description: "Responses by wave and export key; export jobs expire",
  up: (ctx) =>
    ctx.createIndexes([
      { collection: "responses", key: { waveId: 1, exportKey: 1 } },
      { collection: "export_jobs", key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
    ]),
};
