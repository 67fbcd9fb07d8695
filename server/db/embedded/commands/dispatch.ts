import type { Document } from "bson";
import { faults, toFault } from "../errors";
import { commandContext, type CommandContext, type CommandHandler } from "./context";
import { aggregateCommands } from "./aggregate";
import { authCommands, PRE_AUTH_COMMANDS, unauthorized } from "./auth";
import { ddlCommands } from "./ddl";
import { explainCommands } from "./explain";
import { handshakeCommands } from "./handshake";
import { readCommands } from "./read";
import { writeCommands } from "./write";
import { refuseWriteOnView, viewOf } from "../views";
import { cappedCommands, refuseWriteInTransaction } from "../capped";

/**
 * Where every command arrives: finds its handler by name, refuses what the
 * connection may not run (before authentication, writes on views, writes to a
 * capped collection inside a transaction), and turns any failure into the
 * `{ ok: 0, code, codeName, errmsg }` reply drivers expect. Keeps the counts of
 * commands run and failed that `serverStatus` reports.
 */

const COMMANDS: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...authCommands,
  ...ddlCommands,
  ...readCommands,
  ...aggregateCommands,
  ...writeCommands,
  ...explainCommands,
  ...cappedCommands,
};

/** Fields drivers add to every command that this server has no use for. */
const GENERIC_FIELDS = new Set([
  "$db",
  "lsid",
  "$clusterTime",
  "$readPreference",
  "txnNumber",
  "apiVersion",
  "apiStrict",
  "comment",
]);

/** The name of a command: its first field that is not a generic one. */
export function commandName(cmd: Document): string | undefined {
  return Object.keys(cmd).find((k) => !GENERIC_FIELDS.has(k));
}

const RETRYABLE_WRITES = new Set(["insert", "update", "delete", "findAndModify"]);

/** Commands that change a collection's documents or indexes: a view takes none of them. */
const CHANGES_DOCUMENTS = new Set([...RETRYABLE_WRITES, "createIndexes", "dropIndexes"]);

const sessionCommands: Record<string, CommandHandler> = {
  commitTransaction: (cmd, ctx) => ctx.sessions.commit(cmd),
  abortTransaction: (cmd, ctx) => ctx.sessions.abort(cmd),
  endSessions: (cmd, ctx) => {
    ctx.sessions.end(Array.isArray(cmd.endSessions) ? (cmd.endSessions as Document[]) : []);
    return { ok: 1 };
  },
};

/**
 * Runs one command; every failure becomes a `{ ok: 0 }` reply, never a dropped
 * connection. Commands of a transaction run against its private view; a
 * retried write that already ran gets its first reply again.
 */
export async function runCommand(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = commandName(cmd);
  const counted = name === undefined ? undefined : countOf(ctx, name);
  try {
    if (!name) throw faults.failedToParse("empty command");
    const session = Object.hasOwn(sessionCommands, name) ? sessionCommands[name] : undefined;
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    // As in MongoDB, a command is looked up first, then refused to a client that has not signed in.
    if (!session && !handler) throw faults.commandNotFound(name);
    if (!ctx.auth.user && !PRE_AUTH_COMMANDS.has(name)) throw unauthorized(name);
    ctx.sessions.touch(cmd);
    if (cmd.autocommit === false && !ctx.server.replicaSetName) {
      throw faults.illegalOperation(
        "Transaction numbers are only allowed on a replica set member or mongos",
      );
    }
    if (session) return await session(cmd, ctx);
    if (!handler) throw faults.commandNotFound(name);
    const retryable = RETRYABLE_WRITES.has(name);
    const replay = retryable ? ctx.sessions.replayed(cmd) : undefined;
    if (replay) return replay;
    const source = ctx.sessions.sourceFor(cmd);
    const target = cmd[name];
    if (
      CHANGES_DOCUMENTS.has(name) &&
      typeof target === "string" &&
      viewOf(source.collection(ctx.db, target))
    )
      throw refuseWriteOnView(`${ctx.db}.${target}`);
    let reply: Document;
    try {
      if (CHANGES_DOCUMENTS.has(name) && typeof target === "string")
        refuseWriteInTransaction(cmd, source.collection(ctx.db, target));
      reply = await handler(cmd, source === ctx.engine ? ctx : commandContext(ctx, ctx.db, source));
    } catch (err) {
      ctx.sessions.abortAfterError(cmd);
      throw err;
    }
    if (retryable && reply.ok === 1) ctx.sessions.remember(cmd, reply);
    return reply;
  } catch (err) {
    if (counted) counted.failed += 1;
    return toFault(err).toReply();
  }
}

/** The counter of a command known to this server (unknown names are not counted, as in MongoDB). */
function countOf(ctx: CommandContext, name: string): { total: number; failed: number } | undefined {
  if (!Object.hasOwn(COMMANDS, name) && !Object.hasOwn(sessionCommands, name)) return undefined;
  let c = ctx.server.commands.get(name);
  if (!c) ctx.server.commands.set(name, (c = { total: 0, failed: 0 }));
  c.total += 1;
  return c;
}
