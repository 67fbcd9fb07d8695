import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { EmbeddedServer, EmbeddedServerOptions, EmbeddedServerStatus } from "./index";
import { lockDataDir } from "./lock";

/**
 * The embedded server in a thread of its own, as the platform runs it. The store
 * keeps every document and index in memory; in the platform's own thread that heap
 * is one the garbage collector traces with every request's, and every export and
 * first view waits on it. In a worker thread the store has its own heap, collected
 * apart, and the machine's second core. The platform still reaches it as any
 * MongoDB client does, over the wire protocol on loopback, so nothing above the
 * driver knows where it runs.
 *
 * What stays in the platform's thread: the data directory's lock (held per thread,
 * so a second store on the same directory in this process is refused here), the
 * log (the thread's lines are written by the platform's logger) and the status the
 * health check reads without waiting on a busy store (the thread publishes it in
 * shared memory).
 */

/** The messages the store's thread sends. */
export type FromThread =
  | { kind: "ready"; host: string; port: number; uri: string; credentialFile: string }
  | { kind: "failed"; message: string; stack?: string }
  | { kind: "log"; line: string }
  | { kind: "flushed"; id: number; error?: string }
  | { kind: "collected"; id: number }
  | { kind: "closed"; error?: string };

/** The messages the platform sends the store's thread. */
export type ToThread =
  { kind: "flush"; id: number } | { kind: "collect"; id: number } | { kind: "close" };

/** What the thread starts with (structured-cloned: no logger, no lock). */
export interface ThreadStart {
  options: Omit<EmbeddedServerOptions, "logger" | "lock">;
  /** The platform's log level; the thread logs nothing when it is silent. */
  logLevel: string;
  status: SharedArrayBuffer;
}

/** The status's numbers in shared memory, in this order. */
export const STATUS_FIELDS = [
  "state",
  "journalBytes",
  "snapshotBytes",
  "databases",
  "collections",
  "documents",
  "connections",
  "peakInFlightBytes",
  "heapBytes",
  "heapLimitBytes",
] as const;
export const STATES: EmbeddedServerStatus["state"][] = ["running", "closing", "closed"];

/**
 * Loads the thread's TypeScript entry through tsx's require hook, when the platform
 * itself runs from source (`npm run dev`, scripts, tests). The thread keeps the
 * process's flags (V8's, profiling, preloads); an ESM loader such as tsx's own
 * `--import` does not run in a worker (Node 20), hence the hook.
 */
const SOURCE_BOOTSTRAP = [
  'const { workerData } = require("node:worker_threads");',
  "require(workerData.source.hook);",
  "require(workerData.source.entry);",
].join("\n");

/** The share of the machine's memory the store's thread may fill by default. */
const STORE_HEAP_SHARE = 0.6;

/**
 * The store's heap limit when STORE_HEAP_MB is unset: a share of the memory the
 * process may use (a container's limit where there is one, which os.totalmem does
 * not see), and never less than the heap V8 gives a thread by default.
 */
export function storeHeapDefaultMb(): number {
  // 0 (or unset) where nothing constrains it; a huge number on some systems.
  const memory = Math.min(os.totalmem(), process.constrainedMemory() || Infinity);
  const v8Default = v8.getHeapStatistics().heap_size_limit;
  return Math.floor(Math.max(memory * STORE_HEAP_SHARE, v8Default) / 2 ** 20);
}

/**
 * Starts the thread: the bundle's own beside the built server (package.json's
 * build:server), or the source. A --max-old-space-size the process was started
 * with overrides `heapLimitMb` (Node's rule for threads).
 */
function startThread(start: ThreadStart, heapLimitMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb };
  if (!__filename.endsWith(".ts"))
    return new Worker(path.join(__dirname, "store-thread.js"), {
      workerData: start,
      resourceLimits,
    });
  const source = {
    hook: require.resolve("tsx/cjs"),
    entry: path.join(__dirname, "thread-entry.ts"),
  };
  return new Worker(SOURCE_BOOTSTRAP, {
    eval: true,
    workerData: { ...start, source },
    resourceLimits,
  });
}

/** What the platform's log says when the thread stopped, with what to do about it. */
function lostMessage(err: Error | undefined, code: number, heapLimitMb: number): string {
  if ((err as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY")
    return `the store's thread ran out of memory at its limit of ${heapLimitMb} MiB: raise STORE_HEAP_MB (or give the machine more memory), then start again`;
  return `the store's thread stopped unexpectedly (exit code ${code})`;
}

/** Writes a line the thread logged with the platform's logger, at its level. */
function relayLog(logger: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    logger.warn({ line }, "unreadable log line from the store's thread");
    return;
  }
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = record;
  const label = logger.levels.labels[Number(level)] ?? "info";
  const write = (logger as unknown as Record<string, (o: object, m?: string) => void>)[label];
  write?.call(logger, fields, typeof msg === "string" ? msg : undefined);
}

/**
 * Starts the embedded server in a worker thread and resolves once it listens.
 * `onLost` is called when the thread stops without being asked to (the store's
 * equivalent of a crash): the platform then has no store and should stop.
 */
export async function startEmbeddedServerThread(
  options: EmbeddedServerOptions & {
    onLost?: (err: Error) => void;
    /** The most heap the thread may use, in MiB (STORE_HEAP_MB); storeHeapDefaultMb by default. */
    heapLimitMb?: number;
  },
): Promise<EmbeddedServer> {
  const { logger, lock: _lock, onLost, heapLimitMb: limit, ...serverOptions } = options;
  const heapLimitMb = limit ?? storeHeapDefaultMb();
  const lock = lockDataDir(options.dbPath);
  const numbers = new Float64Array(new SharedArrayBuffer(8 * STATUS_FIELDS.length));
  const start: ThreadStart = {
    options: serverOptions,
    logLevel: logger?.level ?? "silent",
    status: numbers.buffer as SharedArrayBuffer,
  };
  let worker: Worker;
  try {
    worker = startThread(start, heapLimitMb);
  } catch (err) {
    lock.release();
    throw err;
  }
  let closing = false;
  /** Flushes and collections asked of the thread, by id, until it answers. */
  const waiting = new Map<number, { resolve(): void; reject(err: Error): void }>();
  let nextId = 1;
  const ask = (kind: "flush" | "collect") =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ kind, id } satisfies ToThread);
    });
  let closed: ((error?: string) => void) | undefined;
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));

  const ready = new Promise<Extract<FromThread, { kind: "ready" }>>((resolve, reject) => {
    worker.on("message", (m: FromThread) => {
      if (m.kind === "log" && logger) relayLog(logger, m.line);
      else if (m.kind === "ready") resolve(m);
      else if (m.kind === "failed") reject(Object.assign(new Error(m.message), { stack: m.stack }));
      else if (m.kind === "flushed" || m.kind === "collected") {
        const waiter = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.kind === "flushed" && m.error) waiter?.reject(new Error(m.error));
        else waiter?.resolve();
      } else if (m.kind === "closed") closed?.(m.error);
    });
    worker.once("error", reject);
    void exited.then((code) => reject(new Error(`the store's thread stopped (exit code ${code})`)));
  });
  let started: Extract<FromThread, { kind: "ready" }>;
  try {
    started = await ready;
  } catch (err) {
    await worker.terminate();
    lock.release();
    throw err;
  }
  lock.announce(started.port);

  // After the start, a thread that stops unasked leaves the platform without its store.
  let failure: Error | undefined;
  worker.on("error", (err) => {
    failure = err;
    if (!closing) logger?.fatal({ err }, "the store's thread failed");
  });
  void exited.then((code) => {
    if (closing) return;
    const err = new Error(lostMessage(failure, code, heapLimitMb), { cause: failure });
    numbers[0] = STATES.indexOf("closed");
    lock.release();
    for (const waiter of waiting.values()) waiter.reject(err);
    waiting.clear();
    onLost?.(err);
  });

  return {
    host: started.host,
    port: started.port,
    uri: started.uri,
    credentialFile: started.credentialFile,
    status: () => {
      const value = Object.fromEntries(STATUS_FIELDS.map((name, i) => [name, numbers[i]!]));
      return {
        ...(value as Record<(typeof STATUS_FIELDS)[number], number>),
        state: STATES[value.state!] ?? "closed",
        dataDir: options.dbPath,
      };
    },
    flush: () => ask("flush"),
    collectGarbage: () => ask("collect"),
    close: async () => {
      if (closing) return;
      closing = true;
      const answer = new Promise<string | undefined>((resolve) => (closed = resolve));
      worker.postMessage({ kind: "close" } satisfies ToThread);
      // A thread that dies while closing has still written every acknowledged write.
      const error = await Promise.race([answer, exited.then(() => undefined)]);
      await exited;
      lock.release();
      if (error) throw new Error(error);
    },
  };
}
