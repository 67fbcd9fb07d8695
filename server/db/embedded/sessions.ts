import { randomUUID } from "node:crypto";
import { Long, type Document } from "bson";
import type { DataSource, Engine } from "./engine";
import { CommandFault, faults } from "./errors";
import { Transaction, TRANSIENT, type LockTable } from "./transaction";
import { keyString } from "./values";

/** MongoDB's default transactionLifetimeLimitSeconds. */
const TRANSACTION_LIFETIME_MS = 60_000;

interface SessionState {
  txnNumber: bigint;
  txn?: Transaction;
  state: "active" | "committed" | "aborted";
  /** The reply to the last retryable write, replayed when the driver retries it. */
  lastWrite?: { txnNumber: bigint; reply: Document };
}

function txnNumberOf(cmd: Document): bigint | undefined {
  const n = cmd.txnNumber;
  if (n instanceof Long) return n.toBigInt();
  if (typeof n === "number") return BigInt(n);
  return undefined;
}

function noSuchTransaction(n: bigint): CommandFault {
  return new CommandFault(
    251,
    "NoSuchTransaction",
    `Transaction with { txnNumber: ${n} } has been aborted.`,
    TRANSIENT,
  );
}

/**
 * Logical sessions: the transaction each one has open and the last retryable
 * write it made. Only a server started as a replica set takes transactions,
 * as with MongoDB.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, SessionState>();
  /** Every logical session seen, for `$listLocalSessions`. */
  private readonly seen = new Map<string, { id: unknown; lastUse: Date }>();
  private readonly locks: LockTable = new Map();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly engine: Engine) {
    this.sweeper = setInterval(() => this.expire(), 5_000);
    this.sweeper.unref();
  }

  private key(cmd: Document): string | undefined {
    const lsid = cmd.lsid as Document | undefined;
    return lsid?.id === undefined ? undefined : keyString(lsid.id);
  }

  /** Notes the session a command came in, as MongoDB's session cache does. */
  touch(cmd: Document): void {
    const key = this.key(cmd);
    if (key) this.seen.set(key, { id: (cmd.lsid as Document).id, lastUse: new Date() });
  }

  /** The sessions `$listLocalSessions` reports. */
  list(): Document[] {
    return [...this.seen.values()].map((s) => ({ _id: { id: s.id }, lastUse: s.lastUse }));
  }

  /** The data a command runs against: its transaction's view, or the engine. */
  sourceFor(cmd: Document): DataSource {
    if (cmd.autocommit !== false) return this.engine;
    const key = this.key(cmd);
    const n = txnNumberOf(cmd);
    if (!key || n === undefined) throw faults.badValue("a transaction needs lsid and txnNumber");
    let session = this.sessions.get(key);
    if (cmd.startTransaction === true) {
      if (session && n < session.txnNumber) {
        throw new CommandFault(
          225,
          "TransactionTooOld",
          `txnNumber ${n} is older than ${session.txnNumber}`,
        );
      }
      session?.txn?.abort();
      session = {
        txnNumber: n,
        state: "active",
        txn: new Transaction(this.engine, randomUUID(), this.locks),
        lastWrite: session?.lastWrite,
      };
      this.sessions.set(key, session);
      return session.txn!;
    }
    if (!session || session.txnNumber !== n || session.state !== "active" || !session.txn)
      throw noSuchTransaction(n);
    return session.txn;
  }

  async commit(cmd: Document): Promise<Document> {
    const session = this.current(cmd);
    if (session.state === "committed") return { ok: 1 }; // a retried commit
    if (session.state !== "active" || !session.txn) throw noSuchTransaction(session.txnNumber);
    const txn = session.txn;
    try {
      await txn.commit();
      session.state = "committed";
    } catch (err) {
      session.state = "aborted";
      throw err;
    } finally {
      session.txn = undefined;
    }
    return { ok: 1 };
  }

  abort(cmd: Document): Document {
    const session = this.current(cmd);
    if (session.state !== "active" || !session.txn) throw noSuchTransaction(session.txnNumber);
    session.txn.abort();
    session.txn = undefined;
    session.state = "aborted";
    return { ok: 1 };
  }

  /** Aborts a failed transaction so its locks do not hold others back. */
  abortAfterError(cmd: Document): void {
    if (cmd.autocommit !== false) return;
    const key = this.key(cmd);
    const session = key ? this.sessions.get(key) : undefined;
    if (session?.state === "active" && session.txn) {
      session.txn.abort();
      session.txn = undefined;
      session.state = "aborted";
    }
  }

  /** The stored reply when this retryable write already ran. */
  replayed(cmd: Document): Document | undefined {
    const key = this.key(cmd);
    const n = txnNumberOf(cmd);
    if (!key || n === undefined || cmd.autocommit === false) return undefined;
    const last = this.sessions.get(key)?.lastWrite;
    return last && last.txnNumber === n ? last.reply : undefined;
  }

  remember(cmd: Document, reply: Document): void {
    const key = this.key(cmd);
    const n = txnNumberOf(cmd);
    if (!key || n === undefined || cmd.autocommit === false) return;
    const session = this.sessions.get(key) ?? { txnNumber: n, state: "committed" as const };
    session.lastWrite = { txnNumber: n, reply };
    this.sessions.set(key, session);
  }

  end(lsids: Document[]): void {
    for (const lsid of lsids) {
      const key = lsid?.id === undefined ? undefined : keyString(lsid.id);
      if (!key) continue;
      this.sessions.get(key)?.txn?.abort();
      this.sessions.delete(key);
      this.seen.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const s of this.sessions.values()) s.txn?.abort();
    this.sessions.clear();
  }

  private current(cmd: Document): SessionState {
    const key = this.key(cmd);
    const n = txnNumberOf(cmd);
    const session = key ? this.sessions.get(key) : undefined;
    if (!session || n === undefined || session.txnNumber !== n) throw noSuchTransaction(n ?? 0n);
    return session;
  }

  private expire(): void {
    const cutoff = Date.now() - TRANSACTION_LIFETIME_MS;
    for (const session of this.sessions.values()) {
      if (session.state === "active" && session.txn && session.txn.lastUsed < cutoff) {
        session.txn.abort();
        session.txn = undefined;
        session.state = "aborted";
      }
    }
  }
}
