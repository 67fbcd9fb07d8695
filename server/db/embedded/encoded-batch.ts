import { BSON, type Document } from "bson";
import { valueSize } from "./bson-value-size";
import { withDoubles } from "./doubles";

/**
 * A cursor's batch, each document encoded to BSON exactly once. The batch is
 * cut by its size in bytes (a reply stays under 16 MB), and measuring a
 * document costs as much as encoding it: measuring with
 * `calculateObjectSize` and then encoding the whole reply walked every
 * document twice, the largest part of an export's time in the store. So the
 * bytes measured are the bytes sent: the reply around them is written by
 * {@link serializeReply}, which copies them in.
 */
export class EncodedBatch {
  constructor(
    /** Each document's BSON, with its whole-number doubles and longs kept as such. */
    readonly docs: readonly Buffer[],
  ) {}

  get length(): number {
    return this.docs.length;
  }
}

/** How a reply is encoded: `undefined` fields are left out, as drivers do. */
const SERIALIZE_OPTIONS = { ignoreUndefined: true } as const;

/** A document to send: its stored bytes as they are (stored-projection.ts), or an object encoded. */
export type Outgoing = Document | Buffer;

/** One document's BSON as a reply carries it. */
export function encodeOne(doc: Outgoing): Buffer {
  if (Buffer.isBuffer(doc)) return doc;
  const bytes = BSON.serialize(withDoubles(doc), SERIALIZE_OPTIONS);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * The next batch of `docs` from `from`: at most `limit` documents and, past
 * the first (which always goes, however large), at most `maxBytes` of BSON.
 */
export function encodeBatch(
  docs: readonly Outgoing[],
  from: number,
  limit: number,
  maxBytes: number,
): EncodedBatch {
  const out: Buffer[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && out.length < limit; i += 1) {
    const encoded = encodeOne(docs[i]!);
    bytes += encoded.length;
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(encoded);
  }
  return new EncodedBatch(out);
}

const DOCUMENT = 0x03;
/** An empty BSON array: where a batch goes, until its bytes are put in its place. */
const EMPTY_ARRAY_BYTES = 5;

function isPlainDocument(value: unknown): value is Document {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** A batch in a reply: the names that lead to it and the document that holds it. */
interface FoundBatch {
  path: string[];
  holder: Document;
  batch: EncodedBatch;
}

/** The batches a reply holds (replies nest one in `cursor`). */
function batchesIn(doc: Document, path: string[] = [], found: FoundBatch[] = []): FoundBatch[] {
  for (const name of Object.keys(doc)) {
    const value: unknown = doc[name];
    if (value instanceof EncodedBatch)
      found.push({ path: [...path, name], holder: doc, batch: value });
    else if (isPlainDocument(value)) batchesIn(value, [...path, name], found);
  }
  return found;
}

/** The batch's size as a BSON array: its documents under the keys "0", "1", ... */
function arraySize(batch: EncodedBatch): number {
  let size = 5;
  for (let i = 0; i < batch.docs.length; i += 1)
    size += 2 + String(i).length + batch.docs[i]!.length;
  return size;
}

/** Writes the batch as a BSON array at `at`, its documents' bytes copied in once. */
function writeArray(batch: EncodedBatch, size: number, out: Buffer, at: number): void {
  out.writeInt32LE(size, at);
  at += 4;
  for (let i = 0; i < batch.docs.length; i += 1) {
    out[at++] = DOCUMENT;
    at += out.write(String(i), at, "latin1");
    out[at++] = 0;
    at += batch.docs[i]!.copy(out, at);
  }
  out[at] = 0;
}

/**
 * Where, in the BSON `bytes` of a document, the value at `path` starts, and
 * where each document on the way to it starts (their lengths grow with it).
 */
function locate(bytes: Uint8Array, path: string[]): { at: number; enclosing: number[] } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const enclosing: number[] = [];
  let doc = 0;
  for (let depth = 0; depth < path.length; depth += 1) {
    enclosing.push(doc);
    const end = doc + view.readInt32LE(doc) - 1;
    let at = doc + 4;
    let found = -1;
    while (at < end) {
      const type = view[at]!;
      const nameEnd = view.indexOf(0, at + 1);
      const name = view.toString("utf8", at + 1, nameEnd);
      at = nameEnd + 1;
      if (name === path[depth]) {
        found = at;
        break;
      }
      at += valueSize(view, type, at);
    }
    if (found < 0) throw new Error(`reply has no ${path.slice(0, depth + 1).join(".")}`);
    doc = found;
  }
  return { at: doc, enclosing };
}

/**
 * A reply holding batches. The driver's serialiser encodes it whole with an
 * empty array in each batch's place (each batch is put back in the reply
 * right after); the batches' bytes are then written where those arrays are,
 * and the lengths of the documents around them grown to match. One call to
 * the serialiser and one buffer, whatever the shape of the reply.
 */
function encodeWithBatches(reply: Document, found: FoundBatch[], headroom: number): Buffer {
  const names = found.map((f) => f.path[f.path.length - 1]!);
  let bytes: Uint8Array;
  try {
    found.forEach((f, i) => (f.holder[names[i]!] = []));
    bytes = BSON.serialize(withDoubles(reply), SERIALIZE_OPTIONS);
  } finally {
    found.forEach((f, i) => (f.holder[names[i]!] = f.batch));
  }
  const splices = found
    .map((f) => {
      const { at, enclosing } = locate(bytes, f.path);
      return { at, enclosing, batch: f.batch, size: arraySize(f.batch) };
    })
    .sort((a, b) => a.at - b.at);
  const grown = splices.reduce((n, s) => n + s.size - EMPTY_ARRAY_BYTES, 0);
  const out = Buffer.allocUnsafe(headroom + bytes.length + grown);
  let from = 0;
  let to = headroom;
  for (const splice of splices) {
    out.set(bytes.subarray(from, splice.at), to);
    to += splice.at - from;
    writeArray(splice.batch, splice.size, out, to);
    to += splice.size;
    from = splice.at + EMPTY_ARRAY_BYTES;
  }
  out.set(bytes.subarray(from), to);
  // Each document's length grows by what was put inside it; a document starts
  // before what it holds, so at its offset moved by the splices before it.
  const moved = (offset: number) =>
    splices.reduce((n, s) => (s.at < offset ? n + s.size - EMPTY_ARRAY_BYTES : n), offset);
  const growth = new Map<number, number>();
  for (const splice of splices)
    for (const start of splice.enclosing)
      growth.set(start, (growth.get(start) ?? 0) + splice.size - EMPTY_ARRAY_BYTES);
  for (const [start, by] of growth) {
    const at = headroom + moved(start);
    out.writeInt32LE(out.readInt32LE(at) + by, at);
  }
  return out;
}

/**
 * A reply's BSON, after `headroom` bytes left for the caller to fill (the
 * message's header: one buffer per reply, the batch's bytes copied into it
 * once). A reply carrying a cursor batch is written around the batch's bytes
 * instead of encoding its documents again; any other goes to the driver's
 * serialiser whole.
 */
export function serializeReply(reply: Document, headroom = 0): Buffer {
  const found = batchesIn(reply);
  if (found.length > 0) return encodeWithBatches(reply, found, headroom);
  const bytes = BSON.serialize(withDoubles(reply), SERIALIZE_OPTIONS);
  const out = Buffer.allocUnsafe(headroom + bytes.length);
  out.set(bytes, headroom);
  return out;
}
