/**
 * `npm run bench:submissions -- [--seconds 10] [--rounds 3] [--connections 32] [--cpu-prof DIR]`:
 * validated, scored and journaled submissions per second through HTTP, next to a
 * bare Express JSON echo measured in the same run with the same client.
 *
 * The platform is server/main.ts in a child process on the embedded store (a
 * fresh temporary DATA_DIR, demo program seeded), as `npm start` runs it; the
 * echo is scripts/bench/echo-server.ts. The load comes from this process over
 * keep-alive node:http connections, each posting a complete demo response with a
 * new submission id, the same requests to both: the echo reads and parses the
 * bodies the platform does, and only what the platform does beyond that counts. Rate limits are raised: the load comes from one address.
 * Rounds alternate echo and platform, so a busy neighbour on the machine weighs
 * on both alike; the ratio is taken within each round, and the median and the
 * worst round are reported. Next to each figure is the server process's CPU time
 * per request, which a busy neighbour disturbs less than throughput, and the
 * store commands each submission cost (read from the embedded store's
 * serverStatus, through the port it announces in the data directory).
 * With --cpu-prof the platform writes a V8 CPU profile into DIR on exit.
 *
 * Targets (issue 10): at least 50% of the echo's throughput and 1,000/s on 2 cores.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { runningServerUri } from "../../server/db/embedded/lock";
import { answerAll } from "../../test/helpers/answers";
import { startChild, type Child } from "../../test/helpers/process";
import { runLoad, type LoadResult } from "./load";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    rounds: { type: "string", default: "3" },
    workers: { type: "string", default: "1" },
    "cpu-prof": { type: "string" },
    "log-level": { type: "string", default: "warn" },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

async function stop(child: Child): Promise<number | null> {
  if (child.process.exitCode !== null) return child.process.exitCode;
  const exited = new Promise<number | null>((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGTERM");
  return exited;
}

function line(name: string, r: LoadResult): string {
  const cpu =
    r.serverCpuMsPerRequest === undefined
      ? ""
      : `   server CPU ${r.serverCpuMsPerRequest.toFixed(2)} ms/request`;
  return `${name.padEnd(12)} ${r.perSecond.toFixed(0).padStart(6)}/s   p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms${cpu}`;
}

/** The round with the median throughput. */
function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}

/** Commands the store ran so far, by name, less the bench's own and the drivers' heartbeats. */
async function storeCommands(client: MongoClient): Promise<Map<string, number>> {
  const status = await client.db("admin").command({ serverStatus: 1 });
  const counts = new Map<string, number>();
  const commands = (status.metrics?.commands ?? {}) as Record<string, { total: number }>;
  for (const [name, c] of Object.entries(commands))
    if (!["serverStatus", "hello", "isMaster", "ismaster"].includes(name))
      counts.set(name, c.total);
  return counts;
}

/** Store commands per submission between two counts, in all and by name. */
function commandsPer(
  before: Map<string, number>,
  after: Map<string, number>,
  submissions: number,
): { total: number; byName: string } {
  const per = [...after]
    .map(([name, n]) => [name, (n - (before.get(name) ?? 0)) / submissions] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return {
    total: per.reduce((sum, [, n]) => sum + n, 0),
    byName: per.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(", "),
  };
}

async function startPlatform(dataDir: string, profDir: string | undefined) {
  return startChild(
    "server/main.ts",
    [],
    {
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      LOG_LEVEL: values["log-level"],
      SEED_DEMO: "auto",
      MONGODB_URI: undefined,
      RATE_LIMIT_IP_PER_MINUTE: "100000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "100000000",
      // Nor does the open link's stuffing guard challenge or flag one address's load.
      OPEN_LINK_CHALLENGE_AFTER: "0",
      OPEN_LINK_BURST_PER_ADDRESS: "100000000",
      WORKERS: values.workers,
    },
    /running on (http:\/\/\S+)/,
    60_000,
    profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
  );
}

async function main() {
  const load = { connections, seconds, warmupSeconds };
  console.log(
    `${os.cpus().length} CPUs, Node ${process.version}; ${connections} keep-alive connections; ${rounds} rounds of echo then platform, each ${warmupSeconds} s warm-up + ${seconds} s measured`,
  );
  const loadBefore = os.loadavg()[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-submit-"));
  const profDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined;
  const echo = await startChild("scripts/bench/echo-server.ts", [], {}, /echo listening on (\d+)/);
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  let store: MongoClient | undefined;
  const echoRounds: LoadResult[] = [];
  const platformRounds: LoadResult[] = [];
  const commandRounds: Array<{ total: number; byName: string }> = [];
  try {
    platform = await startPlatform(dataDir, profDir);
    const base = platform.match[1]!;
    const storeUri = runningServerUri(dataDir);
    if (!storeUri) throw new Error(`no embedded store announced itself in ${dataDir}`);
    store = await MongoClient.connect(storeUri);
    const opened = (await (await fetch(`${base}/api/take/demo?lang=he`)).json()) as {
      survey: Record<string, unknown>;
    };
    // Residents answer differently: a spread of scale points keeps scoring honest.
    let n = 0;
    const answered = Array.from(
      { length: 16 },
      () =>
        `,"answers":${JSON.stringify(answerAll(opened.survey, (v) => v[(n += 1) % v.length]!))}}`,
    );
    let i = 0;
    // Both servers get the same requests: the echo reads and parses the very bodies the platform does.
    const submission = () =>
      `{"locale":"he","submissionId":"${randomUUID()}"${answered[(i += 1) % answered.length]}`;
    // Rounds alternate so that a noisy neighbour on the machine weighs on both alike.
    for (let round = 0; round < rounds; round += 1) {
      echoRounds.push(
        await runLoad({
          ...load,
          url: `http://127.0.0.1:${echo.match[1]}/api/take/demo/responses`,
          body: submission,
          expectStatus: 201,
          serverPid: echo.child.process.pid,
        }),
      );
      const before = await storeCommands(store);
      const submitted = await runLoad({
        ...load,
        url: `${base}/api/take/demo/responses`,
        body: submission,
        expectStatus: 201,
        serverPid: platform.child.process.pid,
      });
      const total = submitted.warmupRequests + submitted.requests;
      commandRounds.push(commandsPer(before, await storeCommands(store), total));
      platformRounds.push(submitted);
      const e = echoRounds[round]!;
      console.log(`round ${round + 1}`);
      console.log(`  ${line("echo", e)}`);
      console.log(`  ${line("submissions", submitted)}`);
      console.log(
        `  ratio ${pct(submitted.perSecond / e.perSecond)}; store commands per submission ${commandRounds[round]!.total.toFixed(2)} (${commandRounds[round]!.byName})`,
      );
    }
  } finally {
    await store?.close();
    await stop(echo.child);
    if (platform) {
      const code = await stop(platform.child);
      if (code !== 0)
        console.error(`the platform exited with ${code}:\n${platform.child.output()}`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const e = median(echoRounds);
  const p = median(platformRounds);
  const ratios = platformRounds.map((r, i) => r.perSecond / echoRounds[i]!.perSecond);
  const ratio = middle(ratios);
  const commands = middle(commandRounds.map((c) => c.total));
  const failed = [...echoRounds, ...platformRounds].reduce((sum, r) => sum + r.errors, 0);
  const slowest = Math.min(...platformRounds.map((r) => r.perSecond));
  const cpu = (rs: LoadResult[], pick: (r: LoadResult) => number | undefined) => {
    const xs = rs.map(pick).filter((x): x is number => x !== undefined);
    return xs.length > 0 ? middle(xs).toFixed(2) : "?";
  };
  console.log(`median of ${rounds} rounds (throughput: median, worst)`);
  console.log(`  ${line("echo", e)}`);
  console.log(`  ${line("submissions", p)}`);
  const row = (name: string, value: string, target: string, met?: boolean) =>
    console.log(
      `  ${name.padEnd(34)} ${value.padEnd(22)} ${target.padEnd(12)} ${met === undefined ? "" : met ? "MET" : "NOT MET"}`,
    );
  console.log("figures and targets (issue 10)");
  row(
    "submissions/s",
    `${p.perSecond.toFixed(0)} (worst ${slowest.toFixed(0)})`,
    "≥ 1,000",
    p.perSecond >= 1000,
  );
  row("echo/s", `${e.perSecond.toFixed(0)}`, "");
  row(
    "submissions / echo",
    `${pct(ratio)} (worst ${pct(Math.min(...ratios))})`,
    "≥ 50%",
    ratio >= 0.5,
  );
  row("latency p50 / p99", `${p.p50Ms.toFixed(1)} / ${p.p99Ms.toFixed(1)} ms`, "reported");
  row(
    "server CPU per request",
    `${cpu(platformRounds, (r) => r.serverCpuMsPerRequest)} ms (echo ${cpu(echoRounds, (r) => r.serverCpuMsPerRequest)})`,
    "",
  );
  row(
    "load generator CPU per request",
    `${cpu(platformRounds, (r) => r.clientCpuMsPerRequest)} ms (echo ${cpu(echoRounds, (r) => r.clientCpuMsPerRequest)})`,
    "",
  );
  row("store commands per submission", commands.toFixed(2), "");
  console.log(
    `  (CPU figures are medians of the rounds; other work on the machine: load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after)`,
  );
  if (failed > 0) {
    console.log(`${failed} responses had an unexpected status`);
    process.exitCode = 1;
  }
  if (profDir) console.log(`CPU profile of the platform in ${profDir}`);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

/** The median of a few numbers. */
function middle(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
