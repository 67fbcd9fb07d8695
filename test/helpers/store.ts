import crypto from "node:crypto";
import fsSync, { existsSync, statfsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CommandStartedEvent } from "mongodb";
import mongoose from "mongoose";
import pino from "pino";
import { loadConfig, type Config } from "../../server/config";
import { openStore, type Store } from "../../server/db/store";
import { trackOpenStore } from "./open-stores";
import { testRunDir } from "./run-dir";

/**
 * The secrets of this test file's stores, random per file (no constant in the source):
 * a helper that needs the app's keys apart from a store (to sign a webhook, make a
 * personal link) loads its config with them.
 */
export const TEST_SECRETS = Object.freeze({
  SESSION_SECRET: crypto.randomBytes(32).toString("base64"),
  DATA_ENCRYPTION_KEY: `t1:${crypto.randomBytes(32).toString("base64")}`,
  LINK_SECRET: crypto.randomBytes(32).toString("base64"),
  SMS_WEBHOOK_SECRET: crypto.randomBytes(32).toString("base64"),
});

/** A store of its own for one test file, torn down with everything in it. */
export interface TestStore {
  store: Store;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Opens a fresh store: the embedded server on a temporary directory, or, when
 * MONGODB_URI is set, a database of its own on that server, dropped afterwards.
 * `copyOf` is the directory of a closed embedded store to start from (a copy of
 * it: the original is left as it is); it is ignored on MongoDB. Without it an
 * embedded store starts as a copy of this run's migrated empty store
 * ({@link migratedEmptyStore}), when there is one; the migrations still run on
 * open and find nothing left to do.
 */
export async function startTestStore(options: { copyOf?: string } = {}): Promise<TestStore> {
  const copyOf = process.env.MONGODB_URI
    ? undefined
    : (options.copyOf ?? (await migratedEmptyStore()));
  const dataDir = await fs.mkdtemp(path.join(testStoreParentDir(), "kp-test-"));
  if (copyOf) await fs.cp(copyOf, dataDir, { recursive: true });
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    // In the test's own thread: a thread of its own loads the store's modules through
    // tsx again for every file (test/db/store-thread.test.ts runs it in one).
    STORE_THREAD: "off",
    ...TEST_SECRETS,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  const dbName = config.mongodbUri
    ? `kp_test_${process.env.JEST_WORKER_ID ?? "0"}_${Date.now().toString(36)}`
    : undefined;
  const store = await openStore(config, pino({ level: "silent" }), { dbName });
  const close = async () => {
    forget();
    if (config.mongodbUri) await mongoose.connection.dropDatabase();
    await store.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  const forget = trackOpenStore(close);
  return { store, config, dataDir, close };
}

/** A memory-backed directory test stores may use, and the room it must have left. */
const MEMORY_DIR = "/dev/shm";
const MEMORY_DIR_MIN_FREE = 1024 ** 3;

/**
 * Where test stores keep their files: a memory-backed directory when the machine
 * has one with room to spare (/dev/shm on Linux; a container's is often too small),
 * else the temporary directory. The embedded store syncs its journal after every
 * write (fdatasync, several milliseconds on a disk), a wait each test paid and
 * no test checks: nothing in a test store must outlive the machine. The crash
 * and disk-full tests make directories of their own.
 */
export function testStoreParentDir(): string {
  try {
    const fsStats = statfsSync(MEMORY_DIR);
    fsSync.accessSync(MEMORY_DIR, fsSync.constants.W_OK);
    if (fsStats.bavail * fsStats.bsize >= MEMORY_DIR_MIN_FREE) return MEMORY_DIR;
  } catch {
    // No such directory here (macOS, Windows) or not ours to write: the disk it is.
  }
  return os.tmpdir();
}

/**
 * The directory of a closed embedded store with every migration applied and no
 * data, made once per jest run by the first file that asks (two asking at once
 * each make one; the first rename wins). Creating and migrating a store costs a
 * few hundred milliseconds of CPU; copying this one a few dozen. Undefined on
 * MongoDB, outside a jest run with the global setup (test/helpers/run-dir.ts), or
 * while a mongoose connection is open here (the store would need it): the caller
 * then migrates a store of its own, as on MongoDB.
 */
async function migratedEmptyStore(): Promise<string | undefined> {
  const runDir = testRunDir();
  if (!runDir || process.env.MONGODB_URI || mongoose.connection.readyState !== 0) return undefined;
  const dir = path.join(runDir, "migrated-empty-store");
  if (existsSync(dir)) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  await fs.rm(building, { recursive: true, force: true });
  const store = await openStore(
    { mongodbUri: undefined, dataDir: building, storeThread: "off" },
    pino({ level: "silent" }),
  );
  await store.close();
  try {
    await fs.rename(building, dir);
  } catch {
    // Another worker renamed its copy first; both hold the same migrated store.
    await fs.rm(building, { recursive: true, force: true });
  }
  return dir;
}

/** Removes every document of every collection, keeping indexes. */
export async function clearCollections(): Promise<void> {
  const collections = await mongoose.connection.db!.collections();
  await Promise.all(collections.map((c) => c.deleteMany({})));
}

/**
 * Reconnects mongoose to the same store with command monitoring on, and
 * collects every command it sends into `seen`: for tests that check what a
 * step reads. The store's address carries its credential (the embedded
 * store's, or MONGODB_URI's).
 */
export async function monitorCommands(t: TestStore, seen: CommandStartedEvent[]): Promise<void> {
  const dbName = mongoose.connection.name;
  await mongoose.disconnect();
  await mongoose.connect(t.store.uri, { dbName, monitorCommands: true });
  mongoose.connection.getClient().on("commandStarted", (e) => seen.push(e));
}
