import type { Migration } from "./migration";

/**
 * Each authority's own examples of groups in its locality (issue 19,
 * server/group-examples/): one document per authority, kept unique by an index.
 */
export const groupExampleIndexes: Migration = {
  id: "0006-group-examples",
  description: "Group examples: one set per authority",
  up: (ctx) =>
    ctx.createIndexes([
      { collection: "groupexamples", key: { authorityId: 1 }, options: { unique: true } },
    ]),
};
