import type { Migration } from "./migration";

/**
 * Versioned population margins (server/results/margin-set-model.ts): one
 * version number per authority, unique, so two researchers saving at once get
 * a conflict rather than two "version 3"s.
 */
export const marginSetIndexes: Migration = {
  id: "0002-margin-sets",
  description: "Margin set versions, unique per authority",
  up: (ctx) =>
    ctx.createIndexes([
      { collection: "margin_sets", key: { authorityId: 1, version: 1 }, options: { unique: true } },
    ]),
};
