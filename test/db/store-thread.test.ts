/**
 * The embedded store in a thread of its own (server/db/embedded/thread.ts), as the
 * platform runs it by default: the platform's thread keeps the data directory's
 * lock and the log, the health check reads the thread's status without asking it,
 * and what was written is on disk when it closes. (The platform tests in
 * test/faults start the built server, whose store runs in its thread too.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { MongoClient } from "mongodb";
import mongoose from "mongoose";
import pino from "pino";
import { startEmbeddedServer } from "../../server/db/embedded";
import { readStoreCredential } from "../../server/db/embedded/credentials";
import { runningServerPort } from "../../server/db/embedded/lock";
import { startEmbeddedServerThread, storeHeapDefaultMb } from "../../server/db/embedded/thread";
import { openStore } from "../../server/db/store";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-store-thread-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Polls `read` until `done` holds (the thread publishes its status every moment). */
async function eventually<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const skipOnMongo = process.env.MONGODB_URI ? it.skip : it;
const MIB = 2 ** 20;

describe("the platform's store in its own thread", () => {
  skipOnMongo(
    "serves mongoose, reports its status, holds the directory and keeps the writes",
    async () => {
      const dir = tempDir();
      const store = await openStore(
        { mongodbUri: undefined, dataDir: dir, storeThread: "on" },
        pino({ level: "silent" }),
        { migrate: false },
      );
      let closed = false;
      try {
        const things = mongoose.connection.db!.collection("things");
        await things.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
        expect(await things.countDocuments({ n: { $gte: 2 } })).toBe(2);

        const health = await eventually(
          () => store.health(),
          (h) => h.embedded?.documents === 3,
        );
        expect(health).toMatchObject({
          kind: "embedded",
          state: "connected",
          embedded: { state: "running", collections: 1, documents: 3, dataDir: dir },
        });
        expect(health.embedded?.heapBytes).toBeGreaterThan(0);
        // Without STORE_HEAP_MB, the thread may grow to a share of the machine's memory,
        // past V8's default for a thread (about 4 GiB) on a machine that has it.
        const limit = health.embedded!.heapLimitBytes!;
        expect(limit).toBeGreaterThanOrEqual(storeHeapDefaultMb() * MIB);
        expect(limit).toBeGreaterThanOrEqual(Math.min(0.6 * os.totalmem(), 4 * 1024 * MIB));

        // The lock is this process's, in the platform's thread: tools find the port...
        expect(runningServerPort(dir)).toBe(Number(new URL(store.uri).port));
        // ...and a second store on the directory in this process is refused.
        await expect(startEmbeddedServer({ dbPath: dir })).rejects.toThrow(/already in use/);

        await store.close();
        closed = true;
        expect(runningServerPort(dir)).toBeUndefined();
      } finally {
        if (!closed) await store.close();
      }

      // Closed, the directory opens in this thread with every write in it.
      const again = await startEmbeddedServer({ dbPath: dir });
      const client = await MongoClient.connect(again.uri);
      try {
        expect(await client.db("kehila").collection("things").countDocuments()).toBe(3);
      } finally {
        await client.close();
        await again.close();
      }
    },
    30_000,
  );

  skipOnMongo("collects its garbage when asked, for what a benchmark counts as live", async () => {
    // As `node --expose-gc` runs the benchmarks; the flag reaches threads started after it.
    v8.setFlagsFromString("--expose-gc");
    const dir = tempDir();
    const store = await openStore(
      { mongodbUri: undefined, dataDir: dir, storeThread: "on" },
      pino({ level: "silent" }),
      { migrate: false },
    );
    try {
      const things = mongoose.connection.db!.collection("garbage");
      await things.insertMany(
        Array.from({ length: 3_000 }, (_, n) => ({ n, text: "x".repeat(500) })),
      );
      // Reads leave decoded documents and batches behind in the thread.
      for (let i = 0; i < 3; i += 1)
        expect(await things.find({ n: { $gte: 0 } }).toArray()).toHaveLength(3_000);
      await store.collectGarbage();
      const collected = store.health().embedded!.heapBytes!;
      for (let i = 0; i < 3; i += 1) await things.find({ n: { $gte: 0 } }).toArray();
      const before = store.health().embedded!.heapBytes!;
      await store.collectGarbage();
      // The status is brought up to date with the collection's result before it answers.
      const after = store.health().embedded!.heapBytes!;
      expect(after).toBeLessThan(before);
      expect(after).toBeLessThan(collected * 1.5);
    } finally {
      await store.close();
    }
  });

  skipOnMongo("writes the thread's log lines with the platform's logger", async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const server = await startEmbeddedServerThread({
      dbPath: dir,
      logger: logger.child({ component: "embedded-db" }),
    });
    try {
      const { user } = readStoreCredential(dir)!;
      const wrong = `mongodb://${user}:guessed-password@${server.host}:${server.port}/?authSource=admin&directConnection=true`;
      await expect(
        MongoClient.connect(wrong, { serverSelectionTimeoutMS: 5_000 }),
      ).rejects.toMatchObject({ code: 18 });
      const failure = await eventually(
        () => lines.find((l) => l.includes("store authentication failed")),
        (line) => line !== undefined,
      );
      const record = JSON.parse(failure!) as Record<string, unknown>;
      expect(record).toMatchObject({ level: 40, component: "embedded-db" });
      expect(record.remoteAddress).toBe("127.0.0.1");
      expect(failure).not.toContain("guessed-password");
    } finally {
      await server.close();
    }
  });

  skipOnMongo("says why it did not start, and leaves the directory free", async () => {
    const dir = tempDir();
    const blocker = await startEmbeddedServer({ dbPath: tempDir() });
    try {
      await expect(startEmbeddedServerThread({ dbPath: dir, port: blocker.port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await blocker.close();
    }
    expect(runningServerPort(dir)).toBeUndefined();
    const server = await startEmbeddedServerThread({ dbPath: dir });
    await server.flush();
    expect(server.status().state).toBe("running");
    await server.close();
    expect(server.status().state).toBe("closed");
  });

  skipOnMongo(
    "keeps to STORE_HEAP_MB, and says so when it runs out",
    async () => {
      const dir = tempDir();
      const store = await openStore(
        { mongodbUri: undefined, dataDir: dir, storeThread: "on", storeHeapMb: 300 },
        pino({ level: "silent" }),
        { migrate: false },
      );
      try {
        const limit = (await eventually(
          () => store.health().embedded?.heapLimitBytes,
          (l) => (l ?? 0) > 0,
        ))!;
        // V8 adds its young generation to the old generation's limit.
        expect(limit).toBeGreaterThanOrEqual(300 * MIB);
        expect(limit).toBeLessThan(400 * MIB);
      } finally {
        await store.close();
      }

      // A thread that fills its heap stops; the platform is told why and what to do.
      const lost = new Promise<Error>((resolve) => {
        void startEmbeddedServerThread({
          dbPath: tempDir(),
          heapLimitMb: 40,
          onLost: resolve,
        }).then(async (server) => {
          const client = await MongoClient.connect(server.uri);
          // Index keys live in the thread's heap (documents are kept as bytes outside it).
          const keyed = client.db("kehila").collection("keyed");
          await keyed.createIndex({ k: 1 });
          const pad = "k".repeat(1000);
          try {
            for (let i = 0; i < 400; i++)
              await keyed.insertMany(
                Array.from({ length: 1000 }, (_, j) => ({ k: `${i}.${j}${pad}` })),
              );
          } catch {
            // The connection goes with the thread.
          } finally {
            await client.close(true).catch(() => undefined);
          }
        });
      });
      const err = await lost;
      expect(err.message).toMatch(/ran out of memory at its limit of 40 MiB: raise STORE_HEAP_MB/);
    },
    60_000,
  );
});
