import type { Migration } from "./migration";

/**
 * The TRAPD record of each string of an instrument in each target language
 * (issue 19, server/bank/trapd*.ts): one document per key, string and language,
 * kept unique by an index so two reviewers cannot open the same record twice.
 */
export const translationReviewIndexes: Migration = {
  id: "0007-translation-reviews",
  description: "Translation reviews: one record per instrument string and language",
  up: (ctx) =>
    ctx.createIndexes([
      {
        collection: "translationreviews",
        key: { key: 1, path: 1, locale: 1 },
        options: { unique: true },
      },
    ]),
};
