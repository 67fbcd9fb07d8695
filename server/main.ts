import type { AddressInfo } from "node:net";
import path from "node:path";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openStore } from "./db/store";
import { ensureDemoProgram } from "./demo/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo/users";
import { ensureAdmin } from "./users/service";
import { createLogger } from "./logger";
import { queueDeps, startSmsWorker } from "./distribution/queue/runner";
import { createFieldCipher } from "./privacy/crypto";
import { drainServer } from "./http/drain";

/** How long in-flight requests get to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const store = await openStore(config, logger);
  const admin = await ensureAdmin(config);
  if (admin.created) logger.info({ email: admin.email }, "first start: admin account created");
  // Demo accounts have a published password: never in production.
  const demoUsers = config.env !== "production";
  if (config.seedDemo === "auto") {
    const seeded = await ensureDemoProgram({
      demoUsers,
      distribution: { cipher: createFieldCipher(config.dataKeys), linkSecret: config.linkSecret },
    });
    if (seeded.created) logger.info(seeded, "demo program created on an empty store");
  }

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
  const base =
    config.publicUrl ?? `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  logger.info({ port, store: store.kind }, "listening");
  // Sends queued SMS and queues due reminders in the background (server/distribution/queue).
  const stopSms = startSmsWorker(
    queueDeps(config, createFieldCipher(config.dataKeys), base),
    config.sms.workerIntervalMs,
    logger,
  );
  if (config.env !== "production") {
    // The first thing a newcomer reads after `npm start`.
    process.stdout.write(
      [
        "",
        `Kehila Pulse is running on ${base}  (store: ${store.kind}${store.kind === "embedded" ? `, data in ${config.dataDir}` : ""})`,
        `  Demo survey (Hebrew):  ${base}/take/demo`,
        `  Demo survey (Arabic):  ${base}/take/demo?lang=ar`,
        `  Demo survey (English): ${base}/take/demo?lang=en`,
        `  Kiosk (pair with a code from the workspace): ${base}/kiosk`,
        `  Results:               ${base}/`,
        `  Workspace:             ${base}/workspace`,
        `  Public page (demo):    ${base}/p/ramat-tamar`,
        `  API description:       ${base}/api/openapi.json`,
        `  Sign in:               ${base}/login`,
        `    admin (ADMIN_EMAIL / ADMIN_PASSWORD): ${config.admin.email} / ${config.admin.isDevDefault ? config.admin.password : "(as configured)"}`,
        ...(config.seedDemo === "auto" && demoUsers
          ? [
              `    demo accounts, password "${DEMO_PASSWORD}":`,
              ...DEMO_USERS.map((u) => `      ${u.role.padEnd(22)} ${u.email}`),
            ]
          : []),
        "",
      ].join("\n") + "\n",
    );
  }

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
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error("Kehila Pulse failed to start:", err);
  }
  process.exit(1);
});
