import { randomBytes } from "node:crypto";
import { Long, type Document } from "bson";
import { encodeBatch, encodeOne, EncodedBatch, type Outgoing } from "./encoded-batch";
import { faults } from "./errors";
import type { Tail } from "./tailable";

/**
 * Open cursors between `find`/`aggregate` and their `getMore`s: their place in
 * materialised results or in a streamed walk, batch sizes within the reply
 * limit, idle timeouts, `killCursors`, and tailable cursors waiting on inserts.
 */

const DEFAULT_FIRST_BATCH = 101;
/** A batch stops growing past this, well under the 16 MB reply limit. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60_000;

/**
 * Documents a cursor reads as it is asked for them (streamed-find.ts): a
 * find walks its index or collection a batch at a time, so what it holds
 * between getMores is its place, not its results.
 */
export type DocumentStream = Iterator<Outgoing, undefined>;

interface OpenCursor {
  ns: string;
  docs: Outgoing[];
  position: number;
  lastUsed: number;
  /** Where a streamed cursor's documents come from; `docs` then stays empty. */
  stream?: StreamState;
  /** A tailable cursor's source of documents inserted later (server/db/embedded/tailable.ts). */
  tail?: Tail<Outgoing>;
}

/**
 * Open cursors. A query's results are materialised when it runs, so a cursor
 * is a position in that list; idle cursors are closed after ten minutes, as
 * MongoDB does. A tailable cursor stays open at the end of its list and
 * takes what its tail finds next.
 */
export class CursorRegistry {
  private readonly open = new Map<bigint, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** The `cursor` field of a find or aggregate reply, holding the rest open when there is more. */
  first(
    ns: string,
    docs: Outgoing[],
    batchSize?: number,
    singleBatch = false,
    tail?: Tail<Outgoing>,
  ): Document {
    const batch = takeBatch(docs, 0, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if ((batch.length < docs.length && !singleBatch) || tail) {
      id = randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn || 1n;
      this.open.set(id, { ns, docs, position: batch.length, lastUsed: Date.now(), tail });
    }
    return { firstBatch: batch, id: Long.fromBigInt(id), ns };
  }

  next(id: bigint, ns: string, batchSize?: number): Document {
    const cursor = this.open.get(id);
    if (!cursor || cursor.ns !== ns) throw faults.cursorNotFound(id);
    if (cursor.tail && cursor.position >= cursor.docs.length) {
      try {
        cursor.docs = cursor.tail.more();
      } catch (err) {
        this.open.delete(id);
        throw err;
      }
      cursor.position = 0;
    }
    if (cursor.stream) {
      let batch: EncodedBatch;
      try {
        batch = takeStreamed(cursor.stream, batchSize || Number.MAX_SAFE_INTEGER);
      } catch (err) {
        this.open.delete(id);
        throw err;
      }
      cursor.lastUsed = Date.now();
      if (cursor.stream.done) this.open.delete(id);
      return {
        nextBatch: batch,
        id: Long.fromBigInt(cursor.stream.done ? 0n : id),
        ns,
      };
    }
    const batch = takeBatch(cursor.docs, cursor.position, batchSize || Number.MAX_SAFE_INTEGER);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = !cursor.tail && cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return { nextBatch: batch, id: Long.fromBigInt(exhausted ? 0n : id), ns };
  }

  /**
   * The `cursor` field of a find reply whose documents are read as batches
   * are asked for: the first now, the rest by getMore.
   */
  firstOfStream(
    ns: string,
    source: DocumentStream,
    batchSize?: number,
    singleBatch = false,
  ): Document {
    const stream: StreamState = { source };
    const batch = takeStreamed(stream, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if (!stream.done && !singleBatch) {
      id = randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn || 1n;
      this.open.set(id, { ns, docs: [], position: 0, lastUsed: Date.now(), stream });
    }
    return { firstBatch: batch, id: Long.fromBigInt(id), ns };
  }

  /** True for an open tailable cursor whose getMore may wait for new documents. */
  awaitsData(id: bigint): boolean {
    return this.open.get(id)?.tail?.awaitData === true;
  }

  kill(ids: bigint[]): { killed: bigint[]; notFound: bigint[] } {
    const killed: bigint[] = [];
    const notFound: bigint[] = [];
    for (const id of ids) {
      this.open.get(id)?.stream?.source.return?.();
      (this.open.delete(id) ? killed : notFound).push(id);
    }
    return { killed, notFound };
  }

  get size(): number {
    return this.open.size;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(id);
  }
}

/** The next batch, encoded once: the bytes that size it are the bytes the reply carries. */
function takeBatch(docs: Outgoing[], from: number, batchSize: number): EncodedBatch {
  return encodeBatch(docs, from, Math.max(0, batchSize), MAX_BATCH_BYTES);
}

/** A streamed cursor's source, the document read ahead of the last batch, and whether it ran out. */
interface StreamState {
  source: DocumentStream;
  /** Read but not sent: the document that showed the source has more, encoded. */
  ahead?: Buffer;
  done?: boolean;
}

/**
 * The next batch of a streamed cursor: at most `batchSize` documents and,
 * past the first, at most the batch's bytes. One document more is read ahead,
 * so a cursor whose source ran out answers with id 0 as a listed one does.
 */
function takeStreamed(stream: StreamState, batchSize: number): EncodedBatch {
  const pull = (): Buffer | undefined => {
    if (stream.ahead) {
      const next = stream.ahead;
      stream.ahead = undefined;
      return next;
    }
    if (stream.done) return undefined;
    const step = stream.source.next();
    if (step.done) {
      stream.done = true;
      return undefined;
    }
    return encodeOne(step.value);
  };
  const out: Buffer[] = [];
  let bytes = 0;
  while (out.length < Math.max(0, batchSize)) {
    const encoded = pull();
    if (encoded === undefined) break;
    bytes += encoded.length;
    if (out.length > 0 && bytes > MAX_BATCH_BYTES) {
      stream.ahead = encoded;
      return new EncodedBatch(out);
    }
    out.push(encoded);
  }
  if (!stream.done && !stream.ahead) stream.ahead = pull();
  return new EncodedBatch(out);
}
