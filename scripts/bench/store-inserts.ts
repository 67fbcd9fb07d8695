/**
 * `npm run bench:store-inserts -- [--inserts 3000] [--clients 1,16,64] [--runs 1]`:
 * what one unbatched `insertOne` costs the embedded store, the way the platform
 * would send a submission without its insert batcher (server/take/insert-batch.ts).
 *
 * The store runs in a child process (`npm run db`), so its CPU (read from /proc:
 * every thread, kernel time included, which is where a journal sync and a socket
 * wake-up are paid) is counted apart from the driver's. For each number of
 * concurrent clients it prints inserts per second, the median and p99 round
 * trip, and the CPU per insert of the store and of the client. On a machine
 * shared with other work the clock mostly measures the others; the store's CPU
 * per insert is the figure to compare between versions. One client pays a
 * journal sync per insert; many share each sync (group commit, journal.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient, ObjectId } from "mongodb";
import { startChild } from "../../test/helpers/process";

const { values } = parseArgs({
  options: {
    inserts: { type: "string", default: "3000" },
    clients: { type: "string", default: "1,16,64" },
    runs: { type: "string", default: "1" },
  },
});
const INSERTS = Number(values.inserts);
const CLIENTS = values.clients.split(",").map(Number);
const RUNS = Number(values.runs);

/** CPU microseconds a process has used, from /proc (user + system, in clock ticks of 10 ms). */
function processCpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** A response of about the demo's size (~1.3 kB of BSON), `_id` first as the platform sends it. */
function response(n: number): Record<string, unknown> {
  return {
    _id: new ObjectId(),
    waveId: new ObjectId("6650f0f0f0f0f0f0f0f0f0f0"),
    authorityId: new ObjectId("6650f0f0f0f0f0f0f0f0f0f1"),
    channel: "link",
    locale: "he",
    submissionId: `bench-${n}-${Math.random().toString(36).slice(2)}`,
    answers: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`q${i}`, (n + i) % 5])),
    scores: { trust: 3.25, belonging: 2.5, efficacy: 4 },
    submittedAt: new Date(),
    __v: 0,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-inserts-"));
  const { child, match } = await startChild(
    "scripts/db.ts",
    ["--port", "0", "--dbpath", dir],
    { LOG_LEVEL: "silent" },
    /^(mongodb:\/\/\S+)$/m,
    120_000,
  );
  const pid = child.process.pid!;
  const client = await MongoClient.connect(match[1]!, { maxPoolSize: Math.max(...CLIENTS) });
  const responses = client.db("bench").collection("responses");
  await responses.createIndex({ submissionId: 1 }, { unique: true });
  await responses.createIndex({ waveId: 1, submittedAt: 1 });
  let n = 0;
  try {
    console.log(
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}; ${INSERTS} single insertOne per run, the store in its own process`,
    );
    for (let run = 0; run < RUNS; run += 1) {
      for (const clients of CLIENTS) {
        // Warm up the JIT and open every pooled connection before measuring.
        await Promise.all(
          Array.from({ length: clients }, async () => {
            for (let i = 0; i < 20; i += 1) await responses.insertOne(response(n++));
          }),
        );
        const times: number[] = [];
        const store0 = processCpuMicros(pid);
        const client0 = process.cpuUsage();
        const started = performance.now();
        let left = INSERTS;
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (left > 0) {
              left -= 1;
              const t = performance.now();
              await responses.insertOne(response(n++));
              times.push(performance.now() - t);
            }
          }),
        );
        const wall = performance.now() - started;
        const used = process.cpuUsage(client0);
        times.sort((a, b) => a - b);
        const storeMs = (processCpuMicros(pid) - store0) / 1000 / INSERTS;
        const clientMs = (used.user + used.system) / 1000 / INSERTS;
        console.log(
          `${String(clients).padStart(3)} clients  ${((INSERTS / wall) * 1000).toFixed(0).padStart(5)}/s  ` +
            `median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms  p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(2)} ms  ` +
            `CPU per insert: store ${storeMs.toFixed(3)} ms, client ${clientMs.toFixed(3)} ms`,
        );
      }
    }
  } finally {
    await client.close();
    const exited = new Promise((resolve) => child.process.once("exit", resolve));
    child.process.kill("SIGTERM");
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
