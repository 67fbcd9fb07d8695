/**
 * `npm run bench:store -- [--docs 1000000] [--budget-minutes 25] [--keep DIR]`: the
 * embedded store's speed and memory at the size asked, printed as figures beside
 * their goals. `--reopen DIR [--runs 3]` only times cold starts of a store kept
 * by an earlier `--keep DIR`, so the reopen can be measured again without loading.
 * `--rewrite DIR [--share 0.7]` first writes that share of a kept store's responses
 * again, whole waves at a time as the dashboards' fold marks them, so that its
 * journal holds them (as a store does between compactions) when `--reopen` times it.
 *
 *   inserts/s        journaled single-document creates through mongoose (32 at a time)
 *   load             N response-shaped documents (scripts/bench/response-shape.ts)
 *                    with the responses' five indexes, through the driver's insertMany
 *   heap per BSON    growth of V8 heap plus Buffer memory between N/2 and N, divided
 *                    by the BSON stored in between (issue 23's goal: at most 1.5)
 *   indexed / scan   findOne by submissionId, a count that has to scan everything, a
 *                    count of one wave its index answers, and one wave read sorted by
 *                    exportKey as an export reads it (rows per CPU-second, peak growth)
 *   round trips      ping and findOne by _id through the driver beside a bare TCP
 *                    echo, measured first, on a small store in its own process
 *                    (scripts/bench/store-latency.ts, `--latency-runs`, 0 skips it)
 *   cold start       a fresh `npm run db` process on the closed store, to its first
 *                    answer: wall clock and the process's CPU, less the same start on
 *                    an empty store (Node and tsx), as responses per second and that
 *                    rate carried to 4.1 M (linear: each document costs the same to
 *                    replay, which the figures at several sizes in docs/scale.md show)
 *
 * Loading stops at the time budget, and the figures then say how far it got. The
 * process restarts itself with a larger V8 heap when N needs one.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import type { Document } from "bson";
import { MongoClient } from "mongodb";
import mongoose from "mongoose";
import { startEmbeddedServer, type EmbeddedServer } from "../../server/db/embedded";
import { startChild } from "../../test/helpers/process";
import { response, RESPONSE_INDEXES } from "./response-shape";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "1000000" },
    "budget-minutes": { type: "string", default: "25" },
    keep: { type: "string" },
    reopen: { type: "string" },
    rewrite: { type: "string" },
    share: { type: "string", default: "0.7" },
    runs: { type: "string", default: "3" },
    "latency-runs": { type: "string", default: "5000" },
  },
});
const N = Number(values.docs);
const BUDGET_MS = Number(values["budget-minutes"]) * 60_000;
const BATCH = 10_000;
const GIB = 1024 ** 3;
const NATIONAL = 4_100_000;
/** Heap for the store, its decoding and the driver's batches: about 2 kB per document and 2 GiB. */
const HEAP_MIB = Math.ceil((N * 2048 + 2 * GIB) / 1024 ** 2);

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error("run with node --expose-gc (npm run bench:store does)");
  collect();
  collect();
}

/** V8 heap plus the Buffers outside it (where the stored documents' bytes live). */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

async function journaledInserts(server: EmbeddedServer, figures: Record<string, string>) {
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
}

async function main() {
  const started = performance.now();
  const dir = values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-store-"));
  if (values.keep) {
    if (fs.existsSync(values.keep) && fs.readdirSync(values.keep).length > 0)
      throw new Error(`--keep ${values.keep}: not empty; --reopen times a kept store`);
    fs.mkdirSync(values.keep, { recursive: true });
  }
  const figures: Record<string, string> = {};
  roundTrips(figures);
  const server: EmbeddedServer = await startEmbeddedServer({ dbPath: dir });
  await journaledInserts(server, figures);

  const client = await MongoClient.connect(server.uri, { ignoreUndefined: true });
  const db = client.db("bench");
  const responses = db.collection("responses");
  for (const { key, ...options } of RESPONSE_INDEXES) await responses.createIndex(key, options);
  const stored = async () => Number((await db.command({ collStats: "responses" })).size);

  gc();
  const start = memory();
  let half = { memory: start, bson: 0 };
  let loaded = 0;
  let nextReport = N / 10;
  const loadStarted = performance.now();
  const loadCpu = process.cpuUsage();
  while (loaded < N) {
    if (loaded >= N / 2 && half.bson === 0) {
      gc();
      half = { memory: memory(), bson: await stored() };
    }
    const batch: Document[] = [];
    for (let i = loaded; i < Math.min(N, loaded + BATCH); i += 1) batch.push(response(i));
    await responses.insertMany(batch, { ordered: false });
    loaded += batch.length;
    const elapsed = performance.now() - loadStarted;
    if (loaded >= nextReport || loaded === N) {
      nextReport += N / 10;
      console.log(
        `loaded ${loaded} of ${N} in ${(elapsed / 1000).toFixed(0)} s ` +
          `(${(loaded / (elapsed / 1000)).toFixed(0)}/s), heap + Buffers ${(memory() / GIB).toFixed(2)} GiB`,
      );
    }
    if (performance.now() - started > BUDGET_MS && loaded < N) {
      console.log(`time budget spent: stopping the load at ${loaded} of ${N} documents`);
      break;
    }
  }
  const loadMs = performance.now() - loadStarted;
  gc();
  const end = { memory: memory(), bson: await stored() };
  const perByte = (end.memory - half.memory) / (end.bson - half.bson);
  figures[`load of ${loaded} responses (5 indexes)`] =
    `${(loadMs / 1000).toFixed(0)} s (${(loaded / (loadMs / 1000)).toFixed(0)}/s, ` +
    `${(cpuMs(loadCpu) / 1000).toFixed(0)} s of CPU), ${(end.bson / loaded).toFixed(0)} B of BSON each`;
  // Stopped before N/2, the growth is measured from the start, the fixed costs in it.
  const span = half.bson > 0 ? "N/2 to N" : "whole load, fixed costs in";
  figures[`heap + Buffers per BSON byte (${span})`] = `${perByte.toFixed(2)}  (goal <= 1.5)`;
  figures["heap + Buffers held for the responses"] =
    `${((end.memory - start) / GIB).toFixed(2)} GiB for ${(end.bson / GIB).toFixed(2)} GiB of BSON  (goal <= 8 at 4.1 M)`;

  const ids: string[] = [];
  for await (const d of responses
    .find({}, { projection: { submissionId: 1 } })
    .skip(Math.floor(loaded / 3))
    .limit(2_000))
    ids.push(d.submissionId as string);
  const times: number[] = [];
  const indexedCpu = process.cpuUsage();
  for (const id of ids) {
    const t = performance.now();
    if (!(await responses.findOne({ submissionId: id }))) throw new Error("lost " + id);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  figures["indexed findOne by submissionId"] =
    `median ${times[times.length >> 1]!.toFixed(3)} ms, ` +
    `${((cpuMs(indexedCpu) * 1000) / ids.length).toFixed(0)} µs of CPU each (client and store)`;
  const scanCpu = process.cpuUsage();
  const scan = await timed(() => responses.countDocuments({ "answers.q07": 5, locale: "ar" }));
  figures[`full scan (count, ${scan.result} match)`] =
    `${(scan.ms / 1000).toFixed(1)} s, ${(cpuMs(scanCpu) / 1000).toFixed(1)} s of CPU`;
  // One wave counted, which the { waveId, panelId } index holds (a count of keys), and
  // read sorted by exportKey as an export reads it, a batch at a time. Each twice: the
  // first builds the index's ordered keys, which later reads find kept up to date.
  const { waveId } = (await responses.findOne({}, { projection: { waveId: 1 } }))!;
  for (const run of ["first", "again"]) {
    const byIndexCpu = process.cpuUsage();
    const byIndex = await timed(() => responses.countDocuments({ waveId }));
    figures[`count of one wave by index, ${run} (${byIndex.result} match)`] =
      `${(byIndex.ms / 1000).toFixed(2)} s, ${(cpuMs(byIndexCpu) / 1000).toFixed(2)} s of CPU`;
  }
  for (const run of ["first", "again"]) {
    gc();
    const beforeExport = memory();
    let peakExport = beforeExport;
    const exportCpu = process.cpuUsage();
    const walk = await timed(async () => {
      let rows = 0;
      for await (const doc of responses
        .find({ waveId }, { projection: { answers: 1, scores: 1 } })
        .sort({ exportKey: 1 })
        .batchSize(1_000)) {
        rows += doc ? 1 : 0;
        if (rows % 1_000 === 0) peakExport = Math.max(peakExport, memory());
      }
      return rows;
    });
    figures[`wave read sorted by exportKey, ${run} (${walk.result} rows)`] =
      `${(walk.result / (cpuMs(exportCpu) / 1000)).toFixed(0)} rows per CPU-s (client and store), ` +
      `heap + Buffers peak growth ${((peakExport - beforeExport) / 1024 ** 2).toFixed(0)} MB`;
  }

  // Cold start: close (compacts into a snapshot), then a fresh process (`npm run db`) on the
  // same directory until a client has its first answer; this process's heap is left out.
  await client.close();
  await server.close();
  await reopenFigures(dir, loaded, ids[0]!, 1, figures);
  if (values.keep) console.log(`store kept in ${dir}: time its reopen with --reopen ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(52)} ${v}`);
}

/**
 * Round trips through the driver, before this process holds a large store: the
 * latency bench in a child of its own, its figures carried into this run's.
 */
function roundTrips(figures: Record<string, string>): void {
  const runs = values["latency-runs"]!;
  if (Number(runs) === 0) return;
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "store-latency.ts"), "--runs", runs],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (run.status !== 0) throw new Error(`store-latency exited with ${run.status}`);
  for (const line of run.stdout.split("\n")) {
    const figure = /^(bare TCP echo|ping|findOne by _id)\s+(.*)$/.exec(line);
    if (figure) figures[`round trip, ${figure[1]} (${runs} runs)`] = figure[2]!;
  }
}

/** CPU seconds a child process has used so far (Linux /proc), undefined elsewhere. */
function childCpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return undefined;
  }
}

/** A fresh `npm run db` on `dir` until a client has its first answer: wall and CPU seconds. */
async function coldStart(
  dir: string,
  probe?: string,
): Promise<{ s: number; cpu?: number; documents: number }> {
  const started = performance.now();
  const { child, match } = await startChild(
    "scripts/db.ts",
    ["--port", "0", "--dbpath", dir],
    { LOG_LEVEL: "silent" },
    /^(mongodb:\/\/\S+)$/m,
    1_800_000,
    [`--max-old-space-size=${HEAP_MIB}`],
  );
  const fresh = await MongoClient.connect(match[1]!);
  // An indexed find when a response id is known, else a ping: neither reads every document.
  const found = probe
    ? await fresh.db("bench").collection("responses").findOne({ submissionId: probe })
    : await fresh.db("bench").command({ ping: 1 });
  const s = (performance.now() - started) / 1000;
  const cpu = childCpuSeconds(child.process.pid);
  const documents = await fresh.db("bench").collection("responses").estimatedDocumentCount();
  await fresh.close();
  if (probe && !found) throw new Error("the restarted store lost data");
  const exited = new Promise((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGTERM");
  await exited;
  return { s, cpu, documents };
}

/**
 * Cold starts on `dir` (holding `docs` responses) beside cold starts on an empty store,
 * whose difference is the reopen itself: printed as seconds, responses per second and
 * seconds at 4.1 M, for wall clock and for the process's CPU (which other work on a
 * shared machine does not inflate). The best of `runs` counts: noise only adds.
 */
async function reopenFigures(
  dir: string,
  docs: number | undefined,
  probe: string | undefined,
  runs: number,
  figures: Record<string, string>,
): Promise<void> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-store-empty-"));
  const full: Array<{ s: number; cpu?: number; documents: number }> = [];
  const bare: Array<{ s: number; cpu?: number; documents: number }> = [];
  for (let r = 0; r < runs; r += 1) {
    bare.push(await coldStart(empty));
    full.push(await coldStart(dir, probe));
  }
  fs.rmSync(empty, { recursive: true, force: true });
  docs ??= full[0]!.documents;
  const n = docs;
  const best = (list: Array<{ s: number; cpu?: number; documents: number }>, key: "s" | "cpu") =>
    Math.min(...list.map((r) => r[key] ?? Infinity));
  const line = (key: "s" | "cpu", label: string) => {
    const reopen = best(full, key) - best(bare, key);
    if (!Number.isFinite(reopen)) return;
    figures[`reopen of ${n} responses (${label})`] =
      `${reopen.toFixed(1)} s: ${(n / reopen).toFixed(0)}/s; at 4.1 M ${((reopen * NATIONAL) / n).toFixed(0)} s ` +
      `(goal <= 20)`;
  };
  figures[`cold start with ${docs} responses (best of ${runs})`] =
    `${best(full, "s").toFixed(1)} s wall, ${best(full, "cpu").toFixed(1)} s of CPU; ` +
    `an empty store ${best(bare, "s").toFixed(1)} s, ${best(bare, "cpu").toFixed(1)} s of CPU`;
  line("s", "wall, less an empty store's start");
  line("cpu", "CPU, less an empty store's start");
  figures["snapshot and journal on disk"] =
    `${fileMiB(dir, "snapshot.kpj")} MiB, ${fileMiB(dir, "journal.kpj")} MiB`;
}

/** The size of a store's file in MiB, 0 when it is not there. */
function fileMiB(dir: string, name: string): string {
  const bytes = fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
  return (bytes / 1024 ** 2).toFixed(0);
}

/** `--reopen DIR`: cold starts of a kept store only. */
async function reopenOnly(dir: string): Promise<void> {
  const figures: Record<string, string> = {};
  await reopenFigures(dir, undefined, undefined, Number(values.runs), figures);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(52)} ${v}`);
}

/** `--rewrite DIR`: a share of a kept store's responses written again, wave by wave. */
async function rewriteOnly(dir: string): Promise<void> {
  const server = await startEmbeddedServer({ dbPath: dir });
  const client = await MongoClient.connect(server.uri);
  const responses = client.db("bench").collection("responses");
  // Every (wave, authority) pair, read from a stream of the documents' two ids.
  const groups = new Map<string, Map<string, { waveId: unknown; authorityId: unknown }>>();
  for await (const d of responses.find({}, { projection: { _id: 0, waveId: 1, authorityId: 1 } })) {
    const wave = String(d.waveId);
    if (!groups.has(wave)) groups.set(wave, new Map());
    groups.get(wave)!.set(String(d.authorityId), { waveId: d.waveId, authorityId: d.authorityId });
  }
  const waves = [...groups.keys()].sort();
  const chosen = waves.slice(0, Math.round(waves.length * Number(values.share)));
  const started = performance.now();
  let written = 0;
  // A wave at a time, an authority's few hundred responses per update: as the fold marks them.
  for (const wave of chosen) {
    for (const filter of groups.get(wave)!.values()) {
      const { modifiedCount } = await responses.updateMany(
        { ...filter, rewritten: { $exists: false } },
        { $set: { rewritten: true } },
      );
      written += modifiedCount;
    }
  }
  await client.close();
  await server.close();
  console.log(
    `wrote ${written} responses of ${chosen.length} waves again in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `snapshot ${fileMiB(dir, "snapshot.kpj")} MiB, journal ${fileMiB(dir, "journal.kpj")} MiB`,
  );
}

if (v8.getHeapStatistics().heap_size_limit < HEAP_MIB * 1024 ** 2) {
  // Too little heap for N documents: run again with enough, same arguments.
  const again = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MIB}`, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  process.exit(again.status ?? 1);
} else {
  (values.rewrite
    ? rewriteOnly(values.rewrite)
    : values.reopen
      ? reopenOnly(values.reopen)
      : main()
  ).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
