import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import pino from "pino";
import { collectGarbage, startEmbeddedServer, type EmbeddedServer } from "./index";
import { STATES, STATUS_FIELDS, type FromThread, type ThreadStart, type ToThread } from "./thread";

/**
 * The store's thread (./thread.ts): runs the embedded server on the directory the
 * platform's thread has locked, sends its log lines there, and keeps its status in
 * the shared memory the health check reads.
 */

/** How often the status in shared memory is brought up to date. */
const STATUS_EVERY_MS = 250;

const port = parentPort!;
const start = workerData as ThreadStart;
const numbers = new Float64Array(start.status);
const send = (message: FromThread) => port.postMessage(message);

const logger =
  start.logLevel === "silent"
    ? undefined
    : pino(
        { level: start.logLevel, base: undefined },
        { write: (line) => send({ kind: "log", line }) },
      );

function publish(server: EmbeddedServer): void {
  const heap = v8.getHeapStatistics();
  const status: Record<string, unknown> = {
    ...server.status(),
    heapBytes: heap.used_heap_size,
    heapLimitBytes: heap.heap_size_limit,
  };
  STATUS_FIELDS.forEach((name, i) => {
    numbers[i] = name === "state" ? STATES.indexOf(status.state as never) : Number(status[name]);
  });
}

async function run(): Promise<void> {
  let server: EmbeddedServer;
  try {
    // The platform's thread holds the lock and writes the port in it once this is ready.
    server = await startEmbeddedServer({
      ...start.options,
      logger,
      lock: { release: () => {}, announce: () => {} },
    });
  } catch (err) {
    const e = err as Error;
    send({ kind: "failed", message: e.message, stack: e.stack });
    port.close();
    return;
  }
  publish(server);
  const timer = setInterval(() => publish(server), STATUS_EVERY_MS);
  port.on("message", (m: ToThread) => {
    if (m.kind === "flush") {
      server.flush().then(
        () => send({ kind: "flushed", id: m.id }),
        (err: Error) => send({ kind: "flushed", id: m.id, error: err.message }),
      );
    } else if (m.kind === "collect") {
      collectGarbage();
      publish(server);
      send({ kind: "collected", id: m.id });
    } else if (m.kind === "close") {
      clearInterval(timer);
      numbers[0] = STATES.indexOf("closing");
      server
        .close()
        .then(
          () => send({ kind: "closed" }),
          (err: Error) => send({ kind: "closed", error: err.message }),
        )
        .finally(() => {
          publish(server);
          port.close();
        });
    }
  });
  send({
    kind: "ready",
    host: server.host,
    port: server.port,
    uri: server.uri,
    credentialFile: server.credentialFile,
  });
}

void run();
