/**
 * `node --import tsx scripts/bench/store-latency.ts [--runs 5000]`
 * (`npm run bench:store-latency`): what one command costs through the official
 * driver against the embedded store, beside a bare TCP echo in the same run.
 *
 * The store runs in a child process (`npm run db`), as the platform's own
 * server talks to it over loopback. For `ping` and a `findOne` by `_id` it
 * prints the median and p99 round trip, and the CPU time each command costs
 * the store's process and the client's (read from /proc): on a machine shared
 * with other work the clock mostly measures the others, the CPU split says
 * where the time goes. `--profile DIR` writes the store's CPU profile there
 * (node --cpu-prof). Goals (issue 23): ping <= 0.15 ms, indexed findOne <= 0.2 ms.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { startChild } from "../../test/helpers/process";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5000" }, profile: { type: "string" } },
});
const RUNS = Number(values.runs);

/** CPU microseconds a process has used, from /proc (user + system, in clock ticks of 10 ms). */
function processCpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function ownCpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}

interface Figures {
  median: number;
  p99: number;
  storeCpu: number;
  clientCpu: number;
}

async function measure(storePid: number, run: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < Math.min(500, RUNS); i += 1) await run(); // warm up the JIT
  const times: number[] = [];
  const store0 = processCpuMicros(storePid);
  const client0 = ownCpuMicros();
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const storeCpu = (processCpuMicros(storePid) - store0) / RUNS;
  const clientCpu = (ownCpuMicros() - client0) / RUNS;
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)]!,
    p99: times[Math.floor(times.length * 0.99)]!,
    storeCpu,
    clientCpu,
  };
}

/** A bare TCP echo of a ping-sized message, server in this process: the transport's floor. */
async function echo(): Promise<Figures> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => socket.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once("connect", resolve));
  const message = Buffer.alloc(80, 1);
  const once = () =>
    new Promise<void>((resolve) => {
      socket.once("data", () => resolve());
      socket.write(message);
    });
  const figures = await measure(process.pid, once);
  socket.destroy();
  server.close();
  return figures;
}

function line(name: string, f: Figures, goal?: string): string {
  const ms = (x: number) => x.toFixed(3);
  return (
    `${name.padEnd(26)} median ${ms(f.median)} ms  p99 ${ms(f.p99)} ms  ` +
    `CPU per command: store ${f.storeCpu.toFixed(0)} µs, client ${f.clientCpu.toFixed(0)} µs` +
    (goal ? `  (goal ${goal})` : "")
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-latency-"));
  const { child, match } = await startChild(
    "scripts/db.ts",
    ["--port", "0", "--dbpath", dir],
    { LOG_LEVEL: "silent" },
    /^(mongodb:\/\/\S+)$/m,
    120_000,
    values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [],
  );
  const storePid = child.process.pid!;
  const client = await MongoClient.connect(match[1]!, { maxPoolSize: 1 });
  const admin = client.db("admin");
  const docs = client.db("bench").collection<{ _id: number; n: number; s: string }>("docs");
  await docs.insertMany(Array.from({ length: 10_000 }, (_, i) => ({ _id: i, n: i, s: `v${i}` })));

  const transport = await echo();
  const ping = await measure(storePid, () => admin.command({ ping: 1 }));
  let i = 0;
  const findOne = await measure(storePid, () => docs.findOne({ _id: (i++ * 7919) % 10_000 }));

  console.log(`${RUNS} round trips each, one connection, the store in its own process`);
  // The echo's two ends both live in this process: its CPU is counted once, under "store".
  console.log(line("bare TCP echo", { ...transport, clientCpu: 0 }));
  console.log(line("ping", ping, "<= 0.15 ms"));
  console.log(line("findOne by _id", findOne, "<= 0.2 ms"));

  await client.close();
  const exited = new Promise((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGTERM");
  await exited;
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
