/**
 * `npm run bench:submissions -- [--variant NAME=REF ...] [--seconds 10] [--rounds 3] [--connections 64]`:
 * validated, scored and journaled submissions per second through HTTP, for one or
 * more versions of the platform measured in the same run with the same client.
 *
 * Each variant is a git ref (`HEAD` by default; `before=5b6f734^ after=HEAD`
 * compares two) exported with `git archive` into a temporary directory and built
 * with esbuild as `npm run build:server` builds it, then run with `node` on the
 * embedded store (a fresh temporary DATA_DIR, demo program seeded), as `npm start`
 * runs it. The load comes from this process over keep-alive node:http connections,
 * each posting a complete demo response with a new submission id. Rounds go
 * through the variants in turn, so a busy neighbour on the machine weighs on all
 * alike; the median round and the worst are reported, with the server process's
 * CPU time per request (which a busy neighbour disturbs less than throughput) and
 * the store commands each submission cost (the embedded store's serverStatus).
 *
 * Targets (issue 21): at least 1,000 submissions/s and p99 at most 50 ms at 64
 * concurrent clients.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { runningServerUri } from "../../server/db/embedded/lock";
import { answerAll } from "../../test/helpers/answers";
import { runLoad, type LoadResult } from "./load";

const ROOT = path.resolve(__dirname, "../..");

const { values } = parseArgs({
  options: {
    variant: { type: "string", multiple: true, default: ["HEAD=HEAD"] },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "64" },
    rounds: { type: "string", default: "3" },
    "log-level": { type: "string", default: "warn" },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

interface Variant {
  name: string;
  ref: string;
  commit: string;
  dir: string;
  dataDir: string;
  server?: ChildProcess;
  base?: string;
  store?: MongoClient;
  results: LoadResult[];
  commands: number[];
}

/** Exports `ref` into a temporary directory and builds its server with its own `npm run build:server`. */
function build(name: string, ref: string): Variant {
  const commit = execFileSync("git", ["rev-parse", "--short", ref], { cwd: ROOT })
    .toString()
    .trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kp-bench-${name}-`));
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  // The ref's own build: what it bundles (the store's thread too) is its own.
  execFileSync("npm", ["run", "build:server", "--silent"], { cwd: dir, stdio: "inherit" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kp-bench-${name}-data-`));
  return { name, ref, commit, dir, dataDir, results: [], commands: [] };
}

/** Starts a built variant and resolves with its address once it says it is running. */
function start(v: Variant): Promise<void> {
  // The embedded store, whatever the shell has set.
  const { MONGODB_URI: _unused, ...inherited } = process.env;
  const server = spawn(process.execPath, ["dist/server/main.js"], {
    cwd: v.dir,
    env: {
      ...inherited,
      DATA_DIR: v.dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      LOG_LEVEL: values["log-level"],
      SEED_DEMO: "auto",
      RATE_LIMIT_IP_PER_MINUTE: "100000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "100000000",
      // Nor does the open link's stuffing guard challenge or flag one address's load.
      OPEN_LINK_CHALLENGE_AFTER: "0",
      OPEN_LINK_BURST_PER_ADDRESS: "100000000",
      WORKERS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  v.server = server;
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/running on (http:\/\/\S+)/);
      if (found && !v.base) {
        v.base = found[1]!;
        resolve();
      }
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", onData);
    server.once("exit", (code) => {
      if (!v.base) reject(new Error(`${v.name} exited with ${code}:\n${output}`));
    });
  });
}

async function stop(v: Variant): Promise<void> {
  await v.store?.close();
  const server = v.server;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(v.dir, { recursive: true, force: true });
  fs.rmSync(v.dataDir, { recursive: true, force: true });
}

/** Store commands run so far, less the bench's own and the drivers' heartbeats. */
async function storeCommands(client: MongoClient): Promise<number> {
  const status = await client.db("admin").command({ serverStatus: 1 });
  const commands = (status.metrics?.commands ?? {}) as Record<string, { total: number }>;
  return Object.entries(commands)
    .filter(([name]) => !["serverStatus", "hello", "isMaster", "ismaster"].includes(name))
    .reduce((sum, [, c]) => sum + c.total, 0);
}

/** A submission body maker: a spread of scale points keeps scoring honest. */
async function submissions(base: string): Promise<() => string> {
  const opened = (await (await fetch(`${base}/api/take/demo?lang=he`)).json()) as {
    survey: Record<string, unknown>;
  };
  let n = 0;
  const answered = Array.from(
    { length: 16 },
    () => `,"answers":${JSON.stringify(answerAll(opened.survey, (v) => v[(n += 1) % v.length]!))}}`,
  );
  let i = 0;
  return () =>
    `{"locale":"he","submissionId":"${randomUUID()}"${answered[(i += 1) % answered.length]}`;
}

function line(name: string, r: LoadResult): string {
  const cpu =
    r.serverCpuMsPerRequest === undefined
      ? ""
      : `   server CPU ${r.serverCpuMsPerRequest.toFixed(2)} ms/request`;
  return `${name.padEnd(24)} ${r.perSecond.toFixed(0).padStart(6)}/s   p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms${cpu}`;
}

/** The median of a few numbers. */
function middle(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** The round with the median throughput. */
function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}

async function main() {
  const variants = values.variant.map((spec) => {
    const [name = spec, ref = name] = spec.split("=");
    return build(name, ref);
  });
  console.log(
    `${os.cpus().length} CPUs, Node ${process.version}; ${connections} keep-alive connections; ${rounds} rounds of ${variants.map((v) => `${v.name} (${v.ref} = ${v.commit})`).join(", ")}; each ${warmupSeconds} s warm-up + ${seconds} s measured`,
  );
  const loadBefore = os.loadavg()[0]!;
  let failed = 0;
  try {
    // All run at once, idle but for the one under load, so each round is alike.
    await Promise.all(variants.map(start));
    for (const v of variants) {
      const uri = runningServerUri(v.dataDir);
      if (!uri) throw new Error(`no embedded store announced itself in ${v.dataDir}`);
      v.store = await MongoClient.connect(uri);
    }
    const bodies = await submissions(variants[0]!.base!);
    for (let round = 0; round < rounds; round += 1) {
      console.log(`round ${round + 1}`);
      for (const v of variants) {
        const before = await storeCommands(v.store!);
        const r = await runLoad({
          connections,
          seconds,
          warmupSeconds,
          url: `${v.base}/api/take/demo/responses`,
          body: bodies,
          expectStatus: 201,
          serverPid: v.server!.pid,
        });
        v.results.push(r);
        v.commands.push(
          ((await storeCommands(v.store!)) - before) / (r.warmupRequests + r.requests),
        );
        failed += r.errors;
        console.log(`  ${line(v.name, r)}`);
      }
    }
  } finally {
    for (const v of variants) await stop(v);
  }

  console.log(`median of ${rounds} rounds; targets: ≥ 1,000/s and p99 ≤ 50 ms`);
  const first = median(variants[0]!.results).perSecond;
  for (const v of variants) {
    const m = median(v.results);
    const worst = Math.min(...v.results.map((r) => r.perSecond));
    const met = m.perSecond >= 1000 && m.p99Ms <= 50;
    console.log(`  ${line(`${v.name} (${v.commit})`, m)}`);
    console.log(
      `  ${"".padEnd(24)} worst round ${worst.toFixed(0)}/s; ${(m.perSecond / first).toFixed(2)}× ${variants[0]!.name}; store commands per submission ${middle(v.commands).toFixed(2)}; targets ${met ? "MET" : "NOT MET"}`,
    );
  }
  console.log(
    `  (other work on the machine: load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after)`,
  );
  if (failed > 0) {
    console.log(`${failed} responses had an unexpected status`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
