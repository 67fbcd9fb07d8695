/**
 * `npx tsx scripts/bench/store.ts [--docs 1000000]`: the embedded store's speed
 * and memory, printed as figures and as ratios measured in the same run.
 *
 *   inserts/s        journaled single-document creates through mongoose (32 at a time)
 *   point find/s     findOne on an indexed field, one at a time
 *   scan vs index    the same selective query without and with an index, on N documents
 *   cold start       restart (snapshot replay and index rebuild) with N documents
 *   memory           heap held per million stored documents
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import mongoose from "mongoose";
import { startEmbeddedServer, type EmbeddedServer } from "../../server/db/embedded";
import { startChild } from "../../test/helpers/process";

const { values } = parseArgs({ options: { docs: { type: "string", default: "1000000" } } });
const N = Number(values.docs);

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-store-"));
  const server: EmbeddedServer = await startEmbeddedServer({ dbPath: dir });
  const figures: Record<string, string> = {};

  // 1. Journaled inserts through mongoose, many clients at once (group commit).
  await mongoose.connect(server.uri, { dbName: "bench", maxPoolSize: 32 });
  const Answer = mongoose.model(
    "Answer",
    new mongoose.Schema({ wave: String, n: Number, text: String }),
  );
  const inserts = 5_000;
  const insertRun = await timed(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < inserts) {
          next += 1;
          await Answer.create({ wave: "w1", n: next, text: "answer" });
        }
      }),
    );
  });
  figures["journaled inserts/s (mongoose create, 32 clients)"] = (
    inserts /
    (insertRun.ms / 1000)
  ).toFixed(0);
  const batches = await timed(async () => {
    for (let b = 0; b < 20; b += 1) {
      await Answer.insertMany(
        Array.from({ length: 1000 }, (_, i) => ({ wave: "w2", n: i, text: "answer" })),
      );
    }
  });
  figures["journaled inserts/s (mongoose insertMany of 1,000)"] =
    `${(20_000 / (batches.ms / 1000)).toFixed(0)}  (target >= 5,000)`;
  await mongoose.disconnect();

  // 2. Bulk load N small documents.
  const client = await MongoClient.connect(server.uri);
  const docs = client.db("bench").collection("docs");
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const load = await timed(async () => {
    for (let i = 0; i < N; i += 10_000) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + 10_000); j += 1)
        batch.push({ k: j, g: j % 1000, s: `v${j % 97}` });
      await docs.insertMany(batch, { ordered: false });
    }
  });
  figures[`bulk load of ${N} documents`] =
    `${(load.ms / 1000).toFixed(1)} s (${(N / (load.ms / 1000)).toFixed(0)}/s)`;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  figures["heap per 1M documents (no secondary index)"] =
    `${((((heapAfter - heapBefore) / N) * 1e6) / 1024 / 1024).toFixed(0)} MiB`;

  // 3. A selective query by scan, then by index.
  const probe = (i: number) => ({ k: (i * 7919) % N });
  const scanRuns = 3;
  const scan = await timed(async () => {
    for (let i = 0; i < scanRuns; i += 1) await docs.findOne(probe(i));
  });
  await docs.createIndex({ k: 1 });
  const indexedRuns = 2_000;
  const indexed = await timed(async () => {
    for (let i = 0; i < indexedRuns; i += 1) await docs.findOne(probe(i));
  });
  const scanMs = scan.ms / scanRuns;
  const indexMs = indexed.ms / indexedRuns;
  figures["indexed point find/s"] = (1000 / indexMs).toFixed(0);
  figures[`scan vs indexed find on ${N} documents`] =
    `${scanMs.toFixed(1)} ms vs ${indexMs.toFixed(3)} ms = ${(scanMs / indexMs).toFixed(0)}x  (target >= 100x)`;
  gc();
  figures["heap per 1M documents (with one secondary index)"] =
    `${((((process.memoryUsage().heapUsed - heapBefore) / N) * 1e6) / 1024 / 1024).toFixed(0)} MiB`;

  // 4. Cold start: close (compacts into a snapshot), then a fresh process — `npm run db` on the
  // same directory — until a client has its first answer; this process's heap is left out.
  await client.close();
  await server.close();
  gc();
  const cold = await timed(async () => {
    const { child, match } = await startChild(
      "scripts/db.ts",
      ["--port", "0", "--dbpath", dir],
      { LOG_LEVEL: "silent" },
      /^(mongodb:\/\/\S+)$/m,
      120_000,
    );
    const fresh = await MongoClient.connect(match[1]!);
    const found = await fresh.db("bench").collection("docs").findOne({ k: 42 });
    await fresh.close();
    return { child, found };
  });
  if (!cold.result.found) throw new Error("the restarted store lost data");
  figures[`cold start with ${N + inserts + 20_000} documents`] =
    `${(cold.ms / 1000).toFixed(2)} s  (target <= 5 s at 1M; includes starting Node and tsx)`;
  const exited = new Promise((resolve) => cold.result.child.process.once("exit", resolve));
  cold.result.child.process.kill("SIGTERM");
  await exited;
  figures["snapshot on disk"] =
    `${(fs.statSync(path.join(dir, "snapshot.kpj")).size / 1024 / 1024).toFixed(0)} MiB`;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(52)} ${v}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
