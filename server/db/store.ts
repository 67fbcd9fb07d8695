import mongoose from "mongoose";
import type { Logger } from "pino";
import type { Config } from "../config";
import { collectGarbage, startEmbeddedServer, type EmbeddedServer } from "./embedded";
import { redactUri } from "./embedded/credentials";
import { startEmbeddedServerThread } from "./embedded/thread";
import { MIGRATIONS } from "./migrations";
import { runMigrations } from "./migrations/runner";

/**
 * The platform's one way to its database: real MongoDB when `MONGODB_URI` is
 * set, else the embedded server on the data directory; the migrations run on
 * opening it; mongoose's settings that keep request data from becoming query
 * operators; the store's health as `/api/health` reports it; closing it all on
 * shutdown.
 */

export type StoreKind = "embedded" | "mongodb";

/** What the health check reports about the store. */
export interface StoreHealth {
  kind: StoreKind;
  state: "connected" | "connecting" | "disconnected";
  embedded?: ReturnType<EmbeddedServer["status"]>;
}

/** The platform's database: real MongoDB when configured, else the embedded server. */
export interface Store {
  readonly kind: StoreKind;
  /**
   * The address other processes of this machine reach the same database at,
   * credential included (MONGODB_URI's own, untouched, or the embedded store's).
   */
  readonly uri: string;
  health(): StoreHealth;
  /**
   * Collects the garbage of this thread and of the embedded store's, when the
   * process runs with `--expose-gc`: what a benchmark counts as held is then live.
   */
  collectGarbage(): Promise<void>;
  close(): Promise<void>;
}

const READY_STATES: Record<number, StoreHealth["state"]> = {
  0: "disconnected",
  1: "connected",
  2: "connecting",
  3: "disconnected",
};

/** Query behaviour that keeps request data from ever becoming query operators. */
export function configureMongoose(): void {
  mongoose.set("strictQuery", true);
  mongoose.set("sanitizeFilter", true);
  // Indexes are made by the migrations (server/db/migrations), not as models load.
  mongoose.set("autoIndex", false);
}

/**
 * Opens the store and connects mongoose's default connection to it. Without
 * MONGODB_URI the embedded server starts on a free loopback port with its journal in
 * DATA_DIR, in a thread of its own unless STORE_THREAD=off.
 */
export async function openStore(
  config: Pick<Config, "mongodbUri" | "dataDir" | "storeThread" | "storeHeapMb">,
  logger: Logger,
  options: {
    dbName?: string;
    /**
     * Run the migrations not yet applied (server/db/migrations); once per machine: a
     * cluster's first process does it. Never drops an index a migration did not make.
     */
    migrate?: boolean;
  } = {},
): Promise<Store> {
  configureMongoose();
  let embedded: EmbeddedServer | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    // A one-member replica set, so transactions work as they do on production MongoDB.
    const serverOptions = {
      dbPath: config.dataDir,
      replicaSetName: "kp",
      logger: logger.child({ component: "embedded-db" }),
    };
    embedded =
      config.storeThread === "on"
        ? await startEmbeddedServerThread({
            ...serverOptions,
            heapLimitMb: config.storeHeapMb,
            // As when a store in this thread fails: every acknowledged write is in the
            // journal, and a platform without its store must not go on answering.
            onLost: (err) => {
              logger.fatal({ err }, "the embedded store stopped; stopping the platform");
              process.exit(1);
            },
          })
        : await startEmbeddedServer(serverOptions);
    uri = embedded.uri;
    // The address carries the store's password: the log gets it without.
    logger.info(
      { uri: redactUri(uri), dataDir: config.dataDir, credentialFile: embedded.credentialFile },
      "embedded store started",
    );
  }
  const dbName = options.dbName ?? (embedded ? "kehila" : undefined);
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
  });
  if (options.migrate !== false) {
    const applied = await runMigrations(mongoose.connection.db!, logger, MIGRATIONS);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
  }
  const kind: StoreKind = embedded ? "embedded" : "mongodb";
  return {
    kind,
    // The embedded server's address names no database: add the one the platform uses.
    uri: embedded && dbName ? uri.replace("/?", `/${dbName}?`) : uri,
    health: () => ({
      kind,
      state: READY_STATES[mongoose.connection.readyState] ?? "disconnected",
      ...(embedded ? { embedded: embedded.status() } : {}),
    }),
    collectGarbage: async () => {
      await embedded?.collectGarbage();
      collectGarbage();
    },
    close: async () => {
      await mongoose.disconnect();
      await embedded?.close();
    },
  };
}
