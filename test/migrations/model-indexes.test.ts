import mongoose from "mongoose";
import { startTestStore, type TestStore } from "../helpers/store";
import { declaredIndexes, loadAllModels, storedIndexes } from "./model-files";

/**
 * The migrations are what makes indexes now; a model that declares an index no
 * migration creates (or the other way round) fails here, not in production.
 */
let t: TestStore;
beforeAll(async () => {
  await loadAllModels();
  t = await startTestStore();
});
afterAll(() => t.close());

describe("model index declarations and migrations", () => {
  it("finds the platform's models", () => {
    expect(mongoose.modelNames()).toEqual(
      expect.arrayContaining(["Response", "Wave", "User", "Session", "Contact"]),
    );
  });

  it("a fresh store after migrations has exactly the indexes the models declare", async () => {
    const stored = (await storedIndexes(mongoose.connection.db!)).sort();
    expect(stored).toEqual(declaredIndexes().sort());
  });
});
