import type { Document } from "bson";
import type { CursorRegistry } from "../cursors";
import type { DataSource } from "../engine";
import type { SessionRegistry } from "../sessions";
import type { ScramConversation, ScramUser } from "../scram";
import { faults } from "../errors";

/** Who a connection has proved to be, and its authentication under way. */
export interface ConnectionAuth {
  user?: ScramUser;
  conversation?: ScramConversation;
  /** The client asked to skip SCRAM's last, empty round trip. */
  skipEmptyExchange?: boolean;
}

/** What a command handler may use: the data, the open cursors, who is asking. */
export interface CommandContext {
  engine: DataSource;
  sessions: SessionRegistry;
  cursors: CursorRegistry;
  /** The database the command runs in (`$db`). */
  db: string;
  connectionId: number;
  server: ServerFacts;
  /** This connection's authentication; one object for the connection's lifetime. */
  auth: ConnectionAuth;
}

/** What every command on one connection shares: all of its context but the database. */
export type ConnectionContext = Omit<CommandContext, "db">;

/**
 * The context of one command: its connection's, with the database it names and
 * the data it runs against (a transaction's view, or the engine). Written out
 * field by field, because V8 gives a copy made by spreading an object and then
 * adding a field a hidden class of its own, each time: every handler's read of
 * the context then missed its inline cache, on every command.
 */
export function commandContext(
  connection: ConnectionContext,
  db: string,
  engine: DataSource = connection.engine,
): CommandContext {
  return {
    engine,
    sessions: connection.sessions,
    cursors: connection.cursors,
    db,
    connectionId: connection.connectionId,
    server: connection.server,
    auth: connection.auth,
  };
}

/** Facts about the running server that `hello`, `buildInfo` and `serverStatus` report. */
export interface ServerFacts {
  host: string;
  port: number;
  startedAt: Date;
  replicaSetName?: string;
  connections: { current: number; totalCreated: number };
  /** The users a client may sign in as, by `db.user`; only their SCRAM keys. */
  users: ReadonlyMap<string, ScramUser>;
  /** Commands run since the start, by name, as MongoDB's `metrics.commands` counts them. */
  commands: Map<string, { total: number; failed: number }>;
}

export type CommandHandler = (cmd: Document, ctx: CommandContext) => Document | Promise<Document>;

/** A string field of a command, or FailedToParse/TypeMismatch naming it. */
export function stringField(cmd: Document, field: string): string {
  const value = cmd[field];
  if (typeof value !== "string")
    throw faults.typeMismatch(`Field '${field}' must be a string, got ${typeof value}`);
  return value;
}

/** An optional document field of a command. */
export function documentField(cmd: Document, field: string): Document | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw faults.typeMismatch(`Field '${field}' must be an object`);
  }
  return value as Document;
}

/** An optional non-negative integer field, Longs included. */
export function numberField(cmd: Document, field: string): number | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === "number"
      ? value
      : typeof value === "object" && "toNumber" in value
        ? (value as { toNumber(): number }).toNumber()
        : NaN;
  if (!Number.isFinite(n)) throw faults.typeMismatch(`Field '${field}' must be a number`);
  return n;
}
