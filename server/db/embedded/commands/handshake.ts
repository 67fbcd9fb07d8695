import type { Document } from "bson";
import { MAX_BSON_OBJECT_BYTES, MAX_MESSAGE_BYTES } from "../wire";
import { connectionStatus, helloAuthFields } from "./auth";
import type { CommandContext, CommandHandler } from "./context";

/** The server version reported to drivers and tools; wire version 21 is MongoDB 7.0's. */
export const REPORTED_VERSION = "7.0.0";
const MAX_WIRE_VERSION = 21;

/** The reply to `hello` / `isMaster`, also used for the legacy OP_QUERY handshake. */
export function helloReply(ctx: CommandContext, legacy: boolean, cmd?: Document): Document {
  const me = `${ctx.server.host}:${ctx.server.port}`;
  const replicaSet = ctx.server.replicaSetName
    ? {
        setName: ctx.server.replicaSetName,
        setVersion: 1,
        hosts: [me],
        primary: me,
        me,
        secondary: false,
      }
    : {};
  return {
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...replicaSet,
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ...helloAuthFields(cmd, ctx),
    ok: 1,
  };
}

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (cmd, ctx) => helloReply(ctx, false, cmd),
  isMaster: (cmd, ctx) => helloReply(ctx, true, cmd),
  ismaster: (cmd, ctx) => helloReply(ctx, true, cmd),
  ping: () => ({ ok: 1 }),
  buildInfo: () => ({
    version: REPORTED_VERSION,
    versionArray: [7, 0, 0, 0],
    gitVersion: "kehila-pulse-embedded",
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    storageEngines: ["kehila-journal"],
    ok: 1,
  }),
  getParameter: (cmd) =>
    cmd.featureCompatibilityVersion
      ? { featureCompatibilityVersion: { version: "7.0" }, ok: 1 }
      : { ok: 1 },
  hostInfo: () => ({
    system: { currentTime: new Date(), hostname: "localhost" },
    os: { type: process.platform },
    ok: 1,
  }),
  whatsmyuri: (_cmd, ctx) => ({ you: `${ctx.server.host}:0`, ok: 1 }),
  connectionStatus: (_cmd, ctx) => connectionStatus(ctx),
  getCmdLineOpts: () => ({ argv: ["kehila-embedded"], parsed: {}, ok: 1 }),
  serverStatus: (_cmd, ctx) => ({
    host: ctx.server.host,
    version: REPORTED_VERSION,
    process: "kehila-embedded",
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
    localTime: new Date(),
    connections: {
      current: ctx.server.connections.current,
      totalCreated: ctx.server.connections.totalCreated,
    },
    metrics: {
      cursor: { open: { total: ctx.cursors.size } },
      commands: Object.fromEntries(
        [...ctx.server.commands].map(([name, c]) => [name, { total: c.total, failed: c.failed }]),
      ),
    },
    ok: 1,
  }),
  listDatabases: (cmd, ctx) => {
    const databases = ctx.engine.databases().map((name) => ({ name, sizeOnDisk: 0, empty: false }));
    return cmd.nameOnly
      ? { databases: databases.map((d) => ({ name: d.name })), ok: 1 }
      : { databases, totalSize: 0, ok: 1 };
  },
};
