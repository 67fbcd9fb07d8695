import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import pino from "pino";
import { loadConfig, type Config } from "../../server/config";
import { MIGRATIONS } from "../../server/db/migrations";
import { BASELINE_INDEXES } from "../../server/db/migrations/0001-baseline-indexes";
import type { Migration } from "../../server/db/migrations/migration";
import {
  ForeignIndexError,
  MIGRATIONS_COLLECTION,
  defaultIndexName,
  runMigrations,
} from "../../server/db/migrations/runner";
import { openStore, type Store } from "../../server/db/store";
import { TEST_SECRETS } from "../helpers/store";
import { loadAllModels } from "./model-files";

/**
 * A store as the previous release left it: indexes made by syncIndexes() at boot,
 * no migrations record, and an index a DBA added by hand, which that release
 * dropped at its next boot and migrations must keep.
 */
const logger = pino({ level: "silent" });
const DBA_INDEX = "dba_responses_submittedAt";
let dataDir: string;
let config: Config;
let store: Store | undefined;
const dbName = `kp_migrations_${process.env.JEST_WORKER_ID ?? "0"}_${Date.now().toString(36)}`;

const db = () => mongoose.connection.db!;
const indexNames = async (collection: string) =>
  (await db().collection(collection).listIndexes().toArray()).map((i) => i.name as string);

async function open(migrate: boolean): Promise<void> {
  store = await openStore(config, logger, { migrate, ...(config.mongodbUri ? { dbName } : {}) });
}

beforeAll(async () => {
  await loadAllModels();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-migrations-"));
  config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    ...TEST_SECRETS,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  // The previous release's boot: every model's indexes through syncIndexes(), nothing recorded.
  await open(false);
  await mongoose.syncIndexes();
  await db()
    .collection("responses")
    .insertOne({ submissionId: "before-migrations", submittedAt: new Date() });
  await db().collection("responses").createIndex({ submittedAt: 1 }, { name: DBA_INDEX });
});

afterAll(async () => {
  if (config.mongodbUri) await mongoose.connection.dropDatabase();
  await store?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("migrations on a store made by the previous release", () => {
  it("runs at boot, keeps the DBA's index and records what ran", async () => {
    await store!.close();
    await open(true); // the new release's boot
    expect(await indexNames("responses")).toContain(DBA_INDEX);
    for (const spec of BASELINE_INDEXES)
      expect(await indexNames(spec.collection)).toContain(defaultIndexName(spec.key));
    const records = await db().collection(MIGRATIONS_COLLECTION).find().toArray();
    expect(records.map((r) => r._id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(records.every((r) => r.completedAt instanceof Date)).toBe(true);
    expect(await db().collection("responses").countDocuments()).toBe(1);
  });

  it("runs nothing a second time, and the DBA's index survives the next boot too", async () => {
    expect(await runMigrations(db(), logger, MIGRATIONS)).toEqual([]);
    await store!.close();
    await open(true);
    expect(await indexNames("responses")).toContain(DBA_INDEX);
  });

  it("refuses to drop an index no migration created", async () => {
    const dropForeign: Migration = {
      id: "9001-drop-a-dba-index",
      description: "test: drops the DBA's index",
      up: (ctx) => ctx.dropIndex("responses", DBA_INDEX),
    };
    await expect(runMigrations(db(), logger, [...MIGRATIONS, dropForeign])).rejects.toThrow(
      ForeignIndexError,
    );
    expect(await indexNames("responses")).toContain(DBA_INDEX);
    const record = await db()
      .collection(MIGRATIONS_COLLECTION)
      .findOne({ _id: dropForeign.id as never });
    expect(record?.completedAt).toBeUndefined();
    expect(record?.failedAt).toBeInstanceOf(Date);
  });

  it("replaces an index a migration made, and applies data changes once", async () => {
    let runs = 0;
    const later: Migration[] = [
      {
        id: "9002-responses-by-locale",
        description: "test: an index, then a data change",
        up: async (ctx) => {
          runs += 1;
          await ctx.createIndexes([{ collection: "responses", key: { locale: 1 } }]);
          await ctx.db
            .collection("responses")
            .updateMany({ locale: { $exists: false } }, { $set: { locale: "he" } });
        },
      },
      {
        id: "9003-responses-by-locale-and-wave",
        description: "test: replaces its own index",
        up: async (ctx) => {
          await ctx.dropIndex("responses", "locale_1");
          await ctx.createIndexes([{ collection: "responses", key: { locale: 1, waveId: 1 } }]);
        },
      },
    ];
    // Two processes starting at once: each migration still runs once.
    const [a, b] = await Promise.all([
      runMigrations(db(), logger, [...MIGRATIONS, ...later]),
      runMigrations(db(), logger, [...MIGRATIONS, ...later]),
    ]);
    expect([...a, ...b].sort()).toEqual(later.map((m) => m.id));
    expect(runs).toBe(1);
    const names = await indexNames("responses");
    expect(names).toEqual(expect.arrayContaining(["locale_1_waveId_1", DBA_INDEX]));
    expect(names).not.toContain("locale_1");
    expect(await db().collection("responses").countDocuments({ locale: "he" })).toBe(1);
  });
});
