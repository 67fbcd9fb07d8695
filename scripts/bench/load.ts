import fs from "node:fs";
import http from "node:http";
import { childrenOf } from "../../test/helpers/process";

/**
 * CPU seconds (user + system) a process and its live descendants (a cluster's
 * HTTP processes) have used so far, from /proc; undefined off Linux.
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
    return childrenOf(pid).reduce((sum, child) => sum + (cpuSecondsOf(child) ?? 0), own);
  } catch {
    return undefined;
  }
}

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  /** Requests answered before measuring began (warm-up) or after it ended. */
  warmupRequests: number;
  /** Responses with a status other than the expected one. */
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<number, number>;
  /** CPU milliseconds the server process used per measured request (Linux only). */
  serverCpuMsPerRequest?: number;
  /** CPU milliseconds this process (the load generator, on the same machine) used per measured request. */
  clientCpuMsPerRequest?: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function postOnce(
  agent: http.Agent,
  url: URL,
  body: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Posts bodies made by `body()` to `url` from `connections` keep-alive clients
 * for `seconds` (after `warmupSeconds` not counted) and reports throughput and latency.
 */
export async function runLoad(options: {
  url: string;
  body: () => string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  expectStatus: number;
  /** The server's process id, to report its CPU time per request. */
  serverPid?: number;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const startedAt = performance.now();
  const measureFrom = startedAt + options.warmupSeconds * 1000;
  const stopAt = measureFrom + options.seconds * 1000;
  let measuredRequests = 0;
  let otherRequests = 0;
  let cpuAtStart: number | undefined;
  let clientAtStart: NodeJS.CpuUsage | undefined;
  const cpuTimer = setTimeout(() => {
    cpuAtStart = cpuSecondsOf(options.serverPid);
    clientAtStart = process.cpuUsage();
  }, options.warmupSeconds * 1000);
  let cpuAtEnd: number | undefined;
  let clientUsed: NodeJS.CpuUsage | undefined;
  const cpuEndTimer = setTimeout(
    () => {
      cpuAtEnd = cpuSecondsOf(options.serverPid);
      if (clientAtStart) clientUsed = process.cpuUsage(clientAtStart);
    },
    (options.warmupSeconds + options.seconds) * 1000,
  );
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      for (;;) {
        const sentAt = performance.now();
        if (sentAt >= stopAt) return;
        const { status, ms } = await postOnce(agent, url, options.body());
        if (sentAt < measureFrom || performance.now() > stopAt) {
          otherRequests += 1;
          continue;
        }
        measuredRequests += 1;
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== options.expectStatus) errors += 1;
      }
    }),
  );
  agent.destroy();
  clearTimeout(cpuTimer);
  clearTimeout(cpuEndTimer);
  // The last replies can come in a moment before the timer: the end of measuring is now.
  if (cpuAtEnd === undefined) cpuAtEnd = cpuSecondsOf(options.serverPid);
  if (clientAtStart && !clientUsed) clientUsed = process.cpuUsage(clientAtStart);
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: measuredRequests,
    warmupRequests: otherRequests,
    errors,
    seconds: options.seconds,
    perSecond: measuredRequests / options.seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    statuses,
    ...(cpuAtStart !== undefined && cpuAtEnd !== undefined && measuredRequests > 0
      ? { serverCpuMsPerRequest: ((cpuAtEnd - cpuAtStart) * 1000) / measuredRequests }
      : {}),
    ...(clientUsed && measuredRequests > 0
      ? { clientCpuMsPerRequest: (clientUsed.user + clientUsed.system) / 1000 / measuredRequests }
      : {}),
  };
}
