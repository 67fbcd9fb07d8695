/**
 * `node --import tsx scripts/bench/store-latency.ts [--runs 5000]`
 * (`npm run bench:store-latency`): what one command costs through the official
 * driver against the embedded store, beside a bare TCP echo in the same run.
 *
 * The store runs in a child process (`npm run db`), as the platform's own
 * server talks to it over loopback, built as `npm run build:server` builds the
 * platform (esbuild, no names kept); `--tsx` runs its sources through tsx as
 * `npm run db` does, whose kept function names cost each closure a
 * defineProperty. For `ping` and a `findOne` by `_id` it
 * prints the median and p99 round trip, and the CPU time each command costs
 * the store's process and the client's (read from /proc): on a machine shared
 * with other work the clock mostly measures the others, the CPU split says
 * where the time goes. `--profile DIR` writes the store's CPU profile there
 * (node --cpu-prof). `--callgrind` runs the store under valgrind's callgrind
 * instead and prints the instructions each command costs the store's main
 * thread: a figure other work on the machine does not move (the kernel's share
 * of a round trip is not in it). Goals (issue 23): ping <= 0.15 ms, indexed
 * findOne <= 0.2 ms. The same commands against a server that answers from
 * constants (scripts/bench/driver-floor.ts) give the driver's and the kernel's
 * part alone in the same run, and what the store adds above it.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { MongoClient } from "mongodb";
import { startChild } from "../../test/helpers/process";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5000" },
    profile: { type: "string" },
    tsx: { type: "boolean", default: false },
    callgrind: { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const ROOT = path.resolve(__dirname, "../..");

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

/** An entry point (the store's, `scripts/db.ts`) built as `npm run build:server` builds the platform. */
async function buildEntry(dir: string, entry: string): Promise<string> {
  const outfile = path.join(dir, `${path.basename(entry, ".ts")}.js`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "cjs",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

interface Store {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

/** The store, or with `entry` another server (the driver's floor), in a process of its own. */
async function startServer(
  dir: string,
  dataDir: string,
  entry = "scripts/db.ts",
  nodeArgs: string[] = [],
): Promise<Store> {
  const args = ["--port", "0", "--dbpath", dataDir];
  // The build lives outside the repository; its packages are the repository's.
  const env = { LOG_LEVEL: "silent", NODE_PATH: path.join(ROOT, "node_modules") };
  const script = values.tsx ? entry : path.relative(ROOT, await buildEntry(dir, entry));
  const { child, match } = await startChild(
    script,
    args,
    env,
    /^(mongodb:\/\/\S+)$/m,
    120_000,
    nodeArgs,
  );
  return {
    uri: match[1]!,
    pid: child.process.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => child.process.once("exit", resolve));
      child.process.kill("SIGTERM");
      await exited;
    },
  };
}

/** The store under callgrind, counting nothing until told to (callgrind_control -i on). */
async function startCallgrindStore(dir: string, dataDir: string): Promise<Store> {
  const script = values.tsx
    ? ["--import", "tsx", "scripts/db.ts"]
    : [await buildEntry(dir, "scripts/db.ts")];
  const proc = spawn(
    "valgrind",
    [
      "--tool=callgrind",
      "--separate-threads=yes",
      "--smc-check=all-non-file", // V8 writes the code it runs
      "--instr-atstart=no",
      `--callgrind-out-file=${path.join(dir, "callgrind.%p")}`,
      process.execPath,
      ...script,
      "--port",
      "0",
      "--dbpath",
      dataDir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", NODE_PATH: path.join(ROOT, "node_modules") },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const uri = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /^(mongodb:\/\/\S+)$/m.exec(output);
      if (found) resolve(found[1]!);
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`valgrind exited with ${code}:\n${output}`)));
  });
  return {
    uri,
    pid: proc.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

/** Instructions per command on the store's main thread, counted by callgrind over RUNS commands. */
async function instructions(
  store: Store,
  dir: string,
  run: () => Promise<unknown>,
  dump: number,
): Promise<number> {
  for (let i = 0; i < Math.max(5000, RUNS); i += 1) await run(); // past the JIT's tiers
  const control = (...args: string[]) =>
    execFileSync("callgrind_control", [...args, String(store.pid)], { stdio: "ignore" });
  control("-i", "on");
  for (let i = 0; i < RUNS; i += 1) await run();
  control("-i", "off");
  control("-d");
  // With --separate-threads the main thread's counts are in the file ending -01.
  const file = path.join(dir, `callgrind.${store.pid}.${dump}-01`);
  const totals = /^totals: (\d+)/m.exec(fs.readFileSync(file, "utf8"));
  control("-z");
  return Number(totals?.[1] ?? NaN) / RUNS;
}

async function callgrindMain(dir: string, dataDir: string) {
  const store = await startCallgrindStore(dir, dataDir);
  const client = await MongoClient.connect(store.uri, { maxPoolSize: 1 });
  const admin = client.db("admin");
  const docs = client.db("bench").collection<{ _id: number; n: number; s: string }>("docs");
  await docs.insertMany(Array.from({ length: 10_000 }, (_, i) => ({ _id: i, n: i, s: `v${i}` })));
  const ping = await instructions(store, dir, () => admin.command({ ping: 1 }), 1);
  let i = 0;
  const findOne = await instructions(
    store,
    dir,
    () => docs.findOne({ _id: (i++ * 7919) % 10_000 }),
    2,
  );
  console.log(
    `store instructions per command (callgrind, main thread, ${RUNS} commands each, ` +
      `${values.tsx ? "sources through tsx" : "production build"})`,
  );
  const k = (n: number) => `${(n / 1000).toFixed(1)} k`;
  console.log(`${"ping".padEnd(26)} ${k(ping)}`);
  console.log(`${"findOne by _id".padEnd(26)} ${k(findOne)}`);
  await client.close();
  await store.stop();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-latency-"));
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  if (values.callgrind) {
    await callgrindMain(dir, dataDir);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const transport = await echo();
  const floor = await floorFigures(dir, dataDir);
  const store = await startServer(
    dir,
    dataDir,
    "scripts/db.ts",
    values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [],
  );
  const { ping, findOne } = await commands(store);
  await store.stop();

  console.log(
    `${RUNS} round trips each, one connection, each server in its own process ` +
      `(${values.tsx ? "sources through tsx" : "production build"})`,
  );
  // The echo's two ends both live in this process: its CPU is counted once, under "store".
  console.log(line("bare TCP echo", { ...transport, clientCpu: 0 }));
  console.log(line("ping, constant answer", floor.ping));
  console.log(line("findOne, constant answer", floor.findOne));
  console.log(line("ping", ping, "<= 0.15 ms"));
  console.log(line("findOne by _id", findOne, "<= 0.2 ms"));
  // The constant answers are the driver's and the kernel's part alone: what the
  // store adds above them is the part that is the store's to make faster.
  const above = (f: Figures, base: Figures) =>
    `${f.median >= base.median ? "+" : ""}${(f.median - base.median).toFixed(3)} ms (${(f.median / base.median).toFixed(2)} × its median)`;
  console.log(
    `store above the constant answer: ping ${above(ping, floor.ping)}, ` +
      `findOne ${above(findOne, floor.findOne)}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

/** ping and findOne by `_id` through the driver, one connection, on 10,000 small documents. */
async function commands(store: Store): Promise<{ ping: Figures; findOne: Figures }> {
  const client = await MongoClient.connect(store.uri, { maxPoolSize: 1 });
  const admin = client.db("admin");
  const docs = client.db("bench").collection<{ _id: number; n: number; s: string }>("docs");
  await docs.insertMany(Array.from({ length: 10_000 }, (_, i) => ({ _id: i, n: i, s: `v${i}` })));
  const ping = await measure(store.pid, () => admin.command({ ping: 1 }));
  let i = 0;
  const findOne = await measure(store.pid, () => docs.findOne({ _id: (i++ * 7919) % 10_000 }));
  await client.close();
  return { ping, findOne };
}

/** The same commands against scripts/bench/driver-floor.ts, which answers from constants. */
async function floorFigures(dir: string, dataDir: string) {
  const floor = await startServer(dir, dataDir, "scripts/bench/driver-floor.ts");
  const figures = await commands(floor);
  await floor.stop();
  return figures;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
