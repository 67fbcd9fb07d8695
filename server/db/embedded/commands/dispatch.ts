import type { Document } from "bson";
import { faults, toFault } from "../errors";
import type { CommandContext, CommandHandler } from "./context";
import { ddlCommands } from "./ddl";
import { explainCommands } from "./explain";
import { handshakeCommands } from "./handshake";
import { readCommands } from "./read";
import { writeCommands } from "./write";

const COMMANDS: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...ddlCommands,
  ...readCommands,
  ...writeCommands,
  ...explainCommands,
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

/** Runs one command; every failure becomes a `{ ok: 0 }` reply, never a dropped connection. */
export async function runCommand(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = commandName(cmd);
  try {
    if (!name) throw faults.failedToParse("empty command");
    if (cmd.startTransaction || cmd.autocommit === false) {
      throw faults.illegalOperation(
        "Transaction numbers are only allowed on a replica set member or mongos",
      );
    }
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw faults.commandNotFound(name);
    return await handler(cmd, ctx);
  } catch (err) {
    return toFault(err).toReply();
  }
}
