import fs from "node:fs";
import path from "node:path";

/**
 * The submission path stores responses through the mongoose model, as every
 * other write does: no documents assembled by hand for the driver (`__v`
 * written out, `collection.insertMany`), no batching layer of the app's own.
 */
const TAKE = path.resolve(__dirname, "../../server/take");

describe("the submission path", () => {
  it("writes and reads through mongoose models, not the driver", () => {
    const byHand: string[] = [];
    for (const name of fs.readdirSync(TAKE).filter((n) => n.endsWith(".ts"))) {
      const source = fs.readFileSync(path.join(TAKE, name), "utf8");
      for (const pattern of [/__v:/, /\.collection\.\w+\(/, /\.db\.db\b/, /insert-batch/])
        if (pattern.test(source)) byHand.push(`${name}: ${pattern.source}`);
    }
    expect(byHand).toEqual([]);
  });
});
