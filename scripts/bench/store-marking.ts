/**
 * `npm run bench:store-marking -- [--responses 100000]`: the fold's marking of
 * responses on the embedded store (issue 22). Responses of the platform's shape
 * are inserted 2,000 at a time (the baseline: what writing them costs), then
 * marked as the fold marks them: the outbox read of 2,000 not yet folded
 * (`{ aggregated: null, waveId: { $in } }`) and one `updateMany` setting
 * `aggregated` on them, until none is left. Prints both rates and the marking's
 * time per response as a multiple of the insert's, what the journal and
 * snapshot hold on disk after the marking, and the time to reopen the store
 * from them (to its first answer). The store runs in this process, on a fresh
 * data directory, its journal synced as in production.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient, type Document, type ObjectId } from "mongodb";
import { startEmbeddedServer } from "../../server/db/embedded";
import { RESPONSE_INDEXES, response } from "./response-shape";

const { values } = parseArgs({ options: { responses: { type: "string", default: "100000" } } });
const N = Number(values.responses);
const BATCH = 2_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-marking-"));
  let server = await startEmbeddedServer({ dbPath: dir });
  let client = await MongoClient.connect(server.uri);
  try {
    const responses = client.db("kehila").collection("responses");
    await responses.createIndexes(RESPONSE_INDEXES.map((spec) => ({ ...spec })));
    const waves = new Map<string, ObjectId>();
    let started = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const docs: Document[] = [];
      for (let j = i; j < Math.min(N, i + BATCH); j += 1) docs.push(response(j));
      for (const d of docs) waves.set(String(d.waveId), d.waveId as ObjectId);
      await responses.insertMany(docs, { ordered: false });
    }
    const insertMs = performance.now() - started;
    const filter = { aggregated: null, waveId: { $in: [...waves.values()] } };
    started = performance.now();
    let marked = 0;
    for (;;) {
      const rows = await responses
        .find(filter, { projection: { _id: 1 } })
        .limit(BATCH)
        .toArray();
      if (rows.length === 0) break;
      await responses.updateMany(
        { _id: { $in: rows.map((r) => r._id) } },
        { $set: { aggregated: true } },
      );
      marked += rows.length;
    }
    const markMs = performance.now() - started;
    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en");
    console.log(`${N.toLocaleString("en")} responses of the platform's shape, ${waves.size} waves`);
    console.log(`insert (baseline): ${rate(N, insertMs)} responses/s`);
    console.log(`marking as folded: ${rate(marked, markMs)} responses/s`);
    console.log(
      `marking per response / insert per response: ${(markMs / marked / (insertMs / N)).toFixed(2)}`,
    );
    await server.flush();
    const mib = (file: string) =>
      `${((fs.statSync(path.join(dir, file), { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20).toFixed(0)} MiB`;
    console.log(`on disk: snapshot ${mib("snapshot.kpj")}, journal ${mib("journal.kpj")}`);
    await client.close();
    await server.close();
    started = performance.now();
    server = await startEmbeddedServer({ dbPath: dir });
    client = await MongoClient.connect(server.uri);
    await client.db("kehila").command({ ping: 1 });
    console.log(`reopen to the first answer: ${(performance.now() - started).toFixed(0)} ms`);
  } finally {
    await client.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
