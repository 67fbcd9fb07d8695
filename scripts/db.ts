/**
 * `npm run db -- --port 27017 --dbpath ./data`: runs the embedded
 * MongoDB-compatible server on its own, so mongosh, Compass or mongodump can
 * connect to the data the platform keeps. It prints the connection string with
 * the store's credential (kept 0600 in the data directory). It listens on
 * loopback only, unless `--host` names another address and `--allow-remote` says so.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { startEmbeddedServer } from "../server/db/embedded";

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "27017" },
      host: { type: "string", default: "127.0.0.1" },
      dbpath: { type: "string", default: "./data" },
      replSet: { type: "string" },
      "allow-remote": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "Usage: npm run db -- [--port 27017] [--host 127.0.0.1 [--allow-remote]] [--dbpath ./data] [--replSet rs0]",
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
  const server = await startEmbeddedServer({
    dbPath: path.resolve(values.dbpath),
    port,
    host: values.host,
    replicaSetName: values.replSet,
    allowRemote: values["allow-remote"],
    logger,
  });
  const status = server.status();
  // The first line is the URI alone (credential included), so scripts, tests and mongosh can use it.
  console.log(server.uri);
  console.error(
    `Embedded store listening on ${server.host}:${server.port}, data in ${status.dataDir} ` +
      `(${status.collections} collections, ${status.documents} documents). ` +
      `Clients sign in with the user and password in ${server.credentialFile}; ` +
      `the address above includes them. Ctrl-C stops it.`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err: unknown) => {
  console.error("The embedded store failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
