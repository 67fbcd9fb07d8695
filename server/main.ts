import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import { createApp } from "./app";
import { ConfigError, loadConfig, type Config } from "./config";
import { openStore, type Store } from "./db/store";
import { ensureDemoProgram } from "./demo/seed";
import { DEMO_USERS } from "./demo/users";
import { developmentStoreRefusal } from "./secrets/development-store";
import { DEV_SECRETS_FILE, readOrCreateDevSecrets } from "./secrets/secrets-file";
import { recordStoreOrigin } from "./secrets/store-origin";
import { ensureAdmin } from "./users/service";
import { createLogger } from "./logger";
import { queueDeps, startSmsWorker } from "./distribution/queue/runner";
import { createFieldCipher } from "./privacy/crypto";
import { drainServer } from "./http/drain";

/** How long in-flight requests get to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Set in the processes a cluster's first process starts (see runCluster). */
const CLUSTER_WORKER = process.env.KP_CLUSTER_WORKER === "1";

/**
 * First start on a store: the admin account, and the demo program outside production
 * (config.seedDemo is "never" there). Production first refuses a store that was used
 * in development. On a refusal the store is closed before the error goes up.
 */
async function prepareStore(config: Config, logger: Logger, store: Store): Promise<void> {
  try {
    if (config.env === "production") {
      const refusal = await developmentStoreRefusal(config);
      if (refusal) throw new ConfigError(refusal);
    }
    await recordStoreOrigin(config.env === "production" ? "production" : "development");
    const admin = await ensureAdmin(config);
    if (admin.created) logger.info({ email: admin.email }, "first start: admin account created");
    if (config.seedDemo === "auto") {
      const seeded = await ensureDemoProgram({
        demoPassword: config.demoPassword,
        distribution: { cipher: createFieldCipher(config.dataKeys), linkSecret: config.linkSecret },
        bridgePair: true,
      });
      if (seeded.created) logger.info(seeded, "demo program created on an empty store");
    }
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}

/** The first thing a newcomer reads after `npm start`. */
function printWelcome(config: Config, store: Store, base: string): void {
  if (config.env === "production") return;
  const demoUsers = config.seedDemo === "auto" && config.demoPassword !== undefined;
  const generated = path.join(config.dataDir, DEV_SECRETS_FILE);
  process.stdout.write(
    [
      "",
      `Kehila Pulse is running on ${base}  (store: ${store.kind}${store.kind === "embedded" ? `, data in ${config.dataDir}` : ""}${config.workers > 1 ? `; ${config.workers} HTTP processes` : ""})`,
      `  Demo survey (Hebrew):  ${base}/take/demo`,
      `  Demo survey (Arabic):  ${base}/take/demo?lang=ar`,
      `  Demo survey (English): ${base}/take/demo?lang=en`,
      `  Kiosk (pair with a code from the workspace): ${base}/kiosk`,
      `  Results:               ${base}/`,
      `  Workspace:             ${base}/workspace`,
      `  Public page (demo):    ${base}/p/ramat-tamar`,
      `  API description:       ${base}/api/openapi.json`,
      `  Sign in:               ${base}/login`,
      `    admin (ADMIN_EMAIL / ADMIN_PASSWORD): ${config.admin.email} / ${config.admin.generated ? config.admin.password : "(as configured)"}`,
      ...(demoUsers
        ? [
            `    demo accounts, password "${config.demoPassword}":`,
            ...DEMO_USERS.map((u) => `      ${u.role.padEnd(22)} ${u.email}`),
          ]
        : []),
      `    the admin and coordinators set up an authenticator app (TOTP) at their first sign-in`,
      `  Passwords and keys not set in the environment were generated at first start: ${generated}`,
      "",
    ].join("\n") + "\n",
  );
}

const baseOf = (config: Config, port: number) =>
  config.publicUrl ?? `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;

/**
 * Serves HTTP in this process: the whole platform when it runs alone, or one of
 * a cluster's HTTP processes (the store then lives in the cluster's first process).
 */
async function serve(config: Config, logger: Logger): Promise<void> {
  // In a cluster the first process has already brought the indexes in line.
  const store = await openStore(config, logger, { migrate: !CLUSTER_WORKER });
  if (!CLUSTER_WORKER) await prepareStore(config, logger, store);

  const app = createApp({
    config,
    logger,
    store,
    clientDir: path.join(config.rootDir, "dist", "client"),
  });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const base = baseOf(config, port);
  logger.info({ port, store: store.kind }, "listening");
  // Sends queued SMS and queues due reminders in the background (server/distribution/queue);
  // in a cluster one process does it (the queue's leases would keep others from sending twice).
  const sends = !CLUSTER_WORKER || process.env.KP_SMS_WORKER === "1";
  const stopSms = sends
    ? startSmsWorker(
        queueDeps(config, createFieldCipher(config.dataKeys), base),
        config.sms.workerIntervalMs,
        logger,
      )
    : async () => {};
  if (CLUSTER_WORKER) process.send?.({ kind: "listening", port });
  else printWelcome(config, store, base);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    drainServer(server, SHUTDOWN_GRACE_MS, async () => {
      try {
        await stopSms();
        await store.close();
        logger.info("store flushed and closed; bye");
        process.exit(0);
      } catch (err) {
        logger.error({ err }, "store did not close cleanly");
        process.exit(1);
      }
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // A cluster process whose first process is gone (even by kill -9) stops rather than serve on alone.
  if (CLUSTER_WORKER) process.on("disconnect", () => stop("first process gone"));
}

/**
 * WORKERS > 1: this process keeps the store (the embedded server, or the
 * connection to MONGODB_URI for the first start's set-up) and starts WORKERS
 * HTTP processes that share the port and reach the store over its address.
 * Sessions, rate limits and caches already live in the database, so any process
 * can answer any request. A process that dies is replaced; a stop signal stops
 * them all, waits for their requests in flight, then flushes the store.
 */
async function runCluster(config: Config, logger: Logger): Promise<void> {
  const store = await openStore(config, logger);
  await prepareStore(config, logger, store);
  let stopping = false;
  // Announced once every process listens, so "running" means all of them take requests.
  const listening = new Set<number>();
  let welcomed = false;
  const start = (index: number) => {
    const worker = cluster.fork({
      KP_CLUSTER_WORKER: "1",
      KP_SMS_WORKER: index === 0 ? "1" : "0",
      MONGODB_URI: store.uri,
    });
    worker.on("message", (m: { kind?: string; port?: number }) => {
      if (m.kind !== "listening") return;
      listening.add(index);
      if (welcomed || listening.size < config.workers) return;
      welcomed = true;
      logger.info({ port: m.port, workers: config.workers, store: store.kind }, "listening");
      printWelcome(config, store, baseOf(config, m.port!));
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      logger.error({ index, code, signal }, "an HTTP process stopped; starting another");
      start(index);
    });
  };
  for (let i = 0; i < config.workers; i += 1) start(i);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down the HTTP processes, then the store");
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    try {
      await store.close();
      logger.info("store flushed and closed; bye");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "store did not close cleanly");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

async function main(): Promise<void> {
  // Outside production, secrets the environment leaves unset come from DATA_DIR.
  const config = loadConfig(process.env, { devSecrets: readOrCreateDevSecrets });
  const logger = createLogger(config);
  if (config.workers > 1 && cluster.isPrimary) await runCluster(config, logger);
  else await serve(config, logger);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error("Kehila Pulse failed to start:", err);
  }
  process.exit(1);
});
