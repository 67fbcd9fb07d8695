import { statfsSync } from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import { MIGRATIONS } from "../../server/db/migrations";
import { MIGRATIONS_COLLECTION } from "../../server/db/migrations/runner";
import { startTestStore } from "../helpers/store";

/**
 * How test stores start (test/helpers/store.ts): migrated, on the embedded store
 * as copies of one store the run migrated once, on MongoDB by migrating each one;
 * in memory where the machine has room.
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

/** Whether this machine has a memory-backed /dev/shm with a gigabyte free. */
function memoryDirHasRoom(): boolean {
  try {
    const stats = statfsSync("/dev/shm");
    return stats.bavail * stats.bsize >= 1024 ** 3;
  } catch {
    return false;
  }
}

const withMemoryDir = memoryDirHasRoom() ? it : it.skip;

withMemoryDir(
  "test stores keep their files in /dev/shm: no wait for each journal sync",
  async () => {
    const t = await startTestStore();
    try {
      expect(path.dirname(t.dataDir)).toBe("/dev/shm");
    } finally {
      await t.close();
    }
  },
);
