import mongoose from "mongoose";
import { MIGRATIONS } from "../../server/db/migrations";
import { MIGRATIONS_COLLECTION } from "../../server/db/migrations/runner";
import { startTestStore } from "../helpers/store";

/**
 * Test stores start migrated: on the embedded store as copies of one store the
 * run migrated once (test/helpers/store.ts), on MongoDB by migrating each one.
 */
interface Recorded {
  _id: string;
  startedAt: Date;
  completedAt?: Date;
}

/** Opens a test store and reads its migration records, then closes it. */
async function migrationRecords(): Promise<Recorded[]> {
  const t = await startTestStore();
  try {
    return await mongoose.connection
      .db!.collection<Recorded>(MIGRATIONS_COLLECTION)
      .find({}, { sort: { _id: 1 } })
      .toArray();
  } finally {
    await t.close();
  }
}

it("a test store has every migration completed", async () => {
  const records = await migrationRecords();
  expect(records.map((r) => r._id)).toEqual(MIGRATIONS.map((m) => m.id).sort());
  expect(records.every((r) => r.completedAt instanceof Date)).toBe(true);
});

const embedded = process.env.MONGODB_URI ? it.skip : it;

embedded("embedded test stores are copies of one migrated store, not migrated each", async () => {
  const first = await migrationRecords();
  const second = await migrationRecords();
  expect(second.map((r) => r.startedAt.getTime())).toEqual(first.map((r) => r.startedAt.getTime()));
});
