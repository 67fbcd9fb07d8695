import net from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import { finishReopen } from "./after-reopen";
import type { ServerFacts } from "./commands/context";
import { serveConnection } from "./connection";
import { CREDENTIAL_FILE, ensureStoreCredential, storeUri } from "./credentials";
import { CursorRegistry } from "./cursors";
import type { DocumentFile } from "./document-slabs";
import { Engine, type Effect } from "./engine";
import { Journal } from "./journal";
import { lockDataDir, type DataDirLock } from "./lock";
import { SessionRegistry } from "./sessions";
import { startTtlMonitor } from "./ttl";

/**
 * The embedded server as the platform starts it: takes the data directory's
 * lock, opens the engine on its journal, listens for the wire protocol
 * (loopback only unless asked), signs clients in with the directory's own
 * credential, and reports its status; closing compacts a journal grown past
 * its threshold and releases the directory.
 */

export interface EmbeddedServerOptions {
  /** Directory of the journal and snapshot; created when missing. */
  dbPath: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Loopback (127.0.0.1) by default; any other address needs `allowRemote`. */
  host?: string;
  /**
   * Listen beyond loopback on purpose. Every client still has to authenticate,
   * but the wire is not encrypted: only on a private network or behind a tunnel.
   */
  allowRemote?: boolean;
  /** Connections past this many are closed as they arrive (1,000 by default). */
  maxConnections?: number;
  /** Bytes one connection may have received and not yet answered before reading pauses (64 MiB by default). */
  maxInFlightBytes?: number;
  /** Answer as a one-member replica set of this name. */
  replicaSetName?: string;
  logger?: Logger;
  /**
   * The journal is compacted into the snapshot when it has grown past this and
   * past the snapshot's own size (64 MiB by default).
   */
  compactAtBytes?: number;
  /** How often TTL indexes are swept; MongoDB's default is 60 seconds. */
  ttlIntervalMs?: number;
  /** Commands that hold the store this many ms or more are logged (default 100, as MongoDB's slowms). */
  slowCommandMs?: number;
  /**
   * The data directory's lock when the caller holds it: the store's own thread
   * (./thread.ts) runs in a process whose main thread took the lock, since the
   * lock knows the directories it holds per thread.
   */
  lock?: DataDirLock;
}

export interface EmbeddedServerStatus {
  state: "running" | "closing" | "closed";
  dataDir: string;
  journalBytes: number;
  snapshotBytes: number;
  databases: number;
  collections: number;
  documents: number;
  connections: number;
  /** The most bytes one connection has held unanswered since the start. */
  peakInFlightBytes: number;
  /** The heap of the store's own thread, when it runs in one (./thread.ts). */
  heapBytes?: number;
  /** The most heap that thread may use (STORE_HEAP_MB). */
  heapLimitBytes?: number;
}

/** A running embedded MongoDB-compatible server. */
export interface EmbeddedServer {
  readonly host: string;
  readonly port: number;
  /** A connection string for drivers, mongoose and mongosh, with the store's credential in it. */
  readonly uri: string;
  /** The file (0600) that holds the credential, for tools and people that need it. */
  readonly credentialFile: string;
  status(): EmbeddedServerStatus;
  /**
   * Settles when every acknowledged write is on disk (it already is; this waits for
   * ones in flight) and a compaction under way has ended, its snapshot in place.
   */
  flush(): Promise<void>;
  /**
   * Collects the store's garbage when the process runs with `--expose-gc` (a
   * benchmark measuring what the store holds live); nothing otherwise.
   */
  collectGarbage(): Promise<void>;
  /** Stops accepting, lets commands in flight finish, compacts the journal and releases the directory. */
  close(): Promise<void>;
}

/** Runs a full collection of this thread's heap when the process was started with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const DEFAULT_COMPACT_AT = 64 * 1024 * 1024;
const DEFAULT_MAX_CONNECTIONS = 1_000;
const DEFAULT_MAX_IN_FLIGHT = 64 * 1024 * 1024;

/** Whether `host` can only be reached from this machine. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  const bare = host.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  return bare === "::1";
}

/**
 * Starts the embedded server: replays the snapshot and journal in `dbPath`,
 * then listens on loopback for the MongoDB wire protocol. Every client signs
 * in with SCRAM-SHA-256 using the credential kept in `dbPath` (made at first start).
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger;
  if (!isLoopback(host) && !options.allowRemote) {
    throw new Error(
      `Refusing to listen on ${host}: beyond loopback the store would be reachable from other ` +
        `machines. To do so on purpose pass --allow-remote (allowRemote); every client then needs ` +
        `the credential in ${path.join(path.resolve(options.dbPath), CREDENTIAL_FILE)}, and the ` +
        `traffic is not encrypted, so use it only on a private network or through an SSH tunnel.`,
    );
  }
  const lock = options.lock ?? lockDataDir(options.dbPath);
  const unlock = lock.release;
  const compactAt = options.compactAtBytes ?? DEFAULT_COMPACT_AT;
  /**
   * Compacting rewrites the whole state, so it waits until the journal is as large
   * as the snapshot (and past `compactAt`): each byte of a large store is rewritten
   * once per as many bytes of writes, not every 64 MiB of writes however large the
   * store, and opening reads at most about twice the state. Opening and closing
   * follow the same rule, so a restart of a large store does not rewrite it.
   */
  const compactionDue = (j: Journal) => j.bytes > Math.max(compactAt, j.snapshotBytes);
  let journal: Journal;
  let engine: Engine;
  /** The snapshot and journals a reopen's documents are read from until they are loaded. */
  let files: DocumentFile[] = [];
  let access: ReturnType<typeof ensureStoreCredential>;
  try {
    access = ensureStoreCredential(options.dbPath);
    const replaying = new Engine();
    const opened = Journal.open(options.dbPath, (record, from) => {
      for (const effect of record.e as Effect[]) replaying.replay(effect, from);
    });
    files = opened.files;
    for (const file of files) file.seal();
    journal = opened.journal;
    engine = replaying;
    engine.attach(journal);
    if (opened.recovery.droppedBytes > 0) {
      logger?.warn(
        { droppedBytes: opened.recovery.droppedBytes },
        "dropped a torn record at the end of the journal",
      );
    }
    if (compactionDue(journal) || opened.recovery.setAside)
      await journal.compact(() => engine.dump());
  } catch (err) {
    for (const file of files) file.close();
    unlock();
    throw err;
  }

  const cursors = new CursorRegistry();
  const sessions = new SessionRegistry(engine);
  const stopTtl = startTtlMonitor(engine, options.ttlIntervalMs ?? 60_000, logger);
  const stopFinishing = finishReopen(engine, logger);
  const sockets = new Map<net.Socket, { inFlight: () => number }>();
  let state: EmbeddedServerStatus["state"] = "running";
  let compacting: Promise<void> | undefined;
  const facts: ServerFacts = {
    host,
    port: 0,
    startedAt: new Date(),
    replicaSetName: options.replicaSetName,
    connections: { current: 0, totalCreated: 0 },
    users: new Map(access.users.map((u) => [`${u.db}.${u.user}`, u])),
    commands: new Map(),
  };
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const limits = {
    maxInFlightBytes: options.maxInFlightBytes ?? DEFAULT_MAX_IN_FLIGHT,
    slowMs: options.slowCommandMs ?? 100,
    onInFlight: (bytes: number) => {
      if (bytes > peakInFlightBytes) peakInFlightBytes = bytes;
    },
  };
  let peakInFlightBytes = 0;
  let nextConnectionId = 1;
  let idleWaiters: Array<() => void> = [];
  const busy = () => [...sockets.values()].some((s) => s.inFlight() > 0);
  const onIdle = () => {
    if (compactionDue(journal) && !compacting && state === "running") {
      const began = performance.now();
      compacting = journal
        .compact(() => engine.dump(), { background: true })
        .then(() =>
          logger?.info(
            { snapshotBytes: journal.snapshotBytes, ms: Math.round(performance.now() - began) },
            "journal compacted into a new snapshot",
          ),
        )
        .catch((err: unknown) => logger?.error({ err }, "journal compaction failed"))
        .finally(() => (compacting = undefined));
    }
    if (!busy()) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const server = net.createServer((socket) => {
    if (state !== "running") return socket.destroy();
    if (sockets.size >= maxConnections) {
      // As MongoDB does past maxIncomingConnections: accept, say why in the log, close.
      logger?.warn({ maxConnections }, "connection refused because too many are open");
      return socket.destroy();
    }
    facts.connections.current += 1;
    facts.connections.totalCreated += 1;
    const handle = serveConnection(
      socket,
      { engine, cursors, sessions, connectionId: nextConnectionId++, server: facts, auth: {} },
      logger,
      onIdle,
      limits,
    );
    sockets.set(socket, handle);
    socket.on("close", () => {
      sockets.delete(socket);
      facts.connections.current -= 1;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  }).catch((err: unknown) => {
    cursors.close();
    sessions.close();
    stopTtl();
    stopFinishing();
    for (const file of files) file.close();
    void journal.close();
    unlock();
    throw err;
  });
  const port = (server.address() as net.AddressInfo).port;
  facts.port = port;
  lock.announce(port);
  const uri = storeUri(host, port, access.credential, options.replicaSetName);

  return {
    host,
    port,
    uri,
    credentialFile: path.join(path.resolve(options.dbPath), CREDENTIAL_FILE),
    status: () => ({
      state,
      dataDir: options.dbPath,
      journalBytes: journal.bytes,
      snapshotBytes: journal.snapshotBytes,
      ...engine.stats(),
      connections: facts.connections.current,
      peakInFlightBytes,
    }),
    async flush() {
      await journal.flush();
      await compacting;
    },
    async collectGarbage() {
      collectGarbage();
    },
    close: async () => {
      if (state !== "running") return;
      state = "closing";
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (busy()) {
        await Promise.race([
          new Promise<void>((resolve) => idleWaiters.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref()),
        ]);
      }
      for (const socket of sockets.keys()) socket.destroy();
      await closed;
      await compacting;
      if (compactionDue(journal)) await journal.compact(() => engine.dump());
      await journal.close();
      cursors.close();
      sessions.close();
      stopTtl();
      stopFinishing();
      for (const file of files) file.close();
      unlock();
      state = "closed";
    },
  };
}
